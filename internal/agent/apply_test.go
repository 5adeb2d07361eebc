package agent

import (
	"testing"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/tray"
)

// TestAnOlderTrayStateIsNotShown: judges run side by side, and their
// answers reach the agent in any order; a tray state a judge numbered
// before the one shown is not shown after it, nor does its status
// document's notice go out.
func TestAnOlderTrayStateIsNotShown(t *testing.T) {
	ft := &recordingTray{}
	a := &Agent{Tray: ft}
	f, stop := a.follow()
	defer stop()
	a.apply(wire.Op{Seq: 5, Tray: &tray.State{Labels: tray.Labels{CheckNow: "Checked at 10:00:05"}}, Publish: true})
	<-f.notices
	a.apply(wire.Op{Seq: 4, Tray: &tray.State{Labels: tray.Labels{CheckNow: "Checking…"}}, Publish: true})
	if got := ft.last(); got != "Checked at 10:00:05" {
		t.Errorf("the menu says %q after an older state came late (labels %q)", got, ft.labels)
	}
	select {
	case <-f.notices:
		t.Error("the status windows were told of an older document")
	default:
	}
	a.apply(wire.Op{Seq: 6, Tray: &tray.State{Labels: tray.Labels{CheckNow: "Checking…"}}})
	if got := ft.last(); got != "Checking…" {
		t.Errorf("a newer state is not shown: %q", got)
	}
}
