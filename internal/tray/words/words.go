// Package words says what the tray shows, in the person's language: the
// State the resident agent's tray icon shows, built from the latest results
// by the judge (internal/judge), so that the resident process links neither
// the catalogues nor the report.
package words

import (
	"slices"
	"strconv"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/tray"
)

// BuildAt is Build with the snooze's end (zero: none) said in the menu,
// "Notifications paused until 15:30", with an item that resumes them. now
// tells whether the end is today.
func BuildAt(results []monitor.Result, p *i18n.Printer, snoozedUntil, now time.Time) tray.State {
	st := Build(results, p, !snoozedUntil.IsZero())
	if snoozedUntil.IsZero() {
		return st
	}
	until := snoozedUntil.In(now.Location())
	key := "tray.paused-until"
	if y, m, d := until.Date(); time.Date(y, m, d, 0, 0, 0, 0, now.Location()).After(now) {
		key = "tray.paused-until-tomorrow"
	}
	st.Labels.Paused = p.T(key, map[string]any{"Time": until.Format("15:04")})
	st.Labels.Resume = p.T("tray.resume", nil)
	return st
}

// CheckNowSays puts a sign of a person's *Check now* in the menu: its
// item says "Checking…" while the run asked for goes (running), then
// when it last ran on their asking, to the second (at; zero: never), on
// the day it did (now: a time of day alone would read as today's). A
// sweep of its own changes neither, so it changes the menu only when the
// person asked.
func CheckNowSays(st *tray.State, p *i18n.Printer, running bool, at, now time.Time) {
	y, m, d := at.Date()
	ny, nm, nd := now.Date()
	switch {
	case running:
		st.Labels.CheckNow = p.T("tray.checking", nil)
	case !at.IsZero() && y == ny && m == nm && d == nd:
		st.Labels.CheckNow = p.T("tray.check-now-done", map[string]any{"Time": clock(p, at)})
	}
}

// Build computes the tray's State from the latest results.
func Build(results []monitor.Result, p *i18n.Printer, snoozed bool) tray.State {
	worst := monitor.Worst(results)
	doc := report.Build(results, p, report.App{}, monitor.Result{}.Time)
	st := tray.State{
		Status:  worst,
		Snoozed: snoozed,
		Labels: tray.Labels{
			Status: p.T("tray.status", nil), CheckNow: p.T("tray.check-now", nil),
			Snooze: p.T("tray.snooze", nil), SnoozeHour: p.T("tray.snooze-hour", nil),
			SnoozeTomorrow: p.T("tray.snooze-tomorrow", nil), Settings: p.T("tray.settings", nil),
			Quit: p.T("tray.quit", nil),
		},
	}
	// Failing checks, the critical ones first, as in the check table.
	failing := slices.DeleteFunc(slices.Clone(doc.Checks), func(c report.Check) bool {
		return c.Status != monitor.Warn && c.Status != monitor.Critical
	})
	slices.SortStableFunc(failing, func(a, b report.Check) int { return b.Status.Rank() - a.Status.Rank() })
	for _, c := range failing {
		st.Entries = append(st.Entries, tray.Entry{Check: c.ID, Label: c.Advice.Title})
	}
	issues := len(failing)
	switch {
	case len(results) == 0:
		st.Tooltip = p.T("tray.tooltip.starting", nil)
	case issues > 0:
		st.Tooltip = p.T("tray.tooltip.issues", map[string]any{"Count": issues})
	case worst == monitor.Unknown:
		st.Tooltip = p.T("tray.tooltip.unknown", nil)
	default:
		st.Tooltip = p.T("tray.tooltip.ok", nil)
	}
	if snoozed {
		st.Tooltip += " " + p.T("tray.tooltip.snoozed", nil)
	}
	return st
}

// clock is a time of day as the status window writes it: 8:05:09 in
// Japanese, without the hour's leading zero; 08:05:09 in English.
func clock(p *i18n.Printer, t time.Time) string {
	if p.Lang == "ja" {
		return strconv.Itoa(t.Hour()) + t.Format(":04:05")
	}
	return t.Format("15:04:05")
}
