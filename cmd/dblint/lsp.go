package main

// `dblint lsp`: a small language server over stdio, so editors that speak
// LSP show dblint's findings without golangci-lint (gopls cannot load
// third-party analyzers, golang/go#59869).
//
// The protocol is hand-rolled: JSON-RPC 2.0 messages framed by a
// Content-Length header, and only what a linter needs: initialize,
// initialized, textDocument/didOpen|didSave|didClose, shutdown, exit; the
// server sends textDocument/publishDiagnostics and window/showMessage.
//
// Opening or saving a .go file analyzes the package in its directory;
// a .sql file is linted as a migration (`dblint migrations`). The analysis
// runs as a subprocess of this same binary, `dblint -C <module root>
// -format json ./<dir>`, rather than in-process: the CLI driver owns the
// working directory, stdout and per-process analyzer flags, and a crash or
// a slow `go list` in one run cannot take the server down. Each run reads
// the module's dblint.yaml as the CLI does. Diagnostics describe the files
// on disk, so they refresh on save, not while typing (textDocumentSync
// change is Full only because clients expect a sync kind; changes are not
// analyzed).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

func runLSP(args []string) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
			fmt.Fprintln(os.Stdout, "usage: dblint lsp\n\nA language server over stdio: diagnostics for the package of each opened or saved file.")
			return 0
		}
		fmt.Fprintf(os.Stderr, "dblint lsp: unexpected argument %q; settings come from the module's dblint.yaml\n", args[0])
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint lsp: %v\n", err)
		return 2
	}
	s := newLSPServer(os.Stdin, os.Stdout, exe)
	return s.serve()
}

// JSON-RPC error codes used here.
const (
	rpcMethodNotFound       = -32601
	rpcInvalidRequest       = -32600
	rpcServerNotInitialized = -32002
)

type rpcMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// LSP types, only the fields used.
type (
	lspPosition struct {
		Line      int `json:"line"`
		Character int `json:"character"`
	}
	lspRange struct {
		Start lspPosition `json:"start"`
		End   lspPosition `json:"end"`
	}
	lspCodeDescription struct {
		Href string `json:"href"`
	}
	lspDiagnostic struct {
		Range           lspRange            `json:"range"`
		Severity        int                 `json:"severity"`
		Code            string              `json:"code"`
		CodeDescription *lspCodeDescription `json:"codeDescription,omitempty"`
		Source          string              `json:"source"`
		Message         string              `json:"message"`
	}
	lspPublishDiagnostics struct {
		URI         string          `json:"uri"`
		Diagnostics []lspDiagnostic `json:"diagnostics"`
	}
	lspTextDocumentParams struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
	}
)

// lspServer is one session. Messages are read on the serve goroutine;
// analyses run one at a time on a worker goroutine, in the order asked,
// with repeated requests for the same package coalesced.
type lspServer struct {
	in  *bufio.Reader
	out io.Writer
	exe string // the dblint binary that runs each analysis

	writeMu sync.Mutex

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	queue       []string        // job keys waiting to run
	queued      map[string]bool // keys in queue
	wake        chan struct{}
	uris        map[string]string                     // file path -> the URI the client used
	byJob       map[string]map[string][]lspDiagnostic // job -> file path -> diagnostics
	published   map[string]bool                       // file paths with a non-empty list published
	lastErr     string
	ctx         context.Context
	cancel      context.CancelFunc
	workerDone  chan struct{}
}

func newLSPServer(in io.Reader, out io.Writer, exe string) *lspServer {
	ctx, cancel := context.WithCancel(context.Background())
	return &lspServer{
		in: bufio.NewReader(in), out: out, exe: exe,
		queued: map[string]bool{}, wake: make(chan struct{}, 1),
		uris: map[string]string{}, byJob: map[string]map[string][]lspDiagnostic{},
		published: map[string]bool{},
		ctx:       ctx, cancel: cancel, workerDone: make(chan struct{}),
	}
}

// serve reads messages until exit or end of input and returns the exit
// status: 0 after shutdown then exit, 1 otherwise (as the LSP asks).
func (s *lspServer) serve() int {
	go s.worker()
	defer func() {
		s.cancel()
		<-s.workerDone
	}()
	for {
		body, err := readLSPMessage(s.in)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintf(os.Stderr, "dblint lsp: %v\n", err)
			}
			return 1
		}
		var msg rpcMessage
		if err := json.Unmarshal(body, &msg); err != nil {
			s.reply(json.RawMessage("null"), nil, &rpcError{Code: -32700, Message: "parse error: " + err.Error()})
			continue
		}
		if msg.Method == "exit" {
			s.mu.Lock()
			down := s.shutdown
			s.mu.Unlock()
			if down {
				return 0
			}
			return 1
		}
		s.handle(msg)
	}
}

