// Package ui is Mamori's windows, in Fyne: the status window and the
// settings window. It is the only package that imports Fyne, and only the
// window process (cmd/window) links it; the resident agent does not.
package ui

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

// Habits are the advice topics no check covers, shown as good habits.
var Habits = []string{
	"apps-official", "free-software", "passwords-unique", "passwords-strong", "password-manager",
	"password-files", "cloud-notes", "never-tell", "autofill-shared", "router-password", "wipe-devices",
	"phishing", "check-sender", "attachments", "fake-authorities", "bookmarks", "social-accounts", "fake-ads", "public-computers",
	"odd-login-pages", "mfa-fatigue", "support-scams", "trade-notices",
}

// StatusActions are what the status window's buttons do.
type StatusActions struct {
	CheckNow func()
	// HasPage reports whether an OS settings page fixes this check;
	// OpenPage opens it.
	HasPage  func(check string) bool
	OpenPage func(check string)
	// StartAgent starts the agent when it is not running; nil hides the
	// button.
	StartAgent func()
	// Fix returns what fixing a check would change, ok false where Mamori
	// cannot fix it (then there is no Fix it button); ApplyFix makes the
	// changes, after Confirm has shown them and the person agreed.
	Fix      func(check string) (fix.Plan, bool)
	ApplyFix func(fix.Plan) error
	// CanUndo offers to put back what the last fix of a check changed;
	// Undoable returns that fix's plan, or why it is refused (a record no
	// fix of Mamori's wrote); UndoFix puts back, once Confirm has listed
	// the changes and the person agreed, the settings that still hold what
	// the fix wrote, and returns those it left as they are.
	CanUndo  func(check string) bool
	Undoable func(check string) (fix.Plan, error)
	UndoFix  func(fix.Plan) ([]fix.Kept, error)
	// Confirm asks the person, showing title and message, and calls ok if
	// they agree; Failed tells them an action failed; Told tells them
	// something else they should know.
	Confirm func(title, message string, ok func())
	Failed  func(message string)
	Told    func(title, message string)
}

// statusIcon is the tray icon of a status, as a Fyne resource.
func statusIcon(s monitor.Status) fyne.Resource {
	return fyne.NewStaticResource("status-"+string(s)+".png", mamori.TrayIcon(string(s)))
}

// wrapped is a paragraph of text, wrapped by Japanese and Latin rules.
func wrapped(text string) *paragraph { return newParagraph(text, fyne.TextStyle{}) }

// bold is a wrapped heading.
func bold(text string) *paragraph { return newParagraph(text, fyne.TextStyle{Bold: true}) }

// viewState is what the person did in the status window that new results
// must not undo: where they scrolled, which Details they opened, what a fix
// just changed, and a Check now still running.
type viewState struct {
	focus string            // the check the window opened at, first
	open  map[string]bool   // Details open, by check
	fixed map[string]string // what a fix changed, by check, said in place
	// fixedAt is when each fix in fixed was made: a result newer than it
	// that needs care again (the setting went back by other means) ends
	// the "Done" said in place.
	fixedAt map[string]time.Time
	// scroll is the list's scroll, kept from one drawing to the next so
	// that the list stays where the person scrolled it.
	scroll *container.Scroll
	// checking is a Check now the person asked for at asked and whose
	// results have not all come yet.
	checking bool
	asked    time.Time
}

// statusParts is a drawn status view and the parts the controller moves:
// the scroll, the list inside it and each check's row in the list.
type statusParts struct {
	root   fyne.CanvasObject
	scroll *container.Scroll
	list   fyne.CanvasObject
	rows   map[string]fyne.CanvasObject
}

// StatusView shows every check's result, the check named focus first with
// its Details open, and the good habits. doc is nil when the agent is not
// running.
func StatusView(p *i18n.Printer, doc *report.Document, focus string, act StatusActions) fyne.CanvasObject {
	st := &viewState{focus: focus, open: map[string]bool{focus: true}}
	return statusView(p, doc, act, st).root
}

// lastChecked is when the latest of doc's checks ran; the time the
// document was made where none says.
func lastChecked(doc *report.Document) time.Time {
	var t time.Time
	for _, c := range doc.Checks {
		if c.CheckedAt.After(t) {
			t = c.CheckedAt
		}
	}
	if t.IsZero() {
		return doc.CheckedAt
	}
	return t
}

