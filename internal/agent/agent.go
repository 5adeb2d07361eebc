// Package agent is Mamori's resident process, and it only keeps watch: it
// watches the events the checks name, keeps their schedule, shows the tray
// icon, hears the clicks in its menu and on notifications, and answers the
// window process. Whatever needs judging (running the checks, deciding what
// a change means and whether to notify, the words the person reads, what
// is kept between events) it asks of the judge (internal/judge), a new
// process for each event, and does what the judge's ops (wire.Op) say. It
// links no GUI toolkit, no check, no catalogue and no settings reader.
package agent

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/atomicfile"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
	"github.com/mamori-project/mamori/internal/tray"
	"github.com/mamori-project/mamori/internal/watch"
)

// Tray is the tray icon as the agent drives it.
type Tray interface {
	tray.View
	Start()
	Stop()
}

// Notes shows the notifications the judge words and hears the clicks on
// them: the session's notification server (BusNotes), the tray icon's
// balloon on Windows (Balloons).
type Notes interface {
	// Listen calls onClick with the judge's event for each click
	// ("invoked", key, action and, for Trust this network, the network),
	// until ctx is done.
	Listen(ctx context.Context, onClick func(event []string)) error
	Show(ctx context.Context, m msg.Message) error
	Withdraw(ctx context.Context, key string) error
}

// screenKeeper is Notes that can take over the notifications an earlier
// start left on screen, and withdraw them all (BusNotes).
type screenKeeper interface {
	Adopt(ctx context.Context)
	WithdrawAll(ctx context.Context)
}

// Judge runs the judge for one event (its arguments) and hands each op it
// answers to got as it comes; it returns when the judge has ended.
type Judge func(ctx context.Context, event []string, got func(wire.Op)) error

// Agent is the resident process.
type Agent struct {
	// Judge decides the events; see JudgeProgram.
	Judge Judge
	// StateDir is where the judge keeps the status document the agent
	// hands to the windows (wire.StatusFile).
	StateDir string
	// Tray and Notes may be nil where there is no session bus.
	Tray  Tray
	Notes Notes
	// Sources are the event sources by kind. The agent watches, for each,
	// the paths the checks' triggers name and re-runs exactly the checks
	// whose trigger changed; a kind with no source leaves those checks to
	// their interval.
	Sources map[monitor.Source]watch.Func
	// Windows opens the status window (at a check, or ""), the status
	// window asking to fix a check ("fix"), the settings window
	// ("settings") or the welcome ("welcome").
	Windows func(which, check string) error
	// Welcome opens the welcome window once the agent runs (the first
	// start after an install with the installer's window).
	Welcome bool
	// CloseWindows closes every open window, when the uninstaller asks
	// the agent to end (their program is about to be removed); nil
	// leaves them.
	CloseWindows func()
	// Address is where the agent answers the window process (internal/ipc).
	Address string
	Log     *logfmt.Logger

	mu          sync.Mutex
	plan        *wire.Plan
	running     int  // runs of the checks going (judged.RunEach)
	planDue     bool // a new plan waits for them to end
	showMu      sync.Mutex
	seq         uint64 // the newest tray state or status shown (wire.Op.Seq), under showMu
	sched       *monitor.Scheduler
	schedCancel context.CancelFunc
	events      chan tray.Event
	quit        chan struct{} // the uninstaller asked the agent to end
	wg          sync.WaitGroup
	runCtx      context.Context
	subs        map[*follower]bool // the status windows following the results
	quitting    bool               // the person chose Quit: the windows close
	again       later              // the judge's redraw at a snooze's end
	policyAsked atomic.Bool        // a policy file or key changed: the judge is asked soon

	memMu    sync.Mutex
	memTimer *time.Timer // returns memory after a burst of calls
}

