package monitor

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func fixed(id string, s Status) Check {
	return Func{Def: Spec{ID: id}, Fn: func(context.Context) Result { return Result{Status: s, Finding: T("x")} }}
}

func newEngine(t *testing.T, checks []Check, opts Options) *Engine {
	t.Helper()
	e, err := New(checks, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestNewAcceptsKebabIDs(t *testing.T) {
	if _, err := New([]Check{fixed("wifi", OK), fixed("screen-lock", OK), fixed("os-updates-2", OK)}, Options{}); err != nil {
		t.Error(err)
	}
}

func TestNewRejectsBadIDs(t *testing.T) {
	for name, checks := range map[string][]Check{
		"duplicate":  {fixed("a", OK), fixed("a", OK)},
		"not kebab":  {fixed("Screen_Lock", OK)},
		"empty":      {fixed("", OK)},
		"edge dash":  {fixed("-a", OK)},
		"double sep": {fixed("a--b", OK)},
		"end dash":   {fixed("a-", OK)},
		"not ASCII":  {fixed("wi-fí", OK)},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := New(checks, Options{}); err == nil {
				t.Error("New accepted bad IDs")
			}
		})
	}
}

func TestRunTimeoutDoesNotStallOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		hang := make(chan struct{})
		defer close(hang)
		hung := Func{Def: Spec{ID: "hung"}, Fn: func(context.Context) Result {
			<-hang // ignores its context, like a probe stuck in a syscall
			return Result{Status: OK}
		}}
		e := newEngine(t, []Check{hung, fixed("quick", OK)}, Options{Timeout: 5 * time.Second, Parallel: 1})
		start := time.Now()
		res := e.Run(context.Background())
		if got := time.Since(start); got != 5*time.Second {
			t.Errorf("sweep took %v, want the 5s timeout", got)
		}
		if res[0].Status != Unknown || !strings.Contains(res[0].Get("reason"), "no answer within 5s") {
			t.Errorf("hung check: %+v, want unknown with the timeout", res[0])
		}
		if res[1].Status != OK {
			t.Errorf("quick check after a hung one with Parallel=1: %v, want ok", res[1].Status)
		}

		// While the hung run is still inside the check, a new run must not
		// start another copy.
		again := e.Run(context.Background(), "hung")
		if again[0].Status != Unknown || !strings.Contains(again[0].Get("reason"), "previous run") {
			t.Errorf("second run of a hung check: %+v, want unknown, previous run not finished", again[0])
		}
	})
}

func TestRunPerCheckTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := Func{Def: Spec{ID: "slow", Timeout: time.Second}, Fn: func(ctx context.Context) Result {
			select {
			case <-time.After(time.Minute):
				return Result{Status: OK}
			case <-ctx.Done():
				return Unknownf("slow", "%v", ctx.Err())
			}
		}}
		e := newEngine(t, []Check{slow}, Options{Timeout: time.Hour})
		if r := e.Run(context.Background())[0]; r.Status != Unknown || r.Duration != time.Second {
			t.Errorf("got %v after %v, want unknown after 1s", r.Status, r.Duration)
		}
	})
}

func TestRunPanicBecomesUnknown(t *testing.T) {
	boom := Func{Def: Spec{ID: "boom"}, Fn: func(context.Context) Result { panic("index out of range [3]") }}
	e := newEngine(t, []Check{boom, fixed("fine", Warn)}, Options{})
	res := e.Run(context.Background())
	if res[0].Status != Unknown || !strings.Contains(res[0].Get("reason"), "index out of range [3]") {
		t.Errorf("panicking check: %+v, want unknown with the panic text", res[0])
	}
	if res[1].Status != Warn {
		t.Errorf("other check: %v, want warn", res[1].Status)
	}
	// The engine must be usable again after a panic.
	if r := e.Run(context.Background(), "boom")[0]; r.Status != Unknown {
		t.Errorf("second run: %v", r.Status)
	}
}

