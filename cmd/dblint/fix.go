package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// fixPlan is the set of suggested fixes -fix applies and -diff prints:
// the first fix of each finding, taken in finding order, unless one of its
// edits overlaps an edit already taken in the same file (then the whole
// fix is skipped: half a fix is worse than none, and a second run, on the
// fixed file, can take it).
type fixPlan struct {
	files   map[string][]Edit // accepted edits per file, sorted by offset
	src     map[string][]byte
	applied map[int]bool // indexes of findings whose fix is in the plan
	skipped int          // fixes that overlap an accepted one
	invalid int          // fixes whose edits do not fit their file
}

func planFixes(fs []Finding) (*fixPlan, error) {
	p := &fixPlan{files: map[string][]Edit{}, src: map[string][]byte{}, applied: map[int]bool{}}
	for i, f := range fs {
		if len(f.SuggestedFixes) == 0 || len(f.SuggestedFixes[0].Edits) == 0 {
			continue
		}
		edits := f.SuggestedFixes[0].Edits
		ok, err := p.fits(edits)
		if err != nil {
			return nil, err
		}
		if !ok {
			p.invalid++
			continue
		}
		if p.conflicts(edits) {
			p.skipped++
			continue
		}
		for _, e := range edits {
			p.add(e)
		}
		p.applied[i] = true
	}
	for name, es := range p.files {
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].Offset != es[j].Offset {
				return es[i].Offset < es[j].Offset
			}
			return es[i].EndOffset < es[j].EndOffset
		})
		p.files[name] = es
	}
	return p, nil
}

// fits reports whether every edit lies within its file, and the edits of
// the fix do not overlap each other.
func (p *fixPlan) fits(edits []Edit) (bool, error) {
	for i, e := range edits {
		src, ok := p.src[e.File]
		if !ok {
			var err error
			if src, err = os.ReadFile(e.File); err != nil {
				return false, fmt.Errorf("fix: %w", err)
			}
			p.src[e.File] = src
		}
		if e.Offset < 0 || e.Offset > e.EndOffset || e.EndOffset > len(src) {
			return false, nil
		}
		for _, o := range edits[:i] {
			if o.File == e.File && overlaps(o, e) {
				return false, nil
			}
		}
	}
	return true, nil
}

// conflicts reports whether an edit overlaps one already in the plan.
func (p *fixPlan) conflicts(edits []Edit) bool {
	for _, e := range edits {
		for _, o := range p.files[e.File] {
			if overlaps(o, e) {
				return true
			}
		}
	}
	return false
}

func (p *fixPlan) add(e Edit) {
	for _, o := range p.files[e.File] {
		if same(o, e) {
			return // two findings with the same edit: apply it once
		}
	}
	p.files[e.File] = append(p.files[e.File], e)
}

func same(a, b Edit) bool {
	return a.Offset == b.Offset && a.EndOffset == b.EndOffset && a.NewText == b.NewText
}

// overlaps reports whether two edits of one file cannot both be applied:
// their ranges intersect, an insertion falls strictly inside the other's
// range, or both insert different text at one point (which order?).
// Identical edits do not conflict; touching ranges do not either.
func overlaps(a, b Edit) bool {
	if same(a, b) {
		return false
	}
	if a.Offset == a.EndOffset && b.Offset == b.EndOffset {
		return a.Offset == b.Offset
	}
	return a.Offset < b.EndOffset && b.Offset < a.EndOffset
}

// result returns the content of a file with the plan's edits applied.
func (p *fixPlan) result(name string) []byte {
	src := p.src[name]
	var b bytes.Buffer
	last := 0
	for _, e := range p.files[name] {
		b.Write(src[last:e.Offset])
		b.WriteString(e.NewText)
		last = e.EndOffset
	}
	b.Write(src[last:])
	return b.Bytes()
}

