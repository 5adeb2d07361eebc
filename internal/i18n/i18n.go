// Package i18n holds every sentence Mamori shows a person, one catalogue per
// language under locales/, and picks the language from the OS locale.
//
// The catalogues are flat JSON in the format of go-i18n, which Fyne's lang
// package also reads, so the windows can load the same files. Adding a
// language is adding one file.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var locales embed.FS

// Languages are the languages the catalogues cover, default first.
var Languages = []string{"en", "ja"}

// Catalog is the set of all catalogues.
type Catalog struct {
	bundle *goi18n.Bundle
	keys   map[string][]string // language -> keys, for completeness tests
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) {
	return load(locales)
}

func load(fsys fs.FS) (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, keys: make(map[string][]string)}
	for _, lang := range Languages {
		name := path.Join("locales", lang+".json")
		mf, err := b.LoadMessageFileFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("loading catalogue %s: %w", name, err)
		}
		for _, m := range mf.Messages {
			c.keys[lang] = append(c.keys[lang], m.ID)
		}
		sort.Strings(c.keys[lang])
	}
	return c, nil
}

// Keys returns the message IDs of one language's catalogue, sorted.
func (c *Catalog) Keys(lang string) []string { return c.keys[lang] }

// Printer renders messages in one language.
type Printer struct {
	Lang string
	loc  *goi18n.Localizer
}

// Printer returns a Printer for lang, falling back to English for any
// message the language lacks.
func (c *Catalog) Printer(lang string) *Printer {
	return &Printer{Lang: lang, loc: goi18n.NewLocalizer(c.bundle, lang, "en")}
}

// Has reports whether key is in the catalogue (in this language or English).
func (p *Printer) Has(key string) bool {
	_, err := p.loc.Localize(&goi18n.LocalizeConfig{MessageID: key})
	return err == nil
}

// T renders key with args. An integer arg named Count selects the plural
// form. A key missing from every catalogue renders as the key itself, so a
// gap shows up in review instead of as an empty line.
func (p *Printer) T(key string, args map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: key, TemplateData: args}
	if n, ok := args["Count"]; ok {
		cfg.PluralCount = n
	}
	s, err := p.loc.Localize(cfg)
	if err != nil || s == "" {
		return key
	}
	return s
}

// Detect returns the language to use from the locale variables, as getenv
// reports them: LANGUAGE's first entry, then LC_ALL, LC_MESSAGES and LANG.
// Anything that is not Japanese is English.
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
