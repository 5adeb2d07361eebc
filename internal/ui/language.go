package ui

import (
	"os"

	"fyne.io/fyne/v2"

	"github.com/mamori-project/mamori/internal/i18n"
)

// Relanguage makes Fyne take lang as the person's language from now on
// and redraws every window of the app from scratch: Fyne picks the system
// font for Japanese (bold included) by the language it reads, and keeps
// the fonts and drawings it made; a change of settings is what makes it
// drop them. Call it on Fyne's goroutine after a window's content and
// title are in the new language.
func Relanguage(lang string) {
	for k, v := range i18n.FyneLocaleEnv(os.Getenv, lang) {
		os.Setenv(k, v)
	}
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	a.Settings().SetTheme(a.Settings().Theme())
}
