package i18n

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// glossary is glossary.json, the words translators follow.
type glossary struct {
	App struct {
		En, Ja string
		Avoid  []string
	}
	States struct {
		OK            map[string]string `json:"ok"`
		Warn          map[string]string `json:"warn"`
		Critical      map[string]string `json:"critical"`
		Unknown       map[string]string `json:"unknown"`
		NotApplicable map[string]string `json:"not-applicable"`
		Avoid         map[string][]string
	}
	Terms []struct {
		Idea  string
		Ja    string
		En    string
		Avoid map[string][]string
	}
	Ja struct {
		Forbid         []string
		PackagingAvoid []string `json:"packaging-avoid"`
		jaRules
	}
	Technical struct {
		Forbid []string
	}
	Systems struct {
		Names []struct {
			Name string
			On   []string
		}
		Only map[string]json.RawMessage
	}
}

// testSystems are the systems the catalogues write variants for
// (Systems), each as a session there is detected.
var testSystems = map[string]System{
	"gnome": {OS: "linux", Desktop: "GNOME"}, "kde": {OS: "linux", Desktop: "KDE"},
	"xfce": {OS: "linux", Desktop: "XFCE"}, "cinnamon": {OS: "linux", Desktop: "Cinnamon"},
	"mate": {OS: "linux", Desktop: "MATE"}, "linux": {OS: "linux"},
	"windows": {OS: "windows"}, "darwin": {OS: "darwin"},
}

// readGlossary reads glossary.json into v, the part of it a test uses.
func readGlossary(t *testing.T, v any) {
	t.Helper()
	data, err := os.ReadFile("glossary.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("glossary.json: %v", err)
	}
}

func loadGlossary(t *testing.T) glossary {
	t.Helper()
	var g glossary
	readGlossary(t, &g)
	if len(g.Terms) < 10 || len(g.Systems.Names) < 20 || g.App.Ja == "" {
		t.Fatalf("glossary.json read as %+v; is it complete?", g)
	}
	return g
}

// sampleArgs are values for every field the catalogues use, so that every
// text renders whole.
var sampleArgs = map[string]any{
	"Count": 2, "Minutes": 5, "Days": 3, "Seconds": 10,
	"Names": []string{"Example", "Sample", "Other", "Fourth"}, "Products": []string{"Example"}, "Browsers": []string{"Example", "Sample"}, "Browser": "Example",
	"Network": "Example", "Security": "Example", "Name": "Example", "Protection": "Example", "Ports": "Example", "Networks": "Example",
	"Program": "example", "System": "Example", "Desktop": "Example", "Date": "2025-01-01",
	"Checks": []string{"Example", "Sample"}, "Items": "Example", "Error": "example", "From": "a", "To": "b", "App": "Mamori", "Time": "12:00", "Version": "23H2",
}

// rendered is every text of lang as each system sees it: key → text, with
// variants picked for sys and never listed under their own key.
func rendered(c *Catalog, lang string, sys System) map[string]string {
	p := c.Printer(lang).On(sys)
	out := map[string]string{}
	for _, k := range c.Keys(lang) {
		if strings.Contains(k, "@") {
			continue
		}
		for _, n := range []int{1, 2} {
			args := map[string]any{}
			for a, v := range sampleArgs {
				args[a] = v
			}
			args["Count"] = n
			out[k] += p.T(k, args) + "\n"
		}
	}
	return out
}

// quoted removes what stands inside 「」 and “”: the names of settings and
// pages, quoted as the system's own windows spell them.
var quoted = regexp.MustCompile(`「[^」]*」|“[^”]*”|"[^"]*"`)

// trailingNote is what may follow a sentence's polite ending: a closing
// parenthesis, （「詳細」を参照）, or the list it announces, ：{{.Names}}.
var trailingNote = regexp.MustCompile(`（[^）]*）$|：[^：]*$`)

// actions removes {{…}}: what the renderer fills in is not the text's.
var actions = regexp.MustCompile(`\{\{[^}]*\}\}`)

