package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// A baseline records the findings a project has accepted for now, so CI
// can fail on new ones only. Entries match findings by analyzer/rule, file
// and message with line numbers taken out, so they survive code moving up
// or down; a finding that repeats in a file is matched as many times as
// the baseline counts it, so one more of the same shows up.

const baselineVersion = 1

type baselineFile struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Analyzer string `json:"analyzer"`
	Rule     string `json:"rule"`
	// File is relative to the baseline file's directory, with forward
	// slashes, so the baseline works from any working directory and OS.
	File    string `json:"file"`
	Message string `json:"message"`
	// Count is how many such findings the file has, when more than one.
	Count int `json:"count,omitempty"`
}

// baseline is a loaded baseline: how many findings of each key it hides.
type baseline struct {
	dir    string
	counts map[string]int
}

var (
	lineRefRE = regexp.MustCompile(`\b([Ll]ines?) \d+(\s*(?:-|,|and)\s*\d+)*`)
	colonNums = regexp.MustCompile(`:\d+`)
)

// normalizeMessage takes line references out of a message ("line 42",
// "lines 3-5", "file.sql:8:3") and collapses white space.
func normalizeMessage(msg string) string {
	msg = lineRefRE.ReplaceAllString(msg, "$1 N")
	msg = colonNums.ReplaceAllString(msg, ":N")
	return strings.Join(strings.Fields(msg), " ")
}

// baselinePath returns a finding's file relative to dir (slash-separated);
// with dir "", the file as the finding names it.
func baselinePath(file, dir string) string {
	if dir != "" {
		if abs, err := filepath.Abs(file); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				file = rel
			} else {
				file = abs
			}
		}
	}
	return filepath.ToSlash(file)
}

func baselineKey(analyzer, rule, file, msg string) string {
	return analyzer + "/" + rule + "\x00" + file + "\x00" + normalizeMessage(msg)
}

// baselineKeyOf is the key of a finding, its file relative to dir.
func baselineKeyOf(f Finding, dir string) string {
	return baselineKey(f.Analyzer, f.Rule, baselinePath(f.File, dir), f.Message)
}

func baselineDir(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	return filepath.Dir(abs), nil
}

func readBaselineFile(name string) (*baseline, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s does not exist; create it with -write-baseline %s", name, name)
	}
	if err != nil {
		return nil, err
	}
	var bf baselineFile
	if err := json.Unmarshal(data, &bf); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	if bf.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d; write it again with -write-baseline", name, bf.Version, baselineVersion)
	}
	dir, err := baselineDir(name)
	if err != nil {
		return nil, err
	}
	b := &baseline{dir: dir, counts: map[string]int{}}
	for _, e := range bf.Findings {
		b.counts[baselineKey(e.Analyzer, e.Rule, e.File, e.Message)] += max(e.Count, 1)
	}
	return b, nil
}

// filter returns the findings the baseline does not hold and how many it
// hid. Findings come sorted by position, so of several with one key the
// first ones are taken as the old ones.
func (b *baseline) filter(fs []Finding) (kept []Finding, hidden int) {
	left := make(map[string]int, len(b.counts))
	for k, n := range b.counts {
		left[k] = n
	}
	for _, f := range fs {
		k := baselineKeyOf(f, b.dir)
		if left[k] > 0 {
			left[k]--
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}

func writeBaselineFile(name string, fs []Finding) error {
	dir, err := baselineDir(name)
	if err != nil {
		return err
	}
	index := map[string]int{}
	bf := baselineFile{Version: baselineVersion, Tool: "dblint", Findings: []baselineEntry{}}
	for _, f := range fs {
		e := baselineEntry{Analyzer: f.Analyzer, Rule: f.Rule, File: baselinePath(f.File, dir), Message: f.Message}
		k := baselineKey(e.Analyzer, e.Rule, e.File, e.Message)
		if i, ok := index[k]; ok {
			bf.Findings[i].Count = max(bf.Findings[i].Count, 1) + 1
			continue
		}
		index[k] = len(bf.Findings)
		bf.Findings = append(bf.Findings, e)
	}
	sort.SliceStable(bf.Findings, func(i, j int) bool {
		a, b := bf.Findings[i], bf.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(bf); err != nil {
		return err
	}
	return os.WriteFile(name, buf.Bytes(), 0o666)
}
