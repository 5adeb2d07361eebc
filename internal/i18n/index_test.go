package i18n

import (
	"maps"
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/session"
)

// TestOpenSaysWhatLoadSays renders every text of every catalogue, in each
// plural form and on each system, with the agent's indexed catalogue
// (Open) and the parsed one (Load): they must say the same.
func TestOpenSaysWhatLoadSays(t *testing.T) {
	loaded, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	opened := Open()
	systems := []System{{}, {OS: "windows"}, {OS: "darwin"}}
	for _, d := range []session.Desktop{session.GNOME, session.KDE, session.XFCE, session.Cinnamon, session.MATE, ""} {
		systems = append(systems, System{OS: "linux", Desktop: d})
	}
	n := 0
	for _, lang := range Languages {
		for _, key := range loaded.Keys(lang) {
			for _, sys := range systems {
				for _, count := range []any{nil, 1, 2} {
					args := map[string]any{"Count": count, "Name": "x", "Names": []string{"a", "b"}, "Error": "e"}
					want := loaded.Printer(lang).On(sys).T(key, args)
					if got := opened.Printer(lang).On(sys).T(key, args); got != want {
						t.Errorf("%s %s on %+v, Count %v: Open renders %q, Load %q", lang, key, sys, count, got, want)
					}
					n++
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d renderings compared", n)
	}
	if got, want := opened.Keys("ja"), loaded.Keys("ja"); !slices.Equal(got, want) {
		t.Errorf("Keys differ: %d against %d", len(got), len(want))
	}
}

func TestIndexCatalogue(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      map[string]string // key -> raw value; nil: refused
	}{
		{"empty", `{}`, map[string]string{}},
		{"texts and forms", " {\n \"a\": \"x\",\t\"b\" : {\"one\": \"1\", \"other\": \"n\"} }\n",
			map[string]string{"a": `"x"`, "b": `{"one": "1", "other": "n"}`}},
		{"escapes", `{"a\"b": "c\\\"d", "\u3042": "e"}`, map[string]string{`a"b`: `"c\\\"d"`, "あ": `"e"`}},
		{"cut short", `{"a": "x`, nil},
		{"no comma", `{"a": "x" "b": "y"}`, nil},
		{"a number", `{"a": 1}`, nil},
		{"nested deeper", `{"a": {"one": {"x": "y"}}}`, nil},
		{"trailing text", `{"a": "x"} {}`, nil},
		{"not an object", `["a"]`, nil},
		{"nothing", ``, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx := indexCatalogue(tc.src)
			if tc.want == nil {
				if idx != nil {
					t.Fatalf("indexed %v, want refused", idx)
				}
				return
			}
			got := map[string]string{}
			for k, at := range idx {
				got[k] = tc.src[at.start:at.end]
			}
			if !maps.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	for _, tc := range []struct {
		raw, form, want string
		ok              bool
	}{
		{`"a\nb"`, "other", "a\nb", true},
		{`{"one": "1", "other": "n"}`, "one", "1", true},
		{`{"one": "1", "other": "n"}`, "few", "n", true},
		{`{"one": "1"}`, "other", "", false},
		{`"cut`, "other", "", false},
	} {
		got, ok := decodeText(tc.raw, tc.form)
		if got != tc.want || ok != tc.ok {
			t.Errorf("decodeText(%s, %s) = %q, %v; want %q, %v", tc.raw, tc.form, got, ok, tc.want, tc.ok)
		}
	}
}
