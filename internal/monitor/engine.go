package monitor

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Change is a check's result moving from one verdict to another.
type Change struct {
	// Old is the previous result; nil for a check's first result.
	Old *Result
	New Result
}

// Worse reports whether the change is for the worse. A first result counts as
// coming from OK.
func (c Change) Worse() bool {
	old := OK
	if c.Old != nil {
		old = c.Old.Status
	}
	return c.New.Status.Rank() > old.Rank()
}

// Options tunes an Engine. The zero value is usable.
type Options struct {
	// Timeout bounds each run of a check whose Spec sets none; zero means
	// 30s.
	Timeout time.Duration
	// Parallel is how many checks run at once; zero means 4.
	Parallel int
	// Now is the clock that stamps results; nil means time.Now.
	Now func() time.Time
	// OnChange is told when a check's status or advice changes, including
	// its first result. Calls are made one at a time, in order.
	OnChange func(Change)
	// Log receives what a person reading logs needs, such as the stack of a
	// panic inside a check; nil discards it.
	Log Logger
}

// Logger is where the engine writes what a person reading logs needs. The
// agent's *logfmt.Logger fits, and so does a *slog.Logger.
type Logger interface {
	Error(msg string, kv ...any)
}

// discard is the Logger of an engine given none.
type discard struct{}

func (discard) Error(string, ...any) {}

// Engine runs checks and remembers their latest results.
type Engine struct {
	checks []Check
	specs  []Spec // the checks' specs, in the same order
	byID   map[string]Check
	opts   Options
	sem    chan struct{}

	mu      sync.Mutex
	last    map[string]Result
	running map[string]bool // runs that have not returned, even past their deadline

	emitMu sync.Mutex
}

// kebab reports whether id is kebab-case: lower-case words of letters and
// digits joined by single hyphens.
func kebab(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// New returns an Engine for checks, which must have distinct kebab-case IDs.
func New(checks []Check, opts Options) (*Engine, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = discard{}
	}
	e := &Engine{
		checks:  checks,
		byID:    make(map[string]Check, len(checks)),
		opts:    opts,
		sem:     make(chan struct{}, opts.Parallel),
		last:    make(map[string]Result),
		running: make(map[string]bool),
	}
	for _, c := range checks {
		spec := c.Spec()
		id := spec.ID
		e.specs = append(e.specs, spec)
		if !kebab(id) {
			return nil, fmt.Errorf("check ID %q is not kebab-case", id)
		}
		if _, dup := e.byID[id]; dup {
			return nil, fmt.Errorf("check ID %q is used twice", id)
		}
		e.byID[id] = c
	}
	return e, nil
}

// IDs returns the checks' IDs in the order they were given.
func (e *Engine) IDs() []string {
	ids := make([]string, len(e.specs))
	for i, s := range e.specs {
		ids[i] = s.ID
	}
	return ids
}

// Specs returns the checks' specs in the order they were given.
func (e *Engine) Specs() []Spec { return append([]Spec(nil), e.specs...) }

// Run runs the named checks, or all when none are named, concurrently within
// the parallelism bound, and returns their results in the engine's order.
// Unknown IDs are ignored.
func (e *Engine) Run(ctx context.Context, ids ...string) []Result {
	named := make(map[string]bool, len(ids))
	for _, id := range ids {
		named[id] = true
	}
	var want []int
	for i, s := range e.specs {
		if len(ids) == 0 || named[s.ID] {
			want = append(want, i)
		}
	}
	results := make([]Result, len(want))
	var wg sync.WaitGroup
	for k, i := range want {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[k] = e.runOne(ctx, e.checks[i], e.specs[i])
		}()
	}
	wg.Wait()
	return results
}

// Last returns the latest result of every check that has one, in the
// engine's order.
func (e *Engine) Last() []Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Result, 0, len(e.last))
	for _, s := range e.specs {
		if r, ok := e.last[s.ID]; ok {
			out = append(out, r)
		}
	}
	return out
}

func (e *Engine) runOne(ctx context.Context, c Check, spec Spec) Result {
	id := spec.ID
	select {
	case e.sem <- struct{}{}:
	case <-ctx.Done():
		return e.stamp(id, Unknownf(id, "cancelled before it ran"), e.opts.Now(), 0)
	}
	released := false
	release := func() {
		if !released {
			released = true
			<-e.sem
		}
	}
	defer release()

	e.mu.Lock()
	if e.running[id] {
		e.mu.Unlock()
		// The previous run overran its deadline and is still inside the
		// check. Starting another would pile up stuck goroutines.
		r := e.stamp(id, Unknownf(id, "the previous run has not finished"), e.opts.Now(), 0)
		e.record(ctx, r)
		return r
	}
	e.running[id] = true
	e.mu.Unlock()

	timeout := e.opts.Timeout
	if spec.Timeout > 0 {
		timeout = spec.Timeout
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	start := e.opts.Now()
	done := make(chan Result, 1)
	go func() {
		defer func() {
			e.mu.Lock()
			delete(e.running, id)
			e.mu.Unlock()
		}()
		defer func() {
			if p := recover(); p != nil {
				done <- Unknownf(id, "the check failed: %v", p)
				e.opts.Log.Error("check panicked", "check", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
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
			return e.stamp(id, Unknownf(id, "cancelled"), e.opts.Now(), 0)
		}
		r = UnknownBecause(T("finding.unknown.timeout", "Seconds", int(timeout.Seconds())), id, fmt.Sprintf("no answer within %s", timeout))
	}
	release()
	end := e.opts.Now()
	r = e.stamp(id, r, end, end.Sub(start))
	e.record(ctx, r)
	return r
}

func (e *Engine) stamp(id string, r Result, at time.Time, d time.Duration) Result {
	r.CheckID = id
	r.Time = at
	r.Duration = d
	if r.Advice == "" {
		r.Advice = id
	}
	return r
}

// record stores r and emits a Change when its status or advice moved. Results
// of a run cut short by the caller's cancellation are not recorded.
func (e *Engine) record(ctx context.Context, r Result) {
	if ctx.Err() != nil {
		return
	}
	e.emitMu.Lock()
	defer e.emitMu.Unlock()
	e.mu.Lock()
	old, had := e.last[r.CheckID]
	e.last[r.CheckID] = r
	e.mu.Unlock()
	if had && old.Status == r.Status && old.Advice == r.Advice {
		return
	}
	if e.opts.OnChange == nil {
		return
	}
	ch := Change{New: r}
	if had {
		ch.Old = &old
	}
	e.opts.OnChange(ch)
}
