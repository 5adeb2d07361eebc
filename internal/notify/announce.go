package notify

import (
	"context"
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
	"github.com/mamori-project/mamori/internal/report"
)

// The actions a notification offers.
const (
	ActionDetails = msg.ActionDetails // clicking the notification itself
	ActionSnooze  = msg.ActionSnooze
	ActionTrust   = msg.ActionTrust // Wi-Fi: trust this network
	ActionFix     = msg.ActionFix   // open the status window asking to fix the finding
)

// Announcer turns changes of the checks' results into notifications.
type Announcer struct {
	Policy *Policy
	Send   Sender
	// Printer returns the printer of the current language.
	Printer func() *i18n.Printer
	Log     *logfmt.Logger
	// NoSnooze reports whether snoozing is not allowed (an organisation's
	// policy): the notifications then offer no Snooze; nil allows it.
	NoSnooze func() bool

	// owed are changes the policy let through whose notification could
	// not be shown (no notification server yet, at sign-in): a finding is
	// told once, so they are tried again with the next run, unless a newer
	// result of the same check came meanwhile.
	owed []monitor.Change
}

// Owes reports whether a notification that could not be shown waits to be
// tried again; HandleAll with no changes tries it.
func (a *Announcer) Owes() bool { return len(a.owed) > 0 }

// Owed are the changes whose notification could not be shown, for the
// next Announcer (the judge of the next run) to try again with Owe.
func (a *Announcer) Owed() []monitor.Change { return slices.Clone(a.owed) }

// Owe takes over what an earlier Announcer owed.
func (a *Announcer) Owe(changes []monitor.Change) { a.owed = slices.Clone(changes) }

// Handle announces one change; see HandleAll.
func (a *Announcer) Handle(ctx context.Context, ch monitor.Change) {
	a.HandleAll(ctx, []monitor.Change{ch})
}

// HandleAll announces the changes of one run of the checks, withdrawing the
// notifications of findings that are no longer a problem. The findings the
// policy lets through arrive as one notification, about the worst, that
// names the others: one change of the system often moves several checks
// (screen lock off is screen-lock's finding and idle-power's), and two
// bubbles for it is noise.
func (a *Announcer) HandleAll(ctx context.Context, changes []monitor.Change) {
	log := a.Log // nil writes nothing
	if len(a.owed) > 0 {
		newer := map[string]bool{}
		for _, ch := range changes {
			newer[ch.New.CheckID] = true
		}
		var again []monitor.Change
		for _, ch := range a.owed {
			if !newer[ch.New.CheckID] {
				again = append(again, ch)
			}
		}
		a.owed = nil
		changes = append(again, changes...)
	}
	var speak []monitor.Result
	var told []monitor.Change
	for _, ch := range changes {
		n := ch.New
		if n.Status == monitor.OK || n.Status == monitor.NotApplicable {
			if err := a.Send.Withdraw(ctx, n.CheckID); err != nil {
				log.Warn("withdrawing a notification", "check", n.CheckID, "err", err)
			}
			continue
		}
		if reason := a.Policy.Decide(ch); reason != Speak {
			log.Info("not notifying", "check", n.CheckID, "status", n.Status, "why", string(reason))
			continue
		}
		speak = append(speak, n)
		told = append(told, ch)
	}
	if len(speak) == 0 {
		return
	}
	slices.SortStableFunc(speak, func(x, y monitor.Result) int { return y.Status.Rank() - x.Status.Rank() })
	p := a.Printer()
	m := Compose(p, speak[0])
	if a.NoSnooze != nil && a.NoSnooze() {
		m.Actions = slices.DeleteFunc(m.Actions, func(x Action) bool { return x.ID == ActionSnooze })
	}
	if speak[0].Fixable {
		// First, where desktops that show only some of the actions
		// still show it.
		m.Actions = append([]Action{{ID: ActionFix, Label: p.T("notify.action.fix", nil)}}, m.Actions...)
	}
	if len(speak) > 1 {
		var names []string
		for _, r := range speak[1:] {
			names = append(names, p.T("check."+r.CheckID, nil))
		}
		m.Body += "\n" + p.T("notify.also", map[string]any{"Checks": names})
	}
	if err := a.Send.Show(ctx, m); err != nil {
		// No notification server (yet): the tray shows the state, and
		// the notification is owed, not counted as told.
		log.Warn("could not show a notification; it is tried again with the next run", "check", speak[0].CheckID, "err", err)
		for _, ch := range told {
			a.Policy.Unsay(ch.New)
		}
		a.owed = told
	}
}

// Compose writes the notification for a result: the advice's title, then
// the finding and the one-line fix.
func Compose(p *i18n.Printer, r monitor.Result) Message {
	doc := report.Build([]monitor.Result{r}, p, report.App{}, time.Time{})
	c := doc.Checks[0]
	m := Message{
		Key:     r.CheckID,
		Summary: c.Advice.Title,
		Body:    c.Finding + "\n" + c.Advice.Fix,
		Urgency: Normal,
		Status:  r.Status,
		Actions: []Action{
			{ID: ActionDetails, Label: p.T("notify.action.details", nil)},
			{ID: ActionSnooze, Label: p.T("notify.action.snooze", nil)},
		},
	}
	if r.Status == monitor.Critical {
		m.Urgency = Critical
	}
	if r.Trust != nil {
		// The network travels with the notification: the click trusts
		// the one it named, not the one connected by then.
		m.Actions = append(m.Actions, Action{ID: ActionTrust, Label: p.T("notify.action.trust", nil)})
		m.Network = r.Trust
	}
	return m
}
