package load

import (
	"path/filepath"
	"testing"

	"github.com/dblint/dblint/internal/gencorpus"
)

// BenchmarkLoadCorpus loads the golang-migrate history of each generated
// corpus size (50, 500 and 2,000 migrations, with .down.sql files):
// "cold" parses and applies everything, "cached" is the warm disk-cache
// path a go vet -vettool process takes (stamps checked), "trusted" the
// one it takes under the dblint CLI (Options.Trust: no stamp checked). BenchmarkLoad2000Cold and
// BenchmarkLoad2000Cached (bench_test.go) are the same on a goose history.
func BenchmarkLoadCorpus(b *testing.B) {
	for _, size := range gencorpus.SizeNames {
		src := func(b *testing.B) []string {
			dir, _, err := gencorpus.Dir(gencorpus.BenchBase(), gencorpus.Options{Size: gencorpus.Sizes[size], Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			return []string{filepath.Join(dir, gencorpus.MigrationsDir)}
		}
		b.Run(size+"/cold", func(b *testing.B) {
			src := src(b)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Load(src, Options{NoCache: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(size+"/cached", func(b *testing.B) {
			noRacyWindow(b)
			// Build, then record the index.
			loadCachedLoop(b, src(b), Options{CacheDir: b.TempDir()}, Options{}, 2)
		})
		b.Run(size+"/trusted", func(b *testing.B) {
			dir := b.TempDir()
			loadCachedLoop(b, src(b), Options{CacheDir: dir, Trust: "bench", RecordTrust: true}, Options{CacheDir: dir, Trust: "bench"}, 1)
		})
	}
}

// loadCachedLoop loads src warmup times with the first options, then
// measures loads with the second (the first's when zero), which must come
// from the cache.
func loadCachedLoop(b *testing.B, src []string, warm, opts Options, warmup int) {
	if opts.CacheDir == "" {
		opts = warm
	}
	for range warmup {
		if _, err := Load(src, warm); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := Load(src, opts)
		if err != nil {
			b.Fatal(err)
		}
		if !res.Cached {
			b.Fatal("not cached")
		}
	}
}
