package agent

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/tray"
)

type recordingTray struct {
	mu     sync.Mutex
	labels []string
	hold   atomic.Bool // a Show of "Checking…" is late (its goroutine preempted)
}

func (f *recordingTray) Show(st tray.State) {
	if st.Labels.CheckNow == "Checking…" && f.hold.Load() {
		time.Sleep(400 * time.Millisecond)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.labels); n == 0 || f.labels[n-1] != st.Labels.CheckNow {
		f.labels = append(f.labels, st.Labels.CheckNow)
	}
}
func (f *recordingTray) Start() {}
func (f *recordingTray) Stop()  {}
func (f *recordingTray) said(l string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, x := range f.labels {
		if x == l {
			return true
		}
	}
	return false
}
func (f *recordingTray) last() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.labels) == 0 {
		return ""
	}
	return f.labels[len(f.labels)-1]
}

// rt5Agent runs an agent with a fast check and a slow one whose runs
// wait on release; started counts the slow check's runs.
func rt5Agent(t *testing.T) (a *here, ft *recordingTray, release chan struct{}, started chan int) {
	dir := t.TempDir()
	release = make(chan struct{})
	started = make(chan int, 16)
	n := 0
	var nmu sync.Mutex
	fast := monitor.Func{Def: monitor.Spec{ID: "firewall"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.screen-lock.off")}
	}}
	slow := monitor.Func{Def: monitor.Spec{ID: "os-updates", Timeout: time.Minute}, Fn: func(ctx context.Context) monitor.Result {
		nmu.Lock()
		n++
		k := n
		nmu.Unlock()
		started <- k
		select {
		case <-release:
		case <-ctx.Done():
		}
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.screen-lock.off")}
	}}
	ft = &recordingTray{}
	a = newHere(t, hereOptions{
		Checks:   []monitor.Check{fast, slow},
		Settings: config.Store{Path: filepath.Join(dir, "settings.json")},
	})
	a.Tray = ft
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	events := a.TrayEvents()
	_ = events
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		close(release)
		cancel()
		<-done
	})
	return a, ft, release, started
}

func rt5Wait(t *testing.T, what string, f func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if f() {
			return
		}
	}
	t.Fatalf("never: %s", what)
}

// a: Check now clicked while the first sweep's slow check runs.
// The menu says the check ran ("last checked …") while the slow check the
// click asked for has not answered at all.
func TestCheckNowDoneWhileACheckHasNoResultYet(t *testing.T) {
	a, ft, _, started := rt5Agent(t)
	<-started // the first sweep's slow check runs, and waits
	rt5Wait(t, "the fast check's first result", func() bool { return len(a.state(t).Results) == 1 })
	a.TrayEvents() <- tray.Event{Kind: tray.CheckNow}
	rt5Wait(t, "Checking…", func() bool { return ft.said("Checking…") })
	time.Sleep(1500 * time.Millisecond) // the fast check's re-run ends; the slow one still waits
	if got := ft.last(); got != "Checking…" {
		t.Errorf("the slow check has not answered, yet the menu says %q (labels %q)", got, ft.labels)
	}
}

// b: the slow check's run started before the click and answers after
// it: its result (stamped when it answers) counts as the run asked for,
// though it read the system before the click; the re-run the click asked
// for is still going when the menu says it ran.
func TestCheckNowDoneOnARunStartedBeforeTheClick(t *testing.T) {
	a, ft, release, started := rt5Agent(t)
	<-started
	release <- struct{}{} // the first sweep ends
	rt5Wait(t, "both results", func() bool { return len(a.state(t).Results) == 2 })
	a.scheduler().Trigger("os-updates") // an event re-runs the slow check
	<-started
	a.TrayEvents() <- tray.Event{Kind: tray.CheckNow}
	rt5Wait(t, "Checking…", func() bool { return ft.said("Checking…") })
	time.Sleep(300 * time.Millisecond)
	release <- struct{}{} // the run begun before the click answers
	k := <-started        // the re-run the click asked for starts, and waits
	time.Sleep(500 * time.Millisecond)
	if got := ft.last(); got != "Checking…" {
		t.Errorf("run %d (asked for by the click) has not answered, yet the menu says %q (labels %q)", k, got, ft.labels)
	}
}

// Judges run side by side (a run's, a redraw's, a reload's) and their
// tray states reach the agent in any order: one that read "asked" before
// the run's end and is shown after the run's "last checked" would leave
// "Checking…" in the menu with nothing running, until the next run ends.
func TestLateShowLeavesChecking(t *testing.T) {
	a, ft, release, started := rt5Agent(t)
	<-started
	release <- struct{}{}
	rt5Wait(t, "both results", func() bool { return len(a.state(t).Results) == 2 })
	a.TrayEvents() <- tray.Event{Kind: tray.CheckNow}
	<-started // the slow check's run the click asked for
	rt5Wait(t, "Checking…", func() bool { return ft.said("Checking…") })
	ft.hold.Store(true)
	go a.ask("redraw") // a judge's tray state that may come late
	time.Sleep(50 * time.Millisecond)
	release <- struct{}{}
	time.Sleep(time.Second)
	asked := a.state(t).CheckNow.Asked
	if got := ft.last(); got == "Checking…" && !asked {
		t.Errorf("nothing is being checked, yet the menu says %q (labels %q)", got, ft.labels)
	}
}

// The judges' state file is lost while the agent runs (removed by a
// cleaner, or unreadable, and so forgotten): the judges number their tray
// states afresh, and the agent, which has shown a higher number, must
// still show the next ones. (Red team, session 6: it dropped every tray
// state and status until the new numbers passed the old, so the menu
// never said Checking… for the Check now clicked.)
func TestTrayAfterTheStateFileIsLost(t *testing.T) {
	a, ft, release, started := rt5Agent(t)
	<-started
	release <- struct{}{}
	rt5Wait(t, "both results", func() bool { return len(a.state(t).Results) == 2 })
	for range 3 {
		a.ask("redraw")
	}
	if err := os.Remove(filepath.Join(a.StateDir, "agent.json")); err != nil {
		t.Fatal(err)
	}
	a.TrayEvents() <- tray.Event{Kind: tray.CheckNow}
	<-started // the slow check's run the click asked for, which waits
	time.Sleep(500 * time.Millisecond)
	if got := ft.last(); got != "Checking…" {
		t.Errorf("Check now was clicked and its run goes, yet the menu says %q (labels %q)", got, ft.labels)
	}
}
