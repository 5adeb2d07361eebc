//go:build !windows

package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

// scriptedAgent answers the window on a real socket: status with the
// latest document, and a watch stream that sends whatever the test pushes.
type scriptedAgent struct {
	addr string
	push chan ipc.Response
	asks chan ipc.Request
}

func newScriptedAgent(t *testing.T, first *report.Document) *scriptedAgent {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ipc")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	a := &scriptedAgent{addr: filepath.Join(dir, "agent.sock"), push: make(chan ipc.Response, 8), asks: make(chan ipc.Request, 8)}
	l, err := ipc.Listen(a.addr)
	if err != nil {
		t.Fatal(err)
	}
	raw := func(d *report.Document) json.RawMessage { b, _ := json.Marshal(d); return b }
	srv := &ipc.Server{Handler: func(ctx context.Context, req ipc.Request, reply func(ipc.Response) error) {
		switch req.Cmd {
		case ipc.CmdStatus:
			reply(ipc.Response{OK: true, Status: raw(first)})
		case ipc.CmdWatch:
			reply(ipc.Response{OK: true, Status: raw(first)})
			for {
				select {
				case <-ctx.Done():
					return
				case r := <-a.push:
					if reply(r) != nil || r.Quit {
						return
					}
				}
			}
		default:
			a.asks <- req
			reply(ipc.Response{OK: true})
		}
	}}
	go srv.Serve(l)
	t.Cleanup(func() { l.Close() })
	return a
}

func docOf(p *i18n.Printer, at time.Time, results ...monitor.Result) *report.Document {
	for i := range results {
		results[i].Time = at
	}
	d := report.Build(results, p, report.App{Name: "Mamori"}, at)
	return &d
}

// manyChecks is a document long enough to scroll: every check warns.
func manyChecks(p *i18n.Printer, at time.Time, lockStatus monitor.Status) *report.Document {
	var rs []monitor.Result
	for _, id := range []string{"wifi", "antivirus", "firewall", "password-files", "app-sources", "remote-control", "site-redirects", "idle-power"} {
		rs = append(rs, monitor.Result{CheckID: id, Status: monitor.Unknown, Advice: id + ".unknown", Finding: monitor.T("finding.unknown")})
	}
	rs = append(rs, monitor.Result{CheckID: "screen-lock", Status: lockStatus, Advice: "screen-lock.off", Finding: monitor.T("finding.screen-lock.off")})
	return docOf(p, at, rs...)
}

// pushed sends r on the watch stream and waits until the window drew it.
func (a *scriptedAgent) pushed(t *testing.T, r ipc.Response, drawn func() bool) {
	t.Helper()
	a.push <- r
	// Drawing is an event the test waits for; the bound is only a guard
	// against a window that never draws, generous for a busy machine.
	for end := time.Now().Add(30 * time.Second); !drawn(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("the window did not draw what the agent sent")
		}
	}
}

func openWindowOn(t *testing.T, a *scriptedAgent, p *i18n.Printer, focus string) (*StatusWindow, fyne.Window) {
	t.Helper()
	return startOn(t, test.NewTempWindow(t, widget.NewLabel("")), a, p, focus)
}

func startOn(t *testing.T, w fyne.Window, a *scriptedAgent, p *i18n.Printer, focus string) (*StatusWindow, fyne.Window) {
	t.Helper()
	w.Resize(fyne.NewSize(600, 500))
	sw := &StatusWindow{Window: w, Show: w.SetContent, Printer: p, Address: a.addr, Focus: focus,
		Undos: fix.Undos{Path: filepath.Join(t.TempDir(), "undo.json")}}
	sw.Start()
	// The watch stream's first document is drawn too before the test
	// acts, as a person's first click comes after it.
	first := sw.view
	for end := time.Now().Add(5 * time.Second); sw.view == first; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("the window did not follow the agent")
		}
	}
	return sw, w
}

// detailsOpen reports whether check id's Details are open in the window.
func detailsOpen(sw *StatusWindow, id string) bool {
	row := sw.view.rows[id]
	if row == nil {
		return false
	}
	for _, o := range test.LaidOutObjects(row) {
		if l, ok := o.(*widget.Label); ok && l.Text == "Why it matters" {
			return visibleParents(row, l)
		}
	}
	return false
}

