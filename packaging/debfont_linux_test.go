package packaging

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/testenv"
)

// japaneseFonts are the Debian and Ubuntu packages of a Japanese font that
// Fyne finds among the system's fonts (/usr/share/fonts) when its own
// font has no glyph: Noto CJK, the desktops' default, first.
var japaneseFonts = []string{"fonts-noto-cjk", "fonts-ipafont-gothic", "fonts-vlgothic", "fonts-takao-gothic"}

// TestDebDependsOnAJapaneseFont: the windows speak Japanese, and without a
// Japanese font installed every Japanese character in them is a box (a
// Debian desktop installed in English has none). The built package's
// control depends on one of them.
func TestDebDependsOnAJapaneseFont(t *testing.T) {
	testenv.Require(t, "dpkg-deb", "dpkg-shlibdeps", "dpkg")
	dir := t.TempDir()
	if out, err := exec.Command("../scripts/package-deb", dir).CombinedOutput(); err != nil {
		t.Fatalf("package-deb: %v\n%s", err, out)
	}
	debs, _ := filepath.Glob(filepath.Join(dir, "mamori_"+mamori.App().Version+"_*.deb"))
	if len(debs) != 1 {
		t.Fatalf("package-deb made %v", debs)
	}
	out, err := exec.Command("dpkg-deb", "-f", debs[0], "Depends").Output()
	if err != nil {
		t.Fatalf("dpkg-deb -f: %v", err)
	}
	want := strings.Join(japaneseFonts, " | ")
	var found bool
	for _, dep := range strings.Split(strings.TrimSpace(string(out)), ",") {
		found = found || strings.TrimSpace(dep) == want
	}
	if !found {
		t.Errorf("the package's Depends is %q; it lacks %q", strings.TrimSpace(string(out)), want)
	}
}
