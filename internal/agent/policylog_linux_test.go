package agent

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/policy"
)

// lockedLog is a log the agent's goroutines write and the test reads
// (e2e_linux_test.go's syncBuffer is in package agent_test).
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestPolicyProblemsAreLoggedOnce: a managed policy with a misspelt
// check ID and a bad value is said in the log once, as `mamori policy
// show` says it, not at every sweep nor at a reload; a new problem is
// said when it comes, and a problem said again after it went away.
func TestPolicyProblemsAreLoggedOnce(t *testing.T) {
	dir := t.TempDir()
	policies, write := managedPolicy(t, dir)
	write(`{"Checks": {"wify": "off"}, "ScreenLockMinutes": "soon"}`)

	check := func(id string) monitor.Check {
		return monitor.Func{Def: monitor.Spec{ID: id}, Fn: func(context.Context) monitor.Result {
			return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.wifi.ok")}
		}}
	}
	sweeps := make(chan struct{}, 16)
	log := &lockedLog{}
	a := newHere(t, hereOptions{
		Checks: []monitor.Check{check("screen-lock"), check("wifi")},
		Settings: config.Store{Path: filepath.Join(dir, "settings.json"), Policy: policy.Channel{
			Read: policy.Files{Dir: policies, Owner: os.Getuid()}.Read, Known: []string{"screen-lock", "wifi"}}},
		Log:    logfmt.New(log),
		Export: func([]monitor.Result) { sweeps <- struct{}{} },
	})
	done := a.run(t)
	sweep := func() {
		t.Helper()
		for len(sweeps) > 0 {
			<-sweeps
		}
		a.runNow()
		select {
		case <-sweeps:
		case err := <-done:
			t.Fatalf("the agent ended: %v", err)
		case <-time.After(30 * time.Second):
			t.Fatal("no sweep")
		}
	}
	said := func(what string) int {
		n := 0
		for _, line := range strings.Split(log.String(), "\n") {
			if strings.Contains(line, `msg=settings`) && strings.Contains(line, what) {
				n++
			}
		}
		return n
	}
	// expect waits (asking for sweeps) until each problem was said as
	// many times as wanted, then runs three sweeps more, after which the
	// counts must be the same.
	expect := func(when string, want map[string]int) {
		t.Helper()
		reached := func() bool {
			for what, n := range want {
				if said(what) != n {
					return false
				}
			}
			return true
		}
		for deadline := time.Now().Add(10 * time.Second); !reached() && time.Now().Before(deadline); {
			sweep()
		}
		for range 3 {
			sweep()
		}
		for what, n := range want {
			if got := said(what); got != n {
				t.Errorf("%s: %s said %d times, want %d\n%s", when, what, got, n, log.String())
			}
		}
	}

	for a.scheduler() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	expect("after the first sweeps", map[string]int{`\"wify\"`: 1, "ScreenLockMinutes": 1})
	ctxCall, cancelCall := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelCall()
	if _, err := ipc.Call(ctxCall, a.Address, ipc.Request{Cmd: ipc.CmdReload}); err != nil {
		t.Fatalf("reload: %v", err)
	}
	expect("after a reload", map[string]int{`\"wify\"`: 1, "ScreenLockMinutes": 1})

	// Another misspelling, the bad value unchanged: the new set of
	// problems is said, once.
	write(`{"Checks": {"wify": "off", "screenlock": "required"}, "ScreenLockMinutes": "soon"}`)
	expect("after a second misspelling", map[string]int{`\"screenlock\"`: 1, `\"wify\"`: 2})

	// Fixed, then broken again: said again. (Neither turns a check off:
	// that would make a new engine after the sweep.)
	write(`{"ScreenLockMinutes": 7}`)
	expect("after the policy was fixed", map[string]int{`\"wify\"`: 2})
	write(`{"Checks": {"wify": "off"}}`)
	expect("after the policy was broken again", map[string]int{`\"wify\"`: 3})
}
