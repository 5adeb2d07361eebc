package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/fix"
)

// screenLockPlan is what Fix it changes for screen lock on GNOME.
var screenLockPlan = fix.Plan{Check: "screen-lock", Changes: []fix.Change{
	{Schema: "org.gnome.desktop.screensaver", Key: "lock-enabled", From: "false", To: "true", Kind: fix.Switch, Text: "fix.lock-enabled"},
	{Schema: "org.gnome.desktop.session", Key: "idle-delay", From: "uint32 0", To: "uint32 300", Kind: fix.Seconds, Never: true, Text: "fix.idle-delay"},
	{Schema: "org.gnome.desktop.screensaver", Key: "lock-delay", From: "uint32 1800", To: "uint32 0", Kind: fix.Seconds, Text: "fix.lock-delay"},
}}

// dialogLine is one line of a shown dialog's text, where it is drawn.
type dialogLine struct {
	text string
	pos  fyne.Position
	size fyne.Size
}

// dialogLines reads the lines of the dialog on top of w's canvas as they
// are laid out: the text objects drawn in it, less its title and
// buttons, top to bottom.
func dialogLines(t *testing.T, w fyne.Window, title string) (lines []dialogLine, buttons []*widget.Button, right, width, buttonsTop float32) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil || !top.Visible() {
		t.Fatal("no dialog is shown")
	}
	pop, ok := top.(*widget.PopUp)
	if !ok {
		t.Fatalf("the overlay is a %T", top)
	}
	d := fyne.CurrentApp().Driver()
	var labels []string
	for _, o := range test.LaidOutObjects(pop) {
		switch b := o.(type) {
		case *widget.Button:
			buttons = append(buttons, b)
		case *keyButton:
			buttons = append(buttons, &b.Button)
		default:
			continue
		}
		labels = append(labels, buttons[len(buttons)-1].Text)
		buttonsTop = d.AbsolutePositionForObject(o).Y
	}
	for _, o := range test.LaidOutObjects(pop) {
		txt, ok := o.(*canvas.Text)
		if !ok || !o.Visible() || txt.Text == "" || txt.Text == title || slices.Contains(labels, txt.Text) {
			continue
		}
		lines = append(lines, dialogLine{txt.Text, d.AbsolutePositionForObject(txt), txt.MinSize()})
	}
	slices.SortStableFunc(lines, func(a, b dialogLine) int {
		if a.pos.Y != b.pos.Y {
			return int(a.pos.Y - b.pos.Y)
		}
		return int(a.pos.X - b.pos.X)
	})
	return lines, buttons, d.AbsolutePositionForObject(pop.Content).X + pop.Content.Size().Width, pop.Content.Size().Width, buttonsTop
}