func (p *fixPlan) names() []string {
	var out []string
	for name := range p.files {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// apply writes the fixed files.
func (p *fixPlan) apply() error {
	for _, name := range p.names() {
		mode := os.FileMode(0o666)
		if fi, err := os.Stat(name); err == nil {
			mode = fi.Mode().Perm()
		}
		if err := os.WriteFile(name, p.result(name), mode); err != nil {
			return fmt.Errorf("fix: %w", err)
		}
	}
	return nil
}

// remaining returns the findings whose fix the plan does not apply.
func (p *fixPlan) remaining(fs []Finding) []Finding {
	var out []Finding
	for i, f := range fs {
		if !p.applied[i] {
			out = append(out, f)
		}
	}
	return out
}

// writeDiff prints the plan as unified diffs (a/ and b/ prefixes, as git
// and patch -p1 read them).
func (p *fixPlan) writeDiff(w io.Writer) error {
	for _, name := range p.names() {
		if _, err := io.WriteString(w, unifiedDiff(name, p.src[name], p.files[name])); err != nil {
			return err
		}
	}
	return nil
}

// diffContext is the number of unchanged lines around a change.
const diffContext = 3

// lineChange replaces the old lines [start, start+len(old)) by new.
type lineChange struct {
	start    int
	old, new []string
}

// unifiedDiff renders the edits (sorted, non-overlapping) of one file as a
// unified diff. It works from the edits rather than comparing two texts:
// the lines each group of edits touches are the changed lines, less the
// lines that come out unchanged at either end.
func unifiedDiff(name string, src []byte, edits []Edit) string {
	lines := splitLines(string(src))
	starts := make([]int, len(lines)+1)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int {
		if off == len(src) && off > 0 && src[off-1] != '\n' {
			return len(lines) - 1 // the end of a last line without a newline
		}
		return sort.Search(len(lines), func(i int) bool { return starts[i+1] > off })
	}
	var changes []lineChange
	for i := 0; i < len(edits); {
		first, last := lineOf(edits[i].Offset), lineOf(edits[i].EndOffset)
		j := i + 1
		for j < len(edits) && lineOf(edits[j].Offset) <= last {
			last = max(last, lineOf(edits[j].EndOffset))
			j++
		}
		end := min(last+1, len(lines))
		var nb strings.Builder
		at := starts[first]
		for _, e := range edits[i:j] {
			nb.Write(src[at:e.Offset])
			nb.WriteString(e.NewText)
			at = e.EndOffset
		}
		nb.Write(src[at:starts[end]])
		c := lineChange{start: first, old: lines[first:end], new: splitLines(nb.String())}
		for len(c.old) > 0 && len(c.new) > 0 && c.old[0] == c.new[0] {
			c.start++
			c.old, c.new = c.old[1:], c.new[1:]
		}
		for len(c.old) > 0 && len(c.new) > 0 && c.old[len(c.old)-1] == c.new[len(c.new)-1] {
			c.old, c.new = c.old[:len(c.old)-1], c.new[:len(c.new)-1]
		}
		if len(c.old) > 0 || len(c.new) > 0 {
			changes = append(changes, c)
		}
		i = j
	}
	if len(changes) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", name, name)
	delta := 0 // new line number minus old, before the current hunk
	for i := 0; i < len(changes); {
		j := i + 1
		for j < len(changes) && changes[j].start-(changes[j-1].start+len(changes[j-1].old)) <= 2*diffContext {
			j++
		}
		from := max(0, changes[i].start-diffContext)
		lastC := changes[j-1]
		to := min(len(lines), lastC.start+len(lastC.old)+diffContext)
		var body strings.Builder
		added, removed := 0, 0
		at := from
		for _, c := range changes[i:j] {
			writeLines(&body, " ", lines[at:c.start])
			writeLines(&body, "-", c.old)
			writeLines(&body, "+", c.new)
			removed += len(c.old)
			added += len(c.new)
			at = c.start + len(c.old)
		}
		writeLines(&body, " ", lines[at:to])
		oldCount := to - from
		newCount := oldCount - removed + added
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(from, oldCount), hunkRange(from+delta, newCount))
		b.WriteString(body.String())
		delta += added - removed
		i = j
	}
	return b.String()
}

// hunkRange formats a hunk's "start,count" (start is 0-based here); an
// empty range names the line before it, as diff does.
func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

func writeLines(b *strings.Builder, prefix string, lines []string) {
	for _, l := range lines {
		b.WriteString(prefix)
		b.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}
