// Package e2e holds dblint's end-to-end tests of the places it runs
// besides its own CLI: golangci-lint with the dblint plugin compiled in
// (the golangci module), go vet -vettool, and pre-commit. Each test builds
// the real binaries and compares their findings on examples/shop with
// `dblint -format json`.
//
// A test that needs something missing (the module proxy for the
// golangci-lint build, the pre-commit command) skips, unless
// DBLINT_REQUIRE_E2E is set (.ci/run sets it): then it fails.
package e2e
