package agent

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestANewPlanWaitsForTheRunThatGoes: the person turns a check off while
// the first sweep's slow check (a package manager's simulation, minutes on
// a busy machine) still runs. The new plan takes effect once that run has
// ended, not by cancelling it: its result is kept.
func TestANewPlanWaitsForTheRunThatGoes(t *testing.T) {
	dir := t.TempDir()
	settings := filepath.Join(dir, "settings.json")
	started, release := make(chan struct{}, 4), make(chan struct{})
	var cancelled atomic.Bool
	slow := monitor.Func{Def: monitor.Spec{ID: "os-updates", Timeout: time.Minute}, Fn: func(ctx context.Context) monitor.Result {
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
			cancelled.Store(true)
		}
		return monitor.Result{Status: monitor.Warn, Finding: monitor.T("finding.os-updates.pending")}
	}}
	fast := monitor.Func{Def: monitor.Spec{ID: "firewall"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.firewall.ok")}
	}}
	a := newHere(t, hereOptions{Checks: []monitor.Check{slow, fast}, Settings: config.Store{Path: settings}})
	a.run(t)
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the slow check never started")
	}
	// The window saves the settings with firewall off.
	if err := os.WriteFile(settings, []byte(`{"disabled_checks": ["firewall"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := ipc.Call(ctx, a.Address, ipc.Request{Cmd: ipc.CmdReload}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	close(release)
	waitFor(t, "the slow check's result kept", 10*time.Second, func() bool {
		for _, r := range a.state(t).Results {
			if r.CheckID == "os-updates" {
				return r.Status == monitor.Warn
			}
		}
		return false
	})
	if cancelled.Load() {
		t.Error("the new plan cancelled the slow check's run")
	}
}
