package ui

import (
	"slices"
	"sync"
	"time"

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
	showSized(w, d, message, yes.OnTapped, d.Hide, no, yes)
	return d
}

// ShowMessage tells title with message in w, closed with its one button.
func ShowMessage(w fyne.Window, p *i18n.Printer, title, message string) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, newDialogText(message), w)
	closeButton := newKeyButton(p.T("dialog.ok", nil), nil, widget.MediumImportance, d.Hide)
	closeButton.dismiss = d.Hide
	d.SetButtons([]fyne.CanvasObject{closeButton})
	d.SetIcon(theme.InfoIcon())
	showSized(w, d, message, d.Hide, d.Hide, closeButton)
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
func showSized(w fyne.Window, d *dialog.CustomDialog, message string, enter, escape func(), buttons ...*keyButton) {
	oneLine := widget.NewLabel(message).MinSize().Width + dialogPadWidth + theme.Padding()*2
	width := fyne.Min(fyne.Min(oneLine, dialogMaxWidth), w.Canvas().Size().Width*dialogMaxOfWind)
	// The popup lays the text out at the content's width, and the text's
	// height follows; shown first at its minimum size, it is resized to
	// the width and then to the height the broken text needs.
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Show()
	d.Resize(fyne.NewSize(width, d.MinSize().Height))

	opened := time.Now()
	armed := func() bool { return time.Since(opened) >= keyGuard }
	keys := &dialogKeys{enter: enter, escape: escape, armed: armed}
	openDialogKeys(w.Canvas(), keys)
	var once sync.Once
	// Fyne runs OnClosed on every Hide, a second one too: the keys are
	// given back once.
	d.SetOnClosed(func() { once.Do(func() { closeDialogKeys(w.Canvas(), keys) }) })
	for _, b := range buttons {
		b.armed = armed
	}
}

// keyGuard is how long a dialog takes no Enter or Escape after it shows:
// a held key repeats, and the Enter that answered a fix's question would
// otherwise close the message that follows it (a failure) unread.
var keyGuard = 300 * time.Millisecond

// dialogKeys are one shown dialog's keys.
type dialogKeys struct {
	enter, escape func()
	armed         func() bool
}

// shownKeys are, per window, the window's own key handler and the shown
// dialogs' keys, newest last: Enter and Escape go to the newest, and the
// window's handler is back once none is shown, whatever order they close
// in.
var shownKeys = map[fyne.Canvas]*keyStack{}

type keyStack struct {
	window func(*fyne.KeyEvent)
	open   []*dialogKeys
}

func openDialogKeys(c fyne.Canvas, k *dialogKeys) {
	st := shownKeys[c]
	if st == nil {
		st = &keyStack{window: c.OnTypedKey()}
		shownKeys[c] = st
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
			top := st.open[len(st.open)-1]
			switch ev.Name {
			case fyne.KeyReturn, fyne.KeyEnter:
				if top.armed() {
					top.enter()
				}
			case fyne.KeyEscape:
				if top.armed() {
					top.escape()
				}
			default:
				if st.window != nil {
					st.window(ev)
				}
			}
		})
	}
	st.open = append(st.open, k)
}

func closeDialogKeys(c fyne.Canvas, k *dialogKeys) {
	st := shownKeys[c]
	if st == nil {
		return
	}
	st.open = slices.DeleteFunc(st.open, func(o *dialogKeys) bool { return o == k })
	if len(st.open) == 0 {
		c.SetOnTypedKey(st.window)
		delete(shownKeys, c)
	}
}

// keyButton is a dialog's button that Enter presses as Space does, and
// on which Escape dismisses the dialog.
type keyButton struct {
	widget.Button
	dismiss func()
	armed   func() bool // nil: always
}

func newKeyButton(text string, icon fyne.Resource, importance widget.Importance, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, importance, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if b.armed != nil && !b.armed() && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || ev.Name == fyne.KeyEscape) {
		return
	}
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