// TestStatusWindowKeepsYourPlace: the person scrolled down and opened a
// check's Details; a new result arrives; the list is where they left it
// and the Details still open.
func TestStatusWindowKeepsYourPlace(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	a := newScriptedAgent(t, manyChecks(p, at, monitor.Critical))
	sw, _ := openWindowOn(t, a, p, "")
	test.Tap(button(t, sw.view.rows["firewall"], "Details"))
	sw.view.scroll.ScrollToOffset(fyne.NewPos(0, 300))
	before := sw.view.scroll.Offset
	if before.Y == 0 || !detailsOpen(sw, "firewall") {
		t.Fatalf("could not set the place up: offset %v, details open %v", before, detailsOpen(sw, "firewall"))
	}
	raw, _ := json.Marshal(manyChecks(p, at.Add(time.Minute), monitor.OK))
	old := sw.view
	a.pushed(t, ipc.Response{OK: true, Status: raw}, func() bool { return sw.view != old })
	if got := sw.view.scroll.Offset; got != before {
		t.Errorf("after an update the list is at %v, was %v", got, before)
	}
	if !detailsOpen(sw, "firewall") {
		t.Error("after an update the open Details closed")
	}
}

// TestStatusWindowComesToTheFront: the window is open; the person asks
// for it at a check (the tray's check item, a notification's Details):
// the check's Details open and the list scrolls to it; with Fix, its fix
// is asked at once.
func TestStatusWindowComesToTheFront(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	doc := manyChecks(p, at, monitor.Critical)
	a := newScriptedAgent(t, doc)
	sw, _ := openWindowOn(t, a, p, "")
	if sw.view.scroll.Offset.Y != 0 || detailsOpen(sw, "idle-power") {
		t.Fatal("the window did not open at its top with Details closed")
	}
	raw, _ := json.Marshal(doc)
	old := sw.view
	a.pushed(t, ipc.Response{OK: true, Status: raw, Show: &ipc.Show{Check: "idle-power"}}, func() bool {
		return sw.view != old && detailsOpen(sw, "idle-power") && sw.view.scroll.Offset.Y > 0
	})
	row := sw.view.rows["idle-power"]
	if off := sw.view.scroll.Offset.Y; off == 0 || off > row.Position().Y+sw.view.list.Position().Y+1 {
		t.Errorf("the list is at %v, the check's row at %v", off, row.Position().Y)
	}
}

// TestStatusWindowClosesOnQuit: the person quit Mamori from the tray; the
// window closes instead of saying Mamori is not running.
func TestStatusWindowClosesOnQuit(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	a := newScriptedAgent(t, manyChecks(p, time.Now(), monitor.OK))
	// A window the test does not close: the window closes itself.
	_, w := startOn(t, test.NewWindow(widget.NewLabel("")), a, p, "")
	closed := make(chan struct{})
	var once sync.Once
	w.SetOnClosed(func() { once.Do(func() { close(closed) }) })
	a.push <- ipc.Response{OK: true, Quit: true}
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the window stayed open after Quit")
	}
}

// TestCheckNowShowsItRuns: Check now says it is checking until every
// check has run again, then the time, to the second.
func TestCheckNowShowsItRuns(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)
	a := newScriptedAgent(t, manyChecks(p, at, monitor.OK))
	sw, _ := openWindowOn(t, a, p, "")
	sw.Now = func() time.Time { return at.Add(time.Minute) }
	test.Tap(button(t, sw.view.root, "Check now"))
	if b := button(t, sw.view.root, "Checking…"); !b.Disabled() {
		t.Error("Check now can be clicked again while it runs")
	}
	if req := <-a.asks; req.Cmd != ipc.CmdCheckNow {
		t.Fatalf("asked %v", req)
	}
	raw, _ := json.Marshal(manyChecks(p, at.Add(time.Minute+5*time.Second), monitor.OK))
	a.pushed(t, ipc.Response{OK: true, Status: raw}, func() bool {
		return !sw.state.checking && strings.Contains(strings.Join(texts(sw.view.root), "\n"), "09:31:05")
	})
	all := strings.Join(texts(sw.view.root), "\n")
	if !strings.Contains(all, "Last checked 2026-11-25 09:31:05") || !strings.Contains(all, "[Check now]") {
		t.Errorf("after the run the window says:\n%s", all)
	}
}