// Run runs the agent until ctx is done or the person quits. A second agent
// hands over to the first (it opens the status window) and returns
// ErrRunning.
func (a *Agent) Run(ctx context.Context) error {
	l, err := ipc.Listen(a.Address)
	if errors.Is(err, ipc.ErrRunning) {
		if err := ipc.Ask(ctx, a.Address, ipc.Request{Cmd: ipc.CmdShowStatus}); err != nil {
			return fmt.Errorf("handing over to the running agent: %w", err)
		}
		return ipc.ErrRunning
	}
	if err != nil {
		return err
	}
	defer l.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	a.runCtx = ctx
	a.quit = make(chan struct{}, 1)
	a.TrayEvents()

	// What the checks are, what runs and the tray's first state: the
	// judge's answer to the start, before anything else.
	var first *tray.State
	sctx, scancel := context.WithTimeout(ctx, judgeTimeout)
	defer scancel()
	if err := a.Judge(sctx, []string{"start"}, func(op wire.Op) {
		if op.Tray != nil {
			first = op.Tray
			op.Tray = nil
		}
		a.apply(op)
	}); err != nil {
		return fmt.Errorf("starting: %w", err)
	}
	plan := a.currentPlan()
	if plan == nil {
		return errors.New("starting: the judge sent no plan")
	}

	// The watchers first, the first sweep once they watch: a change made
	// while the first sweep reads would otherwise wait for the interval.
	spawn := func(f func()) { a.wg.Add(1); go func() { defer a.wg.Done(); f() }() }
	var watching sync.WaitGroup
	triggers := routeTriggers(plan.Checks)
	// The policy's files and keys share the checks' watches: each
	// fsnotify watch keeps a goroutine and a 64 kB read buffer for good.
	for source, paths := range map[monitor.Source][]string{monitor.File: plan.PolicyPaths, monitor.Registry: plan.PolicyKeys} {
		if len(paths) > 0 {
			addSweepPaths(triggers, source, paths)
		}
	}
	for source, routes := range triggers {
		w := a.Sources[source]
		if w == nil {
			a.Log.Info("no event source; its checks run on their interval", "source", source)
			continue
		}
		watching.Add(1)
		spawn(func() {
			var once sync.Once
			ready := func() { once.Do(watching.Done) }
			defer ready() // a source that failed is not waited for
			err := w(ctx, routes.paths, ready, func(path string) {
				// Until the scheduler runs, the first sweep covers it.
				sched := a.scheduler()
				switch {
				case sched == nil:
				case routes.sweep[path]:
					// A policy file or key changed: the judge says
					// whether the policy as read did.
					a.askPolicy()
				case len(routes.checks[path]) > 0:
					sched.Trigger(routes.checks[path]...)
				}
			})
			if err != nil && ctx.Err() == nil {
				a.Log.Info("event source unavailable; its checks run on their interval", "source", source, "err", err)
			}
		})
	}
	a.waitWatching(&watching)
	a.start(ctx)
	if k, ok := a.Notes.(screenKeeper); ok {
		actx, acancel := context.WithTimeout(ctx, 5*time.Second)
		k.Adopt(actx)
		acancel()
	}
	if a.Notes != nil {
		spawn(func() {
			if err := a.Notes.Listen(ctx, func(event []string) { go a.ask(event...) }); err != nil && ctx.Err() == nil {
				a.Log.Info("notification actions unavailable", "err", err)
			}
		})
	}
	srv := &ipc.Server{Handler: a.handle, Log: a.Log, Idle: a.afterCalls}
	// Waited for at the end, so that a window following the results
	// hears that the person quit before the agent exits.
	spawn(func() { srv.Serve(l) })
	if a.Tray != nil {
		// A slot in the menu for each check that can fail.
		if s, ok := a.Tray.(interface{ SetSlots(int) }); ok {
			s.SetSlots(len(plan.Checks))
		}
		// Asked for before the icon is there, the first state is built
		// into the menu: the tray host hears of both once.
		if first != nil {
			a.Tray.Show(*first)
		}
		a.Tray.Start()
		defer a.Tray.Stop()
	}
	if a.Welcome {
		a.openWindow("welcome", "")
	}
	a.Log.Info("agent started", "checks", len(plan.Enabled), "address", a.Address)

	defer func() {
		cancel()
		l.Close()
		a.wg.Wait()
		a.memMu.Lock()
		if a.memTimer != nil {
			a.memTimer.Stop()
		}
		a.memMu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-a.events:
			if quit := a.onTray(ev); quit {
				a.Log.Info("quit from the tray menu")
				a.mu.Lock()
				a.quitting = true
				a.mu.Unlock()
				// The notifications go with Mamori: their buttons would
				// do nothing.
				if k, ok := a.Notes.(screenKeeper); ok {
					qctx, qcancel := context.WithTimeout(context.Background(), 3*time.Second)
					k.WithdrawAll(qctx)
					qcancel()
				}
				return nil
			}
		case <-a.quit:
			a.Log.Info("quit on request (the uninstaller)")
			if a.CloseWindows != nil {
				a.CloseWindows()
			}
			return nil
		}
	}
}

