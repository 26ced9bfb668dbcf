package poolmisuse

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// graphs builds the control-flow graphs of one package's functions, with
// what it knows of calls that never return (os.Exit, log.Fatal, t.Fatal,
// panic, and this package's functions that end in one of them).
//
// It stands in for ctrlflow.Analyzer, which poolmisuse used to require:
// ctrlflow carries facts, so go vet and golangci-lint ran it, building a
// graph for every function, on every dependency of the module, the
// standard library included, before poolmisuse could see that a package
// holds no database resource. graphs is built only after that check, and
// only for the package at hand. What it gives up: a function of another
// package that never returns and is not in the table below (a project's
// own fatal helper) is taken to return, so a path through it can look
// like a leak; ending such a path with a return or a panic silences it.
type graphs struct {
	info  *types.Info
	decls map[*types.Func]*ast.FuncDecl
	// state per function declared here: 0 not built, 1 being built,
	// 2 returns, 3 never returns.
	state map[*types.Func]uint8
	built map[ast.Node]*cfg.CFG
}

func newGraphs(info *types.Info, files []*ast.File) *graphs {
	g := &graphs{
		info:  info,
		decls: make(map[*types.Func]*ast.FuncDecl),
		state: make(map[*types.Func]uint8),
		built: make(map[ast.Node]*cfg.CFG),
	}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					g.decls[fn] = fd
				}
			}
		}
	}
	return g
}

// funcDecl returns the graph of a function with a body.
func (g *graphs) funcDecl(fd *ast.FuncDecl) *cfg.CFG {
	if fn, ok := g.info.Defs[fd.Name].(*types.Func); ok {
		g.build(fn)
	}
	if c := g.built[fd]; c != nil {
		return c
	}
	c := cfg.New(fd.Body, g.mayReturn)
	g.built[fd] = c
	return c
}

// funcLit returns the graph of a function literal.
func (g *graphs) funcLit(lit *ast.FuncLit) *cfg.CFG {
	if c := g.built[lit]; c != nil {
		return c
	}
	c := cfg.New(lit.Body, g.mayReturn)
	g.built[lit] = c
	return c
}

// build builds the graph of a function declared in this package and
// records whether it can return. Recursion through calls is cut where it
// meets a function being built: that one is taken to return.
func (g *graphs) build(fn *types.Func) {
	fd := g.decls[fn]
	if fd == nil || g.state[fn] != 0 {
		return
	}
	g.state[fn] = 1
	c := cfg.New(fd.Body, g.mayReturn)
	g.built[fd] = c
	if c.NoReturn() {
		g.state[fn] = 3
	} else {
		g.state[fn] = 2
	}
}

// noReturn reports whether a call of fn never returns.
func (g *graphs) noReturn(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if _, ok := g.decls[fn]; ok {
		g.build(fn)
		return g.state[fn] == 3
	}
	return knownNoReturn(fn)
}

// mayReturn is the cfg builder's callback.
func (g *graphs) mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := g.info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return false
		}
	}
	return !g.noReturn(typeutil.StaticCallee(g.info, call))
}

// noReturnFuncs lists functions of other packages that never return, by
// package path and name; methods are "Type.Method". The standard
// library's are exact; the logging libraries' are the ones their
// documentation says exit or panic.
var noReturnFuncs = map[string]map[string]bool{
	"os":      {"Exit": true},
	"syscall": {"Exit": true},
	"runtime": {"Goexit": true},
	"log": {
		"Fatal": true, "Fatalf": true, "Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true,
		"Logger.Fatal": true, "Logger.Fatalf": true, "Logger.Fatalln": true,
		"Logger.Panic": true, "Logger.Panicf": true, "Logger.Panicln": true,
	},
	"testing": {
		"common.FailNow": true, "common.Fatal": true, "common.Fatalf": true,
		"common.SkipNow": true, "common.Skip": true, "common.Skipf": true,
	},
	"go.uber.org/zap": {
		"Logger.Fatal": true, "Logger.Panic": true,
		"SugaredLogger.Fatal": true, "SugaredLogger.Fatalf": true, "SugaredLogger.Fatalw": true, "SugaredLogger.Fatalln": true,
		"SugaredLogger.Panic": true, "SugaredLogger.Panicf": true, "SugaredLogger.Panicw": true, "SugaredLogger.Panicln": true,
	},
	"github.com/sirupsen/logrus": {
		"Fatal": true, "Fatalf": true, "Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true,
		"Logger.Exit": true, "Logger.Fatal": true, "Logger.Fatalf": true, "Logger.Fatalln": true,
		"Logger.Panic": true, "Logger.Panicf": true, "Logger.Panicln": true,
		"Entry.Fatal": true, "Entry.Fatalf": true, "Entry.Fatalln": true,
		"Entry.Panic": true, "Entry.Panicf": true, "Entry.Panicln": true,
	},
	"k8s.io/klog/v2": {
		"Exit": true, "ExitDepth": true, "Exitf": true, "Exitln": true,
		"Fatal": true, "FatalDepth": true, "Fatalf": true, "Fatalln": true,
	},
	"k8s.io/klog": {
		"Exit": true, "ExitDepth": true, "Exitf": true, "Exitln": true,
		"Fatal": true, "FatalDepth": true, "Fatalf": true, "Fatalln": true,
	},
}

func knownNoReturn(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	names := noReturnFuncs[fn.Pkg().Path()]
	if names == nil {
		return false
	}
	name := fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := t.(*types.Named)
		if !ok {
			return false
		}
		name = n.Obj().Name() + "." + name
	}
	return names[name]
}
