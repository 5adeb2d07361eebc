package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/i18n"
)

// Mamori's dialogs are Fyne's, with Mamori's paragraph for their text:
// Fyne's text dialogs wrap their own label by Fyne's rules (inside a
// word, a 」 or 。 at a line's start) and cannot be told otherwise. Their
// buttons are in the person's language; Enter answers with the
// highlighted button and Escape with the other, as on the desktop's own
// dialogs (Fyne's text dialogs took no keys at all); their size is Fyne's
// text dialogs': as wide as the text on one line, at most 600 pixels or
// nine tenths of the window, and as high as the text broken to that width.

// The sizes Fyne's text dialogs keep (fyne.io/fyne/v2/dialog: padWidth,
// maxTextDialogAbsoluteWidth, maxTextDialogWinPcntWidth).
const (
	dialogPadWidth  = 32
	dialogMaxWidth  = 600
	dialogMaxOfWind = 0.9
)

// ShowQuestion asks title with message in w: Yes runs ok, No nothing.
func ShowQuestion(w fyne.Window, p *i18n.Printer, title, message string, ok func()) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, newDialogText(message), w)
	no := newKeyButton(p.T("dialog.no", nil), theme.CancelIcon(), widget.MediumImportance, d.Hide)
	yes := newKeyButton(p.T("dialog.yes", nil), theme.ConfirmIcon(), widget.HighImportance, func() {
		d.Hide()
		ok()
	})
	no.dismiss, yes.dismiss = d.Hide, d.Hide
	d.SetButtons([]fyne.CanvasObject{no, yes})
	d.SetIcon(theme.QuestionIcon())
	showSized(w, d, message, yes.OnTapped, d.Hide)
	return d
}

// ShowMessage tells title with message in w, closed with its one button.
func ShowMessage(w fyne.Window, p *i18n.Printer, title, message string) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, newDialogText(message), w)
	closeButton := newKeyButton(p.T("dialog.ok", nil), nil, widget.MediumImportance, d.Hide)
	closeButton.dismiss = d.Hide
	d.SetButtons([]fyne.CanvasObject{closeButton})
	d.SetIcon(theme.InfoIcon())
	showSized(w, d, message, d.Hide, d.Hide)
	return d
}

func newDialogText(message string) *paragraph {
	// Leading, not centred as Fyne's: the dialogs list settings line by
	// line, and ragged centred lines of Japanese read badly.
	return newParagraph(message, fyne.TextStyle{})
}

// showSized shows d at the size of Fyne's text dialogs, and while it is
// shown, Enter runs enter and Escape escape when no button has the focus
// (a focused button takes them itself, as keyButton).
func showSized(w fyne.Window, d *dialog.CustomDialog, message string, enter, escape func()) {
	oneLine := widget.NewLabel(message).MinSize().Width + dialogPadWidth + theme.Padding()*2
	width := fyne.Min(fyne.Min(oneLine, dialogMaxWidth), w.Canvas().Size().Width*dialogMaxOfWind)
	// The popup lays the text out at the content's width, and the text's
	// height follows; shown first at its minimum size, it is resized to
	// the width and then to the height the broken text needs.
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Show()
	d.Resize(fyne.NewSize(width, d.MinSize().Height))

	c := w.Canvas()
	before := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			enter()
		case fyne.KeyEscape:
			escape()
		default:
			if before != nil {
				before(ev)
			}
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(before) })
}

// keyButton is a dialog's button that Enter presses as Space does, and
// on which Escape dismisses the dialog.
type keyButton struct {
	widget.Button
	dismiss func()
}

func newKeyButton(text string, icon fyne.Resource, importance widget.Importance, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, importance, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.dismiss != nil {
			b.dismiss()
		}
	default:
		b.Button.TypedKey(ev)
	}
}
