package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// The disk cache has three kinds of entries under <cache dir>/schema:
//
//   - <content key>.catalog: the gob of the Catalog built from sources
//     whose kinds, paths, file names and contents hash to the key (with
//     cacheFormat, the parser backend and the running binary's identity,
//     so a dblint with a different fold never reuses an entry).
//   - <location key>.index: for the sources as named on this machine, the
//     size, mtime, ctime and inode of each file and directory at the time
//     the content key was computed, and that key.
//   - <hash of location key and fingerprint>.trusted: the same index,
//     recorded by a caller that hashed the sources' contents itself
//     (Options.Trust, Options.RecordTrust); loads with that fingerprint
//     skip the stamp check.
//
// The index is what makes a warm load fast: reading 2,000 migration files
// to hash them costs tens of milliseconds; checking their stamps costs a
// few. A stamp that moved sends Load down the content path, which still
// finds the catalog when only stamps changed (a fresh checkout). Files
// touched less than racyWindow before the index would be written are not
// trusted by stamp (a write within the same clock tick might not move the
// mtime), so the index is written once they have settled.

// cacheFormat names the encoding of entries; change it whenever the
// entries' layout or meaning changes.
const cacheFormat = "dblint-schema-cache-v1"

// racyWindow is a variable for tests and benchmarks, which write files
// and load them within the same second.
var racyWindow = time.Second

// maxCatalogs bounds the number of catalog entries kept; past it the
// oldest are removed.
const maxCatalogs = 64

// stamp identifies a version of a file or directory without reading it.
type stamp struct {
	Size  int64
	Mtime int64 // ns
	Ctime int64 // ns, 0 where unavailable
	Ino   uint64
}

func (s stamp) racy(now time.Time) bool {
	limit := now.Add(-racyWindow).UnixNano()
	return s.Mtime >= limit || s.Ctime >= limit
}

type diskCache struct{ dir string }

// openCache returns the cache to use, or nil when it is off or there is
// nowhere to put it.
func openCache(opts Options) *diskCache {
	if opts.NoCache || strings.EqualFold(os.Getenv("DBLINT_CACHE"), "off") {
		return nil
	}
	base := opts.CacheDir
	if base == "" {
		base = os.Getenv("DBLINT_CACHE_DIR")
	}
	if base == "" {
		ucd, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		base = filepath.Join(ucd, "dblint")
	}
	return &diskCache{dir: filepath.Join(base, "schema")}
}

var binaryID = sync.OnceValue(func() string {
	// The running binary stands for the fold that built an entry: a
	// rebuilt dblint (or test binary) does not trust older entries.
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return exe + "\x00" + fi.ModTime().UTC().Format(time.RFC3339Nano) + "\x00" + itoa(fi.Size())
})

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// keyHash starts a hash of everything an entry depends on besides the
// sources.
func keyHash() *hashWriter {
	h := &hashWriter{h: sha256.New()}
	h.str(cacheFormat)
	h.str(pgsql.Backend)
	h.str(binaryID())
	return h
}

type hashWriter struct {
	h interface {
		Write([]byte) (int, error)
		Sum([]byte) []byte
	}
}

// str writes a length-prefixed string, so concatenations cannot collide.
func (h *hashWriter) str(s string) {
	h.h.Write(binary.AppendUvarint(nil, uint64(len(s))))
	h.h.Write([]byte(s))
}

func (h *hashWriter) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// contentKey hashes the ordered sources: kind, path, and each file's name
// and contents.
func contentKey(srcs []*source) string {
	h := keyHash()
	for _, s := range srcs {
		h.str(s.kind)
		h.str(filepath.Clean(s.path))
		var files []*srcFile
		if s.dir != nil {
			files = s.dir.files
		} else {
			files = []*srcFile{s.file}
		}
		h.str(itoa(int64(len(files))))
		for _, f := range files {
			h.str(f.name)
			h.str(f.data)
		}
	}
	return h.sum()
}

// locationKey hashes the sources as named from the working directory.
func locationKey(sources []string) string {
	h := keyHash()
	for _, p := range sources {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		h.str(p)
		h.str(abs)
	}
	return h.sum()
}

type cacheIndex struct {
	Format     string
	ContentKey string
	// Sources are the sources' paths, Stamps[i] that of Sources[i]; the
	// NumFiles[i] files of a directory follow in Names, with their stamps
	// in FileStamps (NumFiles[i] is -1 for a file source). Result.Files
	// is derived from them.
	Sources    []string
	Stamps     []stamp
	NumFiles   []int
	Names      []string
	FileStamps []stamp
}

