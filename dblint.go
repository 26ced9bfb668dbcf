// Package dblint is the golangci-lint module plugin for dblint.
//
// In .custom-gcl.yml, add the module github.com/dblint/dblint; in
// .golangci.yml, enable the custom linter "dblint" with settings that use
// the dblint.yaml key names (schema, migrations, disable, pg-version, ...).
// Settings fill the same configuration as the CLI flags; unknown keys fail,
// naming the key.
package dblint

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/analyzers"
	"github.com/dblint/dblint/passes/dbconfig"
)

func init() {
	register.Plugin("dblint", New)
}

type plugin struct{}

// New is the plugin constructor golangci-lint calls with the linter's
// settings.
func New(conf any) (register.LinterPlugin, error) {
	raw, err := register.DecodeSettings[map[string]any](conf)
	if err != nil {
		return nil, fmt.Errorf("dblint settings: %w", err)
	}
	values := map[string]string{}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s, err := settingString(raw[k])
		if err != nil {
			return nil, fmt.Errorf("dblint setting %q: %w", k, err)
		}
		values[k] = s
	}
	if err := dbconfig.SetFlags(values); err != nil {
		return nil, err
	}
	return plugin{}, nil
}

// settingString renders a settings value as its flag form: lists are
// comma-separated.
func settingString(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			s, err := settingString(e)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("unsupported value %v (%T)", v, v)
}

func (plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return analyzers.All, nil }

func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
