package i18n

import (
	"strings"
	"testing"
)

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"a {{.X}} {{if .Y}}y{{else}}n{{end}}", "{{if .A}}", "{{.A", "}}{{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m, err := compile(src)
		if err != nil {
			return
		}
		var b strings.Builder
		m.render(&b, map[string]any{"X": 1, "Y": "y", "A": ""})
	})
}
