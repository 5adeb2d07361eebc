package monitor

import (
	"context"
	"fmt"
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
	// Parallel is how many checks run at once in this process; zero means
	// 4. A Runner of its own bounds its own.
	Parallel int
	// Now is the clock that stamps results; nil means time.Now.
	Now func() time.Time
	// OnChange is told when a check's status or advice changes, including
	// its first result. Calls are made one at a time, in order.
	OnChange func(Change)
	// Log receives what a person reading logs needs, such as the stack of a
	// panic inside a check; nil discards it.
	Log Logger
	// Runner runs the checks; nil runs them in this process (Local). The
	// engine then reads only the checks' specs.
	Runner Runner
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
	specs  []Spec // the checks' specs, in their order
	opts   Options
	runner Runner

	mu   sync.Mutex
	last map[string]Result

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
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = discard{}
	}
	e := &Engine{opts: opts, runner: opts.Runner, last: make(map[string]Result)}
	seen := make(map[string]bool, len(checks))
	for _, c := range checks {
		spec := c.Spec()
		id := spec.ID
		e.specs = append(e.specs, spec)
		if !kebab(id) {
			return nil, fmt.Errorf("check ID %q is not kebab-case", id)
		}
		if seen[id] {
			return nil, fmt.Errorf("check ID %q is used twice", id)
		}
		seen[id] = true
	}
	if e.runner == nil {
		e.runner = NewLocal(checks, opts.Timeout, opts.Parallel, opts.Log)
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

// Run runs the named checks, or all when none are named, through the
// engine's Runner, and returns their results in the engine's order. Unknown
// IDs are ignored. A check the Runner gave no result for is Unknown.
func (e *Engine) Run(ctx context.Context, ids ...string) []Result {
	return e.RunEach(ctx, nil, ids...)
}

// RunEach is Run, telling done of each check's result as it is recorded,
// before the others of the run have theirs.
func (e *Engine) RunEach(ctx context.Context, done func(Result), ids ...string) []Result {
	named := make(map[string]bool, len(ids))
	for _, id := range ids {
		named[id] = true
	}
	var want []Spec
	index := map[string]int{}
	for _, s := range e.specs {
		if len(ids) == 0 || named[s.ID] {
			index[s.ID] = len(want)
			want = append(want, s)
		}
	}
	results := make([]Result, len(want))
	got := make([]bool, len(want))
	var mu sync.Mutex
	e.runner.RunChecks(ctx, want, func(r Result) {
		mu.Lock()
		k, ok := index[r.CheckID]
		if !ok || got[k] {
			// Not asked for, or answered twice: a runner's mistake,
			// never a verdict.
			mu.Unlock()
			return
		}
		got[k] = true
		mu.Unlock()
		results[k] = e.accept(ctx, r)
		if done != nil {
			done(results[k])
		}
	})
	for k, s := range want {
		if got[k] {
			continue
		}
		r := Unknownf(s.ID, "the check gave no result")
		if ctx.Err() != nil {
			r = Unknownf(s.ID, "cancelled")
		}
		r.CheckID = s.ID
		results[k] = e.accept(ctx, r)
		if done != nil {
			done(results[k])
		}
	}
	return results
}

// accept stamps a runner's result and records it.
func (e *Engine) accept(ctx context.Context, r Result) Result {
	if !r.Status.Valid() {
		r = Unknownf(r.CheckID, "the check returned no verdict")
	}
	r = e.stamp(r.CheckID, r, e.opts.Now(), r.Duration)
	e.record(ctx, r)
	return r
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

func (e *Engine) stamp(id string, r Result, at time.Time, d time.Duration) Result {
	r = r.Bounded()
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
