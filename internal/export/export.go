// Package export keeps Mamori's latest results where an organisation's own
// collector reads them, when a managed policy turns it on (never on a
// personal install): a Prometheus textfile for node_exporter's or
// windows_exporter's textfile collector, and a versioned JSON document for
// osquery, Fleet and Kolide. There is no server and no network code here:
// each person's agent writes its own files, named by its user ID, into a
// directory the organisation made, and the collector, running as root,
// reads them.
//
// One user must not change another's results: the files are written to a
// temporary name and renamed (a collector never reads half a file), through
// a handle on the directory opened once and checked as opened, so a path
// swapped after the check cannot send them elsewhere. The directory, and
// each above it, must be root's or the person's (on Windows: its owner
// SYSTEM, Administrators or the person, and no one else allowed to write
// to it); one other accounts can write to must be sticky, and a person's
// file that another account put there first is reported and left alone
// (NotYours). A textfile directory several accounts can write to still
// cannot prove whose series are whose: another account can write a file
// of its own name with the person's labels (docs/organisations).
package export

import (
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

// Schema is the version of the JSON document; it grows only by fields a
// reader may ignore, and changes when a field changes meaning.
const Schema = 1

// Snapshot is what is exported: one person's latest results.
type Snapshot struct {
	// User is the account's name, UID its ID (a SID on Windows).
	User, UID string
	Host      string
	Version   string
	// At is when the snapshot was taken (the last sweep's end).
	At      time.Time
	Results []Result
}

// Result is one check's latest verdict.
type Result struct {
	Check     string
	Status    monitor.Status
	Finding   string // the finding's catalogue key: stable across languages
	CheckedAt time.Time
	// Policy names the organisation's policies that shaped the verdict.
	Policy []string
}

// Statuses are the verdicts a check can have, each a series of its own.
var Statuses = []monitor.Status{monitor.OK, monitor.Warn, monitor.Critical, monitor.Unknown, monitor.NotApplicable}

// FromResults builds a snapshot's results, sorted by check.
func FromResults(results []monitor.Result, shaped func(check string) []string) []Result {
	var out []Result
	for _, r := range results {
		e := Result{Check: r.CheckID, Status: r.Status, Finding: r.Finding.Key, CheckedAt: r.Time}
		if shaped != nil {
			e.Policy = shaped(r.CheckID)
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Result) int {
		if a.Check < b.Check {
			return -1
		}
		if a.Check > b.Check {
			return 1
		}
		return 0
	})
	return out
}

// Sweep writes the results of a sweep to the targets (nothing when there
// are none): who ran them, the version, and which policies shaped each.
func Sweep(t Targets, user, uid, host, version string, results []monitor.Result, shaped func(string) []string, at time.Time) error {
	if t.PrometheusDir == "" && t.ResultsDir == "" {
		return nil
	}
	return Write(t, Snapshot{User: user, UID: uid, Host: host, Version: version, At: at, Results: FromResults(results, shaped)})
}