// policyQuiet gathers the changes to the policy's files or keys into one
// question to the judge at most this often. Where the Policies key does
// not exist yet, its nearest ancestor is watched, as broad as
// HKCU\SOFTWARE, which other programs write to all day: each of their
// writes must not cost a process.
const policyQuiet = time.Second

// askPolicy asks the judge whether the policy changed, policyQuiet after
// the first change not asked about yet; the changes that come meanwhile
// are in that question.
func (a *Agent) askPolicy() {
	if a.policyAsked.Swap(true) {
		return
	}
	time.AfterFunc(policyQuiet, func() {
		a.policyAsked.Store(false)
		a.ask("policy")
	})
}

// watchStart bounds the wait for the event sources before the first
// sweep: a source that hangs in its setup (a bus that does not answer) must
// not keep the checks from running.
const watchStart = 10 * time.Second

// waitWatching waits until every event source watches or has failed, for
// watchStart at most.
func (a *Agent) waitWatching(watching *sync.WaitGroup) {
	done := make(chan struct{})
	go func() { watching.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(watchStart):
		a.Log.Warn("an event source is not watching yet; the first sweep runs without waiting for it", "waited", watchStart)
	}
}

// ask runs the judge for an event, doing what it answers.
func (a *Agent) ask(event ...string) {
	a.call(a.runCtx, event...)
}

// judgeTimeout bounds an event's judgement that runs no check.
const judgeTimeout = 30 * time.Second

func (a *Agent) call(ctx context.Context, event ...string) []wire.Op {
	ctx, cancel := context.WithTimeout(ctx, judgeTimeout)
	defer cancel()
	var ops []wire.Op
	err := a.Judge(ctx, event, func(op wire.Op) {
		ops = append(ops, op)
		a.apply(op)
	})
	if err != nil && a.runCtx.Err() == nil {
		a.Log.Warn("judging an event", "event", event[0], "err", err)
	}
	a.afterCalls()
	return ops
}

// apply does what the judge said.
func (a *Agent) apply(op wire.Op) {
	if op.Plan != nil {
		a.setPlan(op.Plan)
	}
	if op.Tray != nil || op.Publish {
		// One at a time, in the judges' order: a judge's state that
		// comes after a newer one's is not shown.
		a.showMu.Lock()
		if op.Seq == 0 || op.Seq >= a.seq {
			a.seq = op.Seq
			if op.Tray != nil && a.Tray != nil {
				a.Tray.Show(*op.Tray)
			}
			if op.Publish {
				a.publish()
			}
		}
		a.showMu.Unlock()
	}
	if sched := a.scheduler(); sched != nil {
		switch {
		case op.RunNow:
			sched.RunNow()
		case op.RunAll:
			sched.Trigger()
		case len(op.Run) > 0:
			sched.Trigger(op.Run...)
		}
	}
	if op.Open != nil {
		a.openWindow(op.Open.Which, op.Open.Check)
	}
	if a.Notes != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if op.Show != nil {
			if err := a.Notes.Show(ctx, *op.Show); err != nil {
				a.Log.Warn("could not show a notification", "check", op.Show.Key, "err", err)
				// The judge counted it as told: it is owed instead.
				go a.ask("unshown", op.Show.Key)
			}
		}
		if op.Withdraw != "" {
			if err := a.Notes.Withdraw(ctx, op.Withdraw); err != nil {
				a.Log.Warn("withdrawing a notification", "check", op.Withdraw, "err", err)
			}
		}
		cancel()
	}
	if !op.Again.IsZero() {
		a.again.Do(time.Until(op.Again), func() { a.ask("redraw") })
	}
}

