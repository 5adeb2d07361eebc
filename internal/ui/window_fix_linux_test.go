package ui

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestFixAndUndoKeepTheCheckInView: the person fixes screen lock, at the
// top of the list (it is critical), and answers Yes; its new result (OK)
// sorts it to the bottom, and the list follows it there: the check, what
// the fix changed and Undo the fix are in view, Details open. Then they
// undo it and answer Yes; the check goes back to the top, and the list
// follows it up. Real gsettings on a private dconf; the window's real
// dialogs, answered by their Yes button.
func TestFixAndUndoKeepTheCheckInView(t *testing.T) {
	test.NewTempApp(t)
	s, sys, run := lockOffOnGNOME(t)
	p := printer(t, "en")
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	a := newScriptedAgent(t, manyChecks(p, at, monitor.Critical))
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(600, 500))
	now := at.Add(10 * time.Second)
	sw := &StatusWindow{Window: w, Show: w.SetContent, Printer: p, Address: a.addr,
		Undos: fix.Undos{Path: filepath.Join(t.TempDir(), "undo.json")},
		Fixes: check.Fixes(check.Deps{}), Sys: sys, Runner: run, OS: "linux", Desktop: "GNOME",
		Now: func() time.Time { return now }}
	sw.Start()
	first := sw.view
	for end := time.Now().Add(5 * time.Second); sw.view == first; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("the window did not follow the agent")
		}
	}
	checkNowAsked := func() {
		t.Helper()
		select {
		case req := <-a.asks:
			if req.Cmd != ipc.CmdCheckNow && req.Cmd != ipc.CmdUndoing {
				t.Fatalf("the window asked %v", req)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the window asked the agent nothing")
		}
	}
	push := func(lock monitor.Status, when time.Time) {
		t.Helper()
		raw, _ := json.Marshal(manyChecks(p, when, lock))
		// Drawn when the window shows this document, not at any redraw
		// (the fix's own redraw comes first: with both cores busy, the
		// test once looked before the new result was drawn).
		old := sw.view
		a.pushed(t, ipc.Response{OK: true, Status: raw}, func() bool {
			// acted is let go at the end of the render that drew it.
			return sw.view != old && sw.doc != nil && checkedAfter(sw.doc, "screen-lock", when) && sw.acted == ""
		})
	}

	if off := sw.view.scroll.Offset.Y; off != 0 {
		t.Fatalf("the window opened at %v, not at its top", off)
	}
	test.Tap(button(t, sw.view.rows["screen-lock"], "Fix it"))
	tapDialog(t, w, "Yes")
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "true\n" {
		t.Fatalf("after Fix it → Yes lock-enabled is %q", got)
	}
	checkNowAsked()
	push(monitor.OK, at.Add(20*time.Second))
	if last := sw.view.rows["screen-lock"]; last.Position().Y < sw.view.rows["wifi"].Position().Y {
		t.Fatal("the fixed check did not move down: the test shows nothing")
	}
	inView(t, w, sw, "after Fix it", "Done. Mamori changed", "Undo the fix")
	if sw.acted != "" {
		t.Error("the window still keeps the check in view after its new result was drawn")
	}
	// The setting goes back by other means: the check fails again, and
	// the window no longer says the fix is done (found on a trial).
	push(monitor.Critical, at.Add(25*time.Second))
	if strings.Contains(strings.Join(texts(sw.view.rows["screen-lock"]), " "), "Done. Mamori changed") {
		t.Error("a check failing again after its fix still says Done")
	}

	now = at.Add(30 * time.Second)
	test.Tap(button(t, sw.view.rows["screen-lock"], "Undo the fix"))
	tapDialog(t, w, "Yes")
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
		t.Fatalf("after Undo → Yes lock-enabled is %q", got)
	}
	checkNowAsked()
	checkNowAsked()
	push(monitor.Critical, at.Add(40*time.Second))
	inView(t, w, sw, "after Undo", "Screen lock", "Why it matters")
	if !detailsOpen(sw, "screen-lock") {
		t.Error("after Undo the check's Details are closed")
	}
}

// tapDialog taps the button labelled label in the dialog on top of w.
func tapDialog(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil || !top.Visible() {
		t.Fatal("no dialog is shown")
	}
	for _, o := range test.LaidOutObjects(top) {
		switch b := o.(type) {
		case *keyButton:
			if b.Text == label {
				test.Tap(b)
				return
			}
		case *widget.Button:
			if b.Text == label {
				test.Tap(b)
				return
			}
		}
	}
	t.Fatalf("the dialog has no %q", label)
}

// inView checks that each of wants (the start of a text, or a button's
// label) in check id's row lies inside the list's visible part.
func inView(t *testing.T, w fyne.Window, sw *StatusWindow, when string, wants ...string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	sc := sw.view.scroll
	viewTop := d.AbsolutePositionForObject(sc).Y
	viewBottom := viewTop + sc.Size().Height
	row := sw.view.rows["screen-lock"]
	for _, want := range wants {
		var found fyne.CanvasObject
		for _, o := range test.LaidOutObjects(row) {
			switch x := o.(type) {
			case *paragraph:
				if strings.HasPrefix(x.text, want) {
					found = o
				}
			case *widget.Label:
				if strings.HasPrefix(x.Text, want) {
					found = o
				}
			case *widget.Button:
				if x.Text == want {
					found = o
				}
			}
			if found != nil {
				break
			}
		}
		if found == nil {
			t.Errorf("%s: the check shows no %q: %q", when, want, texts(row))
			continue
		}
		top := d.AbsolutePositionForObject(found).Y
		if bottom := top + found.Size().Height; top < viewTop || bottom > viewBottom {
			t.Errorf("%s: %q is at %v–%v, out of view (the list shows %v–%v, scrolled to %v)", when, want, top, bottom, viewTop, viewBottom, sc.Offset.Y)
		}
	}
}
