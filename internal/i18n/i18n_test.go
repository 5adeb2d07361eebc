package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	en, ja := c.Keys("en"), c.Keys("ja")
	if len(en) < 50 {
		t.Fatalf("English catalogue has only %d keys", len(en))
	}
	for _, k := range en {
		if !slices.Contains(ja, k) {
			t.Errorf("ja.json lacks %q", k)
		}
	}
	for _, k := range ja {
		if !slices.Contains(en, k) {
			t.Errorf("en.json lacks %q (ja.json has it)", k)
		}
	}
}

// TestEveryKeyTheChecksUseIsTranslated reads the checks' source for the keys
// they use: "finding.…" literals must be messages, and advice keys (a check
// ID, optionally ".something") must have a title, a why and a fix, in every
// language.
func TestEveryKeyTheChecksUseIsTranslated(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	checkIDs := check.IDs()
	files, err := filepath.Glob("../check/*.go")
	engine, err2 := filepath.Glob("../monitor/*.go")
	files = append(files, engine...)
	if err != nil || err2 != nil || len(files) == 0 {
		t.Fatalf("no sources found: %v %v", err, err2)
	}
	advice := regexp.MustCompile(`^(` + strings.Join(checkIDs, "|") + `)(\.[a-z-]+)?$`)
	fset := token.NewFileSet()
	findings, advices := 0, 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			var want []string
			switch {
			case strings.HasPrefix(s, "finding."):
				findings++
				want = []string{s}
			case advice.MatchString(s):
				advices++
				want = []string{"advice." + s + ".title", "advice." + s + ".why", "advice." + s + ".fix"}
			}
			for _, lang := range Languages {
				for _, k := range want {
					if !slices.Contains(c.Keys(lang), k) {
						t.Errorf("%s: %s uses %q; %s.json lacks %q", fset.Position(lit.Pos()), filepath.Base(f), s, lang, k)
					}
				}
			}
			return true
		})
	}
	if findings < 20 || advices < 15 {
		t.Errorf("found only %d finding keys and %d advice keys in the checks' source; is the scan broken?", findings, advices)
	}
	for _, id := range checkIDs {
		for _, lang := range Languages {
			if !slices.Contains(c.Keys(lang), "check."+id) {
				t.Errorf("%s.json lacks the check's name check.%s", lang, id)
			}
		}
	}
}

func TestTitlesAreShort(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		p := c.Printer(lang)
		for _, k := range c.Keys(lang) {
			if strings.HasSuffix(k, ".title") {
				if n := len([]rune(p.T(k, nil))); n > 40 {
					t.Errorf("%s %s is %d characters; keep titles under about 40", lang, k, n)
				}
			}
		}
	}
}

func TestPrinter(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	en, ja := c.Printer("en"), c.Printer("ja")
	tests := []struct {
		p    *Printer
		key  string
		args map[string]any
		want string
	}{
		{en, "finding.os-updates.pending", map[string]any{"Count": 1}, "1 update is waiting to be installed."},
		{en, "finding.os-updates.pending", map[string]any{"Count": 3}, "3 updates are waiting to be installed."},
		{ja, "finding.os-updates.pending", map[string]any{"Count": 3}, "インストール待ちの更新が3件あります。"},
		{en, "finding.unsupported-desktop", map[string]any{"Desktop": "<b>x</b>"}, "Could not tell: Mamori cannot read the settings of the <b>x</b> desktop yet."},
		{en, "no.such.key", nil, "no.such.key"},
	}
	for _, tt := range tests {
		if got := tt.p.T(tt.key, tt.args); got != tt.want {
			t.Errorf("%s T(%s, %v) = %q, want %q", tt.p.Lang, tt.key, tt.args, got, tt.want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"},
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "ja:en"}, "ja"},
		{map[string]string{"LANG": "C", "LANGUAGE": "ja"}, "en"}, // gettext ignores LANGUAGE under C
		{map[string]string{"LANG": "de_DE.UTF-8"}, "en"},
	}
	for _, tt := range tests {
		if got := Detect(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("Detect(%v) = %s, want %s", tt.env, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"": "", "auto": "", "ja": "ja", "JA_jp.UTF-8": "ja", "日本語": "ja", "en": "en", "English": "en", "fr": ""} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