// setPlan takes the judge's plan: a change of what runs, or how often, is
// a new scheduler (started by start once the agent runs).
func (a *Agent) setPlan(p *wire.Plan) {
	a.mu.Lock()
	old := a.plan
	a.plan = p
	changed := a.sched != nil && (old == nil || !slices.Equal(old.Enabled, p.Enabled) || old.Interval != p.Interval)
	// After the runs that go, not during them: a new scheduler cancels
	// the old one's runs, and one may be a package manager's simulation
	// minutes long.
	later := changed && a.running > 0
	if later {
		a.planDue = true
	}
	a.mu.Unlock()
	if changed && !later {
		go a.start(a.runCtx)
	}
}

// ran counts a run of the checks in, or (n -1) out; the last one out
// starts the scheduler a new plan asked for.
func (a *Agent) ran(n int) {
	a.mu.Lock()
	a.running += n
	due := a.running == 0 && a.planDue
	if due {
		a.planDue = false
	}
	a.mu.Unlock()
	if due {
		go a.start(a.runCtx)
	}
}

func (a *Agent) currentPlan() *wire.Plan {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.plan
}

// start makes the scheduler for the checks that run and runs it,
// replacing (and stopping) any previous one.
func (a *Agent) start(ctx context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := &judged{a: a}
	for _, s := range a.plan.Checks {
		if slices.Contains(a.plan.Enabled, s.ID) {
			b.specs = append(b.specs, s)
			b.ids = append(b.ids, s.ID)
		}
	}
	if a.schedCancel != nil {
		a.schedCancel()
	}
	sctx, scancel := context.WithCancel(ctx)
	a.schedCancel = scancel
	a.sched = monitor.NewScheduler(b, monitor.SchedulerOptions{Interval: a.plan.Interval})
	sched := a.sched
	a.wg.Add(1)
	go func() { defer a.wg.Done(); sched.Run(sctx) }()
}

// judged runs the scheduler's batches in judges: each run's judge runs the
// checks in workers, and the agent hears which answered.
type judged struct {
	a     *Agent
	specs []monitor.Spec
	ids   []string
}

func (b *judged) Specs() []monitor.Spec { return slices.Clone(b.specs) }
func (b *judged) IDs() []string         { return slices.Clone(b.ids) }

// runGrace is how long past its slowest check's deadline a run's judge may
// take: a worker that died has each of its checks run once more alone.
const runGrace = time.Minute

func (b *judged) RunEach(ctx context.Context, done func(monitor.Result), ids ...string) []monitor.Result {
	var longest time.Duration
	for _, s := range b.specs {
		if slices.Contains(ids, s.ID) {
			longest = max(longest, monitor.Timeout(s, 0))
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 2*longest+runGrace)
	defer cancel()
	b.a.ran(1)
	defer b.a.ran(-1)
	answered := map[string]bool{}
	err := b.a.Judge(ctx, append([]string{"run"}, ids...), func(op wire.Op) {
		b.a.apply(op)
		for _, id := range op.Answered {
			if !answered[id] && slices.Contains(ids, id) {
				answered[id] = true
				done(monitor.Result{CheckID: id})
			}
		}
	})
	if err != nil && ctx.Err() == nil {
		b.a.Log.Warn("judging a run of the checks", "checks", strings.Join(ids, ","), "err", err)
	}
	// Those without an answer (the judge failed) may run again.
	for _, id := range ids {
		if !answered[id] {
			done(monitor.Result{CheckID: id})
		}
	}
	b.a.afterCalls()
	return nil
}

// afterCalls returns the memory that calls used (the ops read, the status
// document a window's stream sent) a second after the last one ended,
// once for a burst of them.
func (a *Agent) afterCalls() {
	a.memMu.Lock()
	defer a.memMu.Unlock()
	if a.memTimer == nil {
		a.memTimer = time.AfterFunc(time.Second, returnMemory)
		return
	}
	a.memTimer.Reset(time.Second)
}

// returnMemory hands the memory a burst of work used back to the OS: the
// runtime would otherwise hold it until its heap reached its goal or the
// two-minute forced collection, then release it slowly. Each collection
// also halves the stacks that goroutines grew and no longer use; three in
// a row bring them most of the way back (bench/RESULTS.md). A collection
// of a heap this small costs about a millisecond.
func returnMemory() {
	runtime.GC()
	runtime.GC()
	debug.FreeOSMemory()
}

// routes are, for one event source, the paths the checks' triggers name
// and the checks each path re-runs.
type routes struct {
	paths  []string
	checks map[string][]string
	// sweep are the paths whose change asks the judge whether the
	// policy changed (the policy's files and keys).
	sweep map[string]bool
}

// addSweepPaths adds paths whose change may change the policy to source's
// routes.
func addSweepPaths(all map[monitor.Source]*routes, source monitor.Source, paths []string) {
	r := all[source]
	if r == nil {
		r = &routes{checks: map[string][]string{}}
		all[source] = r
	}
	r.sweep = map[string]bool{}
	for _, p := range paths {
		if _, seen := r.checks[p]; !seen && !r.sweep[p] {
			r.paths = append(r.paths, p)
		}
		r.sweep[p] = true
	}
}

// routeTriggers groups the checks' triggers by event source.
func routeTriggers(specs []monitor.Spec) map[monitor.Source]*routes {
	out := map[monitor.Source]*routes{}
	for _, spec := range specs {
		for _, t := range spec.Triggers {
			r := out[t.Source]
			if r == nil {
				r = &routes{checks: map[string][]string{}}
				out[t.Source] = r
			}
			if _, seen := r.checks[t.Path]; !seen {
				r.paths = append(r.paths, t.Path)
			}
			if !slices.Contains(r.checks[t.Path], spec.ID) {
				r.checks[t.Path] = append(r.checks[t.Path], spec.ID)
			}
		}
	}
	return out
}

// follower is a status window following the results: notices says there
// are new ones, shows asks it to come to the front.
type follower struct {
	notices chan struct{}
	shows   chan ipc.Show
}

// publish tells the window processes following the results that there are
// new ones. A follower that has not taken the last notice yet gets no
// second: it will read the latest when it does.
func (a *Agent) publish() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for f := range a.subs {
		select {
		case f.notices <- struct{}{}:
		default:
		}
	}
}

