package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/txtar"
)

func TestLSPUTF16Column(t *testing.T) {
	lines := [][]byte{
		[]byte("abc"),
		[]byte("größe x"), // ö and ß: 2 bytes, 1 unit each
		[]byte("🙂 x"),     // 4 bytes, 2 units
		{0xff, 'x'},       // an invalid byte counts as one unit
	}
	tests := []struct {
		line, col, want int
	}{
		{1, 1, 0},
		{1, 3, 2},
		{1, 5, 4}, // past the end: the excess is kept
		{2, 9, 6}, // "größe " is 8 bytes, 6 units
		{3, 6, 3}, // "🙂 " is 5 bytes, 3 units
		{4, 2, 1}, // after the invalid byte
		{9, 4, 3}, // no such line: byte offset
		{1, 0, 0}, // no column
	}
	for _, tt := range tests {
		if got := lspUTF16Column(lines, tt.line, tt.col); got != tt.want {
			t.Errorf("lspUTF16Column(line %d, col %d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}

func TestLSPFraming(t *testing.T) {
	var buf bytes.Buffer
	for _, m := range []any{map[string]any{"a": 1}, map[string]any{"b": "größe"}} {
		if err := writeLSPMessage(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	// Header names are case-insensitive and other headers are allowed.
	buf.WriteString("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")
	r := bufio.NewReader(&buf)
	for _, want := range []string{`{"a":1}`, `{"b":"größe"}`, `{}`} {
		got, err := readLSPMessage(r)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if _, err := readLSPMessage(r); err != io.EOF {
		t.Errorf("at the end: got %v, want io.EOF", err)
	}
	if _, err := readLSPMessage(bufio.NewReader(strings.NewReader("Content-Length: x\r\n\r\n"))); err == nil {
		t.Error("bad Content-Length: no error")
	}
}

// TestLSPProtocol checks the lifecycle rules without running an analysis:
// requests before initialize, unknown methods, exit without shutdown.
func TestLSPProtocol(t *testing.T) {
	c := startInProcessLSP(t)
	c.request(1, "textDocument/hover", map[string]any{})
	if resp := c.response(1); resp.Error == nil || resp.Error.Code != rpcServerNotInitialized {
		t.Errorf("before initialize: got %+v, want error %d", resp, rpcServerNotInitialized)
	}
	c.request(2, "initialize", map[string]any{"capabilities": map[string]any{}})
	c.response(2)
	c.request(3, "textDocument/hover", map[string]any{})
	if resp := c.response(3); resp.Error == nil || resp.Error.Code != rpcMethodNotFound {
		t.Errorf("unknown method: got %+v, want error %d", resp, rpcMethodNotFound)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 3}) // ignored
	c.notify("exit", nil)
	if got := c.wait(); got != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", got)
	}
}

// TestLSPEndToEnd runs `dblint lsp` as a subprocess and drives it like an
// editor: open a file, receive its diagnostics (and those of a sibling
// file), fix and save, receive the cleared list, shut down.
func TestLSPEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	// TestMain put the test binary on PATH as "dblint"; the server runs
	// each analysis with os.Executable(), so that copy again.
	exe, err := exec.LookPath("dblint")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ar, err := txtar.ParseFile("testdata/lsp/shop.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	storeGo := filepath.Join(dir, "store", "store.go")
	nameGo := filepath.Join(dir, "store", "name.go")
	storeURI, nameURI := lspFileURI(storeGo), lspFileURI(nameGo)

	cmd := exec.Command(exe, "lsp")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DBLINT_CACHE_DIR="+filepath.Join(dir, ".cache"), "GOTOOLCHAIN=local")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := newLSPClient(t, stdin, stdout, func() int {
		err := cmd.Wait()
		if err != nil {
			t.Logf("dblint lsp stderr:\n%s", stderr.String())
		}
		return cmd.ProcessState.ExitCode()
	})
	t.Cleanup(func() { cmd.Process.Kill() })

	c.request(1, "initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": lspFileURI(dir), "capabilities": map[string]any{},
	})
	resp := c.response(1)
	var init struct {
		Capabilities struct {
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
				Save      any  `json:"save"`
			} `json:"textDocumentSync"`
		} `json:"capabilities"`
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	if err := json.Unmarshal(resp.Result, &init); err != nil {
		t.Fatalf("initialize result %s: %v", resp.Result, err)
	}
	if s := init.Capabilities.TextDocumentSync; !s.OpenClose || s.Change != 1 || s.Save == nil || init.ServerInfo.Name != "dblint" {
		t.Errorf("initialize result: %s", resp.Result)
	}
	c.notify("initialized", map[string]any{})

	src, err := os.ReadFile(storeGo)
	if err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": storeURI, "languageId": "go", "version": 1, "text": string(src),
	}})
	got := c.diagnostics(storeURI, nameURI)

	// The finding is on "emial", after "größe → 🙂" on the same line.
	lineNo, line := findLine(t, src, "emial")
	byteCol := strings.Index(line, "emial") + 1
	wantChar := len(utf16.Encode([]rune(line[:byteCol-1])))
	if wantChar != 57 || byteCol-1 == wantChar {
		t.Fatalf("fixture changed: UTF-16 offset %d, byte offset %d", wantChar, byteCol-1)
	}
	ds := got[storeURI]
	if len(ds) != 1 {
		t.Fatalf("store.go: got %d diagnostics, want 1: %+v", len(ds), ds)
	}
	d := ds[0]
	if d.Range.Start.Line != lineNo-1 || d.Range.Start.Character != wantChar {
		t.Errorf("store.go: diagnostic at %d:%d (0-based, UTF-16), want %d:%d", d.Range.Start.Line, d.Range.Start.Character, lineNo-1, wantChar)
	}
	if d.Code != "querycheck/unknown-column" || d.Source != "dblint" || d.Severity != 1 ||
		!strings.Contains(d.Message, `column "emial" does not exist`) ||
		d.CodeDescription == nil || !strings.Contains(d.CodeDescription.Href, "docs/rules.md#") {
		t.Errorf("store.go: diagnostic %+v", d)
	}
	if ds := got[nameURI]; len(ds) != 1 || ds[0].Code != "querycheck/unknown-column" {
		t.Errorf("name.go (not open): got %+v, want one querycheck/unknown-column", ds)
	}

	// A migration: linted on its own, merged with the package's findings
	// for the same file without duplicates.
	sqlPath := filepath.Join(dir, "migrations", "000002_email_idx.up.sql")
	sqlURI := lspFileURI(sqlPath)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": sqlURI, "languageId": "sql", "version": 1, "text": "",
	}})
	ds = c.diagnostics(sqlURI)[sqlURI]
	var codes []string
	for _, d := range ds {
		codes = append(codes, d.Code)
	}
	if want := "migrationsafety/create-index-not-concurrently migrationsafety/missing-lock-timeout"; strings.Join(codes, " ") != want {
		t.Errorf("migration: got codes %q, want %q", codes, want)
	}

	// Fix store.go and save: its list is cleared; name.go keeps its finding.
	if err := os.WriteFile(storeGo, bytes.ReplaceAll(src, []byte("emial"), []byte("email")), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": storeURI}})
	got = c.diagnostics(storeURI)
	if ds := got[storeURI]; ds == nil || len(ds) != 0 {
		t.Errorf("store.go after the fix: got %+v, want an empty list", ds)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": storeURI}})

	c.request(2, "shutdown", nil)
	if resp := c.response(2); resp.Error != nil || string(resp.Result) != "null" {
		t.Errorf("shutdown: got %+v", resp)
	}
	c.notify("exit", nil)
	if st := c.wait(); st != 0 {
		t.Errorf("exit after shutdown: status %d, want 0", st)
	}
}

func findLine(t *testing.T, src []byte, sub string) (int, string) {
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, sub) {
			return i + 1, l
		}
	}
	t.Fatalf("no line contains %q", sub)
	return 0, ""
}

