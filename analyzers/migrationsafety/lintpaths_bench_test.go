package migrationsafety_test

import (
	"path/filepath"
	"testing"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/internal/gencorpus"
)

// BenchmarkLintPaths is `dblint migrations` on the golang-migrate history
// of each generated corpus (50, 500 and 2,000 migrations with their down
// scripts): the number to compare with squawk (scripts/bench).
func BenchmarkLintPaths(b *testing.B) {
	for _, size := range gencorpus.SizeNames {
		b.Run(size, func(b *testing.B) {
			dir, _, err := gencorpus.Dir(gencorpus.BenchBase(), gencorpus.Options{Size: gencorpus.Sizes[size], Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			paths := []string{filepath.Join(dir, gencorpus.MigrationsDir)}
			b.ResetTimer()
			var n int
			for b.Loop() {
				fs, err := migrationsafety.LintPaths(paths, migrationsafety.Options{PGVersion: 15})
				if err != nil {
					b.Fatal(err)
				}
				n = len(fs)
			}
			b.ReportMetric(float64(n), "findings")
		})
	}
}
