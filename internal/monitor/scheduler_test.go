package monitor

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// counter is a check that records when it ran and can be made slow.
type counter struct {
	name   string
	took   time.Duration
	settle time.Duration

	mu      sync.Mutex
	runs    []time.Time
	running int
	overlap bool
}

func (c *counter) Spec() Spec { return Spec{ID: c.name, Settle: c.settle} }

func (c *counter) Run(ctx context.Context) Result {
	c.mu.Lock()
	c.runs = append(c.runs, time.Now())
	c.running++
	if c.running > 1 {
		c.overlap = true
	}
	c.mu.Unlock()
	time.Sleep(c.took)
	c.mu.Lock()
	c.running--
	c.mu.Unlock()
	return Result{Status: OK}
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.runs)
}

// runScheduler starts s and returns a stop function that waits for it to end.
func runScheduler(s *Scheduler) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	return func() { cancel(); <-done; synctest.Wait() }
}

func TestSchedulerIntervals(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fast, slow := &counter{name: "fast"}, &counter{name: "slow"}
		e := newEngine(t, []Check{fast, slow}, Options{})
		var (
			mu      sync.Mutex
			batches []string
		)
		after := func(ids []string) { mu.Lock(); batches = append(batches, strings.Join(ids, "+")); mu.Unlock() }
		s := NewScheduler(e, SchedulerOptions{Interval: time.Hour, Intervals: map[string]time.Duration{"fast": 10 * time.Minute}, AfterRun: after})
		stop := runScheduler(s)
		time.Sleep(35 * time.Minute)
		stop()
		if fast.count() != 4 || slow.count() != 1 {
			t.Errorf("after 35 minutes: fast ran %d times (want 4: at 0, 10, 20, 30), slow %d (want 1)", fast.count(), slow.count())
		}
		mu.Lock()
		defer mu.Unlock()
		if want := []string{"fast+slow", "fast", "fast", "fast"}; !slices.Equal(batches, want) {
			t.Errorf("AfterRun saw batches %q, want %q", batches, want)
		}
	})
}

// settledScheduler starts a scheduler of two checks, "wifi" and "other",
// with a 200ms window, and returns once its start-up sweep is done. Call it
// inside a synctest bubble.
func settledScheduler(t *testing.T) (s *Scheduler, wifi, other *counter, stop func()) {
	wifi, other = &counter{name: "wifi"}, &counter{name: "other"}
	e := newEngine(t, []Check{wifi, other}, Options{})
	s = NewScheduler(e, SchedulerOptions{Interval: time.Hour, Coalesce: 200 * time.Millisecond})
	stop = runScheduler(s)
	time.Sleep(time.Second)
	synctest.Wait()
	return s, wifi, other, stop
}

func TestSchedulerCoalescesTriggers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, wifi, other, stop := settledScheduler(t)
		defer stop()

		start := time.Now()
		for range 20 { // a burst of NetworkManager signals
			s.Trigger("wifi")
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if wifi.count() != 2 {
			t.Fatalf("wifi ran %d times, want 2: start-up and one for the whole burst", wifi.count())
		}
		if other.count() != 1 {
			t.Errorf("a trigger for wifi ran other too (%d runs)", other.count())
		}
		// The burst ran once, one window after its first trigger.
		if got := wifi.runs[1].Sub(start); got != 200*time.Millisecond {
			t.Errorf("triggered run started %v after the first trigger, want the 200ms window", got)
		}

		s.Trigger() // "Check now": everything
		time.Sleep(time.Second)
		synctest.Wait()
		if wifi.count() != 3 || other.count() != 2 {
			t.Errorf("Trigger() ran wifi %d and other %d times, want 3 and 2", wifi.count(), other.count())
		}
	})
}

