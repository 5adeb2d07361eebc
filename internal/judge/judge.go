// Package judge is Mamori's judgement between the agent's events: run by the
// resident agent as `mamori-worker judge <event>`, a new process for each
// event, it reads what the last ones kept (the checks' latest results, what
// was notified and when, the snooze, a Check now asked for) from files in
// the state directory, decides what the event changes (a run's results, a
// click in the tray menu or on a notification, the settings saved), says it
// in the person's language (the tray's menu, the notifications, the status
// document) and keeps it, then tells the agent what to show in ops
// (internal/agent/wire) and exits. So the resident process links none of
// the catalogues, the report, the notification rules or the settings and
// policy readers, and a fault in any of them costs one event, never the
// agent.
//
// Judges may run side by side (a slow sweep and a quick event): every
// reading and writing of the state happens under a lock on the state
// directory, and a run's results are judged against the latest kept, not
// against what was kept when the run began.
package judge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/atomicfile"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/tray/words"
)

// Judge decides one event.
type Judge struct {
	App      report.App
	Checks   []monitor.Check // every check Mamori has (their declarations)
	Settings config.Store
	Catalog  *i18n.Catalog
	Getenv   func(string) string
	// Notifier shows notifications where only a program of the system
	// can (AppleScript on macOS); nil hands them to the agent as ops,
	// which shows them (the session's notification server, the tray
	// icon's balloon on Windows).
	Notifier notify.Sender
	// Runner runs the checks: a worker process for each run, so that
	// nothing the checks read can touch the judge.
	Runner monitor.Runner
	// Export keeps the latest results where an organisation's collector
	// reads them, after each run; nil keeps them nowhere.
	Export func(results []monitor.Result)
	// Dir is the state directory: what the judges keep between events.
	Dir string
	Log *logfmt.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// NotifyEveryChange lifts the repeat window and the hourly cap, for
	// benchmarks that measure many notifications in a row.
	NotifyEveryChange bool
	// Silent says that nothing can show a notification in this session
	// (no session bus): nothing is announced, so nothing counts as told.
	Silent bool
	// PolicyPaths and PolicyKeys are where the organisation's policy is,
	// for the agent to watch (wire.Plan).
	PolicyPaths, PolicyKeys []string
	// Out is where the ops go: the agent reads them.
	Out *wire.Encoder

	settings config.Settings
	problem  error
	policy   *notify.Policy
	memory   notify.Memory
	// afterSend, set by a decision, runs once its op is sent, still under
	// the state's lock.
	afterSend func()
}

// State is what the judges keep between events, beside what was notified
// (notify.Memory, in its own file).
type State struct {
	// Results are the latest result of each check, since the agent started.
	Results []monitor.Result `json:"results,omitempty"`
	// CheckNow is the tray's Check now: asked while its run goes, done
	// when one asked for last ended (the menu says so).
	CheckNow CheckNow `json:"check_now"`
	// Undoing is, by check, until when its changes are the person's own
	// undo of a fix, not to be announced.
	Undoing map[string]time.Time `json:"undoing,omitempty"`
	// Owed are changes whose notification could not be shown (no
	// notification server yet): tried again with the next run.
	Owed []monitor.Change `json:"owed,omitempty"`
	// ProblemSaid is what in the settings or policy could not be used, as
	// last logged: said again only after it went away.
	ProblemSaid string `json:"problem_said,omitempty"`
	// Seen are the settings and the policy as last applied (a
	// fingerprint), and the plan last sent to the agent.
	Seen     string `json:"seen,omitempty"`
	PlanSeen string `json:"plan_seen,omitempty"`
	// Seq numbers the tray states and status documents sent (wire.Op).
	Seq uint64 `json:"seq,omitempty"`
}

// CheckNow is a Check now from the tray menu.
type CheckNow struct {
	Asked bool      `json:"asked,omitempty"`
	At    time.Time `json:"at,omitzero"`
	Done  time.Time `json:"done,omitzero"`
}

// maxState caps the state file: fourteen results with their evidence are
// tens of kilobytes.
const maxState = 4 << 20

// trayDelay is how long a result waits for the rest of its run before the
// tray shows it and its notification is sent anyway: a run whose slowest
// check (the package manager's simulation, on a busy machine) takes
// minutes must not keep the others off the tray, nor an open network's
// alert waiting.
const trayDelay = 2 * time.Second

// undoQuiet is how long after the window says the person is undoing a fix
// the changes of that check are taken as theirs: long enough for the
// setting's event and the window's Check now, short enough that a change of
// the same setting by something else later is announced.
const undoQuiet = 2 * time.Minute

func (j *Judge) now() time.Time {
	if j.Now != nil {
		return j.Now()
	}
	return time.Now()
}

func (j *Judge) statePath() string  { return filepath.Join(j.Dir, "agent.json") }
func (j *Judge) memoryPath() string { return filepath.Join(j.Dir, "notifications.json") }

// load reads the state; a damaged file costs what it kept, never the event.
func (j *Judge) load() State {
	var st State
	data, err := atomicfile.Read(j.statePath(), maxState)
	if errors.Is(err, fs.ErrNotExist) {
		return st
	}
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	if err != nil {
		j.Log.Warn("what the agent kept between events is forgotten", "err", err)
		return State{}
	}
	return st
}

