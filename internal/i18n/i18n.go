// Package i18n holds every sentence Mamori shows a person, one catalogue per
// language under locales/, and picks the language from the OS locale.
//
// The catalogues are flat JSON in the format of go-i18n, which Fyne's lang
// package also reads. They are rendered here by a small renderer of the
// template subset they use (message.go), so the resident agent links
// neither go-i18n nor text/template, and holds each sentence only as text. Adding a language is adding one file
// (and its plural rule in pluralForm).
package i18n

import (
	_ "embed" // the catalogues, as strings in the program's read-only data
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/mamori-project/mamori/internal/session"
)

// The catalogues are strings, not an embed.FS: a string in the program's
// read-only data can be indexed where it lies (Open), and an embed.FS
// would copy a file out on every read.
var (
	//go:embed locales/en.json
	catalogueEN string
	//go:embed locales/ja.json
	catalogueJA string
)

// sources are the embedded catalogues by language.
var sources = map[string]string{"en": catalogueEN, "ja": catalogueJA}

// Languages are the languages the catalogues cover, default first.
var Languages = []string{"en", "ja"}

// Catalog is the set of all catalogues. Messages are kept as their text
// and compiled when rendered: they are short and rendered seldom, and the
// resident agent would otherwise hold a parsed form of every sentence in
// every language. Load compiles each once, so a broken one is refused there.
//
// A text may have variants for the system it is shown on: "key@windows"
// or "key@gnome" beside "key" (see System). The plain key is the text for
// any other system, so it names no system's settings.
type Catalog struct {
	// lazy says a language's catalogue is indexed when first needed
	// (Open), not parsed (Load).
	lazy bool
	mu   sync.Mutex
	// msgs maps language -> key -> text; a plural form other than "other"
	// is stored under key + "#" + form, a variant under key + "@" + system.
	msgs map[string]map[string]string
	// index maps language -> key -> where its value lies in the embedded
	// catalogue (Open).
	index map[string]map[string]span
}

// System is the system a text is shown on: an OS as runtime.GOOS names it
// and, on Linux, the desktop family (session.Detect). The zero System
// picks no variant.
type System struct {
	OS      string
	Desktop session.Desktop
}

// Systems are the systems the catalogues may write variants for, by the
// name a key carries after "@": the desktops first, since a desktop's
// variant wins over its OS's.
var Systems = []string{"gnome", "kde", "xfce", "cinnamon", "mate", "linux", "windows", "darwin"}

// SystemOf is the system a session runs: goos (runtime.GOOS) and, on
// Linux, the desktop read from getenv.
func SystemOf(goos string, getenv func(string) string) System {
	sys := System{OS: goos}
	if goos == "linux" {
		sys.Desktop, _ = session.Detect(getenv)
	}
	return sys
}

// variants are the suffixes a key is looked up with on sys, most specific
// first, ending with the plain key.
func (sys System) variants() []string {
	var v []string
	if d := strings.ToLower(string(sys.Desktop)); d != "" && sys.OS == "linux" {
		v = append(v, "@"+d)
	}
	if sys.OS != "" {
		v = append(v, "@"+sys.OS)
	}
	return append(v, "")
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}}
	for _, lang := range Languages {
		msgs, err := parseCatalogue([]byte(sources[lang]))
		if err != nil {
			return nil, fmt.Errorf("loading catalogue locales/%s.json: %w", lang, err)
		}
		c.msgs[lang] = msgs
	}
	return c, nil
}

// load reads the catalogues from locales/<lang>.json in fsys.
func load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}}
	for _, lang := range Languages {
		name := path.Join("locales", lang+".json")
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			c.msgs[lang], err = parseCatalogue(data)
		}
		if err != nil {
			return nil, fmt.Errorf("loading catalogue %s: %w", name, err)
		}
	}
	return c, nil
}

// Open returns the embedded catalogues for the resident agent: each is
// indexed where it lies in the program's read-only data when a printer
// first looks a text up in it, and a text is decoded only when it is
// rendered. Parsed, a catalogue is some two thousand small strings that
// stay on the agent's heap for good, spread over the spans a sweep's
// garbage shares (bench/RESULTS.md); indexed, it is one map of offsets.
// A catalogue that cannot be indexed renders its keys as themselves, as a
// missing text does; its tests and Load refuse it.
func Open() *Catalog {
	return &Catalog{lazy: true, index: map[string]map[string]span{}}
}

// text returns key's text in lang, in form, or "other" where the text has
// no such form.
func (c *Catalog) text(lang, key, form string) (string, bool) {
	if !c.lazy {
		msgs := c.msgs[lang]
		if _, ok := msgs[key]; !ok {
			return "", false
		}
		if text, ok := msgs[key+"#"+form]; ok {
			return text, true
		}
		return msgs[key], true
	}
	c.mu.Lock()
	idx, ok := c.index[lang]
	if !ok {
		idx = indexCatalogue(sources[lang]) // nil where it cannot be read
		c.index[lang] = idx
	}
	c.mu.Unlock()
	at, ok := idx[key]
	if !ok {
		return "", false
	}
	return decodeText(sources[lang][at.start:at.end], form)
}

// language returns lang's texts as Load parsed them, or, for Open's
// catalogue, parsed now (for Keys, which the agent does not call).
func (c *Catalog) language(lang string) map[string]string {
	if !c.lazy {
		return c.msgs[lang]
	}
	msgs, _ := parseCatalogue([]byte(sources[lang]))
	return msgs
}

