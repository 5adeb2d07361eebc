package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/i18n"
)

// WelcomeView is the first window after Mamori is installed with the
// installer's window (a double-click): what Mamori does, and whether it
// starts when the person signs in, checked by default. The installer tool
// here (wixl) draws no dialogs, so Mamori asks this itself. done receives
// the choice when the person presses the button; closing the window
// changes nothing.
func WelcomeView(p *i18n.Printer, done func(startAtLogin bool)) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(p.T("welcome.heading", nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := wrapped(p.T("welcome.what", nil))
	where := wrapped(p.T("welcome.where", nil))
	login := widget.NewCheck(p.T("welcome.login", nil), nil)
	login.SetChecked(true)
	ok := widget.NewButton(p.T("welcome.ok", nil), func() { done(login.Checked) })
	ok.Importance = widget.HighImportance
	return container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), ok),
		nil, nil,
		container.NewVScroll(container.NewVBox(heading, what, where, login)))
}
