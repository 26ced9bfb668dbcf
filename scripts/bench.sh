#!/bin/sh
# Benchmarks dblint against go vet (and `dblint migrations` against
# squawk) on generated modules of three sizes; see docs/performance.md.
#
#   scripts/bench.sh                                  # small, medium, large; 5 runs each; scenario "edit"
#   scripts/bench.sh -sizes medium -runs 3 -scenario both
#   scripts/bench.sh -dblint /path/to/dblint -json results.json -note "quiet machine"
#
# Work files (corpora, the dblint binary, the schema cache, squawk) go to
# $DBLINT_BENCH_DIR, default /tmp/dblint-bench; generated corpora are
# reused between runs. Progress goes to stderr, the summary to stdout.
set -eu
cd "$(dirname "$0")/.."
exec go run ./scripts/bench "$@"