// save writes the state, readable by the person only.
func (j *Judge) save(st State) {
	data, err := json.Marshal(st)
	if err == nil {
		err = atomicfile.Write(j.statePath(), data, 0o600)
	}
	if err != nil {
		j.Log.Warn("keeping the agent's state", "err", err)
	}
}

// begin takes the state directory's lock and reads the settings, the
// policy and what was notified; the returned function releases the lock.
func (j *Judge) begin(ctx context.Context) (State, func(), error) {
	if err := os.MkdirAll(j.Dir, 0o700); err != nil {
		return State{}, nil, fmt.Errorf("making the state directory: %w", err)
	}
	unlock, err := lockDir(ctx, j.Dir)
	if err != nil {
		return State{}, nil, err
	}
	j.settings, j.problem = j.Settings.Load()
	j.recall()
	return j.load(), unlock, nil
}

// recall restores what earlier events notified. A damaged or unreadable
// file costs that memory only.
func (j *Judge) recall() {
	j.policy = &notify.Policy{Now: j.Now}
	if j.NotifyEveryChange {
		j.policy.Repeat, j.policy.MaxPerHour = time.Nanosecond, 1<<30
	} else {
		j.policy.SetMaxPerHour(j.settings.NotificationsPerHour)
	}
	quiet := notify.QuietHours{}
	if start, end, err := j.settings.QuietHours.Minutes(); err == nil {
		quiet = notify.QuietHours{Enabled: j.settings.QuietHours.Enabled, Start: start, End: end}
	}
	j.policy.Configure(j.settings.Notifications, quiet)
	m, err := notify.LoadMemory(j.memoryPath())
	if err != nil {
		j.Log.Warn("what was notified before is forgotten", "err", err)
	}
	j.memory = m
	j.policy.Remember(m)
}

// remember writes what the policy remembers, and what is on screen, when it
// changed.
func (j *Judge) remember(ctx context.Context) {
	m := j.policy.Memory() // what is on screen is the agent's to keep
	before, _ := json.Marshal(j.memory)
	after, _ := json.Marshal(m)
	if string(before) == string(after) {
		return
	}
	if err := notify.SaveMemory(j.memoryPath(), m); err != nil {
		j.Log.Warn("keeping what was notified", "err", err)
		return
	}
	j.memory = m
}

// printer is the printer of the chosen language.
func (j *Judge) printer() *i18n.Printer {
	return j.Catalog.Printer(j.lang()).On(i18n.SystemOf(runtime.GOOS, j.Getenv))
}

func (j *Judge) lang() string {
	if j.settings.Language != "" {
		return j.settings.Language
	}
	return i18n.Detect(j.Getenv)
}