func TestRunMissingVerdictIsUnknown(t *testing.T) {
	empty := Func{Def: Spec{ID: "empty"}, Fn: func(context.Context) Result { return Result{} }}
	e := newEngine(t, []Check{empty}, Options{})
	if r := e.Run(context.Background())[0]; r.Status != Unknown {
		t.Errorf("a check that set no status got %q, want unknown: never ok by default", r.Status)
	}
}

func TestRunBoundedParallelism(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var now, peak atomic.Int32
		var checks []Check
		for _, id := range []string{"a", "b", "c", "d", "e", "f", "g"} {
			checks = append(checks, Func{Def: Spec{ID: id}, Fn: func(context.Context) Result {
				n := now.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(time.Second)
				now.Add(-1)
				return Result{Status: OK}
			}})
		}
		e := newEngine(t, checks, Options{Parallel: 3})
		start := time.Now()
		e.Run(context.Background())
		if peak.Load() != 3 {
			t.Errorf("peak concurrency %d, want 3", peak.Load())
		}
		if d := time.Since(start); d != 3*time.Second {
			t.Errorf("7 one-second checks, 3 at a time, took %v; want 3s", d)
		}
	})
}

func TestRunStampsResults(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	e := newEngine(t, []Check{fixed("a", OK)}, Options{Now: func() time.Time { return at }})
	r := e.Run(context.Background())[0]
	if r.CheckID != "a" || !r.Time.Equal(at) || r.Advice != "a" {
		t.Errorf("got %+v, want CheckID a, Time %v and the check ID as default advice", r, at)
	}
	if got := e.Last(); len(got) != 1 || got[0].CheckID != "a" {
		t.Errorf("Last() = %+v", got)
	}
}

func TestTransitions(t *testing.T) {
	var mu sync.Mutex
	seq := []Status{OK, OK, Warn, Warn, Critical, OK}
	i := 0
	flip := Func{Def: Spec{ID: "flip"}, Fn: func(context.Context) Result {
		mu.Lock()
		defer mu.Unlock()
		s := seq[i]
		i++
		return Result{Status: s}
	}}
	var changes []Change
	e := newEngine(t, []Check{flip}, Options{OnChange: func(c Change) { changes = append(changes, c) }})
	for range seq {
		e.Run(context.Background())
	}
	type step struct {
		from  Status
		to    Status
		worse bool
	}
	want := []step{{"", OK, false}, {OK, Warn, true}, {Warn, Critical, true}, {Critical, OK, false}}
	if len(changes) != len(want) {
		t.Fatalf("got %d changes, want %d: %+v", len(changes), len(want), changes)
	}
	for k, c := range changes {
		var from Status
		if c.Old != nil {
			from = c.Old.Status
		}
		got := step{from, c.New.Status, c.Worse()}
		if got != want[k] {
			t.Errorf("change %d = %+v, want %+v", k, got, want[k])
		}
	}
}

func TestCancelledRunIsNotRecorded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := Func{Def: Spec{ID: "slow"}, Fn: func(ctx context.Context) Result {
			<-ctx.Done()
			return Unknownf("slow", "cancelled")
		}}
		var changes int
		e := newEngine(t, []Check{slow}, Options{OnChange: func(Change) { changes++ }})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		e.Run(ctx)
		synctest.Wait()
		if changes != 0 || len(e.Last()) != 0 {
			t.Errorf("a run cut short by shutdown was recorded (%d changes)", changes)
		}
	})
}

func TestWorst(t *testing.T) {
	tests := []struct {
		in   []Status
		want Status
	}{
		{nil, Unknown},
		{[]Status{NotApplicable}, NotApplicable},
		{[]Status{NotApplicable, OK}, OK},
		{[]Status{OK, Unknown}, Unknown},
		{[]Status{Unknown, Warn, OK}, Warn},
		{[]Status{Warn, Critical, Unknown}, Critical},
	}
	for _, tt := range tests {
		var rs []Result
		for _, s := range tt.in {
			rs = append(rs, Result{Status: s})
		}
		if got := Worst(rs); got != tt.want {
			t.Errorf("Worst(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