// lspClient is a scripted LSP client: it writes requests and
// notifications and reads what the server sends on a goroutine.
type lspClient struct {
	t    *testing.T
	w    io.Writer
	msgs chan lspTestMessage
	wait func() int
}

type lspTestMessage struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

func newLSPClient(t *testing.T, w io.Writer, r io.Reader, wait func() int) *lspClient {
	c := &lspClient{t: t, w: w, msgs: make(chan lspTestMessage, 100), wait: wait}
	go func() {
		defer close(c.msgs)
		br := bufio.NewReader(r)
		for {
			body, err := readLSPMessage(br)
			if err != nil {
				return
			}
			var m lspTestMessage
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent invalid JSON %s: %v", body, err)
				return
			}
			c.msgs <- m
		}
	}()
	return c
}

// startInProcessLSP runs a server on pipes in this process, for protocol
// tests that run no analysis.
func startInProcessLSP(t *testing.T) *lspClient {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	s := newLSPServer(inR, outW, "/nonexistent/dblint")
	done := make(chan int, 1)
	go func() {
		st := s.serve()
		outW.Close()
		done <- st
	}()
	t.Cleanup(func() { inW.Close() })
	return newLSPClient(t, inW, outR, func() int {
		select {
		case st := <-done:
			return st
		case <-time.After(10 * time.Second):
			t.Fatal("server did not exit")
			return -1
		}
	})
}

func (c *lspClient) send(m map[string]any) {
	m["jsonrpc"] = "2.0"
	if err := writeLSPMessage(c.w, m); err != nil {
		c.t.Fatal(err)
	}
}

func (c *lspClient) request(id int, method string, params any) {
	c.send(map[string]any{"id": id, "method": method, "params": params})
}

func (c *lspClient) notify(method string, params any) {
	m := map[string]any{"method": method}
	if params != nil {
		m["params"] = params
	}
	c.send(m)
}

// next returns the next message from the server, failing the test after
// a generous timeout (an analysis runs go list and type-checks).
func (c *lspClient) next(what string) lspTestMessage {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatalf("waiting for %s: the server closed its output", what)
		}
		if m.Method == "window/showMessage" || m.Method == "window/logMessage" {
			c.t.Logf("server says: %s", m.Params)
		}
		return m
	case <-time.After(3 * time.Minute):
		c.t.Fatalf("timed out waiting for %s", what)
	}
	return lspTestMessage{}
}

func (c *lspClient) response(id int) lspTestMessage {
	c.t.Helper()
	for {
		m := c.next(fmt.Sprintf("the response to request %d", id))
		if m.Method == "" && string(m.ID) == fmt.Sprint(id) {
			return m
		}
	}
}

// diagnostics collects publishDiagnostics until every uri has been
// published at least once; the last list per URI wins.
func (c *lspClient) diagnostics(uris ...string) map[string][]lspDiagnostic {
	c.t.Helper()
	got := map[string][]lspDiagnostic{}
	missing := map[string]bool{}
	for _, u := range uris {
		missing[u] = true
	}
	for len(missing) > 0 {
		m := c.next(fmt.Sprintf("diagnostics for %v", uris))
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p lspPublishDiagnostics
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.Diagnostics == nil {
			c.t.Errorf("publishDiagnostics for %s: diagnostics is null, want a list", p.URI)
			p.Diagnostics = []lspDiagnostic{}
		}
		got[p.URI] = p.Diagnostics
		delete(missing, p.URI)
	}
	return got
}
