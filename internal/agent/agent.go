// Package agent is Mamori's resident process: it runs the checks on their
// schedule and on events, keeps the tray icon current, notifies on changes
// for the worse, and answers the window process. It links no GUI toolkit.
package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/tray"
	"github.com/mamori-project/mamori/internal/watch"
)

// Tray is the tray icon as the agent drives it.
type Tray interface {
	tray.View
	Start()
	Stop()
}

// Notifier shows notifications and reports clicks on their actions.
type Notifier interface {
	notify.Sender
	Listen(ctx context.Context, onAction func(notify.Invoked)) error
}

// Agent is the resident process.
type Agent struct {
	App      report.App
	Checks   []monitor.Check
	Settings config.Store
	Catalog  *i18n.Catalog
	Getenv   func(string) string
	// Tray and Notifier may be nil where there is no session bus.
	Tray     Tray
	Notifier Notifier
	// Sources are the event sources by kind. The agent watches, for each,
	// the paths the checks' triggers name and re-runs exactly the checks
	// whose trigger changed; a kind with no source leaves those checks to
	// their interval.
	Sources map[monitor.Source]watch.Func
	// Windows opens the status window (at a check, or ""), the status
	// window asking to fix a check ("fix") or the settings window
	// ("settings").
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
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// NotifyEveryChange lifts the repeat window and the hourly cap, for
	// benchmarks that measure many notifications in a row.
	NotifyEveryChange bool
	// Runner runs the checks: a worker process for each run
	// (internal/worker), so that nothing the checks read can touch the
	// agent. Nil runs them in this process (tests of the agent's own
	// logic); Checks then must be able to run, not only declare.
	Runner monitor.Runner
	// Export keeps the latest results where an organisation's collector
	// reads them, after each run (internal/export; a managed policy turns
	// it on); nil keeps them nowhere.
	Export func(results []monitor.Result)
	// StatePath is where what was notified, and when, is kept across
	// starts (notify.MemoryPath); empty keeps nothing.
	StatePath string
	// PolicyPaths are the organisation's policy files and directories
	// ("dir/" for every file in it), watched with Sources[monitor.File]
	// so that a change is applied at once, not only at the next sweep
	// (which reads the policy again anyway); nil where the policy is not
	// in files.
	PolicyPaths []string
	// PolicyKeys are the organisation's policy keys in the registry
	// (policy.Channel.WatchKeys), watched with Sources[monitor.Registry]
	// as PolicyPaths are; nil where the policy is not in the registry.
	PolicyKeys []string

	mu          sync.Mutex
	settings    config.Settings
	policy      *notify.Policy
	snoozeEnd   later
	engine      *monitor.Engine
	sched       *monitor.Scheduler
	schedCancel context.CancelFunc
	changes     chan monitor.Change
	ranOut      chan struct{} // a run of the checks ended
	events      chan tray.Event
	quit        chan struct{} // the uninstaller asked the agent to end
	wg          sync.WaitGroup
	runCtx      context.Context
	subs        map[*follower]bool   // the status windows following the results
	quitting    bool                 // the person chose Quit: the windows close
	undoing     map[string]time.Time // check → until when its changes are the person's own undo
	remembered  []byte               // the memory last written to StatePath
	problemSaid string               // what in the settings or policy could not be used, as last logged
	policySeen  string               // the policy's fingerprint when last compared (policyChanged)
	// checkNow is the tray's Check now: asked while its run goes, done
	// when one asked for last ended (the menu says so).
	checkNow struct {
		asked    bool
		at, done time.Time
	}
	trayMu     sync.Mutex  // one showTray at a time: what it read is what it shows
	refreshMu  sync.Mutex  // one refresh at a time (batches run side by side)
	rebuildDue atomic.Bool // a refresh changed the checks that run: a new engine after this batch

	memMu    sync.Mutex
	memTimer *time.Timer // returns memory after a burst of calls
}

