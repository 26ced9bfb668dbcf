package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/dblint/dblint/internal/report"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the
// properties dblint fills. Code scanning services (GitHub, GitLab, Azure
// DevOps) read it.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprint names dblint's partial fingerprint: the baseline key
	// (rule, file, message without line numbers) and its occurrence, so a
	// finding keeps its identity when lines shift.
	sarifFingerprint = "dblint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	// ColumnKind: Go columns count bytes; SARIF knows code points or UTF-16
	// units, so columns are converted to code points.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	FullDescription      *sarifMessage   `json:"fullDescription,omitempty"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifContent `json:"insertedContent,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s string) string {
	switch report.Severity(s) {
	case report.Error:
		return "error"
	case report.Info:
		return "note"
	default:
		return "warning"
	}
}

// writeSARIF writes the findings as one SARIF run whose driver lists every
// rule dblint has, so viewers can show a rule's help for any result.
func writeSARIF(w io.Writer, fs []Finding) error {
	log := buildSARIF(fs)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func buildSARIF(fs []Finding) *sarifLog {
	driver := sarifDriver{Name: "dblint", Version: version(), InformationURI: informationURI, Rules: []sarifRule{}}
	index := map[string]int{}
	summaries := map[string]string{}
	for _, f := range families() {
		summaries[f.Name] = docSummary(f)
	}
	for _, r := range allRules() {
		id := r.Analyzer + "/" + r.ID
		if _, dup := index[id]; dup {
			continue
		}
		index[id] = len(driver.Rules)
		rule := sarifRule{
			ID:                   id,
			Name:                 r.ID,
			ShortDescription:     sarifMessage{Text: r.Summary},
			HelpURI:              ruleURL(r.Analyzer, r.ID),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(string(r.Severity))},
			Properties:           map[string]any{"tags": []string{r.Analyzer}},
		}
		if s := summaries[r.Analyzer]; s != "" {
			rule.FullDescription = &sarifMessage{Text: s}
		}
		driver.Rules = append(driver.Rules, rule)
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	if wd, err := os.Getwd(); err == nil {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{sarifSrcRoot: {URI: fileURI(wd) + "/"}}
	}
	cols := newColumnMapper()
	seen := map[string]int{}
	for _, f := range fs {
		id := f.Analyzer + "/" + f.Rule
		res := sarifResult{
			RuleID:  id,
			Level:   sarifLevel(f.Severity),
			Message: sarifMessage{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: artifactLocation(f.File),
				Region:           cols.region(f.File, f.Line, f.Column, f.EndLine, f.EndColumn),
			}}},
		}
		if i, ok := index[id]; ok {
			res.RuleIndex = &i
		}
		key := baselineKeyOf(f, "")
		n := seen[key]
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
		res.PartialFingerprints = map[string]string{sarifFingerprint: hex.EncodeToString(sum[:16])}
		for _, sf := range f.SuggestedFixes {
			fix := sarifFix{Description: sarifMessage{Text: sf.Message}, ArtifactChanges: []sarifArtifactChange{}}
			byFile := map[string]int{}
			for _, e := range sf.Edits {
				i, ok := byFile[e.File]
				if !ok {
					i = len(fix.ArtifactChanges)
					byFile[e.File] = i
					fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifactLocation(e.File), Replacements: []sarifReplacement{}})
				}
				reg := cols.region(e.File, e.Line, e.Column, e.EndLine, e.EndColumn)
				if reg == nil {
					continue
				}
				rep := sarifReplacement{DeletedRegion: *reg}
				if e.NewText != "" {
					rep.InsertedContent = &sarifContent{Text: e.NewText}
				}
				fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, rep)
			}
			if len(fix.ArtifactChanges) > 0 {
				res.Fixes = append(res.Fixes, fix)
			}
		}
		run.Results = append(run.Results, res)
	}
	return &sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

// artifactLocation names a file relative to %SRCROOT% (the working
// directory) when it is below it, else by an absolute file URI.
func artifactLocation(name string) sarifArtifactLocation {
	if filepath.IsAbs(name) {
		return sarifArtifactLocation{URI: fileURI(name)}
	}
	u := url.URL{Path: filepath.ToSlash(name)}
	return sarifArtifactLocation{URI: u.EscapedPath(), URIBaseID: sarifSrcRoot}
}

// fileURI is the file: URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

// columnMapper converts Go's byte columns to code-point columns, reading
// each file once; a file it cannot read keeps byte columns.
type columnMapper struct {
	lines map[string][]string
}

func newColumnMapper() *columnMapper { return &columnMapper{lines: map[string][]string{}} }

func (m *columnMapper) region(file string, line, col, endLine, endCol int) *sarifRegion {
	if line <= 0 {
		return nil
	}
	r := &sarifRegion{StartLine: line, StartColumn: m.column(file, line, col)}
	if endLine > 0 {
		r.EndLine, r.EndColumn = endLine, m.column(file, endLine, endCol)
	}
	return r
}

func (m *columnMapper) column(file string, line, col int) int {
	if col <= 1 {
		return col
	}
	lines, ok := m.lines[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		m.lines[file] = lines
	}
	if line > len(lines) {
		return col
	}
	text := lines[line-1]
	if col-1 > len(text) {
		return col
	}
	return utf8.RuneCountInString(text[:col-1]) + 1
}