// check reports whether no stamp moved.
func (idx *cacheIndex) check() bool {
	if len(idx.Sources) != len(idx.Stamps) || len(idx.Sources) != len(idx.NumFiles) || len(idx.Names) != len(idx.FileStamps) {
		return false
	}
	paths := make([]string, 0, len(idx.Sources)+len(idx.Names))
	stamps := make([]stamp, 0, cap(paths))
	n := 0
	for i, src := range idx.Sources {
		paths = append(paths, src)
		stamps = append(stamps, idx.Stamps[i])
		if idx.NumFiles[i] < 0 {
			continue
		}
		if n+idx.NumFiles[i] > len(idx.Names) {
			return false
		}
		for j := n; j < n+idx.NumFiles[i]; j++ {
			paths = append(paths, filepath.Join(src, idx.Names[j]))
			stamps = append(stamps, idx.FileStamps[j])
		}
		n += idx.NumFiles[i]
	}
	return stampsMatch(paths, stamps)
}

// files returns Result.Files.
func (idx *cacheIndex) files() []string {
	var out []string
	n := 0
	for i, src := range idx.Sources {
		if idx.NumFiles[i] < 0 {
			out = append(out, src)
			continue
		}
		// The names are entries of src: when src is clean, joining is
		// concatenation (filepath.Join cleans each of thousands of paths).
		prefix := filepath.Join(src, "x")
		prefix = prefix[:len(prefix)-1]
		for _, name := range idx.Names[n : n+idx.NumFiles[i]] {
			out = append(out, prefix+name)
		}
		n += idx.NumFiles[i]
	}
	return out
}

// fastPath returns the cached result when the index for these sources
// exists and no stamp moved, or nil.
func (c *diskCache) fastPath(sources []string) (*Result, *cacheIndex) {
	idx := c.readIndex(locationKey(sources) + ".index")
	if idx == nil {
		return nil, nil
	}
	// Decode the catalog while the stamps are checked: on two cores the
	// two halves take about as long as each other.
	cat := make(chan *sqlschema.Catalog, 1)
	go func() { cat <- c.loadCatalog(idx.ContentKey) }()
	counts.stamped.Add(1)
	ok := idx.check()
	got := <-cat
	if !ok || got == nil {
		return nil, nil
	}
	return &Result{Catalog: got, Files: idx.files(), Cached: true}, idx
}

func (c *diskCache) readIndex(name string) *cacheIndex {
	data, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil {
		return nil
	}
	var idx cacheIndex
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&idx) != nil || idx.Format != cacheFormat {
		return nil
	}
	return &idx
}

// trustedName names the entry for sources whose contents hash to trust
// (Options.Trust).
func trustedName(sources []string, trust string) string {
	h := keyHash()
	h.str(locationKey(sources))
	h.str(trust)
	return h.sum() + ".trusted"
}

// trustedIndex is a cacheIndex without the stamps, which a trusted load
// does not check (decoding them was a fifth of it).
type trustedIndex struct {
	Format     string
	ContentKey string
	Sources    []string
	NumFiles   []int
	Names      []string
}

// trustedPath returns the cached result recorded for these sources and
// fingerprint, without checking stamps, or nil.
func (c *diskCache) trustedPath(sources []string, trust string) *Result {
	data, err := os.ReadFile(filepath.Join(c.dir, trustedName(sources, trust)))
	if err != nil {
		return nil
	}
	var t trustedIndex
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&t) != nil || t.Format != cacheFormat || len(t.Sources) != len(t.NumFiles) {
		return nil
	}
	n := 0
	for _, k := range t.NumFiles {
		n += max(k, 0)
	}
	if n != len(t.Names) {
		return nil
	}
	cat := c.loadCatalog(t.ContentKey)
	if cat == nil {
		return nil
	}
	idx := cacheIndex{Sources: t.Sources, NumFiles: t.NumFiles, Names: t.Names}
	return &Result{Catalog: cat, Files: idx.files(), Cached: true}
}

func (c *diskCache) writeTrusted(sources []string, trust string, idx *cacheIndex) {
	t := trustedIndex{Format: idx.Format, ContentKey: idx.ContentKey, Sources: idx.Sources, NumFiles: idx.NumFiles, Names: idx.Names}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(&t) != nil {
		return
	}
	c.write(trustedName(sources, trust), buf.Bytes())
}

func stampsMatch(paths []string, stamps []stamp) bool {
	// A stat waits on the kernel more than it computes: more workers
	// than cores still help.
	workers := min(2*runtime.GOMAXPROCS(0), 8, (len(paths)+127)/128)
	if workers <= 1 {
		return stampRangeMatch(paths, stamps, 0, len(paths), 1)
	}
	var wg sync.WaitGroup
	results := make([]bool, workers)
	for w := range workers {
		wg.Go(func() { results[w] = stampRangeMatch(paths, stamps, w, len(paths), workers) })
	}
	wg.Wait()
	for _, ok := range results {
		if !ok {
			return false
		}
	}
	return true
}

func stampRangeMatch(paths []string, stamps []stamp, from, to, step int) bool {
	for i := from; i < to; i += step {
		st, err := statStamp(paths[i])
		if err != nil || st != stamps[i] {
			return false
		}
	}
	return true
}

