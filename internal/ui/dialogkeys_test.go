package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/i18n"
)

// withKeyGuard sets how long a dialog takes no Enter or Escape after it
// shows, for one test.
func withKeyGuard(t *testing.T, d time.Duration) {
	before := keyGuard
	keyGuard = d
	t.Cleanup(func() { keyGuard = before })
}

// dialogWindow is a window of a test app for dialogs, and a Japanese
// printer.
func dialogWindow(t *testing.T) (*i18n.Printer, fyne.Window) {
	p := printer(t, "ja")
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(680, 560))
	return p, w
}

func typeKey(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// TestDialogStackedQuestionsLIFO: stacked, as a notification's Fix it
// does over an open question, Enter and Escape answer the newest, and the
// window's keys are back once both closed (red team, redteam-s4.md).
func TestDialogStackedQuestionsLIFO(t *testing.T) {
	withKeyGuard(t, 0)
	p, w := dialogWindow(t)
	a, b := 0, 0
	ShowQuestion(w, p, "A", "a", func() { a++ })
	ShowQuestion(w, p, "B", "b", func() { b++ })
	typeKey(w, fyne.KeyReturn) // B's Yes
	typeKey(w, fyne.KeyEscape) // A's No
	typeKey(w, fyne.KeyReturn) // nothing is shown: nothing may happen
	typeKey(w, fyne.KeyReturn)
	if a != 0 || b != 1 {
		t.Errorf("a=%d b=%d, want 0 1", a, b)
	}
	if w.Canvas().OnTypedKey() != nil {
		t.Error("a dialog's keys outlive it")
	}
}

// TestDialogEnterRepeatLeavesTheFailure: a failing fix shows its message
// at once; the Enter that said Yes, repeated (a key held, or queued while
// the fix ran on the UI thread), must not close it unread (F3).
func TestDialogEnterRepeatLeavesTheFailure(t *testing.T) {
	withKeyGuard(t, 50*time.Millisecond)
	p, w := dialogWindow(t)
	applied := 0
	ShowQuestion(w, p, "修正", "オフ → オン", func() {
		applied++
		ShowMessage(w, p, "失敗", "できませんでした")
	})
	time.Sleep(60 * time.Millisecond) // the person reads, then presses Enter
	typeKey(w, fyne.KeyReturn)
	typeKey(w, fyne.KeyReturn) // the repeat
	if applied != 1 {
		t.Errorf("applied %d times", applied)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !top.Visible() {
		t.Error("the failure message was closed, unread, by the repeated Enter (the fix was applied once)")
	}
}

// TestDialogHideTwiceKeepsTheNewerKeys: Hide on a dialog already hidden
// runs its OnClosed again (Fyne 2.7.1 dialog.hideWithResponse); it must
// not put back a key handler over a newer dialog's (F4).
func TestDialogHideTwiceKeepsTheNewerKeys(t *testing.T) {
	withKeyGuard(t, 0)
	p, w := dialogWindow(t)
	fixes := 0
	da := ShowQuestion(w, p, "A", "a", func() { fixes++ })
	typeKey(w, fyne.KeyEscape) // A: No
	db := ShowQuestion(w, p, "B", "b", func() {})
	_ = db
	da.Hide()                  // a caller keeping A's handle hides it again
	typeKey(w, fyne.KeyEscape) // meant for B
	top := w.Canvas().Overlays().Top()
	if top != nil && top.Visible() {
		t.Errorf("B is still shown after Escape: its keys were replaced")
	}
	if fixes != 0 {
		t.Errorf("A's fix ran %d times", fixes)
	}
}

// TestDialogHideTwiceRunsNoClosedQuestion: after both dialogs closed, a
// second Hide of the newer one must not bring the older question's keys
// back, so that Enter in the window runs no closed question's Yes (F4).
func TestDialogHideTwiceRunsNoClosedQuestion(t *testing.T) {
	withKeyGuard(t, 0)
	p, w := dialogWindow(t)
	fixes := 0
	ShowQuestion(w, p, "A", "a", func() { fixes++ })
	db := ShowMessage(w, p, "B", "b")
	typeKey(w, fyne.KeyReturn) // closes B
	typeKey(w, fyne.KeyEscape) // A: No
	db.Hide()                  // B hidden again
	if top := w.Canvas().Overlays().Top(); top != nil && top.Visible() {
		t.Fatal("a dialog is shown")
	}
	typeKey(w, fyne.KeyReturn) // Enter in the window, nothing shown
	if fixes != 0 {
		t.Errorf("with no dialog shown, Enter ran the closed question's Yes %d time(s)", fixes)
	}
}
