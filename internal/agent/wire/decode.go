package wire

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/mamori-project/mamori/internal/jsonv"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
	"github.com/mamori-project/mamori/internal/tray"
)

// decode reads one op as the judge's Encoder (encoding/json) wrote it,
// with internal/jsonv: the agent, which reads the ops, links no
// encoding/json (see jsonv). TestOpsReadAsWritten holds the two together,
// field by field.
func decode(line []byte) (Op, error) {
	v, err := jsonv.Parse(line)
	if err != nil {
		return Op{}, err
	}
	o, err := jsonv.AsObject(v)
	if err != nil || o == nil {
		return Op{}, jsonv.ErrNotObject
	}
	var g jsonv.Getter
	op := Op{
		Seq:      g.Uint(o, "seq"),
		Publish:  g.Bool(o, "publish"),
		Answered: g.Strings(o, "answered"),
		Run:      g.Strings(o, "run"),
		RunAll:   g.Bool(o, "run_all"),
		RunNow:   g.Bool(o, "run_now"),
		Withdraw: g.String(o, "withdraw"),
		Warning:  g.String(o, "warning"),
	}
	if p := g.Object(o, "plan"); p != nil {
		op.Plan = &Plan{
			Enabled:     g.Strings(p, "enabled"),
			Interval:    time.Duration(g.Int(p, "interval")),
			PolicyPaths: g.Strings(p, "policy_paths"),
			PolicyKeys:  g.Strings(p, "policy_keys"),
			Lang:        g.String(p, "lang"),
			WindowEnv:   g.Strings(p, "window_env"),
		}
		for _, c := range g.Objects(p, "checks") {
			spec := monitor.Spec{ID: g.String(c, "ID"), Timeout: time.Duration(g.Int(c, "Timeout")), Settle: time.Duration(g.Int(c, "Settle"))}
			for _, t := range g.Objects(c, "Triggers") {
				spec.Triggers = append(spec.Triggers, monitor.Trigger{Source: monitor.Source(g.String(t, "Source")), Path: g.String(t, "Path")})
			}
			op.Plan.Checks = append(op.Plan.Checks, spec)
		}
	}
	if t := g.Object(o, "tray"); t != nil {
		l := g.Object(t, "Labels")
		op.Tray = &tray.State{
			Status:  monitor.Status(g.String(t, "Status")),
			Tooltip: g.String(t, "Tooltip"),
			Snoozed: g.Bool(t, "Snoozed"),
			Labels: tray.Labels{
				Status: g.String(l, "Status"), CheckNow: g.String(l, "CheckNow"), Snooze: g.String(l, "Snooze"),
				SnoozeHour: g.String(l, "SnoozeHour"), SnoozeTomorrow: g.String(l, "SnoozeTomorrow"),
				Settings: g.String(l, "Settings"), Quit: g.String(l, "Quit"),
				Paused: g.String(l, "Paused"), Resume: g.String(l, "Resume"),
			},
		}
		for _, e := range g.Objects(t, "Entries") {
			op.Tray.Entries = append(op.Tray.Entries, tray.Entry{Check: g.String(e, "Check"), Label: g.String(e, "Label")})
		}
	}
	if w := g.Object(o, "open"); w != nil {
		op.Open = &Open{Which: g.String(w, "which"), Check: g.String(w, "check")}
	}
	if m := g.Object(o, "show"); m != nil {
		op.Show = &msg.Message{
			Key: g.String(m, "Key"), Summary: g.String(m, "Summary"), Body: g.String(m, "Body"),
			Urgency: msg.Urgency(g.Uint(m, "Urgency")), Status: monitor.Status(g.String(m, "Status")),
		}
		for _, a := range g.Objects(m, "Actions") {
			op.Show.Actions = append(op.Show.Actions, msg.Action{ID: g.String(a, "ID"), Label: g.String(a, "Label")})
		}
		if n := g.Object(m, "Network"); n != nil {
			ssid, err := base64.StdEncoding.DecodeString(g.String(n, "ssid"))
			if err != nil && g.Err == nil {
				g.Err = fmt.Errorf("ssid: %w", err)
			}
			op.Show.Network = &monitor.WiFiNetwork{SSID: ssid, Security: g.String(n, "security"), BSSID: g.String(n, "bssid")}
		}
	}
	if s := g.String(o, "again"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil && g.Err == nil {
			g.Err = fmt.Errorf("again: %w", err)
		}
		op.Again = t
	}
	return op, g.Err
}
