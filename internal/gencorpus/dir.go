package gencorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Hash identifies the corpus's contents: equal hashes, equal files.
func (c *Corpus) Hash() string {
	names := make([]string, 0, len(c.Files))
	for n := range c.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%d:%s%d:", len(n), n, len(c.Files[n]))
		h.Write(c.Files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Dir returns a directory under base holding the corpus for opts, writing
// it first unless an earlier run did. The directory's name carries the
// contents' hash, so a changed generator never reuses a stale corpus, and
// it is written under a temporary name and renamed, so concurrent
// benchmarks never see half a corpus.
func Dir(base string, opts Options) (string, *Corpus, error) {
	c := Generate(opts)
	dir := filepath.Join(base, fmt.Sprintf("p%d-q%d-m%d-s%d-%s", c.Options.Packages, c.Options.Queries, c.Options.Migrations, c.Options.Seed, c.Hash()))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, c, nil
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp(base, "tmp-")
	if err != nil {
		return "", nil, err
	}
	if err := c.Write(tmp); err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr != nil {
			return "", nil, err
		}
	}
	return dir, c, nil
}

// BenchBase is where benchmarks keep generated corpora between runs:
// $DBLINT_BENCH_DIR/corpus, else dblint-bench/corpus under the user cache
// directory (else the temporary directory).
func BenchBase() string {
	if d := os.Getenv("DBLINT_BENCH_DIR"); d != "" {
		return filepath.Join(d, "corpus")
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "dblint-bench", "corpus")
	}
	return filepath.Join(os.TempDir(), "dblint-bench", "corpus")
}
