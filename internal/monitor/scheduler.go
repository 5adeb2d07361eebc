package monitor

import (
	"context"
	"time"
)

// SchedulerOptions tunes a Scheduler.
type SchedulerOptions struct {
	// Interval is how often a check runs by itself; zero means 15 minutes.
	// Intervals overrides it per check ID.
	Interval  time.Duration
	Intervals map[string]time.Duration
	// Coalesce is how long triggers are gathered before the checks they
	// name run, so that a burst of events costs one run; zero means 200ms.
	Coalesce time.Duration
	// AfterRun, when set, is called after each batch of checks finishes,
	// from the scheduler's goroutine for that batch.
	AfterRun func(ids []string)
	// BeforeRun, when set, is called before each batch of checks runs,
	// from the scheduler's goroutine for that batch (the agent reads the
	// settings and the organisation's policy again there).
	BeforeRun func(ids []string)
}

// Batches is what a Scheduler runs: an Engine in the process that runs the
// checks, or the agent's way of asking another process to run them.
type Batches interface {
	// Specs are the checks that can run, IDs their IDs, in order.
	Specs() []Spec
	IDs() []string
	// RunEach runs the named checks, calling done with each check's result
	// as it has one (a check whose run ended has only its ID set where
	// the result itself is kept elsewhere), and returns when all ended.
	RunEach(ctx context.Context, done func(Result), ids ...string) []Result
}

// Scheduler runs an engine's checks on their intervals and whenever an event
// source triggers them. It sleeps between runs: nothing polls.
type Scheduler struct {
	engine Batches
	opts   SchedulerOptions
	trig   chan []string
	urgent chan []string // RunNow's requests
}

// NewScheduler returns a Scheduler for e.
func NewScheduler(e Batches, opts SchedulerOptions) *Scheduler {
	if opts.Interval <= 0 {
		opts.Interval = 15 * time.Minute
	}
	if opts.Coalesce <= 0 {
		opts.Coalesce = 200 * time.Millisecond
	}
	return &Scheduler{engine: e, opts: opts, trig: make(chan []string, 64), urgent: make(chan []string, 8)}
}

// Trigger asks for the named checks, or all when none are named, to run soon.
// It never blocks; triggers that arrive within the coalescing window are
// served by one run.
func (s *Scheduler) Trigger(ids ...string) {
	if len(ids) == 0 {
		ids = s.engine.IDs()
	}
	select {
	case s.trig <- ids:
	default:
		// The queue is full of triggers not yet gathered; they will run
		// this check too unless they name others, so fold into "all".
		select {
		case s.trig <- s.engine.IDs():
		default:
		}
	}
}

// RunNow asks for the named checks, or all, to run without the coalescing
// window: a person who clicked "Check now" is waiting, an event burst is not.
// It never blocks; should requests pile up, it falls back to Trigger.
func (s *Scheduler) RunNow(ids ...string) {
	if len(ids) == 0 {
		ids = s.engine.IDs()
	}
	select {
	case s.urgent <- ids:
	default:
		s.Trigger(ids...)
	}
}

func (s *Scheduler) interval(id string) time.Duration {
	if d, ok := s.opts.Intervals[id]; ok && d > 0 {
		return d
	}
	return s.opts.Interval
}

// Run runs every check at once, then each on its interval and on triggers,
// until ctx is done. A check still running when it is due or triggered runs
// again as soon as it finishes, never twice at the same time.
func (s *Scheduler) Run(ctx context.Context) error {
	now := time.Now()
	due := make(map[string]time.Time)
	settle := make(map[string]time.Duration)
	for _, spec := range s.engine.Specs() {
		due[spec.ID] = now
		if spec.Settle > 0 {
			settle[spec.ID] = spec.Settle
		}
	}
	inFlight := make(map[string]bool)
	gathered := make(map[string]bool)
	// settling holds, per check with a Settle, when its events will have
	// been quiet long enough; each new event pushes it back.
	settling := make(map[string]time.Time)
	// answered takes each check's ID as soon as it has its result: a
	// check whose run is over may run again at once, though the slowest
	// check of its batch (a package manager's simulation) still runs.
	answered := make(chan string, 64)

	timer := time.NewTimer(0)
	defer timer.Stop()
	var window <-chan time.Time

	for {
		now = time.Now()
		for id, t := range settling {
			if !t.After(now) {
				due[id] = now
				delete(settling, id)
			}
		}
		var batch []string
		for _, id := range s.engine.IDs() {
			if !inFlight[id] && !due[id].After(now) {
				batch = append(batch, id)
				inFlight[id] = true
				due[id] = now.Add(s.interval(id))
			}
		}
		if len(batch) > 0 {
			go func() {
				if s.opts.BeforeRun != nil {
					s.opts.BeforeRun(batch)
				}
				s.engine.RunEach(ctx, func(r Result) {
					select {
					case answered <- r.CheckID:
					case <-ctx.Done():
					}
				}, batch...)
				if s.opts.AfterRun != nil {
					s.opts.AfterRun(batch)
				}
			}()
		}
		if next, ok := s.earliest(due, inFlight, settling); ok {
			timer.Reset(time.Until(next))
		} else {
			timer.Stop()
		}

		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		case ids := <-s.trig:
			now = time.Now()
			for _, id := range ids {
				if _, known := due[id]; !known {
					continue
				}
				if d := settle[id]; d > 0 {
					settling[id] = now.Add(d)
				} else {
					gathered[id] = true
				}
			}
			if window == nil && len(gathered) > 0 {
				window = time.After(s.opts.Coalesce)
			}
		case ids := <-s.urgent:
			now = time.Now()
			for _, id := range ids {
				if _, known := due[id]; known {
					due[id] = now
					delete(gathered, id)
					delete(settling, id)
				}
			}
		case <-window:
			window = nil
			now = time.Now()
			for id := range gathered {
				due[id] = now
			}
			clear(gathered)
		case id := <-answered:
			delete(inFlight, id)
		}
	}
}

// earliest returns the soonest due time among checks not running, or the
// soonest moment a settling check's events have been quiet long enough.
func (s *Scheduler) earliest(due map[string]time.Time, inFlight map[string]bool, settling map[string]time.Time) (time.Time, bool) {
	var next time.Time
	found := false
	for id, t := range due {
		if inFlight[id] {
			continue
		}
		if !found || t.Before(next) {
			next, found = t, true
		}
	}
	for _, t := range settling {
		if !found || t.Before(next) {
			next, found = t, true
		}
	}
	return next, found
}
