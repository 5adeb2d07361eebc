package i18n

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestJapaneseSameButtonSameName: the notification's button that opens
// the status window at a finding is named as the window's own button for
// the same thing, so the person looks for the word they were shown.
func TestJapaneseSameButtonSameName(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		p := c.Printer(lang)
		if n, w := p.T("notify.action.details", nil), p.T("window.details", nil); n != w {
			t.Errorf("%s: the notification's button says %q, the window's %q", lang, n, w)
		}
		// The button that closes a message is named alike in the
		// welcome window and in Mamori's dialogs (the third ja review).
		if n, w := p.T("welcome.ok", nil), p.T("dialog.ok", nil); n != w {
			t.Errorf("%s: the welcome window's button says %q, a dialog's %q", lang, n, w)
		}
	}
}

// shortcutPlus is a plus sign in a catalogue text, with what stands on
// either side of it.
var shortcutPlus = regexp.MustCompile(`.?[+＋].?`)

// TestJapaneseShortcuts: a keyboard shortcut is written one way on every
// system, as glossary.json's ja.shortcuts says: the keys joined by a
// half-width + with no space (Windows キー+L, Super+L, Ctrl+Alt+L,
// Control+Command+Q), never a full-width ＋ on one system and + on
// another.
func TestJapaneseShortcuts(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for _, k := range c.Keys(lang) {
			for _, form := range []string{"", "#one"} {
				src := c.msgs[lang][k+form]
				for _, m := range shortcutPlus.FindAllString(src, -1) {
					if strings.Contains(m, "＋") || strings.Contains(m, " +") || strings.Contains(m, "+ ") {
						t.Errorf("%s %s writes a shortcut as %q; join its keys with + and no space: %s", lang, k, m, src)
					}
				}
			}
		}
	}
}

// countNeverZero is glossary.json's ja.count-never-zero.
type countNeverZero struct {
	Keys map[string]string
}

// zeroCount is a count of 0 before a Japanese counter: 0件, 0種類, 0分.
var zeroCount = regexp.MustCompile(`(^|[^0-9])0(件|種類|分|秒|日|時間|個|回|か所|人)`)

