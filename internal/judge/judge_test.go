package judge

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/tray"
)

// newJudge is a judge over a state directory of the test's, its ops read
// back with ops.
func newJudge(t *testing.T, dir string, checks ...monitor.Check) (*Judge, func() []wire.Op) {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	j := &Judge{Checks: checks, Settings: config.Store{Path: filepath.Join(dir, "settings.json")}, Catalog: cat,
		Getenv: func(string) string { return "" }, Dir: filepath.Join(dir, "state"), Log: logfmt.New(io.Discard),
		Out: wire.NewEncoder(&out)}
	return j, func() []wire.Op {
		var ops []wire.Op
		if err := wire.Read(&out, func(op wire.Op) { ops = append(ops, op) }); err != nil {
			t.Fatal(err)
		}
		return ops
	}
}

// TestPolicyShapesTheJudge: an organisation's managed policy reaches the
// judge's settings (and so the worker's): the threshold, the hourly cap,
// and a snooze the policy does not allow is refused.
func TestPolicyShapesTheJudge(t *testing.T) {
	for _, allowed := range []bool{true, false} {
		t.Run(map[bool]string{true: "snooze allowed", false: "snooze not allowed"}[allowed], func(t *testing.T) {
			dir := t.TempDir()
			policies := filepath.Join(dir, "mamori", "policies")
			os.MkdirAll(filepath.Join(policies, "managed"), 0o755)
			body := `{"ScreenLockMinutes": 2, "NotificationsPerHour": 1, "SnoozeAllowed": false}`
			if allowed {
				body = `{"ScreenLockMinutes": 2, "NotificationsPerHour": 1}`
			}
			os.WriteFile(filepath.Join(policies, "managed", "corp.json"), []byte(body), 0o644)
			j, _ := newJudge(t, dir)
			os.WriteFile(j.Settings.Path, []byte(`{"screen_lock_minutes": 30}`), 0o600)
			j.Settings.Policy = policy.Channel{Read: policy.Files{Dir: policies, Owner: os.Getuid()}.Read}
			if err := j.Tray(context.Background(), tray.SnoozeHour); err != nil {
				t.Fatal(err)
			}
			if st := j.CurrentSettings(); st.ScreenLockMinutes != 2 || st.NotificationsPerHour != 1 {
				t.Errorf("settings %+v", st)
			}
			if j.policy.MaxPerHour != 1 {
				t.Errorf("hourly cap %d", j.policy.MaxPerHour)
			}
			// What the next judge reads back.
			next, _ := newJudge(t, dir)
			next.Settings = j.Settings
			if _, unlock, err := next.begin(context.Background()); err != nil {
				t.Fatal(err)
			} else {
				unlock()
			}
			if snoozed := !next.policy.SnoozedUntil().IsZero(); snoozed != allowed {
				t.Errorf("snoozed %v, allowed %v", snoozed, allowed)
			}
		})
	}
}

// TestALateRunDoesNotUndoANewerResult: judges run side by side; a run
// that began first and ends last (a slow package check's run) does not put
// back a result older than one another judge kept meanwhile, and a change
// is judged against the newest result kept, not the one its run began
// with.
func TestALateRunDoesNotUndoANewerResult(t *testing.T) {
	dir := t.TempDir()
	status := monitor.Critical
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	wifi := monitor.Func{Def: monitor.Spec{ID: "wifi"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: status, Finding: monitor.T("finding.wifi.ok")}
	}}
	j, ops := newJudge(t, dir, wifi)
	ctx := context.Background()
	if err := j.Start(ctx); err != nil {
		t.Fatal(err)
	}
	// The newer result is kept first.
	if err := j.commit(ctx, []monitor.Result{{CheckID: "wifi", Status: monitor.OK, Advice: "wifi", Time: at.Add(time.Minute)}}, true); err != nil {
		t.Fatal(err)
	}
	// The older one comes late.
	if err := j.commit(ctx, []monitor.Result{{CheckID: "wifi", Status: monitor.Critical, Advice: "wifi.open", Time: at}}, true); err != nil {
		t.Fatal(err)
	}
	st := j.load()
	if r, _ := st.result("wifi"); r.Status != monitor.OK {
		t.Errorf("kept %s, want the newer ok", r.Status)
	}
	var answered []string
	var seqs []uint64
	for _, op := range ops() {
		answered = append(answered, op.Answered...)
		if op.Tray != nil {
			seqs = append(seqs, op.Seq)
		}
	}
	if len(answered) != 2 {
		t.Errorf("answered %v: both runs answered, the late one too", answered)
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] <= seqs[i-1] {
			t.Errorf("tray states numbered %v: not in the order kept", seqs)
		}
	}
}

// TestExportsInTheOrderKept: two runs end side by side; the export the
// organisation's collector reads must be the latest results kept, not the
// snapshot of whichever judge wrote its export last. (Red team, session
// 6: the export was written after the state's lock was released, so a
// judge descheduled there wrote an older snapshot over a newer one, until
// the next run.)
func TestExportsInTheOrderKept(t *testing.T) {
	dir := t.TempDir()
	ok := func(id string) monitor.Check {
		return monitor.Func{Def: monitor.Spec{ID: id}, Fn: func(context.Context) monitor.Result {
			return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.wifi.ok")}
		}}
	}
	checks := []monitor.Check{ok("firewall"), ok("wifi")}
	var mu sync.Mutex
	var exported [][]monitor.Result
	record := func(results []monitor.Result) {
		mu.Lock()
		defer mu.Unlock()
		exported = append(exported, results)
	}
	ctx := context.Background()
	first, _ := newJudge(t, dir, checks...)
	if err := first.Start(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	slow, _ := newJudge(t, dir, checks...)
	slow.Export = func(results []monitor.Result) { time.Sleep(300 * time.Millisecond); record(results) }
	quick, _ := newJudge(t, dir, checks...)
	quick.Export = record
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		slow.commit(ctx, []monitor.Result{{CheckID: "firewall", Status: monitor.OK, Time: now}}, true)
	}()
	time.Sleep(50 * time.Millisecond)
	go func() {
		defer wg.Done()
		quick.commit(ctx, []monitor.Result{{CheckID: "wifi", Status: monitor.Warn, Advice: "wifi.open", Time: now}}, true)
	}()
	wg.Wait()
	last := exported[len(exported)-1]
	if len(last) != 2 {
		t.Fatalf("the export last written holds %d results, want both checks': %+v", len(last), last)
	}
}