// breakFault says what is wrong with breaking message between before and
// after, two lines in a row, or "" where it may break: never inside a
// word (in katakana, in Latin letters, a number from its counter), nor a
// change's values at their arrow (オフ → オン), never
// a closing bracket, stop or small kana at a line's start, nor an opening
// bracket at a line's end. at is where after starts in message.
func breakFault(message string, at int, before, after string) string {
	b, a := []rune(before), []rune(after)
	if len(b) == 0 || len(a) == 0 {
		return ""
	}
	last, next := b[len(b)-1], a[0]
	if last == '→' || next == '→' {
		return "a change's values are split at the arrow"
	}
	if prev := []rune(message[:at]); len(prev) > 0 && unicode.IsSpace(prev[len(prev)-1]) {
		return "" // a break at a space or a line of the text's own
	}
	latin := func(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	switch {
	case strings.ContainsRune(noStart, next):
		return fmt.Sprintf("a line starts with %q", next)
	case strings.ContainsRune(noEnd, last):
		return fmt.Sprintf("a line ends with %q", last)
	case katakana(last) && katakana(next):
		return "a word in katakana is split"
	case latin(last) && latin(next):
		return "a Latin word is split"
	case unicode.IsDigit(last) && unicode.In(next, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return "a number is split from its counter"
	case unicode.Is(unicode.Han, last) && hiragana(next):
		return "a word is split from its kana ending"
	case hiragana(last) && hiragana(next) && !politePrefix([]rune(message[at:]), 0):
		return "a run of hiragana is split"
	}
	return ""
}

// checkLines holds a dialog's laid-out lines to the Japanese rules, and
// to the dialog: every character of message drawn, each line inside it.
func checkLines(t *testing.T, message string, lines []dialogLine, edge float32) {
	t.Helper()
	var texts []string
	at := 0
	squeeze := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	for i, l := range lines {
		texts = append(texts, l.text)
		// Where the line starts in the message: past what came before,
		// and the spaces and line ends between.
		for at < len(message) && strings.ContainsRune(" \n", rune(message[at])) {
			at++
		}
		if i > 0 {
			if f := breakFault(message, at, lines[i-1].text, l.text); f != "" {
				t.Errorf("%s: %q | %q", f, lines[i-1].text, l.text)
			}
		}
		if !strings.HasPrefix(message[at:], l.text) {
			t.Fatalf("line %d %q is not the text's next (%q…)", i, l.text, message[at:min(len(message), at+30)])
		}
		at += len(l.text)
		if right := l.pos.X + l.size.Width; right > edge+1 {
			t.Errorf("line %q reaches %v, past the dialog's edge at %v", l.text, right, edge)
		}
	}
	if got, want := squeeze(strings.Join(texts, "")), squeeze(message); got != want {
		t.Errorf("the dialog shows\n%s\nnot all of\n%s", strings.Join(texts, "\n"), message)
	}
}

// TestDialogsWrapByJapaneseRules: the status window's dialogs (the fix
// question, a failure, what an undo left) in Japanese, in windows from
// narrow to the first size: read as laid out, no line starts with a
// closing bracket, a stop or a small kana and no word is split; all the
// text is in the dialog; the buttons are in Japanese; the width is Fyne's
// text dialogs' (nine tenths of the window at most, 600 pixels at most).
func TestDialogsWrapByJapaneseRules(t *testing.T) {
	p := printer(t, "ja")
	question := planText(p, screenLockPlan)
	refused := p.T("fix.undo.refused", map[string]any{"Error": "org.gnome.system.proxy mode"})
	for _, tc := range []struct {
		name, title, message string
		show                 func(act StatusActions)
		buttons              []string
	}{
		{"fix question", p.T("fix.confirm.title", nil), question,
			func(act StatusActions) { act.Confirm(p.T("fix.confirm.title", nil), question, func() {}) }, []string{"いいえ", "はい"}},
		{"failed", p.T("dialog.failed", nil), refused,
			func(act StatusActions) { act.Failed(refused) }, []string{"閉じる"}},
		{"told", p.T("fix.undo.kept.title", nil), p.T("fix.undo.kept", nil),
			func(act StatusActions) { act.Told(p.T("fix.undo.kept.title", nil), p.T("fix.undo.kept", nil)) }, []string{"閉じる"}},
	} {
		for _, width := range []float32{360, 420, 470, 530, 600, 680} {
			t.Run(fmt.Sprintf("%s/%v", tc.name, width), func(t *testing.T) {
				test.NewTempApp(t)
				w := test.NewTempWindow(t, widget.NewLabel(""))
				w.Resize(fyne.NewSize(width, 560))
				sw := &StatusWindow{Window: w, Printer: p}
				tc.show(sw.actions())
				lines, buttons, edge, boxWidth, top := dialogLines(t, w, tc.title)
				if len(lines) < 2 {
					t.Fatalf("the dialog shows %d lines", len(lines))
				}
				checkLines(t, tc.message, lines, edge)
				// All of it above the buttons: the dialog is as high as
				// the broken text.
				if l := lines[len(lines)-1]; l.pos.Y+l.size.Height > top+1 {
					t.Errorf("the last line %q ends at %v, below the buttons' top %v", l.text, l.pos.Y+l.size.Height, top)
				}
				var labels []string
				for _, b := range buttons {
					labels = append(labels, b.Text)
				}
				if !slices.Equal(labels, tc.buttons) {
					t.Errorf("buttons %q, want %q", labels, tc.buttons)
				}
				if boxWidth > width*0.9+1 || boxWidth > 601 {
					t.Errorf("the dialog is %v wide in a window %v wide", boxWidth, width)
				}
			})
		}
	}
}

// TestDialogKeys: Enter answers a question with Yes and Escape with No,
// also on a button that has the focus; a message closes with either.
func TestDialogKeys(t *testing.T) {
	withKeyGuard(t, 0)
	p := printer(t, "ja")
	key := func(w fyne.Window, name fyne.KeyName) {
		ev := &fyne.KeyEvent{Name: name}
		if f := w.Canvas().Focused(); f != nil {
			f.TypedKey(ev)
			return
		}
		w.Canvas().OnTypedKey()(ev)
	}
	shown := func(w fyne.Window) bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && top.Visible()
	}
	for _, tc := range []struct {
		name    string
		focus   bool // Tab to the first button (No) first
		key     fyne.KeyName
		yes     bool
		message bool
	}{
		{"Enter is Yes", false, fyne.KeyReturn, true, false},
		{"keypad Enter is Yes", false, fyne.KeyEnter, true, false},
		{"Escape is No", false, fyne.KeyEscape, false, false},
		{"Enter on a focused No is No", true, fyne.KeyReturn, false, false},
		{"Escape on a focused button is No", true, fyne.KeyEscape, false, false},
		{"Enter closes a message", false, fyne.KeyReturn, false, true},
		{"Escape closes a message", false, fyne.KeyEscape, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			w := test.NewTempWindow(t, widget.NewLabel(""))
			w.Resize(fyne.NewSize(680, 560))
			yes := false
			if tc.message {
				ShowMessage(w, p, "題", "本文です。")
			} else {
				ShowQuestion(w, p, "題", "本文です。", func() { yes = true })
			}
			if tc.focus {
				w.Canvas().FocusNext()
				if _, ok := w.Canvas().Focused().(*keyButton); !ok {
					t.Fatalf("Tab focused %T", w.Canvas().Focused())
				}
			}
			key(w, tc.key)
			if shown(w) {
				t.Error("the dialog is still shown")
			}
			if yes != tc.yes {
				t.Errorf("answered Yes: %v, want %v", yes, tc.yes)
			}
			// The window's own keys are back: no dialog answers twice.
			if f := w.Canvas().OnTypedKey(); f != nil {
				t.Error("the dialog's keys outlive it")
			}
		})
	}
}