// TestJapaneseCountZero renders every key that takes a Count with Count=0
// and 1. A key the code can fill with 0 must read right at 0 (no 0件); a
// key the glossary says is never 0 must still be filled in the file it
// names, so the claim is read again when its caller moves.
func TestJapaneseCountZero(t *testing.T) {
	var g struct {
		Ja struct {
			CountNeverZero countNeverZero `json:"count-never-zero"`
		}
	}
	data, err := os.ReadFile("glossary.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	never := g.Ja.CountNeverZero.Keys
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	counted := map[string]bool{}
	for _, lang := range Languages {
		for _, k := range c.Keys(lang) {
			for _, form := range []string{"", "#one"} {
				if strings.Contains(c.msgs[lang][k+form], "{{.Count}}") || strings.Contains(c.msgs[lang][k+form], ".Count}}") {
					base, _, _ := strings.Cut(k, "@")
					counted[base] = true
				}
			}
		}
	}
	if len(counted) < 10 {
		t.Fatalf("only %d keys take a Count; is the catalogue read whole?", len(counted))
	}
	for k := range counted {
		t.Run(k, func(t *testing.T) {
			if where, ok := never[k]; ok {
				files, _, _ := strings.Cut(where, ":")
				dir := ""
				found := false
				for _, f := range strings.Split(files, ", ") {
					if d, _ := filepath.Split(f); d != "" {
						dir = d
					} else {
						f = dir + f
					}
					src, err := os.ReadFile(filepath.Join("..", "..", f))
					if err != nil {
						t.Fatalf("the glossary says %s fills %s: %v", f, k, err)
					}
					found = found || strings.Contains(string(src), `"`+k+`"`) || strings.Contains(string(src), `"`+strings.TrimPrefix(k, "list.")+`"`)
				}
				if !found {
					t.Errorf("the glossary says %s fills %s and keeps 0 out, but it does not name the key; read its caller again", files, k)
				}
				return
			}
			for name, sys := range jaSystems {
				p := c.Printer("ja").On(sys)
				for _, n := range []int{0, 1} {
					args := map[string]any{}
					for a, v := range sampleArgs {
						args[a] = v
					}
					args["Count"] = n
					if got := p.T(k, args); zeroCount.MatchString(got) || (n == 1 && strings.Contains(got, "<no value>")) {
						t.Errorf("on %s, ja %s with Count=%d: %s (give it a {{if .Count}} form, or list it in glossary.json ja.count-never-zero with the guard that keeps 0 out)", name, k, n, got)
					}
				}
			}
		})
	}
	for k := range never {
		if !counted[k] {
			t.Errorf("glossary.json ja.count-never-zero lists %s, which takes no Count", k)
		}
	}
}

// fields are the values a text is filled with: {{.Count}}, {{if .Network}}.
var fields = regexp.MustCompile(`\.[A-Z][A-Za-z]*`)

// fieldsOf is the set of fields every form of key uses in lang.
func fieldsOf(c *Catalog, lang, key string) map[string]bool {
	out := map[string]bool{}
	for _, form := range []string{"", "#one"} {
		for _, a := range actions.FindAllString(c.msgs[lang][key+form], -1) {
			for _, f := range fields.FindAllString(a, -1) {
				out[f] = true
			}
		}
	}
	return out
}

// TestJapaneseVariantsSayAlike: a key's system variants (key@windows,
// key@darwin, …) say the same thing about what the check could tell as
// the key itself. At least, each carries the same values: a variant that
// drops {{.Names}} or {{.Count}} tells less, one that adds a value tells
// something the plain text does not; and where glossary.json
// ja.variant-phrases names a phrase for a key, every variant says it.
func TestJapaneseVariantsSayAlike(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Ja struct {
			VariantPhrases map[string]json.RawMessage `json:"variant-phrases"`
		}
	}
	data, err := os.ReadFile("glossary.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Ja.VariantPhrases) < 5 {
		t.Fatalf("glossary.json ja.variant-phrases read as %v; is it there?", g.Ja.VariantPhrases)
	}
	for _, lang := range Languages {
		for _, k := range c.Keys(lang) {
			base, sys, ok := strings.Cut(k, "@")
			if !ok {
				continue
			}
			want, got := fieldsOf(c, lang, base), fieldsOf(c, lang, k)
			for f := range want {
				if !got[f] {
					t.Errorf("%s %s lacks %s, which %s says", lang, k, f, base)
				}
			}
			for f := range got {
				if !want[f] {
					t.Errorf("%s %s says %s, which %s does not", lang, k, f, base)
				}
			}
			if lang != "ja" {
				continue
			}
			var phrases []string
			if raw, ok := g.Ja.VariantPhrases[base]; ok {
				if err := json.Unmarshal(raw, &phrases); err != nil {
					t.Fatalf("glossary.json ja.variant-phrases %s: %v", base, err)
				}
			}
			for _, phrase := range phrases {
				if !strings.Contains(c.msgs[lang][base], phrase) {
					t.Errorf("ja %s does not say %q, the phrase glossary.json ja.variant-phrases wants of it and its variants", base, phrase)
				}
				if !strings.Contains(c.msgs[lang][k], phrase) {
					t.Errorf("ja %s (on %s) does not say %q as %s does", k, sys, phrase, base)
				}
			}
		}
	}
}

// quotedName is a name a text quotes as a screen shows it.
var quotedName = regexp.MustCompile(`「([^」]*)」`)