func (a *Agent) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// printer is the printer of the chosen language.
func (a *Agent) printer() *i18n.Printer {
	a.mu.Lock()
	lang := a.settings.Language
	a.mu.Unlock()
	if lang == "" {
		lang = i18n.Detect(a.Getenv)
	}
	return a.Catalog.Printer(lang).On(i18n.SystemOf(runtime.GOOS, a.Getenv))
}

// Run runs the agent until ctx is done or the person quits. A second agent
// hands over to the first (it opens the status window) and returns
// ErrRunning.
func (a *Agent) Run(ctx context.Context) error {
	l, err := ipc.Listen(a.Address)
	if errors.Is(err, ipc.ErrRunning) {
		if _, err := ipc.Call(ctx, a.Address, ipc.Request{Cmd: ipc.CmdShowStatus}); err != nil {
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
	a.loadSettings()
	a.policySeen = a.policyFingerprint()
	a.changes = make(chan monitor.Change, 64)
	a.ranOut = make(chan struct{}, 1)
	a.runCtx = ctx
	a.quit = make(chan struct{}, 1)
	a.TrayEvents()

	// The watchers first, the first sweep once they watch: a change made
	// while the first sweep reads would otherwise wait for the interval.
	spawn := func(f func()) { a.wg.Add(1); go func() { defer a.wg.Done(); f() }() }
	var watching sync.WaitGroup
	triggers := routeTriggers(a.Checks)
	// The policy's files and keys share the checks' watches: each
	// fsnotify watch keeps a goroutine and a 64 kB read buffer for good.
	for source, paths := range map[monitor.Source][]string{monitor.File: a.PolicyPaths, monitor.Registry: a.PolicyKeys} {
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
				case routes.sweep[path] && a.policyChanged():
					// A policy file or key changed: a sweep now, which
					// reads it again. A key that does not exist yet is
					// watched from a parent as broad as HKCU\SOFTWARE, so
					// only a change of the policy as read counts.
					sched.Trigger()
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
	if err := a.start(ctx); err != nil {
		return err
	}
	if a.Notifier != nil {
		a.adopt(ctx)
		spawn(func() {
			if err := a.Notifier.Listen(ctx, func(inv notify.Invoked) { a.onAction(ctx, inv) }); err != nil && ctx.Err() == nil {
				a.Log.Info("notification actions unavailable", "err", err)
			}
		})
	}
	srv := &ipc.Server{Handler: a.handle, Log: a.Log, Idle: a.afterCalls}
	// Waited for at the end, so that a window following the results
	// hears that the person quit before the agent exits.
	spawn(func() { srv.Serve(l) })
	if a.Tray != nil {
		// Asked for before the icon is there, the first state is built
		// into the menu: the tray host hears of both once.
		a.showTray()
		a.Tray.Start()
		defer a.Tray.Stop()
	}
	if a.Welcome {
		a.openWindow("welcome", "")
	}
	a.Log.Info("agent started", "checks", len(a.current().IDs()), "address", a.Address)

	announcer := &notify.Announcer{Policy: a.policy, Send: a.sender(), Printer: a.printer, Log: a.Log,
		NoSnooze: func() bool { return !a.CurrentSettings().SnoozeAllowed }}
	var pending []monitor.Change // this run's changes, announced when it ends
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
	// trayDue shows and announces results that came before their run
	// ended: a run whose slowest check (the package manager's simulation,
	// on a busy machine) takes minutes must not keep the others off the
	// tray, nor an open network's alert waiting. Changes that come within
	// trayDelay of each other (one setting changing two findings) still
	// make one notification.
	var trayDue <-chan time.Time
	announce := func() {
		if a.Notifier != nil && (len(pending) > 0 || announcer.Owes()) {
			announcer.HandleAll(ctx, a.offerable(a.ownUndo(pending)))
			a.remember(ctx)
		}
		pending = nil
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ch := <-a.changes:
			// Shown when the run ends, or trayDelay after the first
			// change: the tray changes once for a quick run.
			a.Log.Info("check result", "check", ch.New.CheckID, "status", ch.New.Status, "advice", ch.New.Advice)
			pending = append(pending, ch)
			if trayDue == nil {
				trayDue = time.After(trayDelay)
			}
		case <-trayDue:
			trayDue = nil
			announce()
			a.showTray()
		case <-a.ranOut:
			// A run ended: every change it made was sent before it
			// ended, so take what is queued and announce the run's
			// changes together.
			for drained := false; !drained; {
				select {
				case ch := <-a.changes:
					a.Log.Info("check result", "check", ch.New.CheckID, "status", ch.New.Status, "advice", ch.New.Advice)
					pending = append(pending, ch)
				default:
					drained = true
				}
			}
			announce()
			trayDue = nil
			a.checkNowEnded()
			a.showTray()
		case ev := <-a.events:
			if quit := a.onTray(ev); quit {
				a.Log.Info("quit from the tray menu")
				a.mu.Lock()
				a.quitting = true
				a.mu.Unlock()
				a.withdrawAll()
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

// trayDelay is how long a result waits for the rest of its run before the
// tray shows it and its notification is sent anyway.
const trayDelay = 2 * time.Second

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

// sender is the notifier as a Sender, nil-safe.
func (a *Agent) sender() notify.Sender {
	if a.Notifier == nil {
		return nil
	}
	return a.Notifier
}

// start makes the engine and scheduler for the enabled checks and runs the
// scheduler, replacing (and stopping) any previous one.
func (a *Agent) start(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	st := a.settings
	changes := a.changes
	var checks []monitor.Check
	for _, c := range a.Checks {
		if st.Enabled(c.Spec().ID) {
			checks = append(checks, c)
		}
	}
	engine, err := monitor.New(checks, monitor.Options{
		Log:      a.Log,
		OnChange: func(ch monitor.Change) { changes <- ch },
		Runner:   a.Runner,
	})
	if err != nil {
		return err
	}
	if a.schedCancel != nil {
		a.schedCancel()
	}
	sctx, scancel := context.WithCancel(ctx)
	a.engine, a.schedCancel = engine, scancel
	a.sched = monitor.NewScheduler(engine, monitor.SchedulerOptions{
		Interval: time.Duration(st.IntervalMinutes) * time.Minute,
		BeforeRun: func([]string) {
			if a.refresh() {
				a.rebuildDue.Store(true)
			}
		},
		AfterRun: func([]string) {
			select {
			case a.ranOut <- struct{}{}:
			default: // one notice stands for any number of runs
			}
			a.publish()
			if a.Export != nil {
				a.Export(a.current().Last())
			}
			if a.rebuildDue.Swap(false) {
				// After the batch, not during it: a new engine
				// cancels the old one's runs.
				if err := a.start(ctx); err != nil {
					a.Log.Warn("applying the changed settings", "err", err)
				}
			}
			returnMemory()
		},
	})
	sched := a.sched
	a.wg.Add(1)
	go func() { defer a.wg.Done(); sched.Run(sctx) }()
	return nil
}

// afterCalls returns the memory that calls to the agent used (the status
// document each encodes, a window's stream) a second after the last one
// ended, once for a burst of them.
func (a *Agent) afterCalls() {
	a.memMu.Lock()
	defer a.memMu.Unlock()
	if a.memTimer == nil {
		a.memTimer = time.AfterFunc(time.Second, returnMemory)
		return
	}
	a.memTimer.Reset(time.Second)
}

// returnMemory hands the memory a sweep used back to the OS. A sweep's
// garbage (command output, process lists) is a few MB while the agent keeps
// under one, and the runtime would otherwise hold it until its heap reached
// its goal or the two-minute forced collection, then release it slowly.
// Each collection also halves the stacks that goroutines grew during the
// sweep and no longer use; three in a row bring them most of the way back
// (0.2 MB of resident memory, bench/RESULTS.md). A collection of a heap this
// small costs about a millisecond.
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
	// sweep are the paths whose change runs every check (the policy's
	// files and keys), not only those that name them.
	sweep map[string]bool
}

// addSweepPaths adds paths whose change runs every check to source's
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
func routeTriggers(checks []monitor.Check) map[monitor.Source]*routes {
	out := map[monitor.Source]*routes{}
	for _, c := range checks {
		spec := c.Spec()
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

// current returns the engine in use.
func (a *Agent) current() *monitor.Engine {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.engine
}

// scheduler returns the scheduler in use; a settings reload replaces it.
func (a *Agent) scheduler() *monitor.Scheduler {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sched
}

// trigger re-runs checks soon, gathering a burst of events into one run.
func (a *Agent) trigger(ids ...string) { a.scheduler().Trigger(ids...) }

// runNow runs every check at once, for a person waiting on "Check now".
func (a *Agent) runNow() { a.scheduler().RunNow() }

// checkNowFromTray runs every check now for a click on the tray's *Check
// now*, whose item says so until the run ends (checkNowEnded).
func (a *Agent) checkNowFromTray() {
	a.mu.Lock()
	a.checkNow.asked, a.checkNow.at = true, a.now()
	a.mu.Unlock()
	a.showTray()
	a.runNow()
}

// checkNowEnded marks the tray's *Check now* done at the end of the run
// it asked for: every result newer than the click (a run already going
// when it came ends first); the caller shows the tray.
func (a *Agent) checkNowEnded() {
	e := a.current()
	results := e.Last()
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.checkNow.asked || len(results) < len(e.IDs()) {
		return // a check has no result yet: its first run still goes
	}
	for _, r := range results {
		// Begun after the click, not only ended after it: a run going
		// when the click came read the system before it.
		if r.Time.Add(-r.Duration).Before(a.checkNow.at) {
			return
		}
	}
	a.checkNow.asked, a.checkNow.done = false, a.now()
}

// loadSettings reads the settings file and applies what can change while
// running: language, notifications, quiet hours. It reports whether the
// set of checks or their interval changed, which needs a new engine, and
// what in the file could not be used.
func (a *Agent) loadSettings() (rebuild bool, problem error) {
	st, problem := a.Settings.Load()
	return a.apply(st, problem)
}

// refresh reads the settings and the organisation's policy again at the
// start of a sweep (a few small files or registry values) and applies
// them where they changed: a policy pushed while the agent runs counts
// from that sweep on, thresholds (the worker reads CurrentSettings),
// notifications and the tray alike, not at the next login. It reports
// whether the checks that run, or their interval, changed.
func (a *Agent) refresh() bool {
	a.refreshMu.Lock()
	defer a.refreshMu.Unlock()
	st, problem := a.Settings.Load()
	a.mu.Lock()
	same := reflect.DeepEqual(st, a.settings)
	a.mu.Unlock()
	if same {
		a.sayProblem(problem) // a misspelt check ID changes no setting
		return false
	}
	a.Log.Info("the settings or the organisation's policy changed; applying them from this sweep on")
	rebuild, _ := a.apply(st, problem)
	a.showTray()
	a.publish()
	return rebuild
}

// policyChanged reports whether the settings as read now differ from
// those in effect. A key watched before it exists is watched from its
// nearest ancestor, with all below it (HKCU\SOFTWARE where there is no
// Policies key yet): other programs' writes there cost a reading of a
// few values, not a sweep.
//
// Where the policy can say what it read (a fingerprint), a change of it
// counts too: the export's directories are policy, not settings.
func (a *Agent) policyChanged() bool {
	st, _ := a.Settings.Load()
	fp := a.policyFingerprint()
	a.mu.Lock()
	defer a.mu.Unlock()
	changed := !reflect.DeepEqual(st, a.settings) || fp != a.policySeen
	a.policySeen = fp
	return changed
}

// policyFingerprint is the policy as read now, as text, or "" where the
// policy cannot say (config.Policy has no such method).
func (a *Agent) policyFingerprint() string {
	if p, ok := a.Settings.Policy.(interface{ Fingerprint() string }); ok {
		return p.Fingerprint()
	}
	return ""
}

// sayProblem logs what in the settings or the policy could not be used
// (a bad value, a check ID Mamori does not have), once: the settings are
// read at every sweep, a reload and a watched change, and the same
// problem is said again only after it went away.
func (a *Agent) sayProblem(problem error) {
	said := ""
	if problem != nil {
		said = problem.Error()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if said != "" && said != a.problemSaid {
		a.Log.Warn("settings", "err", problem)
	}
	a.problemSaid = said
}

// apply puts settings just read in effect.
func (a *Agent) apply(st config.Settings, problem error) (rebuild bool, _ error) {
	a.sayProblem(problem)
	a.mu.Lock()
	old := a.settings
	a.settings = st
	if a.policy == nil {
		a.policy = &notify.Policy{Now: a.Now}
		if a.NotifyEveryChange {
			a.policy.Repeat, a.policy.MaxPerHour = time.Nanosecond, 1<<30
		}
		a.recall()
	}
	if !a.NotifyEveryChange {
		a.policy.SetMaxPerHour(st.NotificationsPerHour)
	}
	a.mu.Unlock()
	quiet := notify.QuietHours{}
	if start, end, err := st.QuietHours.Minutes(); err == nil {
		quiet = notify.QuietHours{Enabled: st.QuietHours.Enabled, Start: start, End: end}
	}
	a.policy.Configure(st.Notifications, quiet)
	return old.IntervalMinutes != st.IntervalMinutes || fmt.Sprint(old.DisabledChecks) != fmt.Sprint(st.DisabledChecks), problem
}

// CurrentSettings is the settings as the agent holds them now, for the
// checks' worker.
func (a *Agent) CurrentSettings() config.Settings {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.settings
}

func (a *Agent) showTray() {
	if a.Tray == nil {
		return
	}
	a.trayMu.Lock()
	defer a.trayMu.Unlock()
	until := a.policy.SnoozedUntil()
	st := tray.BuildAt(a.current().Last(), a.printer(), until, a.now())
	a.mu.Lock()
	asked, done := a.checkNow.asked, a.checkNow.done
	a.mu.Unlock()
	st.CheckNowSays(a.printer(), asked, done, a.now())
	a.Tray.Show(st)
	if !until.IsZero() {
		// The menu stops saying notifications are paused when they no
		// longer are.
		a.snoozeEnd.Do(until.Sub(a.now())+time.Second, a.showTray)
	}
}

// TrayEvents is where the tray adapter sends menu clicks.
func (a *Agent) TrayEvents() chan<- tray.Event {
	if a.events == nil {
		a.events = make(chan tray.Event, 16)
	}
	return a.events
}

// snooze silences notifications until then, unless the organisation's
// policy does not allow it (SnoozeAllowed).
func (a *Agent) snooze(ctx context.Context, until time.Time) {
	if !a.CurrentSettings().SnoozeAllowed {
		a.Log.Info("snooze refused: the organisation's policy does not allow it")
		return
	}
	a.policy.Snooze(until)
	a.remember(ctx)
	a.showTray()
}

func (a *Agent) onTray(ev tray.Event) (quit bool) {
	switch ev.Kind {
	case tray.Quit:
		return true
	case tray.CheckNow:
		a.checkNowFromTray()
	case tray.SnoozeHour:
		a.snooze(a.runCtx, a.now().Add(time.Hour))
	case tray.Resume:
		a.policy.Snooze(time.Time{})
		a.remember(a.runCtx)
		a.showTray()
	case tray.SnoozeTomorrow:
		y, m, d := a.now().Date()
		a.snooze(a.runCtx, time.Date(y, m, d+1, 8, 0, 0, 0, a.now().Location()))
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
	if which != "settings" && a.raise(ipc.Show{Check: check, Fix: which == "fix"}) {
		return
	}
	if a.Windows == nil {
		return
	}
	if err := a.Windows(which, check); err != nil {
		a.Log.Warn("opening a window", "window", which, "err", err)
	}
}

func (a *Agent) onAction(ctx context.Context, inv notify.Invoked) {
	a.Log.Info("notification action", "check", inv.Key, "action", inv.Action)
	switch inv.Action {
	case notify.ActionSnooze:
		a.snooze(ctx, a.now().Add(time.Hour))
	case notify.ActionTrust:
		if err := a.trust(inv.Key, inv.Network); err != nil {
			a.Log.Warn("trusting the network", "err", err)
		}
	case notify.ActionFix:
		a.openWindow("fix", inv.Key)
	default:
		a.openWindow("status", inv.Key)
	}
}

// trust adds the network a notification named (its raw name, security and
// access point) to the trusted list in the settings file and re-runs the
// check the notification was about; while managed policy sets the list,
// it refuses, with a log line.
func (a *Agent) trust(check string, n *monitor.WiFiNetwork) error {
	if n == nil || len(n.SSID) == 0 || len(n.SSID) > 32 || n.Security == "" {
		return fmt.Errorf("the notification named no network (%+v)", n)
	}
	if a.trustLocked() {
		// The notification was shown before the policy came, or the
		// action was asked for another way: the list is not the person's.
		a.Log.Info("Trust this network refused: the organisation's policy sets the trusted networks", "check", check)
		return nil
	}
	t := config.NewTrusted(n.SSID, n.Security, n.BSSID)
	// The change goes to the person's own settings as the file has them
	// now, so edits made since the agent read it are kept; what comes
	// back has the policy laid over it.
	st, err := a.Settings.Update(func(st *config.Settings) { st.Trust(t) })
	if err != nil {
		return err
	}
	a.mu.Lock()
	a.settings = st
	a.mu.Unlock()
	a.trigger(check)
	return nil
}

// status is the latest results as a report document, in JSON.
func (a *Agent) status() json.RawMessage {
	doc := report.Build(a.current().Last(), a.printer(), a.App, a.now())
	data, err := json.Marshal(doc)
	if err != nil {
		a.Log.Error("encoding the status", "err", err)
	}
	return data
}

// handle answers the window process.
func (a *Agent) handle(ctx context.Context, req ipc.Request, reply func(ipc.Response) error) {
	switch req.Cmd {
	case ipc.CmdStatus:
		reply(ipc.Response{OK: true, Status: a.status()})
		return
	case ipc.CmdWatch:
		// The results now, then after every run and every change, until the
		// window hangs up or the agent stops.
		f, stop := a.follow()
		defer stop()
		resp := ipc.Response{OK: true, Status: a.status()}
		for {
			if reply(resp) != nil {
				return
			}
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
				resp = ipc.Response{OK: true, Status: a.status()}
			case show := <-f.shows:
				resp = ipc.Response{OK: true, Status: a.status(), Show: &show}
			}
		}
	case ipc.CmdUndoing:
		a.mu.Lock()
		if a.undoing == nil {
			a.undoing = map[string]time.Time{}
		}
		a.undoing[req.Check] = a.now().Add(undoQuiet)
		a.mu.Unlock()
		a.Log.Info("the person is undoing a fix; its change is not announced", "check", req.Check)
	case ipc.CmdCheckNow:
		a.runNow()
	case ipc.CmdReload:
		rebuild, problem := a.loadSettings()
		if rebuild {
			if err := a.start(a.runCtx); err != nil {
				reply(ipc.Response{Error: err.Error()})
				return
			}
		} else {
			a.trigger()
		}
		a.showTray()
		a.publish()
		if problem != nil {
			reply(ipc.Response{OK: true, Warning: problem.Error()})
			return
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
