package judge

import (
	"context"
	"fmt"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/tray"
)

// Tray decides a click in the tray menu that needs judging: Check now and
// the snooze's items (the agent itself opens the windows and quits).
func (j *Judge) Tray(ctx context.Context, kind tray.EventKind) error {
	return j.decide(ctx, func(st *State, op *wire.Op, _ bool) error {
		now := j.now()
		switch kind {
		case tray.CheckNow:
			// The item says so until the run it asked for ends.
			st.CheckNow.Asked, st.CheckNow.At = true, now
			op.RunNow = true
		case tray.SnoozeHour:
			j.snooze(ctx, now.Add(time.Hour))
		case tray.SnoozeTomorrow:
			y, m, d := now.Date()
			j.snooze(ctx, time.Date(y, m, d+1, 8, 0, 0, 0, now.Location()))
		case tray.Resume:
			j.policy.Snooze(time.Time{})
			j.remember(ctx)
		default:
			return fmt.Errorf("the tray item %q is not the judge's", kind)
		}
		j.show(st, op)
		return nil
	})
}

// snooze silences notifications until then, unless the organisation's
// policy does not allow it (SnoozeAllowed).
func (j *Judge) snooze(ctx context.Context, until time.Time) {
	if !j.settings.SnoozeAllowed {
		j.Log.Info("snooze refused: the organisation's policy does not allow it")
		return
	}
	j.policy.Snooze(until)
	j.remember(ctx)
}

// Invoked decides a click on a notification the agent showed (which
// believed it only from the notification server it talked to, and only for
// an action that notification offered), named by its key; network is the
// network it named, for Trust this network, or nil.
func (j *Judge) Invoked(ctx context.Context, key, action string, network *monitor.WiFiNetwork) error {
	return j.decide(ctx, func(st *State, op *wire.Op, _ bool) error {
		j.act(ctx, st, op, notify.Invoked{Key: key, Action: action, Network: network})
		return nil
	})
}

// act does what the person asked of a notification.
func (j *Judge) act(ctx context.Context, st *State, op *wire.Op, inv notify.Invoked) {
	j.Log.Info("notification action", "check", inv.Key, "action", inv.Action)
	switch inv.Action {
	case notify.ActionSnooze:
		j.snooze(ctx, j.now().Add(time.Hour))
		j.show(st, op)
	case notify.ActionTrust:
		if err := j.trust(inv.Key, inv.Network); err != nil {
			j.Log.Warn("trusting the network", "err", err)
		} else if !j.trustLocked() {
			op.Run = []string{inv.Key}
		}
	case notify.ActionFix:
		op.Open = &wire.Open{Which: "fix", Check: inv.Key}
	default:
		op.Open = &wire.Open{Which: "status", Check: inv.Key}
	}
}

// trust adds the network a notification named (its raw name, security and
// access point) to the trusted list in the settings file; while managed
// policy sets the list, it refuses, with a log line.
func (j *Judge) trust(check string, n *monitor.WiFiNetwork) error {
	if n == nil || len(n.SSID) == 0 || len(n.SSID) > 32 || n.Security == "" {
		return fmt.Errorf("the notification named no network (%+v)", n)
	}
	if j.trustLocked() {
		// The notification was shown before the policy came, or the
		// action was asked for another way: the list is not the person's.
		j.Log.Info("Trust this network refused: the organisation's policy sets the trusted networks", "check", check)
		return nil
	}
	t := config.NewTrusted(n.SSID, n.Security, n.BSSID)
	// The change goes to the person's own settings as the file has them
	// now, so edits made since are kept; what comes back has the policy
	// laid over it.
	st, err := j.Settings.Update(func(st *config.Settings) { st.Trust(t) })
	if err != nil {
		return err
	}
	j.settings = st
	return nil
}

// Unshown takes back a notification about check that the agent could not
// show (the tray icon's balloon before the icon is there): it counts as
// not told, and is owed to the next run, as one a notification server
// refused is (notify.Announcer).
func (j *Judge) Unshown(ctx context.Context, check string) error {
	return j.decide(ctx, func(st *State, _ *wire.Op, _ bool) error {
		r, ok := st.result(check)
		if !ok || r.Status == monitor.OK || r.Status == monitor.NotApplicable {
			return nil
		}
		for _, ch := range st.Owed {
			if ch.New.CheckID == check {
				return nil
			}
		}
		j.Log.Warn("the agent could not show a notification; it is tried again with the next run", "check", check)
		j.policy.Unsay(r)
		st.Owed = append(st.Owed, monitor.Change{New: r})
		j.remember(ctx)
		return nil
	})
}
