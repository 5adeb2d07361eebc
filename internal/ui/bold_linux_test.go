package ui

import (
	"image"
	"image/color"
	"math"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/i18n"
)

// ink is how much text an image holds: the sum, over its pixels, of how
// far each is from the background's (its corner's) grey.
func ink(img image.Image) float64 {
	b := img.Bounds()
	grey := func(x, y int) float64 { return float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y) }
	background := grey(b.Min.X, b.Min.Y)
	var sum float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			sum += math.Abs(grey(x, y) - background)
		}
	}
	return sum
}

// TestJapaneseBoldIsBold: the window's bold text (its headings, the
// checks' names) in Japanese, drawn by Fyne with the system's fonts as
// the window program sets the locale up for Mamori's language (main's
// FyneLocaleEnv), under the C locale, C.UTF-8, none, a Japanese and an
// English desktop: the bold carries clearly more ink than the regular.
// Fyne's own font has no Japanese; it takes the system's font for the
// locale's language in the weight asked, so this needs a Japanese font
// with a bold weight (Noto Sans CJK, fonts-noto-cjk); with only a regular
// one (IPAGothic) bold and regular are the same.
func TestJapaneseBoldIsBold(t *testing.T) {
	const text = "画面ロック　要対応　確認が必要な項目"
	for _, lang := range []string{"C", "C.UTF-8", "", "ja_JP.UTF-8", "en_US.UTF-8"} {
		t.Run("LANG="+lang, func(t *testing.T) {
			for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
				t.Setenv(v, "")
			}
			t.Setenv("LANG", lang)
			for k, v := range i18n.FyneLocaleEnv(os.Getenv, "ja") {
				t.Setenv(k, v)
			}
			a := test.NewTempApp(t)
			// Fyne keeps the fonts it looked up until the theme changes.
			a.Settings().SetTheme(a.Settings().Theme())
			draw := func(bold bool) float64 {
				l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
				w := test.NewTempWindow(t, container.NewPadded(l))
				w.Resize(fyne.NewSize(600, 60))
				img := w.Canvas().Capture()
				return ink(img)
			}
			regular, bold := draw(false), draw(true)
			if regular < 1000 {
				t.Fatalf("the regular text is hardly drawn (ink %.0f)", regular)
			}
			ratio := bold / regular
			t.Logf("bold/regular ink: %.2f", ratio)
			if ratio < 1.2 {
				t.Errorf("bold Japanese carries %.2f times the ink of regular: drawn in the regular weight (no Japanese font with a bold weight, such as fonts-noto-cjk?)", ratio)
			}
		})
	}
}