func statusView(p *i18n.Printer, doc *report.Document, act StatusActions, st *viewState) *statusParts {
	if doc == nil {
		// The title beside its icon in a Border, which gives it the width
		// left: in an HBox a wrapping label gets none and breaks after
		// every letter.
		box := container.NewVBox(
			container.NewBorder(nil, nil, widget.NewIcon(statusIcon(monitor.Unknown)), nil, bold(p.T("window.status.title", nil))),
			wrapped(p.T("window.not-running", nil)),
		)
		if act.StartAgent != nil {
			box.Add(container.NewHBox(widget.NewButtonWithIcon(p.T("window.start-agent", nil), theme.MediaPlayIcon(), act.StartAgent)))
		}
		return &statusParts{root: container.NewPadded(box)}
	}
	focus := st.focus
	checks := append([]report.Check(nil), doc.Checks...)
	sort.SliceStable(checks, func(i, j int) bool {
		if (checks[i].ID == focus) != (checks[j].ID == focus) {
			return checks[i].ID == focus
		}
		return checks[i].Status.Rank() > checks[j].Status.Rank()
	})

	issues, unknown := 0, 0
	for _, c := range checks {
		switch c.Status {
		case monitor.Warn, monitor.Critical:
			issues++
		case monitor.Unknown:
			unknown++
		}
	}
	summary := p.T("report.summary.ok", nil)
	if issues > 0 {
		summary = p.T("report.summary.issues", map[string]any{"Count": issues})
	} else if unknown > 0 {
		summary = p.T("report.summary.unknown", map[string]any{"Count": unknown})
	}
	checkNow := widget.NewButtonWithIcon(p.T("window.check-now", nil), theme.ViewRefreshIcon(), func() {
		if act.CheckNow != nil {
			act.CheckNow()
		}
	})
	// To the second, so that a Check now with the same results still
	// shows it ran.
	when := widget.NewLabel(p.T("window.last-checked", map[string]any{"Time": lastChecked(doc).Local().Format("2006-01-02 15:04:05")}))
	if st.checking {
		checkNow.SetText(p.T("window.checking", nil))
		checkNow.Disable()
		when.SetText(p.T("window.checking", nil))
	}
	header := container.NewBorder(nil, nil,
		widget.NewIcon(statusIcon(doc.Worst)), checkNow,
		container.NewVBox(bold(summary), when),
	)

	list := container.NewVBox()
	rows := map[string]fyne.CanvasObject{}
	for i, c := range checks {
		if i > 0 {
			list.Add(widget.NewSeparator())
		}
		row := checkRow(p, c, st, act)
		rows[c.ID] = row
		list.Add(row)
	}
	var habits []*widget.AccordionItem
	for _, h := range Habits {
		habits = append(habits, widget.NewAccordionItem(p.T("habits."+h+".title", nil), wrapped(p.T("habits."+h+".text", nil))))
	}
	// The good habits are there to read when wanted, closed at first.
	list.Add(widget.NewSeparator())
	list.Add(widget.NewAccordion(widget.NewAccordionItem(p.T("window.habits", nil), widget.NewAccordion(habits...))))
	// The header, with Check now, stays in view; the list scrolls.
	padded := container.NewPadded(list)
	scroll := st.scroll
	if scroll == nil {
		scroll = container.NewVScroll(padded)
		st.scroll = scroll
	} else {
		// The new list where the old one was scrolled, or as near as its
		// length allows.
		offset := scroll.Offset
		scroll.Content = padded
		scroll.Refresh()
		scroll.Offset = fyne.Position{}
		scroll.ScrollToOffset(offset)
	}
	return &statusParts{
		root:   container.NewBorder(container.NewVBox(container.NewPadded(header), widget.NewSeparator()), nil, nil, nil, scroll),
		scroll: scroll,
		list:   list,
		rows:   rows,
	}
}

