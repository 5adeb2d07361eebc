package notify

import (
	"context"
	"log/slog"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

// The actions a notification offers.
const (
	ActionDetails = "default" // clicking the notification itself
	ActionSnooze  = "snooze"
	ActionTrust   = "trust" // Wi-Fi: trust this network
)

// Announcer turns changes of the checks' results into notifications.
type Announcer struct {
	Policy *Policy
	Send   Sender
	// Printer returns the printer of the current language.
	Printer func() *i18n.Printer
	Log     *slog.Logger
}

// trustable are the Wi-Fi findings the person can silence by trusting the
// network.
var trustable = map[string]bool{"wifi.public": true, "wifi.owe": true, "wifi.open": true}

// Handle announces ch if the policy says so, and withdraws a notification
// whose finding is no longer a problem.
func (a *Announcer) Handle(ctx context.Context, ch monitor.Change) {
	reason := a.Policy.Decide(ch)
	log := a.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	n := ch.New
	if n.Status == monitor.OK || n.Status == monitor.NotApplicable {
		if err := a.Send.Withdraw(ctx, n.CheckID); err != nil {
			log.Warn("withdrawing a notification", "check", n.CheckID, "err", err)
		}
		return
	}
	if reason != Speak {
		log.Debug("not notifying", "check", n.CheckID, "status", n.Status, "why", string(reason))
		return
	}
	m := Compose(a.Printer(), n)
	if err := a.Send.Show(ctx, m); err != nil {
		// No notification server: the tray still shows the state.
		log.Warn("could not show a notification", "check", n.CheckID, "err", err)
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
		Actions: []Action{
			{ID: ActionDetails, Label: p.T("notify.action.details", nil)},
			{ID: ActionSnooze, Label: p.T("notify.action.snooze", nil)},
		},
	}
	if r.Status == monitor.Critical {
		m.Urgency = Critical
	}
	if r.CheckID == "wifi" && trustable[r.Advice] && r.Get("ssid-hex") != "" {
		// Trust applies to the network this notification names, even if
		// the computer has moved to another (an evil twin) by the click.
		m.Actions = append(m.Actions, Action{ID: ActionTrust, Label: p.T("notify.action.trust", nil)})
		m.Data = map[string]string{"ssid_hex": r.Get("ssid-hex"), "security": r.Get("security-id"), "bssid": r.Get("bssid")}
	}
	return m
}
