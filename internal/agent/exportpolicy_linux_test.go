package agent

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/watch"
)

// TestExportPolicyReachesASweep: an administrator turns on the
// Prometheus export (a managed-only policy that is not part of
// config.Settings) while the agent runs: the watched policy file brings a
// sweep at once, whose end exports. policyChanged compares the policy as
// read (its fingerprint), not only the settings (found by the red team).
func TestExportPolicyReachesASweep(t *testing.T) {
	dir := t.TempDir()
	policies, write := managedPolicy(t, dir)
	write(`{"ScreenLockMinutes": 15}`)
	run := filepath.Join(dir, "run")
	os.Mkdir(run, 0o700)
	prom := filepath.Join(dir, "prom")
	os.Mkdir(prom, 0o755)

	ok := monitor.Func{Def: monitor.Spec{ID: "wifi"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.wifi.ok")}
	}}
	sweeps := make(chan struct{}, 16)
	ch := policy.Channel{Read: policy.Files{Dir: policies, Owner: os.Getuid()}.Read}
	a := &Agent{
		Checks:      []monitor.Check{ok},
		Settings:    config.Store{Path: filepath.Join(dir, "settings.json"), Policy: ch},
		Getenv:      func(string) string { return "" },
		Address:     filepath.Join(run, "agent.sock"),
		Log:         logfmt.New(io.Discard),
		Export:      func([]monitor.Result) { sweeps <- struct{}{} },
		Sources:     map[monitor.Source]watch.Func{monitor.File: watch.Files},
		PolicyPaths: []string{filepath.Join(policies, "managed") + "/"},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-sweeps:
	case <-time.After(30 * time.Second):
		t.Fatal("no first sweep")
	}
	time.Sleep(time.Second)
	for len(sweeps) > 0 {
		<-sweeps
	}
	write(`{"ScreenLockMinutes": 15, "PrometheusTextfileDirectory": "` + prom + `"}`)
	if e := ch.Set().Export(); e.PrometheusDir != prom {
		t.Fatalf("policy not read as intended: %+v", e)
	}
	select {
	case <-sweeps:
	case <-time.After(10 * time.Second):
		t.Errorf("the export policy was turned on, and no sweep (so no export) came within 10 s; the next is the interval's (%d min)", a.CurrentSettings().IntervalMinutes)
	}
}
