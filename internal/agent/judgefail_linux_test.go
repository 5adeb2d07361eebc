package agent

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestAJudgeThatFailsCostsOneEvent: the judge of the first sweep dies
// without an answer (a crash, a kill at its deadline); the agent goes on
// answering its socket, and the next run of the same checks, asked for
// with Check now, is judged as if nothing had happened.
func TestAJudgeThatFailsCostsOneEvent(t *testing.T) {
	dir := t.TempDir()
	sweeps := make(chan []monitor.Result, 4)
	wifi := monitor.Func{Def: monitor.Spec{ID: "wifi"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.wifi.ok")}
	}}
	a := newHere(t, hereOptions{
		Checks:   []monitor.Check{wifi},
		Settings: config.Store{Path: filepath.Join(dir, "settings.json")},
		Export:   func(results []monitor.Result) { sweeps <- results },
	})
	judge := a.Judge
	var runs atomic.Int32
	a.Judge = func(ctx context.Context, event []string, got func(wire.Op)) error {
		if event[0] == "run" && runs.Add(1) == 1 {
			return errors.New("signal: killed")
		}
		return judge(ctx, event, got)
	}
	done := a.run(t)
	waitFor(t, "the first sweep's judge to have failed", 10*time.Second, func() bool { return runs.Load() >= 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if resp, err := ipc.Call(ctx, a.Address, ipc.Request{Cmd: ipc.CmdStatus}); err != nil || !resp.OK {
		t.Fatalf("the agent does not answer after its judge failed: %+v %v", resp, err)
	}
	if _, err := ipc.Call(ctx, a.Address, ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
		t.Fatal(err)
	}
	select {
	case results := <-sweeps:
		if len(results) != 1 || results[0].Status != monitor.OK {
			t.Errorf("the run after the failed one: %+v", results)
		}
	case err := <-done:
		t.Fatalf("the agent ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no run judged after the failed one")
	}
}
