package agent

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/watch"
)

// TestPolicyKeyChangeReachesTheAgentWindows: an administrator's tool
// (here Windows' own reg.exe) writes the user's Policies key while the
// agent runs, first creating it, then changing a value; each time a sweep
// runs at once with the new threshold, though nothing asked for one and
// the interval is an hour: RegNotifyChangeKeyValue on the keys, not the
// next sweep, brings the change. Another program's key beside it brings
// no sweep. Under Wine (scripts/wine-test).
func TestPolicyKeyChangeReachesTheAgentWindows(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		testenv.Unavailable(t, "writes the Policies keys of the registry: run under Wine (scripts/wine-test)")
	}
	const key = `HKCU\SOFTWARE\Policies\Mamori`
	reg := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("reg", args...).CombinedOutput(); err != nil {
			t.Fatalf("reg %v: %v\n%s", args, err, out)
		}
	}
	exec.Command("reg", "delete", key, "/f").Run()
	t.Cleanup(func() { exec.Command("reg", "delete", key, "/f").Run() })

	// Not t.TempDir: its removal fails under Wine ("Invalid function"
	// from os.RemoveAll's POSIX deletion); what is left is in the
	// prefix.
	dir, err := os.MkdirTemp("", "mamori-agent-policy-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var a *Agent
	// Critical unless the limit the agent holds when the run starts is
	// 10 minutes or more (the default is 5).
	lock := monitor.Func{Def: monitor.Spec{ID: "screen-lock"}, Fn: func(context.Context) monitor.Result {
		if a.CurrentSettings().ScreenLockMinutes < 10 {
			return monitor.Result{Status: monitor.Critical, Finding: monitor.T("finding.screen-lock.slow")}
		}
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.screen-lock.ok")}
	}}
	sweeps := make(chan monitor.Status, 16)
	channel := policy.System("org.mamori.test")
	a = &Agent{
		Checks:   []monitor.Check{lock},
		Settings: config.Store{Path: filepath.Join(dir, "settings.json"), Policy: channel},
		Getenv:   func(string) string { return "" },
		Address:  fmt.Sprintf(`\\.\pipe\mamori-policy-test-%d`, os.Getpid()),
		Log:      logfmt.New(io.Discard),
		Export: func(results []monitor.Result) {
			for _, r := range results {
				sweeps <- r.Status
			}
		},
		Sources:    map[monitor.Source]watch.Func{monitor.Registry: watch.Registry},
		PolicyKeys: channel.WatchKeys,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	next := func(what string) monitor.Status {
		t.Helper()
		select {
		case s := <-sweeps:
			return s
		case err := <-done:
			t.Fatalf("the agent ended: %v", err)
		case <-time.After(20 * time.Second):
			t.Fatalf("no sweep %s", what)
		}
		return ""
	}
	if s := next("at start"); s != monitor.Critical {
		t.Fatalf("first sweep: screen-lock %s, want critical (5 minutes)", s)
	}
	// The sweeps at start are over; from here, none is asked for.
	time.Sleep(time.Second)
	for len(sweeps) > 0 {
		<-sweeps
	}
	// Before the key exists, its nearest ancestor is watched, with all
	// below it: another program's key there is no reason for a sweep.
	const other = `HKCU\SOFTWARE\Policies\MamoriTestOther`
	t.Cleanup(func() { exec.Command("reg", "delete", other, "/f").Run() })
	reg("add", other, "/v", "Setting", "/t", "REG_DWORD", "/d", "1", "/f")
	select {
	case s := <-sweeps:
		t.Errorf("a sweep (%s) for another program's key", s)
	case <-time.After(3 * time.Second):
	}
	reg("add", key, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "15", "/f")
	if s := next("after reg.exe created the key"); s != monitor.OK {
		t.Errorf("after the policy allowed 15 minutes: screen-lock %s, want ok", s)
	}
	reg("add", key, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "5", "/f")
	if s := next("after reg.exe changed the value"); s != monitor.Critical {
		t.Errorf("after the policy asked for 5 minutes again: screen-lock %s, want critical", s)
	}
}