func TestCataloguesFollowTheGlossary(t *testing.T) {
	g := loadGlossary(t)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]map[string]string{"ok": g.States.OK, "warn": g.States.Warn, "critical": g.States.Critical, "unknown": g.States.Unknown, "not-applicable": g.States.NotApplicable}
	for _, lang := range Languages {
		p := c.Printer(lang)
		t.Run(lang+"/states", func(t *testing.T) {
			for s, names := range states {
				if got := p.T("status."+s, nil); got != names[lang] {
					t.Errorf("status.%s is %q; the glossary names it %q", s, got, names[lang])
				}
			}
		})
		t.Run(lang+"/app", func(t *testing.T) {
			name := map[string]string{"en": g.App.En, "ja": g.App.Ja}[lang]
			if got := p.T("app.name", nil); got != name {
				t.Errorf("app.name is %q; the glossary names the app %q", got, name)
			}
		})
		t.Run(lang+"/words", func(t *testing.T) {
			var avoid []string
			avoid = append(avoid, g.States.Avoid[lang]...)
			if lang == "ja" {
				avoid = append(avoid, g.App.Avoid...)
				avoid = append(avoid, g.Ja.Forbid...)
			}
			for _, term := range g.Terms {
				avoid = append(avoid, term.Avoid[lang]...)
			}
			for _, k := range c.Keys(lang) {
				text := quoted.ReplaceAllString(c.msgs[lang][k], "")
				for _, w := range avoid {
					if strings.Contains(text, w) {
						t.Errorf("%s %s says %q; the glossary says not to: %s", lang, k, w, c.msgs[lang][k])
					}
				}
			}
		})
	}
	t.Run("ja/writing", func(t *testing.T) {
		halfWidth := regexp.MustCompile(`[(),?!:;]|\.\s|\.$`)
		counter := regexp.MustCompile(`(\d|\}\})\s+(件|分|秒|日|時間|個|回|種類|人|週間|か所|文字)`)
		plain := regexp.MustCompile(`(です|ます|ました|でした|ません|ください|ましょう|ませんでした|でしょう)[」）]?$`)
		for _, k := range c.Keys("ja") {
			for _, form := range []string{"", "#one"} {
				src, ok := c.msgs["ja"][k+form]
				if !ok {
					continue
				}
				text := actions.ReplaceAllString(src, "X")
				if m := halfWidth.FindString(quoted.ReplaceAllString(text, "")); m != "" {
					t.Errorf("ja %s has the half-width %q; use full-width punctuation (、。「」（）？！：): %s", k, m, src)
				}
				if m := counter.FindString(src); m != "" {
					t.Errorf("ja %s has a space before a counter (%q): %s", k, m, src)
				}
				if strings.Contains(src, ", ") || strings.Contains(src, "(+") {
					t.Errorf("ja %s joins a list with \", \" or \"(+n)\"; use 、 and ほかn件: %s", k, src)
				}
				if !sentence(k) {
					continue
				}
				for i := strings.Index(src, "→"); i >= 0; i = next(src, i) {
					if !strings.HasSuffix(src[:i], "」") || !strings.HasPrefix(src[i+len("→"):], "「") {
						t.Errorf("ja %s: a way through the settings is written 「A」→「B」, each step quoted, no space: %s", k, src)
						break
					}
				}
				for _, s := range strings.Split(strings.TrimSuffix(src, "。"), "。") {
					// A quoted label's own ： (「パスワードのファイル：…」)
					// does not start a trailing list.
					s = quoted.ReplaceAllString(s, "「」")
					s = strings.TrimSpace(trailingNote.ReplaceAllString(s, ""))
					if s != "" && !plain.MatchString(s) {
						t.Errorf("ja %s: %q does not end in です/ます", k, s)
					}
				}
			}
		}
	})
}

// next is the index of the next → in s after the one at i, or -1.
func next(s string, i int) int {
	j := strings.Index(s[i+len("→"):], "→")
	if j < 0 {
		return -1
	}
	return i + len("→") + j
}

// sentence reports whether the text of key is prose a person reads as
// sentences (a finding, an advice's why and fix, a habit's text), rather
// than a label, a title or a value.
func sentence(key string) bool {
	switch {
	case strings.HasPrefix(key, "finding."), strings.HasPrefix(key, "habits.") && strings.HasSuffix(key, ".text"):
		return true
	case strings.HasPrefix(key, "advice.") && (strings.Contains(key, ".why") || strings.Contains(key, ".fix")):
		return true
	}
	return false
}

