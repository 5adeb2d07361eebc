package i18n

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// packagingJa is every Japanese text the packages carry, by where it
// stands: the AppStream metainfo's xml:lang="ja" elements, the desktop
// entries' [ja] keys, the Japanese man page's prose and the ja-JP ADML's
// strings.
func packagingJa(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..", "packaging")
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	out := map[string]string{}
	meta := read("linux/io.github.mamori_project.Mamori.metainfo.xml")
	for i, m := range regexp.MustCompile(`(?s)<(\w+) xml:lang="ja">(.*?)</(\w+)>`).FindAllStringSubmatch(meta, -1) {
		text := strings.Join(strings.Fields(m[2]), "")
		out["metainfo "+m[1]+" #"+strconv.Itoa(i)] = text
	}
	for _, p := range []string{"linux/io.github.mamori_project.Mamori.desktop", "linux/autostart.desktop"} {
		for _, line := range strings.Split(read(p), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok && strings.HasSuffix(k, "[ja]") {
				out[filepath.Base(p)+" "+k] = v
			}
		}
	}
	escape := regexp.MustCompile(`\\f[BIPR]|\\-|\\\(..`)
	for i, line := range strings.Split(read("linux/mamori.ja.1"), "\n") {
		if line == "" || strings.HasPrefix(line, ".") {
			continue // a roff request, not prose
		}
		out["mamori.ja.1:"+strconv.Itoa(i+1)] = escape.ReplaceAllString(line, "")
	}
	adml := read("windows/policy/ja-JP/mamori.adml")
	for _, m := range regexp.MustCompile(`<(string id="[^"]*"|description|displayName)>([^<]*)<`).FindAllStringSubmatch(adml, -1) {
		out["ja-JP ADML "+m[1]] = html.UnescapeString(m[2])
	}
	return out
}

// jsonValue is a JSON object written out as an example.
var jsonValue = regexp.MustCompile(`\{[^}]*\}`)

// TestPackagingJapanese holds the packages' Japanese to the catalogues'
// rules: no あなた, no word the glossary avoids, full-width punctuation,
// and a Keywords[ja] so that a Japanese search finds Mamori.
func TestPackagingJapanese(t *testing.T) {
	g := loadGlossary(t)
	avoid := append(append(append([]string{}, g.Ja.Forbid...), g.App.Avoid...), g.States.Avoid["ja"]...)
	for _, term := range g.Terms {
		avoid = append(avoid, term.Avoid["ja"]...)
	}
	avoid = append(avoid, g.Ja.PackagingAvoid...)
	halfWidth := regexp.MustCompile(`[(),?!:;]`)
	texts := packagingJa(t)
	for _, want := range []string{"io.github.mamori_project.Mamori.desktop Comment[ja]", "io.github.mamori_project.Mamori.desktop Keywords[ja]", "autostart.desktop Comment[ja]"} {
		if texts[want] == "" {
			t.Errorf("the packages have no %s", want)
		}
	}
	if len(texts) < 20 {
		t.Fatalf("read only %d Japanese texts from packaging/: %v", len(texts), texts)
	}
	for where, text := range texts {
		// A JSON example in the ADML is a technical value, not text.
		bare := jsonValue.ReplaceAllString(quoted.ReplaceAllString(text, ""), "")
		for _, w := range avoid {
			if strings.Contains(bare, w) {
				t.Errorf("%s says %q; the glossary says not to: %s", where, w, text)
			}
		}
		if !strings.Contains(where, "Keywords") && regexp.MustCompile(`\p{Han}|\p{Hiragana}`).MatchString(bare) {
			if m := halfWidth.FindString(bare); m != "" {
				t.Errorf("%s has the half-width %q; use full-width punctuation: %s", where, m, text)
			}
		}
	}
}
