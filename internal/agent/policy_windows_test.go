package agent

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
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
	const key = `HKCU\SOFTWARE\Policies\Mamori`
	reg, next, sweeps := policyAgent(t, "change")
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

// TestPolicyKeyDeletedAndAddedAgainWindows: the Policies key exists when
// the agent starts, so its own handle is watched; an administrator (or
// Group Policy's refresh, which deletes the Policies key and writes it
// again) deletes it, and later writes it again. RegNotifyChangeKeyValue
// does not report the deletion of the key it watches (only a deletion of
// its values), and a deleted key's handle never reports again: the watch
// must see the key go and carry on from the nearest key that is left,
// so that the policy going brings a sweep with
// the default threshold, and the key written again a sweep with the
// policy's, without a restart. Twice, as a refresh does every 90 minutes;
// the Mamori key alone, and the whole Policies key.
func TestPolicyKeyDeletedAndAddedAgainWindows(t *testing.T) {
	for _, root := range []string{"HKLM", "HKCU"} {
		for _, gone := range []string{`SOFTWARE\Policies\Mamori`, `SOFTWARE\Policies`} {
			t.Run(root+`\`+gone, func(t *testing.T) {
				policyKeyDeletedAndAddedAgain(t, root, root+`\`+gone)
			})
		}
	}
}

// policyKeyDeletedAndAddedAgain: with root's Mamori key written before
// the agent starts, gone (that key or one above it) deleted and the key
// written again, twice.
func policyKeyDeletedAndAddedAgain(t *testing.T, root, gone string) {
	key := root + `\SOFTWARE\Policies\Mamori`
	reg, next, _ := policyAgent(t, "deleted-"+strings.ToLower(strings.ReplaceAll(gone, `\`, "-")),
		[]string{"add", key, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "15", "/f"})
	for round := 1; round <= 2; round++ {
		reg("delete", gone, "/f")
		if s := next(fmt.Sprintf("after reg.exe deleted the key (round %d)", round)); s != monitor.Critical {
			t.Errorf("round %d, the policy gone (5 minutes by default): screen-lock %s, want critical", round, s)
		}
		reg("add", key, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "15", "/f")
		if s := next(fmt.Sprintf("after reg.exe added the key again (round %d)", round)); s != monitor.OK {
			t.Errorf("round %d, the policy back (15 minutes): screen-lock %s, want ok", round, s)
		}
	}
	// The key written again is watched as closely as at first: a
	// change of its value counts too.
	reg("add", key, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "5", "/f")
	if s := next("after reg.exe changed the value in the key added again"); s != monitor.Critical {
		t.Errorf("the policy back, asking for 5 minutes: screen-lock %s, want critical", s)
	}
}

// policyAgent runs an agent whose one check, screen-lock, is critical
// unless the limit it holds is 10 minutes or more (the default is 5),
// with the Windows policy channel and the registry watcher; before it
// starts, reg.exe runs with each of before, and the Policies keys are
// deleted at the end. It returns reg (reg.exe with the arguments given),
// next (the status of the next sweep's check) and the sweeps' channel,
// drained of the sweeps at start.
func policyAgent(t *testing.T, name string, before ...[]string) (reg func(args ...string), next func(what string) monitor.Status, sweeps chan monitor.Status) {
	t.Helper()
	if os.Getenv("MAMORI_WINE") == "" {
		testenv.Unavailable(t, "writes the Policies keys of the registry: run under Wine (scripts/wine-test)")
	}
	reg = func(args ...string) {
		t.Helper()
		if out, err := exec.Command("reg", args...).CombinedOutput(); err != nil {
			t.Fatalf("reg %v: %v\n%s", args, err, out)
		}
	}
	for _, root := range []string{"HKLM", "HKCU"} {
		key := root + `\SOFTWARE\Policies\Mamori`
		exec.Command("reg", "delete", key, "/f").Run()
		t.Cleanup(func() { exec.Command("reg", "delete", key, "/f").Run() })
	}
	for _, args := range before {
		reg(args...)
	}

	// Not t.TempDir: its removal fails under Wine ("Invalid function"
	// from os.RemoveAll's POSIX deletion); what is left is in the
	// prefix.
	dir, err := os.MkdirTemp("", "mamori-agent-policy-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var a *here
	lock := monitor.Func{Def: monitor.Spec{ID: "screen-lock"}, Fn: func(context.Context) monitor.Result {
		if a.CurrentSettings().ScreenLockMinutes < 10 {
			return monitor.Result{Status: monitor.Critical, Finding: monitor.T("finding.screen-lock.slow")}
		}
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.screen-lock.ok")}
	}}
	sweeps = make(chan monitor.Status, 16)
	channel := policy.System("org.mamori.test")
	a = newHere(t, hereOptions{
		Checks:   []monitor.Check{lock},
		Settings: config.Store{Path: filepath.Join(dir, "settings.json"), Policy: channel},
		Address:  fmt.Sprintf(`\\.\pipe\mamori-policy-test-%s-%d`, name, os.Getpid()),
		Export: func(results []monitor.Result) {
			for _, r := range results {
				sweeps <- r.Status
			}
		},
		Sources:    map[monitor.Source]watch.Func{monitor.Registry: watch.Registry},
		PolicyKeys: channel.WatchKeys,
	})
	done := a.run(t)
	next = func(what string) monitor.Status {
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
	want := monitor.Critical // 5 minutes
	if len(before) > 0 {
		want = monitor.OK // 15 minutes
	}
	if s := next("at start"); s != want {
		t.Fatalf("first sweep: screen-lock %s, want %s", s, want)
	}
	// The sweeps at start are over; from here, none is asked for.
	time.Sleep(time.Second)
	for len(sweeps) > 0 {
		<-sweeps
	}
	return reg, next, sweeps
}