// TestTextsFitTheirSystem renders every text on each system Mamori runs
// on and finds in it no other system's names, and in what a person is
// asked to read and follow (findings, advice, habits, notifications) no
// command, path, package or protocol name.
func TestTextsFitTheirSystem(t *testing.T) {
	g := loadGlossary(t)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for name, sys := range testSystems {
			t.Run(lang+"/"+name, func(t *testing.T) {
				for k, text := range rendered(c, lang, sys) {
					if only := shownOn(g, k); only != "" && only != sys.OS {
						continue
					}
					if strings.Contains(text, "<no value>") {
						t.Errorf("%s renders <no value>; sampleArgs lacks one of its fields: %s", k, text)
					}
					for _, n := range g.Systems.Names {
						if !contains(n.On, name) && strings.Contains(text, n.Name) {
							t.Errorf("on %s, %s names %q, which belongs to %v: %s", name, k, n.Name, n.On, text)
						}
					}
					if !asked(k) {
						continue
					}
					for _, w := range g.Technical.Forbid {
						if strings.Contains(text, w) {
							t.Errorf("on %s, %s asks the person to read %q; that belongs under Details: %s", name, k, w, text)
						}
					}
				}
			})
		}
	}
}

// shownOn is the OS on which a check shows key, or "" for every OS: a key
// with a segment named after a system ("advice.firewall.windows",
// "finding.os-updates.windows-off"), or one the glossary lists.
func shownOn(g glossary, key string) string {
	for _, seg := range strings.FieldsFunc(key, func(r rune) bool { return r == '.' || r == '-' }) {
		if seg == "windows" || seg == "darwin" {
			return seg
		}
	}
	for os, raw := range g.Systems.Only {
		var prefixes []string
		if json.Unmarshal(raw, &prefixes) != nil {
			continue // the note
		}
		for _, p := range prefixes {
			if strings.HasPrefix(key, p) {
				return os
			}
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// asked reports whether key is a text a person is asked to read and act
// on: a finding, an advice, a good habit or a notification.
func asked(key string) bool {
	for _, p := range []string{"finding.", "advice.", "habits.", "notify."} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// TestVariants: a key's variant is picked for its desktop, then its OS,
// then the plain key; a variant for a system no one knows is refused.
func TestVariants(t *testing.T) {
	cat := func(t *testing.T, en string) (*Catalog, error) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "locales"), 0o755)
		os.WriteFile(filepath.Join(dir, "locales", "en.json"), []byte(en), 0o644)
		os.WriteFile(filepath.Join(dir, "locales", "ja.json"), []byte(`{"k": "ja"}`), 0o644)
		return load(os.DirFS(dir))
	}
	c, err := cat(t, `{"k": "any", "k@linux": "linux", "k@gnome": "gnome", "k@windows": {"one": "one window", "other": "{{.Count}} windows"}}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sys  System
		n    int
		want string
	}{
		{System{}, 1, "any"},
		{System{OS: "darwin"}, 1, "any"},
		{System{OS: "linux"}, 1, "linux"},
		{System{OS: "linux", Desktop: "KDE"}, 1, "linux"},
		{System{OS: "linux", Desktop: "GNOME"}, 1, "gnome"},
		{System{OS: "windows", Desktop: "GNOME"}, 1, "one window"},
		{System{OS: "windows"}, 3, "3 windows"},
	} {
		if got := c.Printer("en").On(tt.sys).T("k", map[string]any{"Count": tt.n}); got != tt.want {
			t.Errorf("on %+v: %q, want %q", tt.sys, got, tt.want)
		}
	}
	// Japanese has only the plain key: its own text wins over English's variant.
	if got := c.Printer("ja").On(System{OS: "linux"}).T("k", nil); got != "ja" {
		t.Errorf("ja on linux: %q, want the Japanese text", got)
	}
	if _, err := cat(t, `{"k": "any", "k@gnom": "typo"}`); err == nil {
		t.Error("a variant for an unknown system was accepted")
	}
	if got := SystemOf("linux", func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}[k] }); got != (System{OS: "linux", Desktop: "GNOME"}) {
		t.Errorf("SystemOf(linux, ubuntu:GNOME) = %+v", got)
	}
	if got := SystemOf("windows", func(string) string { return "GNOME" }); got != (System{OS: "windows"}) {
		t.Errorf("SystemOf(windows) = %+v", got)
	}
}
