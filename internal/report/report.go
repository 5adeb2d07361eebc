// Package report renders check results for people (a table) and for
// programs (a stable JSON document), and turns them into an exit code.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/safe"
)

// SchemaVersion is the version of the JSON document's shape. It changes only
// when a field is removed or changes meaning; new fields may appear within a
// version.
const SchemaVersion = 1

// Document is the JSON form of a run of the checks (see docs/check-json.md).
type Document struct {
	Schema    int       `json:"schema"`
	App       App       `json:"app"`
	Lang      string    `json:"lang"`
	CheckedAt time.Time `json:"checked_at"`
	// Worst is the most worrying status among the checks.
	Worst  monitor.Status `json:"worst"`
	Checks []Check        `json:"checks"`
}

// App names the program that wrote the document.
type App struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Check is one check's result.
type Check struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Status  monitor.Status `json:"status"`
	Finding string         `json:"finding"`
	// FindingKey and FindingArgs let a program act on the finding without
	// parsing translated text. A list (the names a finding counts) is an
	// array of at most monitor.MaxListed names, with the number left out
	// under its name + "More" (NamesMore).
	FindingKey  string             `json:"finding_key"`
	FindingArgs map[string]any     `json:"finding_args,omitempty"`
	Advice      Advice             `json:"advice"`
	Evidence    []monitor.Evidence `json:"evidence"`
	CheckedAt   time.Time          `json:"checked_at"`
	DurationMS  int64              `json:"duration_ms"`
	// Policy names the organisation's policies that shaped the verdict
	// (a threshold, an allowed list, the check turned on); absent when
	// none did.
	Policy []string `json:"policy,omitempty"`
}

// Get returns the value of the first evidence with key, or "".
func (c Check) Get(key string) string {
	for _, e := range c.Evidence {
		if e.Key == key {
			return e.Value
		}
	}
	return ""
}

// Advice is what to tell the person about a finding.
type Advice struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Why   string `json:"why"`
	Fix   string `json:"fix"`
}

// maxValue bounds any one piece of text taken from the system.
const maxValue = monitor.MaxValue

// Build turns results into a Document in p's language. It is the one way
// results reach a person, so it bounds them (monitor.Result.Bounded: a
// hosts file of 300,000 lines still makes a document the window reads)
// and makes text taken from the system safe to show (safe.Text), once.
func Build(results []monitor.Result, p *i18n.Printer, app App, at time.Time) Document {
	doc := Document{Schema: SchemaVersion, App: app, Lang: p.Lang, CheckedAt: at, Worst: monitor.Worst(results), Checks: []Check{}}
	for _, r := range results {
		r = r.Bounded()
		ev := make([]monitor.Evidence, len(r.Evidence))
		for i, e := range r.Evidence {
			ev[i] = monitor.Evidence{Key: safe.Text(e.Key, monitor.MaxKey), Value: safe.Text(e.Value, maxValue), More: e.More}
		}
		args := cleanArgs(r.Finding.Args)
		doc.Checks = append(doc.Checks, Check{
			ID:          r.CheckID,
			Name:        p.T("check."+r.CheckID, nil),
			Status:      r.Status,
			Finding:     p.T(r.Finding.Key, args),
			FindingKey:  r.Finding.Key,
			FindingArgs: args,
			Advice:      AdviceFor(p, r.Advice),
			Evidence:    ev,
			CheckedAt:   r.Time,
			DurationMS:  r.Duration.Milliseconds(),
		})
	}
	return doc
}

// AdviceFor looks up an advice key's title, why and fix.
func AdviceFor(p *i18n.Printer, key string) Advice {
	return Advice{
		Key:   key,
		Title: p.T("advice."+key+".title", nil),
		Why:   p.T("advice."+key+".why", nil),
		Fix:   p.T("advice."+key+".fix", nil),
	}
}

// cleanArgs makes text arguments safe to show; they may carry names taken
// from the system (process names, SSIDs, error messages).
func cleanArgs(args map[string]any) map[string]any {
	if len(args) == 0 {
		return nil
	}
	out := make(map[string]any, len(args))
	for k, v := range args {
		switch x := v.(type) {
		case string:
			v = safe.Text(x, maxValue)
		case []string: // a list the printer joins (Bounded made every list one)
			items := make([]string, len(x))
			for i, s := range x {
				items[i] = safe.Text(s, maxValue)
			}
			v = items
		}
		out[k] = v
	}
	return out
}