// TestJapaneseQuotedNames (the ja review's class 1): every name a text
// for one system quotes, 「…」 in a key@system variant or in a key only
// that system shows, is on glossary.json's list for that system: checked,
// where the system's sources text says where it was read (the test finds
// the name there as a whole item), or marked unchecked. Mamori's own
// labels are found in its catalogue. A name on no list, or a checked name
// no source names, fails.
func TestJapaneseQuotedNames(t *testing.T) {
	var g struct {
		Systems struct {
			Sources map[string]string
			Quoted  struct {
				Mamori    []string
				NotNames  []string `json:"not-names"`
				Checked   map[string][]string
				Unchecked map[string][]string
			}
			Only map[string]json.RawMessage
		}
	}
	readGlossary(t, &g)
	q := g.Systems.Quoted
	if len(q.Checked) == 0 || len(q.Mamori) == 0 {
		t.Fatalf("glossary.json systems.quoted read as %+v; is it there?", q)
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var full glossary
	full.Systems.Only = g.Systems.Only
	used := map[string]bool{}
	for _, k := range c.Keys("ja") {
		base, sys, ok := strings.Cut(k, "@")
		if !ok {
			sys = shownOn(full, base)
		}
		if sys == "" {
			continue
		}
		for _, form := range []string{"", "#one"} {
			for _, m := range quotedName.FindAllStringSubmatch(c.msgs["ja"][k+form], -1) {
				name := m[1]
				if !hasLetter(name) {
					// A symbol such as ^ is not a screen's name: a glossary
					// cannot check it, and a reader cannot tell what it is.
					t.Errorf("ja %s quotes 「%s」, a symbol, not a name: say what it looks like in words instead", k, name)
					continue
				}
				switch {
				case contains(q.Mamori, name), contains(q.NotNames, name):
				case contains(q.Checked[sys], name), contains(q.Unchecked[sys], name):
					used[sys+"/"+name] = true
				default:
					t.Errorf("ja %s quotes 「%s」, which glossary.json systems.quoted lists neither as checked nor as unchecked on %s", k, name, sys)
				}
			}
		}
	}
	for sys, names := range q.Checked {
		for _, name := range names {
			if !namedAsRead(g.Systems.Sources[sys], name) {
				t.Errorf("glossary.json says 「%s」 was checked on %s, but systems.sources.%s does not name it as read (a sentence that says unchecked does not count)", name, sys, sys)
			}
		}
	}
	for _, lists := range []map[string][]string{q.Checked, q.Unchecked} {
		for sys, names := range lists {
			for _, name := range names {
				if !used[sys+"/"+name] {
					t.Errorf("glossary.json systems.quoted lists 「%s」 on %s, which no text there quotes", name, sys)
				}
			}
		}
	}
	for _, name := range q.Mamori {
		found := false
		for _, k := range c.Keys("ja") {
			found = found || strings.HasPrefix(c.msgs["ja"][k], name) && !sentence(k)
		}
		if !found {
			t.Errorf("「%s」 is listed as Mamori's own label, but no label in ja.json reads so", name)
		}
	}
}

// hasLetter reports whether s holds a letter of any script: a name does,
// a lone symbol (^, …) does not.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// namedAsRead reports whether a sources text names name as read: in a
// sentence (or a part between semicolons) that does not call anything
// unchecked, so that a list of what was not checked cannot vouch for a
// name.
func namedAsRead(text, name string) bool {
	for _, sentence := range strings.Split(text, ". ") {
		for _, part := range strings.Split(sentence, "; ") {
			if !strings.Contains(strings.ToLower(part), "unchecked") && namedIn(part, name) {
				return true
			}
		}
	}
	return false
}

// namedIn reports whether text names name as a whole item of its lists:
// not inside a longer name (電源 in 電源接続時).
func namedIn(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		before, after := text[:i+j], text[i+j+len(name):]
		if (before == "" || strings.ContainsAny(before[len(before)-1:], " ,:;(")) &&
			(after == "" || strings.ContainsAny(after[:1], " ,.;:()")) {
			return true
		}
		i += j + len(name)
	}
}
