package i18n

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// jaRules is the part of glossary.json's "ja" that the tests below hold
// the Japanese texts to.
type jaRules struct {
	Titles struct {
		Allowed []string
	}
	SentenceMax struct {
		Runes     int
		QuotedAs  int `json:"quoted-as"`
		Exception []string
	} `json:"sentence-max"`
	Certainty []string
	ZeroNever []string `json:"zero-never"`
}

func loadJaRules(t *testing.T) jaRules {
	t.Helper()
	r := loadGlossary(t).Ja.jaRules
	if len(r.Titles.Allowed) == 0 || r.SentenceMax.Runes == 0 || len(r.Certainty) == 0 {
		t.Fatalf("glossary.json's ja rules read as %+v; is it complete?", r)
	}
	return r
}

// jaSystems are the systems the Japanese texts are rendered for.
var jaSystems = map[string]System{
	"gnome": {OS: "linux", Desktop: "GNOME"}, "kde": {OS: "linux", Desktop: "KDE"},
	"xfce": {OS: "linux", Desktop: "XFCE"}, "cinnamon": {OS: "linux", Desktop: "Cinnamon"},
	"mate": {OS: "linux", Desktop: "MATE"}, "linux": {OS: "linux"},
	"windows": {OS: "windows"}, "darwin": {OS: "darwin"},
}

// plainVerb is a title's last word when it is a verb in its plain form
// (止める, 残す, 使った): the glossary wants a noun or 〜しましょう.
var plainVerb = regexp.MustCompile(`[うくぐすつぬぶむるただ]$`)

// TestJapaneseTitles: an advice's or a habit's title ends in a noun, in
// 〜しましょう, or in one of the endings glossary.json allows (with its
// reason there), never in a plain verb.
func TestJapaneseTitles(t *testing.T) {
	r := loadJaRules(t)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Keys("ja") {
		base, _, _ := strings.Cut(k, "@")
		if !strings.HasSuffix(base, ".title") || !(strings.HasPrefix(k, "advice.") || strings.HasPrefix(k, "habits.")) {
			continue
		}
		title, _ := c.msgs["ja"][k]
		title = strings.TrimSpace(title)
		allowed := false
		for _, end := range r.Titles.Allowed {
			allowed = allowed || strings.HasSuffix(title, end)
		}
		if !allowed && plainVerb.MatchString(title) {
			t.Errorf("ja %s ends in a plain verb; end it in a noun or 〜しましょう (glossary.json ja.titles): %s", k, title)
		}
	}
}

// jaSentences renders every Japanese finding, why, fix and habit on each
// system, with args, and calls f with each sentence.
func jaSentences(t *testing.T, args map[string]any, f func(sys, key, sentence string)) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	g := loadGlossary(t)
	for name, sys := range jaSystems {
		p := c.Printer("ja").On(sys)
		for _, k := range c.Keys("ja") {
			if strings.Contains(k, "@") || !sentence(k) {
				continue
			}
			if only := shownOn(g, k); only != "" && only != sys.OS {
				continue
			}
			for _, s := range strings.Split(p.T(k, args), "。") {
				if s = strings.TrimSpace(s); s != "" {
					f(name, k, s)
				}
			}
		}
	}
}

// TestJapaneseSentenceLength: no sentence a person reads in a finding, a
// why, a fix or a habit runs over the glossary's length once its values
// are filled in. A quoted setting name counts as one short unit: the
// reader finds it on the screen, not in the sentence.
func TestJapaneseSentenceLength(t *testing.T) {
	r := loadJaRules(t)
	max := r.SentenceMax
	seen := map[string]bool{}
	jaSentences(t, sampleArgs, func(sys, k, s string) {
		if seen[k+s] || contains(max.Exception, k) {
			return
		}
		seen[k+s] = true
		n := utf8.RuneCountInString(quoted.ReplaceAllString(s, strings.Repeat("x", max.QuotedAs)))
		if n > max.Runes {
			t.Errorf("on %s, ja %s has a sentence of %d characters (at most %d; split it): %s。", sys, k, n, max.Runes, s)
		}
	})
}

