package report

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Suppression is one finding a //dblint:ignore directive hid: where the
// directive is (File as the token.File names it, Line as token.Position
// gives it), the id in its list that matched, and the finding's rule.
type Suppression struct {
	File           string
	Line           int
	ID             string
	Analyzer, Rule string
}

// The record of suppressions is process-wide because the CLI driver runs
// every analyzer (in parallel, one Reporter per pass) and then asks which
// directives were used, to report those that suppress nothing. Recording
// is off unless a driver turns it on, so go vet and golangci-lint, which
// never read it, pay nothing.
var (
	recording atomic.Bool
	recMu     sync.Mutex
	recorded  map[Suppression]bool
)

// StartRecording clears the record of suppressions and records from now on.
func StartRecording() {
	recMu.Lock()
	defer recMu.Unlock()
	recorded = map[Suppression]bool{}
	recording.Store(true)
}

// StopRecording stops recording; the record stays readable.
func StopRecording() { recording.Store(false) }

func record(s Suppression) {
	recMu.Lock()
	defer recMu.Unlock()
	if recorded != nil {
		recorded[s] = true
	}
}

// Suppressions returns the suppressions recorded since StartRecording,
// sorted by file, line, id, analyzer and rule.
func Suppressions() []Suppression {
	recMu.Lock()
	out := make([]Suppression, 0, len(recorded))
	for s := range recorded {
		out = append(out, s)
	}
	recMu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		return a.Rule < b.Rule
	})
	return out
}

// SuppressedCategory is the Category of the diagnostics that stand for a
// suppression when Config.ReportSuppressed is set (only the CLI sets it).
const SuppressedCategory = "dblint-suppressed"

func (s Suppression) encode() string {
	return strings.Join([]string{s.File, strconv.Itoa(s.Line), s.ID, s.Analyzer, s.Rule}, "\x00")
}

// DecodeSuppression reads the message of a SuppressedCategory diagnostic.
func DecodeSuppression(msg string) (Suppression, bool) {
	parts := strings.Split(msg, "\x00")
	if len(parts) != 5 {
		return Suppression{}, false
	}
	line, err := strconv.Atoi(parts[1])
	if err != nil {
		return Suppression{}, false
	}
	return Suppression{File: parts[0], Line: line, ID: parts[2], Analyzer: parts[3], Rule: parts[4]}, true
}
