package i18n

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// TestRendersLikeGoI18n renders every message of every catalogue with
// go-i18n, the library whose format the catalogues follow and Fyne reads,
// and with Mamori's own renderer, over values that take each branch and
// plural form, and requires the same text.
func TestRendersLikeGoI18n(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	fields := map[string]bool{}
	plural := map[string]bool{} // lang + " " + key of messages with plural forms
	for _, lang := range Languages {
		data, err := []byte(sources[lang]), error(nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.ParseMessageFileBytes(data, lang+".json"); err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		json.Unmarshal(data, &raw)
		for k, v := range raw {
			_, plural[lang+" "+k] = v.(map[string]any)
		}
		for _, m := range regexp.MustCompile(`\{\{(?:if )?\.([A-Za-z0-9_]+)\}\}`).FindAllStringSubmatch(string(data), -1) {
			fields[m[1]] = true
		}
	}
	var argSets []map[string]any
	for _, count := range []int{0, 1, 2, 17} {
		for _, empty := range []bool{false, true} {
			args := map[string]any{}
			for f := range fields {
				args[f] = "v-" + f
				if empty {
					args[f] = ""
				}
			}
			args["Count"] = count
			argSets = append(argSets, args)
		}
	}
	argSets = append(argSets, nil)
	compared := 0
	for _, lang := range Languages {
		loc := goi18n.NewLocalizer(b, lang, "en")
		p := c.Printer(lang)
		for _, key := range c.Keys(lang) {
			for _, args := range argSets {
				cfg := &goi18n.LocalizeConfig{MessageID: key, TemplateData: args}
				// go-i18n refuses a count for a message without plural
				// forms (and Mamori's T used to print the bare key then);
				// the renderer uses the message's one form.
				if n, ok := args["Count"]; ok && plural[lang+" "+key] {
					cfg.PluralCount = n
				}
				want, err := loc.Localize(cfg)
				if err != nil || want == "" {
					want = key
				}
				if got := p.T(key, args); got != want {
					t.Errorf("%s %s %v:\n got %q\nwant %q", lang, key, args, got, want)
				}
				compared++
			}
		}
	}
	if compared < 1000 {
		t.Errorf("compared only %d renderings", compared)
	}
}

func TestCompileRefusesWhatItCannotRender(t *testing.T) {
	for _, src := range []string{
		"{{.A", "{{range .A}}x{{end}}", "{{if .A}}x", "x{{end}}", "{{else}}",
		"{{if .A}}{{if .B}}x{{end}}{{end}}", "{{.A | printf}}", "{{printf \"%d\" .A}}", "{{.A.B}}",
	} {
		if _, err := compile(src); err == nil {
			t.Errorf("compile(%q) accepted", src)
		}
	}
	m, err := compile("a {{.X}} {{if .Y}}y={{.Y}}{{else}}no y{{end}} b")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"X": 1, "Y": "z"}, "a 1 y=z b"},
		{map[string]any{"X": "<x>", "Y": ""}, "a <x> no y b"},
		{nil, "a <no value> no y b"},
	} {
		var b strings.Builder
		m.render(&b, tt.args)
		if b.String() != tt.want {
			t.Errorf("render(%v) = %q, want %q", tt.args, b.String(), tt.want)
		}
	}
}