func (s *lspServer) handle(msg rpcMessage) {
	isRequest := len(msg.ID) > 0
	s.mu.Lock()
	initialized, down := s.initialized, s.shutdown
	s.mu.Unlock()
	if isRequest && msg.Method != "initialize" && !initialized {
		s.reply(msg.ID, nil, &rpcError{Code: rpcServerNotInitialized, Message: "server not initialized"})
		return
	}
	if isRequest && down {
		s.reply(msg.ID, nil, &rpcError{Code: rpcInvalidRequest, Message: "server is shutting down"})
		return
	}
	switch msg.Method {
	case "initialize":
		s.mu.Lock()
		s.initialized = true
		s.mu.Unlock()
		s.reply(msg.ID, map[string]any{
			"capabilities": map[string]any{
				"textDocumentSync": map[string]any{
					"openClose": true,
					"change":    1, // Full
					"save":      map[string]any{"includeText": false},
				},
			},
			"serverInfo": map[string]any{"name": "dblint", "version": version()},
		}, nil)
	case "initialized":
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.reply(msg.ID, nil, nil)
	case "textDocument/didOpen", "textDocument/didSave":
		var p lspTextDocumentParams
		if err := json.Unmarshal(msg.Params, &p); err != nil {
			return
		}
		path, ok := lspURIPath(p.TextDocument.URI)
		if !ok {
			return
		}
		s.mu.Lock()
		s.uris[path] = p.TextDocument.URI
		s.mu.Unlock()
		if key := lspJobFor(path); key != "" {
			s.enqueue(key)
		}
	case "textDocument/didClose", "textDocument/didChange":
		// Diagnostics stay: they describe the file on disk, which closing
		// or typing does not change.
	default:
		if isRequest {
			s.reply(msg.ID, nil, &rpcError{Code: rpcMethodNotFound, Message: "method not found: " + msg.Method})
		}
	}
}

// lspJobFor names the analysis a file asks for: "pkg:<dir>" for Go files,
// "sql:<file>" for migrations; "" for anything else.
func lspJobFor(path string) string {
	switch filepath.Ext(path) {
	case ".go":
		return "pkg:" + filepath.Dir(path)
	case ".sql":
		return "sql:" + path
	}
	return ""
}

func (s *lspServer) enqueue(key string) {
	s.mu.Lock()
	if !s.queued[key] {
		s.queued[key] = true
		s.queue = append(s.queue, key)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *lspServer) worker() {
	defer close(s.workerDone)
	for {
		s.mu.Lock()
		var key string
		if len(s.queue) > 0 {
			key = s.queue[0]
			s.queue = s.queue[1:]
			delete(s.queued, key)
		}
		s.mu.Unlock()
		if key == "" {
			select {
			case <-s.wake:
				continue
			case <-s.ctx.Done():
				return
			}
		}
		findings, root, err := s.analyze(key)
		if s.ctx.Err() != nil {
			return
		}
		if err != nil {
			s.reportError(err)
			continue
		}
		s.update(key, root, findings)
	}
}

// analyze runs dblint on the job's package or migration file and returns
// its findings with paths relative to root.
func (s *lspServer) analyze(key string) ([]Finding, string, error) {
	kind, path, _ := strings.Cut(key, ":")
	dir := path
	if kind == "sql" {
		dir = filepath.Dir(path)
	}
	root := findModuleRoot(dir)
	if root == "" {
		root = dir
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return nil, "", err
	}
	rel = "./" + filepath.ToSlash(rel)
	var args []string
	if kind == "sql" {
		args = []string{"-C", root, "migrations", "-format", "json", rel}
	} else {
		args = []string{"-C", root, "-format", "json", rel}
	}
	cmd := exec.CommandContext(s.ctx, s.exe, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, root, fmt.Errorf("dblint %s: %s", rel, msg)
	}
	var findings []Finding
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		return nil, root, fmt.Errorf("dblint %s: reading JSON output: %w", rel, err)
	}
	return findings, root, nil
}

// reportError shows a failed analysis (a migration that does not apply, a
// package that does not load) once per distinct message, and logs it always.
func (s *lspServer) reportError(err error) {
	msg := err.Error()
	s.notify("window/logMessage", map[string]any{"type": 1, "message": msg})
	s.mu.Lock()
	repeated := msg == s.lastErr
	s.lastErr = msg
	s.mu.Unlock()
	if !repeated {
		s.notify("window/showMessage", map[string]any{"type": 1, "message": msg})
	}
}