// writeIndex records the stamps of the sources' files and directories,
// unless one of them is too recent to be trusted by stamp; and the entry
// for opts.Trust when opts.RecordTrust asks for it (the fingerprint
// covers contents, so recent files do not matter there).
func (c *diskCache) writeIndex(sources []string, srcs []*source, key string, opts Options) {
	now := time.Now()
	idx := cacheIndex{Format: cacheFormat, ContentKey: key}
	for _, s := range srcs {
		idx.Sources = append(idx.Sources, s.path)
		if s.dir != nil {
			idx.Stamps = append(idx.Stamps, s.dir.st)
			idx.NumFiles = append(idx.NumFiles, len(s.dir.files))
			for _, f := range s.dir.files {
				idx.Names = append(idx.Names, f.name)
				idx.FileStamps = append(idx.FileStamps, f.st)
			}
		} else {
			idx.Stamps = append(idx.Stamps, s.file.st)
			idx.NumFiles = append(idx.NumFiles, -1)
		}
	}
	if opts.RecordTrust && opts.Trust != "" {
		c.writeTrusted(sources, opts.Trust, &idx)
	}
	for _, st := range append(idx.Stamps, idx.FileStamps...) {
		if st.racy(now) {
			return
		}
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(&idx) != nil {
		return
	}
	c.write(locationKey(sources)+".index", buf.Bytes())
}

type catalogHeader struct{ Format string }

// loadCatalog returns the cached catalog for key, or nil when there is
// none or it does not decode (a corrupt entry is then rebuilt and
// rewritten by the caller).
func (c *diskCache) loadCatalog(key string) *sqlschema.Catalog {
	data, err := os.ReadFile(filepath.Join(c.dir, key+".catalog"))
	if err != nil {
		return nil
	}
	dec := gob.NewDecoder(bytes.NewReader(data))
	var h catalogHeader
	if dec.Decode(&h) != nil || h.Format != cacheFormat {
		return nil
	}
	cat := new(sqlschema.Catalog)
	if err := decodeCatalog(dec, cat); err != nil {
		return nil
	}
	fillMaps(cat)
	return cat
}

func decodeCatalog(dec *gob.Decoder, cat *sqlschema.Catalog) (err error) {
	defer func() {
		// gob is robust against bad input, but a cache entry must never
		// be able to crash a run.
		if r := recover(); r != nil {
			err = errCorrupt
		}
	}()
	return dec.Decode(cat)
}

var errCorrupt = &sqlschema.Error{Message: "corrupt cache entry"}

// fillMaps restores the empty maps gob leaves out, so the catalog is as
// ready for Apply as one built from scratch.
func fillMaps(c *sqlschema.Catalog) {
	if c.Schemas == nil {
		c.Schemas = map[string]*sqlschema.Schema{}
	}
	if c.Extensions == nil {
		c.Extensions = map[string]bool{}
	}
	for _, s := range c.Schemas {
		if s.Tables == nil {
			s.Tables = map[string]*sqlschema.Table{}
		}
		if s.Views == nil {
			s.Views = map[string]*sqlschema.View{}
		}
		if s.Enums == nil {
			s.Enums = map[string]*sqlschema.Enum{}
		}
		if s.Domains == nil {
			s.Domains = map[string]*sqlschema.Domain{}
		}
		if s.Dropped == nil {
			s.Dropped = map[string]*sqlschema.Tombstone{}
		}
		for _, t := range s.Tables {
			if t.DroppedColumns == nil {
				t.DroppedColumns = map[string]*sqlschema.Tombstone{}
			}
		}
	}
}

func (c *diskCache) storeCatalog(key string, cat *sqlschema.Catalog) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	if enc.Encode(catalogHeader{Format: cacheFormat}) != nil || enc.Encode(cat) != nil {
		return
	}
	c.write(key+".catalog", buf.Bytes())
	c.prune()
}

// write replaces the named entry atomically: readers see the old entry
// or the new one, never a part.
func (c *diskCache) write(name string, data []byte) {
	if os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(c.dir, name)) != nil {
		os.Remove(tmp.Name())
	}
}

// prune removes the oldest catalog entries past maxCatalogs, trusted
// entries of past runs, and temp files a crashed writer left behind.
func (c *diskCache) prune() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type aged struct {
		name string
		mod  time.Time
	}
	var cats []aged
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		switch {
		case strings.HasSuffix(e.Name(), ".catalog"):
			cats = append(cats, aged{e.Name(), info.ModTime()})
		case strings.HasSuffix(e.Name(), ".index") && time.Since(info.ModTime()) > 30*24*time.Hour:
			os.Remove(filepath.Join(c.dir, e.Name()))
		case strings.HasSuffix(e.Name(), ".trusted") && time.Since(info.ModTime()) > 24*time.Hour:
			// The CLI rewrites the entry of the current fingerprint on
			// every run; older fingerprints are of contents gone by.
			os.Remove(filepath.Join(c.dir, e.Name()))
		case strings.HasPrefix(e.Name(), ".tmp-") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
	if len(cats) <= maxCatalogs {
		return
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].mod.Before(cats[j].mod) })
	for _, a := range cats[:len(cats)-maxCatalogs] {
		os.Remove(filepath.Join(c.dir, a.name))
	}
}
