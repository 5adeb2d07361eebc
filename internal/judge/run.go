package judge

import (
	"context"
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
)

// Run runs the named checks (every check that runs, when none is named) in
// workers and judges their results: the tray and the notifications change
// once for a quick run, and for a run whose slowest check takes long, the
// results that came are judged trayDelay after the first of them, the rest
// at the end. Each judgement is sent with the checks it answered.
func (j *Judge) Run(ctx context.Context, ids []string) error {
	err := j.decide(ctx, func(st *State, op *wire.Op, changed bool) error {
		if changed {
			j.show(st, op)
		}
		return nil
	})
	if err != nil {
		return err
	}
	enabled := j.enabled()
	if len(ids) == 0 {
		ids = enabled
	}
	var checks []monitor.Check
	var run []string
	for _, c := range j.Checks {
		if id := c.Spec().ID; slices.Contains(ids, id) && slices.Contains(enabled, id) {
			checks, run = append(checks, c), append(run, id)
		}
	}
	// Asked for, but not run (turned off since): answered, so that the
	// agent does not wait for them.
	var skipped []string
	for _, id := range ids {
		if !slices.Contains(run, id) {
			skipped = append(skipped, id)
		}
	}
	if len(skipped) > 0 {
		j.send(wire.Op{Answered: skipped})
	}
	if len(checks) == 0 {
		return nil
	}
	engine, err := monitor.New(checks, monitor.Options{Log: j.Log, Runner: j.Runner})
	if err != nil {
		return err
	}
	came := make(chan monitor.Result, len(checks))
	go func() {
		engine.RunEach(ctx, func(r monitor.Result) { came <- r }, run...)
		close(came)
	}()
	var batch []monitor.Result
	var due <-chan time.Time
	for {
		select {
		case r, ok := <-came:
			if !ok {
				return j.commit(ctx, batch, true)
			}
			batch = append(batch, r)
			if due == nil {
				due = time.After(trayDelay)
			}
		case <-due:
			if err := j.commit(ctx, batch, false); err != nil {
				return err
			}
			batch, due = nil, nil
		}
	}
}

// commit judges results against the latest kept: the changes are
// announced, the tray and the status show them, and the agent hears which
// checks answered. last is the run's end: the tray's Check now may be done,
// and the export is written.
func (j *Judge) commit(ctx context.Context, results []monitor.Result, last bool) error {
	if ctx.Err() != nil {
		// A run cut short by the agent (it quits, or the settings
		// changed what runs) is not recorded.
		return ctx.Err()
	}
	return j.decide(ctx, func(st *State, op *wire.Op, _ bool) error {
		var changes []monitor.Change
		for _, r := range results {
			op.Answered = append(op.Answered, r.CheckID)
			old, had := st.result(r.CheckID)
			if had && old.Time.After(r.Time) {
				continue // a run that began later has answered already
			}
			st.set(r)
			if had && old.Status == r.Status && old.Advice == r.Advice {
				continue
			}
			j.Log.Info("check result", "check", r.CheckID, "status", r.Status, "advice", r.Advice)
			ch := monitor.Change{New: r}
			if had {
				ch.Old = &old
			}
			changes = append(changes, ch)
		}
		j.announce(ctx, st, changes)
		if last {
			j.checkNowEnded(st)
		}
		j.show(st, op)
		if last && j.Export != nil {
			// Once the agent has the run's answer, and under the state's
			// lock: judges side by side write their exports in the order
			// they kept the results, so the last written is the latest,
			// not the one descheduled longest.
			kept := j.results(*st)
			j.afterSend = func() { j.Export(kept) }
		}
		return nil
	})
}

// announce tells the person of the changes for the worse the policy lets
// through, with what is owed from earlier runs, and withdraws the
// notifications of findings that are no longer a problem.
func (j *Judge) announce(ctx context.Context, st *State, changes []monitor.Change) {
	if j.Silent || len(changes) == 0 && len(st.Owed) == 0 {
		return
	}
	a := &notify.Announcer{Policy: j.policy, Send: j.sender(), Printer: j.printer, Log: j.Log,
		NoSnooze: func() bool { return !j.settings.SnoozeAllowed }}
	a.Owe(st.Owed)
	a.HandleAll(ctx, j.offerable(j.ownUndo(st, changes)))
	st.Owed = a.Owed()
	j.remember(ctx)
}

// offerable takes Trust this network off the changes about to be announced
// while the trusted networks are the organisation's.
func (j *Judge) offerable(changes []monitor.Change) []monitor.Change {
	if !j.trustLocked() {
		return changes
	}
	out := make([]monitor.Change, len(changes))
	for i, ch := range changes {
		ch.New.Trust = nil
		out[i] = ch
	}
	return out
}

// trustLocked reports whether the organisation's managed policy sets the
// trusted networks, so that Trust this network is neither offered nor done.
func (j *Judge) trustLocked() bool { return j.Settings.Locks("trusted_networks") }

// ownUndo takes out of a run's changes those the person made by undoing a
// fix: the undone check's, and with it the rest of the same run (one
// setting put back moves several checks: the screen lock turned off is
// screen-lock's finding and idle-power's). They are recorded as shown, so
// that neither this start nor the next announces them.
func (j *Judge) ownUndo(st *State, changes []monitor.Change) []monitor.Change {
	now := j.now()
	undone := false
	for _, ch := range changes {
		if until, ok := st.Undoing[ch.New.CheckID]; ok && now.Before(until) {
			undone = true
		}
	}
	if !undone {
		return changes
	}
	var keep []monitor.Change
	for _, ch := range changes {
		if ch.New.Status == monitor.Warn || ch.New.Status == monitor.Critical {
			j.policy.Acknowledge(ch.New)
			j.Log.Info("not notifying", "check", ch.New.CheckID, "status", ch.New.Status, "why", "the person undid a fix")
			continue
		}
		keep = append(keep, ch) // withdrawals still go
	}
	return keep
}

// checkNowEnded marks the tray's Check now done at the end of the run it
// asked for: every result newer than the click (a run already going when
// it came ends first).
func (j *Judge) checkNowEnded(st *State) {
	if !st.CheckNow.Asked {
		return
	}
	for _, id := range j.enabled() {
		r, ok := st.result(id)
		// Begun after the click, not only ended after it: a run going
		// when the click came read the system before it.
		if !ok || r.Time.Add(-r.Duration).Before(st.CheckNow.At) {
			return
		}
	}
	st.CheckNow.Asked, st.CheckNow.Done = false, j.now()
}