// update records a job's findings and publishes every file whose union of
// diagnostics over all jobs may have changed, including files that no
// longer have any (an empty list clears them in the client).
func (s *lspServer) update(key, root string, findings []Finding) {
	next := map[string][]lspDiagnostic{}
	lines := map[string][][]byte{}
	for _, f := range findings {
		path := f.File
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		if _, ok := lines[path]; !ok {
			lines[path] = lspFileLines(path)
		}
		next[path] = append(next[path], toLSPDiagnostic(f, lines[path]))
	}
	s.mu.Lock()
	s.lastErr = ""
	touched := map[string]bool{}
	for p := range s.byJob[key] {
		touched[p] = true
	}
	for p := range next {
		touched[p] = true
	}
	s.byJob[key] = next
	paths := make([]string, 0, len(touched))
	for p := range touched {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var msgs []lspPublishDiagnostics
	for _, p := range paths {
		diags := s.unionLocked(p)
		if len(diags) == 0 && !s.published[p] {
			continue
		}
		s.published[p] = len(diags) > 0
		uri := s.uris[p]
		if uri == "" {
			uri = lspFileURI(p)
		}
		msgs = append(msgs, lspPublishDiagnostics{URI: uri, Diagnostics: diags})
	}
	s.mu.Unlock()
	for _, m := range msgs {
		s.notify("textDocument/publishDiagnostics", m)
	}
}

// unionLocked merges a file's diagnostics from every job (a migration's
// findings come both from the package that owns the migrations and from
// `dblint migrations` on the file), without duplicates, in position order.
func (s *lspServer) unionLocked(path string) []lspDiagnostic {
	out := []lspDiagnostic{}
	seen := map[string]bool{}
	keys := make([]string, 0, len(s.byJob))
	for k := range s.byJob {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, d := range s.byJob[k][path] {
			id := fmt.Sprintf("%d:%d:%s:%s", d.Range.Start.Line, d.Range.Start.Character, d.Code, d.Message)
			if !seen[id] {
				seen[id] = true
				out = append(out, d)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Range.Start, out[j].Range.Start
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Character < b.Character
	})
	return out
}

func toLSPDiagnostic(f Finding, lines [][]byte) lspDiagnostic {
	endLine, endCol := f.EndLine, f.EndColumn
	if endLine == 0 {
		endLine, endCol = f.Line, f.Column
	}
	d := lspDiagnostic{
		Range: lspRange{
			Start: lspPosition{Line: max(f.Line-1, 0), Character: lspUTF16Column(lines, f.Line, f.Column)},
			End:   lspPosition{Line: max(endLine-1, 0), Character: lspUTF16Column(lines, endLine, endCol)},
		},
		Severity: lspSeverity(f.Severity),
		Code:     f.Analyzer + "/" + f.Rule,
		Source:   "dblint",
		Message:  f.Message,
	}
	if f.Rule != "" {
		d.CodeDescription = &lspCodeDescription{Href: ruleURL(f.Analyzer, f.Rule)}
	}
	return d
}

// lspSeverity maps dblint severities to LSP DiagnosticSeverity.
func lspSeverity(s string) int {
	switch s {
	case "error":
		return 1
	case "warning":
		return 2
	case "info":
		return 3
	}
	return 2
}

// lspFileLines splits a file into lines (without their newlines); nil when
// it cannot be read.
func lspFileLines(path string) [][]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return bytes.Split(data, []byte("\n"))
}

// lspUTF16Column converts a 1-based byte column on a 1-based line into the
// 0-based UTF-16 code unit offset the LSP counts in. Without the line text
// it falls back to the byte offset.
func lspUTF16Column(lines [][]byte, line, col int) int {
	if col <= 1 {
		return 0
	}
	if line < 1 || line > len(lines) {
		return col - 1
	}
	text := lines[line-1]
	n := min(col-1, len(text))
	units := 0
	for i := 0; i < n; {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			units++ // an invalid byte: one unit, as editors show U+FFFD
			i++
			continue
		}
		units += utf16.RuneLen(r)
		i += size
	}
	return units + (col - 1 - n) // past the end of the line: keep the excess
}

// lspURIPath returns the file path of a file: URI.
func lspURIPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), true
}

func lspFileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// readLSPMessage reads one Content-Length framed message body.
func readLSPMessage(r *bufio.Reader) ([]byte, error) {
	tp := textproto.NewReader(r)
	hdr, err := tp.ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) && len(hdr) == 0 {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("reading header: %w", err)
	}
	n, err := strconv.Atoi(hdr.Get("Content-Length"))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", hdr.Get("Content-Length"))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

func writeLSPMessage(w io.Writer, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

func (s *lspServer) reply(id json.RawMessage, result any, rerr *rpcError) {
	msg := map[string]any{"jsonrpc": "2.0", "id": id}
	if rerr != nil {
		msg["error"] = rerr
	} else {
		msg["result"] = result // null for shutdown, as the spec asks
	}
	s.send(msg)
}

func (s *lspServer) notify(method string, params any) {
	s.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (s *lspServer) send(msg any) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := writeLSPMessage(s.out, msg); err != nil {
		fmt.Fprintf(os.Stderr, "dblint lsp: %v\n", err)
	}
}
