package agent

import (
	"context"
	"encoding/json"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
)

// undoQuiet is how long after the window says the person is undoing a fix
// the changes of that check are taken as theirs: long enough for the
// setting's event and the window's Check now, short enough that a change of
// the same setting by something else later is announced.
const undoQuiet = 2 * time.Minute

// screenKeeper is a notifier that can say which of Mamori's notifications
// are on screen and take over those an earlier start left there (the
// freedesktop one).
type screenKeeper interface {
	OnScreen(ctx context.Context) (notify.OnScreen, error)
	Adopt(ctx context.Context, o notify.OnScreen) (int, error)
	WithdrawAll(ctx context.Context) error
}

// recall restores what earlier starts notified; a.mu is held. A damaged
// or unreadable file costs that memory only.
func (a *Agent) recall() {
	if a.StatePath == "" {
		return
	}
	m, err := notify.LoadMemory(a.StatePath)
	if err != nil {
		a.Log.Warn("what was notified before is forgotten", "err", err)
		return
	}
	a.policy.Remember(m)
	a.remembered, _ = json.Marshal(m)
}

// adopt takes over the notifications an earlier start left on screen, so
// that a new one replaces its copy and Quit withdraws them.
func (a *Agent) adopt(ctx context.Context) {
	k, ok := a.Notifier.(screenKeeper)
	if !ok || a.StatePath == "" {
		return
	}
	m, err := notify.LoadMemory(a.StatePath)
	if err != nil || m.OnScreen == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if n, err := k.Adopt(ctx, *m.OnScreen); err != nil {
		a.Log.Info("the notifications of an earlier start are not taken over", "err", err)
	} else if n > 0 {
		a.Log.Info("notifications of an earlier start taken over", "count", n)
	}
}

// remember writes what the policy remembers, and what is on screen, when
// it changed.
func (a *Agent) remember(ctx context.Context) {
	if a.StatePath == "" || a.policy == nil {
		return
	}
	m := a.policy.Memory()
	if k, ok := a.Notifier.(screenKeeper); ok && ctx != nil {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if o, err := k.OnScreen(ctx); err == nil {
			m.OnScreen = &o
		}
		cancel()
	}
	data, err := json.Marshal(m)
	if err != nil {
		return
	}
	a.mu.Lock()
	same := string(data) == string(a.remembered)
	a.mu.Unlock()
	if same {
		return
	}
	if err := notify.SaveMemory(a.StatePath, m); err != nil {
		a.Log.Warn("keeping what was notified", "err", err)
		return
	}
	a.mu.Lock()
	a.remembered = data
	a.mu.Unlock()
}

// withdrawAll closes Mamori's notifications when the person quits: their
// buttons would do nothing once Mamori is gone.
func (a *Agent) withdrawAll() {
	if a.Notifier == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if k, ok := a.Notifier.(screenKeeper); ok {
		if err := k.WithdrawAll(ctx); err != nil {
			a.Log.Warn("withdrawing the notifications", "err", err)
		}
	} else {
		for _, c := range a.Checks {
			if err := a.Notifier.Withdraw(ctx, c.Spec().ID); err != nil {
				a.Log.Warn("withdrawing a notification", "check", c.Spec().ID, "err", err)
			}
		}
	}
	a.remember(ctx)
}

// ownUndo takes out of a run's changes those the person made by undoing a
// fix: the undone check's, and with it the rest of the same run (one
// setting put back moves several checks: the screen lock turned off is
// screen-lock's finding and idle-power's). They are recorded as shown, so
// that neither this start nor the next announces them.
func (a *Agent) ownUndo(changes []monitor.Change) []monitor.Change {
	now := a.now()
	a.mu.Lock()
	undone := false
	for _, ch := range changes {
		if until, ok := a.undoing[ch.New.CheckID]; ok && now.Before(until) {
			undone = true
		}
	}
	a.mu.Unlock()
	if !undone {
		return changes
	}
	var keep []monitor.Change
	for _, ch := range changes {
		if ch.New.Status == monitor.Warn || ch.New.Status == monitor.Critical {
			a.policy.Acknowledge(ch.New)
			a.Log.Info("not notifying", "check", ch.New.CheckID, "status", ch.New.Status, "why", "the person undid a fix")
			continue
		}
		keep = append(keep, ch) // withdrawals still go
	}
	return keep
}