// raise asks the open status windows to come to the front at show's
// check, and reports whether one is open to ask. A window that has not
// taken the last request yet gets this one in its place: the latest
// request is the one the person means.
func (a *Agent) raise(show ipc.Show) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for f := range a.subs {
		select {
		case <-f.shows:
		default:
		}
		f.shows <- show
	}
	return len(a.subs) > 0
}

// follow registers a follower of the results; the returned function ends it.
func (a *Agent) follow() (*follower, func()) {
	f := &follower{notices: make(chan struct{}, 1), shows: make(chan ipc.Show, 1)}
	a.mu.Lock()
	if a.subs == nil {
		a.subs = map[*follower]bool{}
	}
	a.subs[f] = true
	a.mu.Unlock()
	return f, func() {
		a.mu.Lock()
		delete(a.subs, f)
		a.mu.Unlock()
	}
}

// memoryClasses reads how the runtime's memory divides into heap objects,
// free and released heap, stacks and metadata.
func memoryClasses() map[string]uint64 {
	const prefix = "/memory/classes/"
	var samples []metrics.Sample
	for _, d := range metrics.All() {
		if strings.HasPrefix(d.Name, prefix) && d.Kind == metrics.KindUint64 {
			samples = append(samples, metrics.Sample{Name: d.Name})
		}
	}
	metrics.Read(samples)
	out := make(map[string]uint64, len(samples))
	for _, s := range samples {
		out[strings.TrimSuffix(strings.TrimPrefix(s.Name, prefix), ":bytes")] = s.Value.Uint64()
	}
	return out
}

// scheduler returns the scheduler in use; a new plan replaces it.
func (a *Agent) scheduler() *monitor.Scheduler {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sched
}

// runNow runs every check at once, for a person waiting on "Check now".
func (a *Agent) runNow() {
	if s := a.scheduler(); s != nil {
		s.RunNow()
	}
}

// TrayEvents is where the tray adapter sends menu clicks.
func (a *Agent) TrayEvents() chan<- tray.Event {
	if a.events == nil {
		a.events = make(chan tray.Event, 16)
	}
	return a.events
}

// WindowEnv is the environment the windows start with beyond the agent's
// own: the locale of the language the person chose (the Launcher's Env).
func (a *Agent) WindowEnv() []string {
	env := os.Environ()
	if p := a.currentPlan(); p != nil {
		env = append(env, p.WindowEnv...)
	}
	return env
}