// checkRow is one check, compact: its icon, name and status, the one-line
// finding and the buttons that act on it; why it matters, how to fix it and
// what the check saw (the evidence the finding may point to with "see
// Details") open under Details, open where st says the person opened them.
// A check that is fine has Details only when it saw something to show.
// What a fix just changed is said in place, with Undo beside it.
func checkRow(p *i18n.Printer, c report.Check, st *viewState, act StatusActions) fyne.CanvasObject {
	icon := widget.NewIcon(statusIcon(c.Status))
	if c.Status == monitor.NotApplicable {
		icon = widget.NewIcon(theme.ContentRemoveIcon()) // neutral: not a tick
	}
	title := container.NewHBox(widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel(p.T("status."+string(c.Status), nil)))
	body := container.NewVBox(title, wrapped(c.Finding))
	buttons := container.NewHBox()
	id := c.ID
	needsCare := c.Status != monitor.OK && c.Status != monitor.NotApplicable
	if changed := st.fixed[id]; changed != "" {
		if began := c.CheckedAt.Add(-time.Duration(c.DurationMS) * time.Millisecond); needsCare && began.After(st.fixedAt[id]) {
			// Checked since the fix and failing again: "Done" would
			// no longer be true (found on a trial).
			delete(st.fixed, id)
			delete(st.fixedAt, id)
		} else {
			body.Add(wrapped(changed))
		}
	}
	evidence := report.EvidenceLines(p, c)
	if needsCare || len(evidence) > 0 {
		details := container.NewVBox()
		if needsCare {
			details.Add(bold(c.Advice.Title))
			details.Add(widget.NewLabelWithStyle(p.T("window.why", nil), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
			details.Add(wrapped(c.Advice.Why))
			details.Add(widget.NewLabelWithStyle(p.T("window.fix", nil), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
			details.Add(wrapped(c.Advice.Fix))
		}
		// What the check saw (the files, tools, certificates the finding
		// refers to) and what the system said, as they are: for whoever
		// helps the person, who may copy them.
		if len(evidence) > 0 {
			details.Add(widget.NewLabelWithStyle(p.T("window.technical", nil), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
			details.Add(evidenceLabel(evidence))
		}
		if needsCare && act.Fix != nil && act.ApplyFix != nil && act.Confirm != nil {
			if plan, ok := act.Fix(id); ok && len(plan.Changes) > 0 {
				fixIt := widget.NewButtonWithIcon(p.T("window.fix-it", nil), theme.ConfirmIcon(), func() { askFix(p, plan, act) })
				fixIt.Importance = widget.HighImportance
				buttons.Add(fixIt)
			}
		}
		if needsCare && act.HasPage != nil && act.HasPage(id) {
			buttons.Add(widget.NewButtonWithIcon(p.T("window.open-settings", nil), theme.SettingsIcon(), func() {
				act.OpenPage(id)
			}))
		}
		toggle := widget.NewButtonWithIcon(p.T("window.details", nil), theme.MenuExpandIcon(), nil)
		toggle.Importance = widget.LowImportance
		toggle.OnTapped = func() {
			if details.Visible() {
				details.Hide()
				toggle.SetIcon(theme.MenuExpandIcon())
				delete(st.open, id)
			} else {
				details.Show()
				toggle.SetIcon(theme.MenuDropUpIcon())
				if st.open == nil {
					st.open = map[string]bool{}
				}
				st.open[id] = true
			}
		}
		if !st.open[id] {
			details.Hide()
		} else {
			toggle.SetIcon(theme.MenuDropUpIcon())
		}
		buttons.Add(toggle)
		body.Add(details)
	}
	if act.CanUndo != nil && act.Undoable != nil && act.UndoFix != nil && act.Confirm != nil && act.CanUndo(id) {
		buttons.Add(widget.NewButtonWithIcon(p.T("window.undo-fix", nil), theme.ContentUndoIcon(), func() { askUndo(p, id, act) }))
	}
	if len(buttons.Objects) > 0 {
		body.Add(buttons)
	}
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, body)
}

// evidenceLabel shows a check's evidence lines (report.EvidenceLines:
// bounded, and escaped once by report.Build), one a line, breaking a long
// path anywhere rather than widening the window. A Label draws its text
// as it is, never as markup, and the person can select it and copy it.
func evidenceLabel(lines []string) *widget.Label {
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapBreak
	l.Selectable = true
	return l
}

// fixedText says, in place, what a fix just changed.
func fixedText(p *i18n.Printer, plan fix.Plan) string {
	lines := []string{p.T("window.fixed", nil)}
	for _, c := range plan.Changes {
		lines = append(lines, changeLine(p, c, fixValue(p, c, shownFrom(c)), fixValue(p, c, shownTo(c))))
	}
	return strings.Join(lines, "\n")
}

// planText lists a fix's changes for the person, each as "setting: from →
// to", and says it can be undone.
func planText(p *i18n.Printer, plan fix.Plan) string {
	var lines []string
	for _, c := range plan.Changes {
		lines = append(lines, changeLine(p, c, fixValue(p, c, shownFrom(c)), fixValue(p, c, shownTo(c))))
	}
	return strings.Join(lines, "\n") + "\n\n" + p.T("fix.confirm.note", nil)
}

// changeLine is one setting going from one value to another, as a person
// reads it.
func changeLine(p *i18n.Printer, c fix.Change, from, to string) string {
	return "• " + p.T(c.Text, map[string]any{"From": from, "To": to})
}

// shownFrom and shownTo are a change's values as a person reads them.
func shownFrom(c fix.Change) string {
	if c.FromShown != "" {
		return c.FromShown
	}
	return c.From
}

func shownTo(c fix.Change) string {
	if c.ToShown != "" {
		return c.ToShown
	}
	return c.To
}

// askUndo lists what undoing the last fix of check id puts back, each as
// "setting: from → to", and undoes it when the person agrees; then it says
// which settings it left because they were changed after the fix. A record
// that names a change no fix makes is refused, and nothing is asked.
func askUndo(p *i18n.Printer, id string, act StatusActions) {
	plan, err := act.Undoable(id)
	if err != nil {
		if act.Failed != nil {
			act.Failed(p.T("fix.undo.refused", map[string]any{"Error": err.Error()}))
		}
		return
	}
	var lines []string
	for i := len(plan.Changes) - 1; i >= 0; i-- {
		c := plan.Changes[i]
		lines = append(lines, changeLine(p, c, fixValue(p, c, shownTo(c)), fixValue(p, c, shownFrom(c))))
	}
	act.Confirm(p.T("fix.undo.title", nil), strings.Join(lines, "\n")+"\n\n"+p.T("fix.undo.note", nil), func() {
		kept, err := act.UndoFix(plan)
		if err != nil && act.Failed != nil {
			act.Failed(failedText(p, id, act, err))
		}
		if len(kept) == 0 || act.Told == nil {
			return
		}
		lines := []string{p.T("fix.undo.kept", nil)}
		for _, k := range kept {
			now := p.T("fix.undo.unreadable", nil)
			if k.Err == nil {
				now = fixValue(p, k.Change, k.Now)
			}
			lines = append(lines, changeLine(p, k.Change, fixValue(p, k.Change, shownTo(k.Change)), now))
		}
		act.Told(p.T("fix.undo.kept.title", nil), strings.Join(lines, "\n"))
	})
}

// OfferFix asks the person, at once, to fix check id, as its Fix it button
// does (a notification's Fix it action opens the window this way). It
// reports whether there was anything to offer: none when the check needs
// no change or Mamori has no fix for it here.
func OfferFix(p *i18n.Printer, id string, act StatusActions) bool {
	if act.Fix == nil || act.ApplyFix == nil || act.Confirm == nil {
		return false
	}
	plan, ok := act.Fix(id)
	if !ok || len(plan.Changes) == 0 {
		return false
	}
	askFix(p, plan, act)
	return true
}

// askFix shows what plan changes and applies it when the person agrees.
func askFix(p *i18n.Printer, plan fix.Plan, act StatusActions) {
	act.Confirm(p.T("fix.confirm.title", nil), planText(p, plan), func() {
		if err := act.ApplyFix(plan); err != nil && act.Failed != nil {
			act.Failed(failedText(p, plan.Check, act, err))
		}
	})
}

// failedText says that a fix or its undo for check id failed, and what the
// person can do instead: the OS settings page, when the window offers its
// button for this check, or else the steps under How to fix; then the
// error, for whoever helps them. The button is named only where it is.
func failedText(p *i18n.Printer, id string, act StatusActions, err error) string {
	key := "fix.failed.no-page"
	if act.HasPage != nil && act.OpenPage != nil && act.HasPage(id) {
		key = "fix.failed"
	}
	return p.T(key, map[string]any{"Error": err.Error()})
}

// fixValue shows one of a change's GVariant values as a person reads it.
// A time of 0 means never for a timeout, at once for a delay.
func fixValue(p *i18n.Printer, c fix.Change, v string) string {
	switch c.Kind {
	case fix.Switch:
		if v == "true" {
			return p.T("fix.on", nil)
		}
		return p.T("fix.off", nil)
	case fix.Action:
		name := strings.Trim(v, "'")
		if s := p.T("fix.action."+name, nil); s != "fix.action."+name {
			return s
		}
		return name // an action Mamori has no words for, as the system names it
	}
	_, num, ok := strings.Cut(v, " ")
	if !ok {
		num = v
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return v
	}
	switch c.Kind {
	case fix.Minutes:
		n *= 60
	case fix.Millis:
		n /= 1000
	}
	switch {
	case n == 0 && c.Never:
		return p.T("fix.never", nil)
	case n == 0:
		return p.T("fix.at-once", nil)
	case n%60 == 0:
		return p.T("fix.minutes", map[string]any{"Count": n / 60})
	}
	return p.T("fix.seconds", map[string]any{"Count": n})
}