// WriteJSON writes doc as indented JSON.
func WriteJSON(w io.Writer, doc Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

var marks = map[monitor.Status]string{
	monitor.OK:            "✔",
	monitor.Warn:          "⚠",
	monitor.Critical:      "✖",
	monitor.Unknown:       "?",
	monitor.NotApplicable: "–",
}

// WriteTable writes doc for a person reading a terminal: one block per
// check, the worst first, with the fix under each finding that needs one.
func WriteTable(w io.Writer, doc Document, p *i18n.Printer, details bool) error {
	var b strings.Builder
	fmt.Fprintln(&b, p.T("report.heading", map[string]any{"App": doc.App.Name, "Time": doc.CheckedAt.Format("2006-01-02 15:04")}))
	fmt.Fprintln(&b)
	checks := append([]Check(nil), doc.Checks...)
	sort.SliceStable(checks, func(i, j int) bool { return checks[i].Status.Rank() > checks[j].Status.Rank() })
	issues, unknown := 0, 0
	hidden := false // a finding's Details not printed (technical, often English)
	width := 0
	for s := range marks {
		width = max(width, columns(p.T("status."+string(s), nil)))
	}
	for _, c := range checks {
		label := p.T("status."+string(c.Status), nil)
		fmt.Fprintf(&b, "%s %s%s %s%s%s\n", marks[c.Status], label, strings.Repeat(" ", width-columns(label)), c.Name, p.T("report.separator", nil), c.Finding)
		switch c.Status {
		case monitor.Warn, monitor.Critical:
			issues++
			fmt.Fprintf(&b, "  → %s\n    %s\n", c.Advice.Title, c.Advice.Fix)
		case monitor.Unknown:
			unknown++
		}
		lines := EvidenceLines(p, c)
		if !details && len(lines) > 0 && c.Status != monitor.OK && c.Status != monitor.NotApplicable {
			hidden = true
		}
		if details && len(lines) > 0 {
			fmt.Fprintf(&b, "  %s\n", p.T("report.detail", nil))
			for _, l := range lines {
				fmt.Fprintf(&b, "    %s\n", l)
			}
		}
	}
	fmt.Fprintln(&b)
	if issues == 0 && unknown == 0 {
		fmt.Fprintln(&b, p.T("report.summary.ok", nil))
	}
	if issues > 0 {
		fmt.Fprintln(&b, p.T("report.summary.issues", map[string]any{"Count": issues}))
	}
	if unknown > 0 {
		fmt.Fprintln(&b, p.T("report.summary.unknown", map[string]any{"Count": unknown}))
	}
	if hidden {
		// The findings say "see Details": say where Details are.
		fmt.Fprintln(&b, p.T("report.details-hint", nil))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Exit codes of the check command. A verdict has a code no failure of the
// program can have: Go's runtime exits 2 on a fatal error (out of memory, an
// address-space limit too small to start) and on a panic, log.Fatal and
// the flag package exit 1 and 2, and a signal ends it with 128+n. So the
// monitoring-plugin convention (1 warning, 2 critical) is not followed:
// there, a crash reads as "critical". Any code that is not one of these is
// a failure of the program, never a verdict (Verdict).
const (
	ExitOK       = 0  // every check ok or not applicable
	ExitUnknown  = 10 // no warning or critical, but a check could not tell
	ExitWarn     = 11 // at least one warning, no critical
	ExitCritical = 12 // at least one critical
	ExitUsage    = 64 // the command line is wrong (sysexits' EX_USAGE)
	ExitInternal = 70 // Mamori could not run the checks or write the report (EX_SOFTWARE)
	// ExitInterrupted: stopped (Ctrl-C, SIGTERM) before every check
	// answered, as a shell reports SIGINT; what was printed is partial.
	ExitInterrupted = 130
)

// ExitCode returns the exit code for results.
func ExitCode(results []monitor.Result) int {
	switch monitor.Worst(results) {
	case monitor.Critical:
		return ExitCritical
	case monitor.Warn:
		return ExitWarn
	case monitor.OK, monitor.NotApplicable:
		return ExitOK
	}
	return ExitUnknown
}

// Verdict returns the worst status an exit code of the check command
// stands for (ok for ExitOK, which also covers not-applicable), and false
// for every code that is not a verdict: a usage error, an internal error,
// or the program failing (1, 2, 128+n, …).
func Verdict(code int) (monitor.Status, bool) {
	switch code {
	case ExitOK:
		return monitor.OK, true
	case ExitUnknown:
		return monitor.Unknown, true
	case ExitWarn:
		return monitor.Warn, true
	case ExitCritical:
		return monitor.Critical, true
	}
	return "", false
}

// IsVerdict reports whether code is one of the check command's verdicts
// rather than a failure of the program.
func IsVerdict(code int) bool {
	_, ok := Verdict(code)
	return ok
}

// columns is how many terminal columns s takes, counting East Asian wide
// characters as two.
func columns(s string) int {
	w := 0
	for _, r := range s {
		w++
		if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || (r >= 0xFF01 && r <= 0xFF60) {
			w++
		}
	}
	return w
}

// Decode reads a Document from its JSON form, as the agent sends it to the
// window process.
func Decode(data []byte) (*Document, error) {
	var doc Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reading the status document: %w", err)
	}
	return &doc, nil
}