func (a *Agent) onTray(ev tray.Event) (quit bool) {
	switch ev.Kind {
	case tray.Quit:
		return true
	case tray.CheckNow, tray.SnoozeHour, tray.SnoozeTomorrow, tray.Resume:
		go a.ask("tray", string(ev.Kind))
	case tray.OpenStatus, tray.OpenCheck:
		a.openWindow("status", ev.Check)
	case tray.OpenSettings:
		a.openWindow("settings", "")
	}
	return false
}

// openWindow opens a window, or brings the status window to the front
// at check when it is open already: a window that is open, minimised or
// behind another answers the person as a new one would.
func (a *Agent) openWindow(which, check string) {
	if which != "settings" && which != "welcome" && a.raise(ipc.Show{Check: check, Fix: which == "fix"}) {
		return
	}
	if a.Windows == nil {
		return
	}
	if err := a.Windows(which, check); err != nil {
		a.Log.Warn("opening a window", "window", which, "err", err)
	}
}

// maxStatus caps the status document read back: it is the judge's own
// file, a few tens of kilobytes.
const maxStatus = 4 << 20

// status is the latest status document, as the judge wrote it.
func (a *Agent) status() ([]byte, error) {
	return atomicfile.Read(wire.StatusFile(a.StateDir), maxStatus)
}

// handle answers the window process.
func (a *Agent) handle(ctx context.Context, req ipc.Request, reply func(ipc.Response) error) {
	switch req.Cmd {
	case ipc.CmdStatus:
		doc, err := a.status()
		if err != nil {
			reply(ipc.Response{Error: err.Error()})
			return
		}
		reply(ipc.Response{OK: true, Status: doc})
		return
	case ipc.CmdWatch:
		// The results now, then after every run and every change, until the
		// window hangs up or the agent stops.
		f, stop := a.follow()
		defer stop()
		var show *ipc.Show
		for {
			doc, err := a.status()
			if err != nil {
				reply(ipc.Response{Error: err.Error()})
				return
			}
			if reply(ipc.Response{OK: true, Status: doc, Show: show}) != nil {
				return
			}
			show = nil
			select {
			case <-ctx.Done():
				return
			case <-a.runCtx.Done():
				// The person chose Quit: their windows go with Mamori,
				// instead of saying it is not running.
				a.mu.Lock()
				quitting := a.quitting
				a.mu.Unlock()
				if quitting {
					reply(ipc.Response{OK: true, Quit: true})
				}
				return
			case <-f.notices:
			case s := <-f.shows:
				show = &s
			}
		}
	case ipc.CmdUndoing:
		if !a.checkIDKnown(req.Check) {
			reply(ipc.Response{Error: "no such check"})
			return
		}
		a.call(ctx, "undoing", req.Check)
	case ipc.CmdCheckNow:
		a.runNow()
	case ipc.CmdReload:
		for _, op := range a.call(ctx, "reload") {
			if op.Warning != "" {
				reply(ipc.Response{OK: true, Warning: op.Warning})
				return
			}
		}
	case ipc.CmdShowStatus:
		which := "status"
		if req.Fix {
			which = "fix"
		}
		a.openWindow(which, req.Check)
	case ipc.CmdShowSettings:
		a.openWindow("settings", "")
	case ipc.CmdQuit:
		reply(ipc.Response{OK: true, PID: os.Getpid()})
		select {
		case a.quit <- struct{}{}:
		default: // already asked
		}
		return
	case ipc.CmdStats:
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		reply(ipc.Response{OK: true, Stats: &ipc.Stats{Goroutines: runtime.NumGoroutine(), HeapAlloc: m.HeapAlloc, HeapSys: m.HeapSys, Memory: memoryClasses()}})
		return
	default:
		reply(ipc.Response{Error: "unknown command " + req.Cmd})
		return
	}
	reply(ipc.Response{OK: true})
}

// checkIDKnown reports whether id is one of the checks the plan names: the
// window's word is passed to the judge as an argument, so only a known
// check's ID goes.
func (a *Agent) checkIDKnown(id string) bool {
	p := a.currentPlan()
	if p == nil {
		return false
	}
	for _, s := range p.Checks {
		if s.ID == id {
			return true
		}
	}
	return false
}
