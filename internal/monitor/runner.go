package monitor

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Runner runs checks somewhere and reports each result as it comes: in
// this process (Local) or in a short-lived worker process of Mamori's own
// (internal/worker), where a check that crashes, hangs or runs away costs
// that run and not the process that keeps watch.
type Runner interface {
	// RunChecks runs the checks specs name, each under its deadline, and
	// calls deliver once for each result it has, from any goroutine,
	// before it returns. A check it has no result for gets no call: the
	// engine says so.
	RunChecks(ctx context.Context, specs []Spec, deliver func(Result))
}

// Local runs checks in this process, concurrently within a bound, each
// under its deadline, turning a panic into Unknown. A check that overruns
// its deadline is abandoned, not stopped: Go cannot stop a goroutine, so a
// check that never returns keeps its goroutine (and what it holds) for the
// life of the process. That is why the agent runs checks in a worker
// process, which ends after every run; Local is what the worker runs.
type Local struct {
	byID     map[string]Check
	timeout  time.Duration
	sem      chan struct{}
	now      func() time.Time
	log      Logger
	mu       sync.Mutex
	running  map[string]bool // runs that have not returned, even past their deadline
	parallel int
}

// NewLocal returns a Local runner for checks. timeout bounds a check whose
// Spec sets none (zero: 30 s), parallel is how many run at once (zero: 4).
func NewLocal(checks []Check, timeout time.Duration, parallel int, log Logger) *Local {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if parallel <= 0 {
		parallel = 4
	}
	if log == nil {
		log = discard{}
	}
	l := &Local{byID: map[string]Check{}, timeout: timeout, sem: make(chan struct{}, parallel),
		now: time.Now, log: log, running: map[string]bool{}, parallel: parallel}
	for _, c := range checks {
		l.byID[c.Spec().ID] = c
	}
	return l
}

// DefaultTimeout bounds one run of a check whose Spec declares none.
const DefaultTimeout = 30 * time.Second

// Timeout is the deadline of one run of the check spec describes, under a
// default of def (DefaultTimeout when zero).
func Timeout(spec Spec, def time.Duration) time.Duration {
	switch {
	case spec.Timeout > 0:
		return spec.Timeout
	case def > 0:
		return def
	}
	return DefaultTimeout
}

// RunChecks runs the checks specs name that l has, side by side within
// its bound.
func (l *Local) RunChecks(ctx context.Context, specs []Spec, deliver func(Result)) {
	var wg sync.WaitGroup
	for _, spec := range specs {
		c := l.byID[spec.ID]
		if c == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r, ok := l.runOne(ctx, c, spec); ok {
				deliver(r)
			}
		}()
	}
	wg.Wait()
}

// runOne runs one check; ok is false when ctx ended before it had a
// result.
func (l *Local) runOne(ctx context.Context, c Check, spec Spec) (Result, bool) {
	id := spec.ID
	select {
	case l.sem <- struct{}{}:
	case <-ctx.Done():
		return Result{}, false
	}
	released := false
	release := func() {
		if !released {
			released = true
			<-l.sem
		}
	}
	defer release()

	l.mu.Lock()
	if l.running[id] {
		l.mu.Unlock()
		// The previous run overran its deadline and is still inside the
		// check. Starting another would pile up stuck goroutines.
		r := Unknownf(id, "the previous run has not finished")
		r.CheckID = id
		return r, true
	}
	l.running[id] = true
	l.mu.Unlock()

	timeout := Timeout(spec, l.timeout)
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	start := l.now()
	done := make(chan Result, 1)
	go func() {
		defer func() {
			l.mu.Lock()
			delete(l.running, id)
			l.mu.Unlock()
		}()
		defer func() {
			if p := recover(); p != nil {
				done <- Unknownf(id, "the check failed: %v", p)
				l.log.Error("check panicked", "check", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			}
		}()
		done <- c.Run(rctx)
	}()

	var r Result
	select {
	case r = <-done:
		if !r.Status.Valid() {
			r = Unknownf(id, "the check returned no verdict")
		}
	case <-rctx.Done():
		if ctx.Err() != nil {
			return Result{}, false
		}
		r = TimedOut(id, timeout)
	}
	r.CheckID = id
	r.Duration = l.now().Sub(start)
	return r, true
}

// TimedOut is the result of a check that gave no answer within timeout.
func TimedOut(id string, timeout time.Duration) Result {
	return UnknownBecause(T("finding.unknown.timeout", "Seconds", int(timeout.Seconds())), id, fmt.Sprintf("no answer within %s", timeout))
}
