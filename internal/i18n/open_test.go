package i18n

import (
	"maps"
	"slices"
	"testing"
)

// TestOpenReadsOnlyTheLanguageShown: the agent's catalogue (Open) reads a
// language when a text is first looked up in it, English only for a text
// the language lacks, and renders every key as Load's does.
func TestOpenReadsOnlyTheLanguageShown(t *testing.T) {
	all, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	read := func(c *Catalog) []string {
		c.mu.Lock()
		defer c.mu.Unlock()
		return slices.Sorted(maps.Keys(c.index))
	}
	sys := System{OS: "linux", Desktop: "GNOME"}
	for _, tt := range []struct {
		lang string
		want []string // the catalogues read after rendering every key of lang
	}{
		{"en", []string{"en"}},
		{"ja", []string{"ja"}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			c := Open()
			if got := read(c); len(got) != 0 {
				t.Fatalf("Open read %v before any text was asked for", got)
			}
			p, q := c.Printer(tt.lang).On(sys), all.Printer(tt.lang).On(sys)
			for _, key := range all.Keys(tt.lang) {
				args := map[string]any{"Count": 2, "Name": "x", "Check": "x", "Days": 3, "Network": "x"}
				if got, want := p.T(key, args), q.T(key, args); got != want {
					t.Errorf("%s: Open renders %q, Load %q", key, got, want)
				}
			}
			if got := read(c); !slices.Equal(got, tt.want) {
				t.Errorf("catalogues read: %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("a text the language lacks", func(t *testing.T) {
		c := Open()
		c.Printer("ja").T("no such key", nil)
		if got := read(c); !slices.Equal(got, []string{"en", "ja"}) {
			t.Errorf("catalogues read: %v, want English beside Japanese", got)
		}
	})
	t.Run("switching language", func(t *testing.T) {
		c := Open()
		key := all.Keys("en")[0]
		en, ja := c.Printer("en").T(key, nil), c.Printer("ja").T(key, nil)
		if en != all.Printer("en").T(key, nil) || ja != all.Printer("ja").T(key, nil) {
			t.Errorf("%s after a switch: %q, %q", key, en, ja)
		}
	})
}