// TestJapaneseCertainty: findings, whys, fixes and habits say only what
// the check knows; the words on glossary.json's certainty list promise
// more (完全に, 必ず, …を見逃します).
func TestJapaneseCertainty(t *testing.T) {
	r := loadJaRules(t)
	jaSentences(t, sampleArgs, func(sys, k, s string) {
		for _, w := range r.Certainty {
			if strings.Contains(s, w) {
				t.Errorf("on %s, ja %s says %q, a certainty the check does not have (say …おそれがあります): %s", sys, k, w, s)
			}
		}
	})
}

var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// TestJapaneseDates: a date reaches the Japanese texts as Japanese writes
// it, 2025年1月1日, whether it comes as a time.Time or as the ISO text a
// check or a window hands over.
func TestJapaneseDates(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2025, 1, 1, 15, 4, 5, 0, time.Local)
	for _, tt := range []struct {
		name string
		v    any
		want string
	}{
		{"an ISO date", "2025-01-01", "2025年1月1日"},
		{"a time.Time", when, "2025年1月1日 15:04:05"},
		{"an ISO date and time", "2025-01-01 15:04:05", "2025年1月1日 15:04:05"},
		{"an ISO time in the morning", "2026-12-06 05:14:09", "2026年12月6日 5:14:09"},
		{"an ISO date and minutes", "2025-12-31 09:30", "2025年12月31日 9:30"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := map[string]any{}
			for k, v := range sampleArgs {
				args[k] = v
			}
			args["Date"], args["Time"] = tt.v, tt.v
			for name, sys := range jaSystems {
				p := c.Printer("ja").On(sys)
				for _, k := range c.Keys("ja") {
					if strings.Contains(k, "@") {
						continue
					}
					got := p.T(k, args)
					if m := isoDate.FindString(got); m != "" {
						t.Errorf("on %s, ja %s shows the date as %s: %s", name, k, m, got)
					}
				}
			}
			got := c.Printer("ja").T("finding.os-updates.windows-paused", args)
			if !strings.Contains(got, tt.want) {
				t.Errorf("windows-paused with %v: %s, want %s in it", tt.v, got, tt.want)
			}
		})
	}
	// English keeps what it was given: only Japanese is rewritten.
	if got := c.Printer("en").T("finding.os-updates.windows-paused", map[string]any{"Date": "2025-01-01"}); !strings.Contains(got, "2025-01-01") {
		t.Errorf("en windows-paused: %s", got)
	}
}

// TestJapaneseZero: a count or an age of 0 reads as Japanese says it
// (今日, ありません), never 0日前 or 0件.
func TestJapaneseZero(t *testing.T) {
	args := map[string]any{}
	for k, v := range sampleArgs {
		args[k] = v
	}
	args["Days"], args["Count"] = 0, 0
	never := loadJaRules(t).ZeroNever
	zero := regexp.MustCompile(`(^|[^0-9])0(日前|日間|件)`)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for name, sys := range jaSystems {
		p := c.Printer("ja").On(sys)
		for _, k := range c.Keys("ja") {
			if strings.Contains(k, "@") || contains(never, k) || !strings.Contains(c.msgs["ja"][k], "{{.Days}}") {
				continue
			}
			if got := p.T(k, args); zero.MatchString(got) {
				t.Errorf("on %s, ja %s with Days=0: %s", name, k, got)
			}
		}
	}
}

// TestJapaneseLastCheckedToTheSecond: the status window's "last checked"
// shows the seconds in Japanese as in English, so that Check now run
// again within the minute shows a new time.
func TestJapaneseLastCheckedToTheSecond(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := c.Printer(lang)
			a := p.T("window.last-checked", map[string]any{"Time": "2026-12-06 05:09:34"})
			b := p.T("window.last-checked", map[string]any{"Time": "2026-12-06 05:09:38"})
			if a == b {
				t.Errorf("two checks four seconds apart both read %q", a)
			}
		})
	}
	if got, want := c.Printer("ja").T("window.last-checked", map[string]any{"Time": "2026-12-06 05:14:09"}), "最終確認：2026年12月6日 5:14:09"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