// parseCatalogue reads a flat JSON catalogue in go-i18n's format: key →
// text, or key → {"one": …, "other": …} for plural forms. Every text must
// compile.
func parseCatalogue(data []byte) (map[string]string, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(raw))
	for key, v := range raw {
		if strings.Contains(key, "#") {
			return nil, fmt.Errorf("%s: a key may not contain #", key)
		}
		if base, sys, ok := strings.Cut(key, "@"); ok && (base == "" || !slices.Contains(Systems, sys)) {
			return nil, fmt.Errorf("%s: a variant is for one of %s", key, strings.Join(Systems, ", "))
		}
		forms := map[string]string{}
		var one string
		if err := json.Unmarshal(v, &one); err == nil {
			forms["other"] = one
		} else if err := json.Unmarshal(v, &forms); err != nil {
			return nil, fmt.Errorf("%s: neither text nor plural forms", key)
		}
		if _, ok := forms["other"]; !ok {
			return nil, fmt.Errorf("%s: no \"other\" form", key)
		}
		for form, text := range forms {
			if form == "description" {
				continue
			}
			if _, err := compile(text); err != nil {
				return nil, fmt.Errorf("%s (%s): %w", key, form, err)
			}
			if form == "other" {
				out[key] = text
			} else {
				out[key+"#"+form] = text
			}
		}
	}
	return out, nil
}

// Keys returns the message IDs of one language's catalogue, sorted,
// variants ("key@windows") included.
func (c *Catalog) Keys(lang string) []string {
	var keys []string
	for k := range c.language(lang) {
		if !strings.Contains(k, "#") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Printer renders messages in one language, for one system.
type Printer struct {
	Lang   string
	System System
	c      *Catalog
}

// Printer returns a Printer for lang, falling back to English for any
// message the language lacks. It picks no system's variant: On does.
func (c *Catalog) Printer(lang string) *Printer {
	return &Printer{Lang: lang, c: c}
}

// On returns a printer like p that picks each text's variant for sys.
func (p *Printer) On(sys System) *Printer {
	q := *p
	q.System = sys
	return &q
}

// lookup finds key's text in form, in the printer's language, then in
// English: the variant for the printer's desktop, then its OS, then the
// plain key. A missing form falls back to "other".
func (p *Printer) lookup(key, form string) (string, bool) {
	for _, lang := range []string{p.Lang, "en"} {
		for _, v := range p.System.variants() {
			if text, ok := p.c.text(lang, key+v, form); ok {
				return text, true
			}
		}
	}
	return "", false
}

// Has reports whether key is in the catalogue (in this language or English).
func (p *Printer) Has(key string) bool {
	_, ok := p.lookup(key, "other")
	return ok
}

// T renders key with args. An integer arg named Count selects the plural
// form. A key missing from every catalogue renders as the key itself, so a
// gap shows up in review instead of as an empty line.
//
// A list argument ([]string) is joined as the language writes a list
// (List, with at most ListMax items named). An argument named for a
// language, Names@ja, stands in for Names when the printer's language is
// that one (langArgs).
func (p *Printer) T(key string, args map[string]any) string {
	args = p.dateArgs(p.listArgs(p.langArgs(args)))
	text, ok := p.lookup(key, pluralForm(p.Lang, args["Count"]))
	if !ok {
		return key
	}
	m, err := compile(text)
	if err != nil {
		return key // Load compiled it once already: not reached
	}
	var b strings.Builder
	m.render(&b, args)
	if b.Len() == 0 {
		return key
	}
	return b.String()
}

// pluralForm is the CLDR plural category of n in lang, for the languages
// the catalogues cover: Japanese has only "other"; English has "one" for
// the integer 1.
func pluralForm(lang string, n any) string {
	if lang == "ja" {
		return "other"
	}
	switch x := n.(type) {
	case int:
		if x == 1 {
			return "one"
		}
	case int64:
		if x == 1 {
			return "one"
		}
	}
	return "other"
}

// Detect returns the language to use from the locale variables, as getenv
// reports them: LANGUAGE's first entry, then LC_ALL, LC_MESSAGES and LANG;
// with none set (as on Windows), the system's display language. Anything
// that is not Japanese is English.
func Detect(getenv func(string) string) string {
	locale := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			locale = s
			break
		}
	}
	// GNU gettext ignores LANGUAGE when the locale is C.
	if first, _, _ := strings.Cut(getenv("LANGUAGE"), ":"); first != "" && !isC(locale) {
		locale = first
	}
	// Windows sets none of these: its display language decides.
	if locale == "" {
		if lang := systemLanguage(); lang != "" {
			return lang
		}
	}
	if strings.HasPrefix(strings.ToLower(locale), "ja") {
		return "ja"
	}
	return "en"
}

func isC(locale string) bool {
	base, _, _ := strings.Cut(locale, ".")
	return locale == "" || base == "C" || base == "POSIX"
}

// Normalize maps a user's choice ("ja", "ja_JP.UTF-8", "日本語", "auto", "")
// to a catalogue language, or "" for auto.
func Normalize(choice string) string {
	c := strings.ToLower(strings.TrimSpace(choice))
	switch {
	case c == "" || c == "auto":
		return ""
	case strings.HasPrefix(c, "ja") || c == "日本語":
		return "ja"
	case strings.HasPrefix(c, "en"):
		return "en"
	}
	return ""
}