// enabled are the checks that run, in display order.
func (j *Judge) enabled() []string {
	var ids []string
	for _, c := range j.Checks {
		if id := c.Spec().ID; j.settings.Enabled(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// results are the latest results of the checks that run, in display order.
func (j *Judge) results(st State) []monitor.Result {
	var out []monitor.Result
	for _, id := range j.enabled() {
		if r, ok := st.result(id); ok {
			out = append(out, r)
		}
	}
	return out
}

func (st State) result(id string) (monitor.Result, bool) {
	for _, r := range st.Results {
		if r.CheckID == id {
			return r, true
		}
	}
	return monitor.Result{}, false
}

func (st *State) set(r monitor.Result) {
	for i := range st.Results {
		if st.Results[i].CheckID == r.CheckID {
			st.Results[i] = r
			return
		}
	}
	st.Results = append(st.Results, r)
}

// sayProblem logs what in the settings or the policy could not be used (a
// bad value, a check ID Mamori does not have), once: it is said again only
// after it went away.
func (j *Judge) sayProblem(st *State) {
	said := ""
	if j.problem != nil {
		said = j.problem.Error()
	}
	if said != "" && said != st.ProblemSaid {
		j.Log.Warn("settings", "err", j.problem)
	}
	st.ProblemSaid = said
}

// seen is the settings and the policy as read now, as text: a change of
// either counts, and the export's directories are policy, not settings.
func (j *Judge) seen() string {
	data, _ := json.Marshal(j.settings)
	fp := ""
	if p, ok := j.Settings.Policy.(interface{ Fingerprint() string }); ok {
		fp = p.Fingerprint()
	}
	return string(data) + "\x00" + fp
}

// plan is what the agent schedules and watches.
func (j *Judge) plan() *wire.Plan {
	p := &wire.Plan{Enabled: j.enabled(), Interval: time.Duration(j.settings.IntervalMinutes) * time.Minute,
		PolicyPaths: j.PolicyPaths, PolicyKeys: j.PolicyKeys, Lang: j.lang()}
	for _, c := range j.Checks {
		p.Checks = append(p.Checks, c.Spec())
	}
	for k, v := range i18n.FyneLocaleEnv(j.Getenv, p.Lang) {
		p.WindowEnv = append(p.WindowEnv, k+"="+v)
	}
	slices.Sort(p.WindowEnv)
	return p
}

// applied compares the settings and policy with those last applied: a
// change is logged, and the plan sent again when what runs changed. It
// reports whether anything changed.
func (j *Judge) applied(st *State, op *wire.Op) bool {
	j.sayProblem(st)
	seen := j.seen()
	changed := st.Seen != "" && seen != st.Seen
	if changed {
		j.Log.Info("the settings or the organisation's policy changed; applying them from this sweep on")
	}
	st.Seen = seen
	p := j.plan()
	data, _ := json.Marshal(p)
	if string(data) != st.PlanSeen {
		st.PlanSeen = string(data)
		op.Plan = p
	}
	return changed
}

// show fills op with the tray as it stands, writes the status document and
// has the status windows read it.
func (j *Judge) show(st *State, op *wire.Op) {
	// Never below the clock: a state file lost while the agent runs (a
	// cleaner removed it, it could not be read) would number afresh from
	// 1, and the agent shows nothing older than what it showed.
	st.Seq = max(st.Seq+1, uint64(time.Now().UnixNano()))
	op.Seq = st.Seq
	results := j.results(*st)
	p := j.printer()
	until := j.policy.SnoozedUntil()
	now := j.now()
	t := words.BuildAt(results, p, until, now)
	words.CheckNowSays(&t, p, st.CheckNow.Asked, st.CheckNow.Done, now)
	op.Tray = &t
	if !until.IsZero() {
		// The menu stops saying notifications are paused when they no
		// longer are.
		op.Again = until.Add(time.Second)
	}
	doc := report.Build(results, p, j.App, now)
	data, err := json.Marshal(doc)
	if err == nil {
		err = atomicfile.Write(wire.StatusFile(j.Dir), data, 0o600)
	}
	if err != nil {
		j.Log.Error("writing the status", "err", err)
		return
	}
	op.Publish = true
}

// send writes op for the agent.
func (j *Judge) send(op wire.Op) {
	if err := j.Out.Send(op); err != nil {
		j.Log.Warn("answering the agent", "err", err)
	}
}

// decide decides one event under the state's lock: the settings and the
// policy as read now applied (changed says whether they changed since the
// last event), then decision, then the state kept and the op, if it asks
// for anything, sent.
func (j *Judge) decide(ctx context.Context, decision func(st *State, op *wire.Op, changed bool) error) error {
	st, unlock, err := j.begin(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	var op wire.Op
	changed := j.applied(&st, &op)
	if err := decision(&st, &op, changed); err != nil {
		return err
	}
	j.save(st)
	if !reflect.DeepEqual(op, wire.Op{}) {
		j.send(op)
	}
	if j.afterSend != nil {
		j.afterSend()
		j.afterSend = nil
	}
	return nil
}

// Start is the agent's start: what an earlier start's runs found is
// forgotten (a new start checks afresh) and the plan and the tray are sent.
func (j *Judge) Start(ctx context.Context) error {
	return j.decide(ctx, func(st *State, op *wire.Op, _ bool) error {
		st.Results, st.CheckNow, st.Undoing, st.Owed = nil, CheckNow{}, nil, nil
		op.Plan = j.plan()
		j.show(st, op)
		return nil
	})
}

// Redraw sends the tray again (a snooze ended).
func (j *Judge) Redraw(ctx context.Context) error {
	return j.decide(ctx, func(st *State, op *wire.Op, _ bool) error {
		j.show(st, op)
		return nil
	})
}

// Reload applies the settings the window saved: the plan when what runs
// changed, the tray and the status in the language chosen, and a run of
// every check, which reads them.
func (j *Judge) Reload(ctx context.Context) error {
	return j.decide(ctx, func(st *State, op *wire.Op, _ bool) error {
		op.RunAll = true
		j.show(st, op)
		if j.problem != nil {
			op.Warning = j.problem.Error()
		}
		return nil
	})
}

// Policy looks whether a watched policy file or key changed the settings as
// read: then every check runs again. A key that does not exist yet is
// watched from a parent as broad as HKCU\SOFTWARE, so only a change of the
// policy as read counts.
func (j *Judge) Policy(ctx context.Context) error {
	return j.decide(ctx, func(st *State, op *wire.Op, changed bool) error {
		if changed {
			op.RunAll = true
			j.show(st, op)
		}
		return nil
	})
}

// Undoing takes the changes of check for the next undoQuiet as the
// person's own undo of a fix.
func (j *Judge) Undoing(ctx context.Context, check string) error {
	return j.decide(ctx, func(st *State, _ *wire.Op, _ bool) error {
		if st.Undoing == nil {
			st.Undoing = map[string]time.Time{}
		}
		now := j.now()
		for id, until := range st.Undoing {
			if !now.Before(until) {
				delete(st.Undoing, id)
			}
		}
		st.Undoing[check] = now.Add(undoQuiet)
		j.Log.Info("the person is undoing a fix; its change is not announced", "check", check)
		return nil
	})
}

// CurrentSettings are the settings as this judge read them, for the checks'
// worker.
func (j *Judge) CurrentSettings() config.Settings { return j.settings }