func TestSchedulerTriggerDuringRunRerunsAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := &counter{name: "os-updates", took: 10 * time.Second}
		e := newEngine(t, []Check{c}, Options{Timeout: time.Minute})
		s := NewScheduler(e, SchedulerOptions{Interval: time.Hour})
		stop := runScheduler(s)
		defer stop()
		time.Sleep(time.Second) // inside the start-up run
		s.Trigger("os-updates")
		time.Sleep(30 * time.Second)
		synctest.Wait()
		if c.count() != 2 {
			t.Fatalf("ran %d times, want 2: the trigger during the run is served after it", c.count())
		}
		if c.overlap {
			t.Error("two runs of one check overlapped")
		}
		if got := c.runs[1].Sub(c.runs[0]); got != 10*time.Second {
			t.Errorf("rerun started %v after the first, want right when it finished (10s)", got)
		}
	})
}

// TestSchedulerCheckDoneBeforeItsBatchRunsAgain: a check that has its
// result may run again on a trigger though a slow check of its batch (the
// package manager's simulation) still runs: a screen-lock change made
// during the start-up sweep was otherwise seen only once the simulation
// ended, minutes later on a busy machine.
func TestSchedulerCheckDoneBeforeItsBatchRunsAgain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := &counter{name: "os-updates", took: time.Minute}
		quick := &counter{name: "screen-lock"}
		e := newEngine(t, []Check{slow, quick}, Options{Timeout: 2 * time.Minute})
		s := NewScheduler(e, SchedulerOptions{Interval: time.Hour})
		stop := runScheduler(s)
		defer stop()
		time.Sleep(time.Second) // screen-lock has answered; os-updates runs
		s.Trigger("screen-lock")
		time.Sleep(time.Second)
		synctest.Wait()
		if quick.count() != 2 {
			t.Errorf("screen-lock ran %d times within a second of the trigger, want 2: it waited for its batch", quick.count())
		}
		time.Sleep(time.Minute) // the simulation ends
		synctest.Wait()
		if slow.count() != 1 || slow.overlap {
			t.Errorf("os-updates ran %d times (overlap %v), want once", slow.count(), slow.overlap)
		}
	})
}

func TestSchedulerRunNowSkipsTheWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, wifi, other, stop := settledScheduler(t)
		defer stop()

		s.Trigger("wifi") // an event opens a window...
		synctest.Wait()
		start := time.Now()
		s.RunNow() // ...and then a person clicks "Check now"
		time.Sleep(time.Second)
		synctest.Wait()
		if wifi.count() != 2 || other.count() != 2 {
			t.Fatalf("ran wifi %d and other %d times, want 2 each: the event is served by the person's run", wifi.count(), other.count())
		}
		if got := other.runs[1].Sub(start); got != 0 {
			t.Errorf("Check now started %v after the click, want at once", got)
		}
	})
}

// TestSchedulerSettleWaitsForQuiet plays a package upgrade: dpkg's status
// changes every few seconds for a minute. A check that settles runs once,
// after the events have been quiet for its Settle, not once per burst.
func TestSchedulerSettleWaitsForQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pkgs := &counter{name: "os-updates", settle: 30 * time.Second}
		wifi := &counter{name: "wifi"}
		e := newEngine(t, []Check{pkgs, wifi}, Options{})
		s := NewScheduler(e, SchedulerOptions{Interval: time.Hour})
		stop := runScheduler(s)
		defer stop()
		synctest.Wait() // the start-up run
		var last time.Time
		for range 20 {
			s.Trigger("os-updates", "wifi")
			last = time.Now()
			time.Sleep(3 * time.Second)
		}
		synctest.Wait()
		if n := pkgs.count(); n != 1 {
			t.Fatalf("os-updates ran %d times during the upgrade, want only the start-up run", n)
		}
		if n := wifi.count(); n < 10 {
			t.Errorf("wifi, which does not settle, ran %d times: its events wait only for the gathering window", n)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := pkgs.count(); n != 2 {
			t.Fatalf("os-updates ran %d times, want once more after the upgrade", n)
		}
		if got := pkgs.runs[1].Sub(last); got != 30*time.Second {
			t.Errorf("os-updates re-ran %v after the last event, want after 30s of quiet", got)
		}
	})
}
