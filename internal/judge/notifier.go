package judge

import (
	"context"
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/notify"
)

// sender is how this judge shows and withdraws notifications.
func (j *Judge) sender() notify.Sender {
	switch {
	case j.Bus != nil:
		if j.bus == nil {
			j.bus = &lazyBus{j: j}
		}
		return j.bus
	case j.Notifier != nil:
		return j.Notifier
	}
	return agentSender{j}
}

// lazyBus is the notification server over D-Bus, connected to at the first
// notification to show or withdraw: most events have none. It takes over
// the notifications earlier judges left on screen (notify.OnScreen, kept
// with the memory), so that a new one replaces its copy.
type lazyBus struct {
	j    *Judge
	d    *notify.DBus
	err  error
	done bool
}

func (l *lazyBus) conn(ctx context.Context) (*notify.DBus, error) {
	if l.done {
		return l.d, l.err
	}
	l.done = true
	l.d, l.err = l.j.Bus()
	if l.err != nil {
		return nil, l.err
	}
	if o := l.j.memory.OnScreen; o != nil {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if _, err := l.d.Adopt(ctx, *o); err != nil {
			l.j.Log.Info("the notifications on screen are not taken over", "err", err)
		}
	}
	return l.d, nil
}

func (l *lazyBus) Show(ctx context.Context, m notify.Message) error {
	d, err := l.conn(ctx)
	if err != nil {
		return err
	}
	return d.Show(ctx, m)
}

func (l *lazyBus) Withdraw(ctx context.Context, key string) error {
	if !l.done {
		if o := l.j.memory.OnScreen; o == nil || o.Notes[key].ID == 0 {
			return nil // none on screen: no connection needed
		}
	}
	d, err := l.conn(ctx)
	if err != nil {
		return err
	}
	return d.Withdraw(ctx, key)
}

// onScreen is what the server shows of Mamori's now, where this judge
// talked to it.
func (l *lazyBus) onScreen(ctx context.Context) (notify.OnScreen, bool) {
	if l == nil || l.d == nil {
		return notify.OnScreen{}, false
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	o, err := l.d.OnScreen(ctx)
	return o, err == nil
}

// agentSender hands notifications to the agent, which shows them itself
// (the tray icon's balloon on Windows).
type agentSender struct{ j *Judge }

func (a agentSender) Show(_ context.Context, m notify.Message) error {
	a.j.send(wire.Op{Show: &m})
	return nil
}

func (a agentSender) Withdraw(_ context.Context, key string) error {
	a.j.send(wire.Op{Withdraw: key})
	return nil
}

// withdrawAll closes Mamori's notifications when the person quits: their
// buttons would do nothing once Mamori is gone.
func (j *Judge) withdrawAll(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if j.Bus != nil {
		if o := j.memory.OnScreen; o == nil || len(o.Notes) == 0 {
			return
		}
		j.sender()
		d, err := j.bus.conn(ctx)
		if err == nil {
			err = d.WithdrawAll(ctx)
		}
		if err != nil {
			j.Log.Warn("withdrawing the notifications", "err", err)
		}
		return
	}
	s := j.sender()
	for _, c := range j.Checks {
		if err := s.Withdraw(ctx, c.Spec().ID); err != nil {
			j.Log.Warn("withdrawing a notification", "check", c.Spec().ID, "err", err)
		}
	}
}

// note is the notification with ID id that the server named shows, if
// Mamori showed it through that server: the only clicks believed.
func (j *Judge) note(server string, id uint32, action string) (notify.Note, string, bool) {
	o := j.memory.OnScreen
	if o == nil || server == "" || o.Server != server {
		return notify.Note{}, "", false
	}
	for key, n := range o.Notes {
		if n.ID == id && slices.Contains(n.Actions, action) {
			return n, key, true
		}
	}
	return notify.Note{}, "", false
}
