// Package monitor is Mamori's check engine. It imports nothing of the
// project: the checks themselves live in internal/check.
//
// A Check declares a Spec (its ID, deadline and the events that re-run it)
// and looks at one part of the system and returns a Result: a Status, a
// one-line finding, the evidence behind it and the key of the advice that
// explains it. The Engine runs checks with a deadline each, bounded
// parallelism and panic recovery, and reports changes of status; the
// Scheduler runs them on intervals and on demand. The package has no GUI
// imports: the tray, the notifier and the windows consume what it produces.
package monitor

import (
	"fmt"
	"time"
)

// Status is a check's verdict.
type Status string

// The verdicts, as they appear in JSON and in the catalogues' keys.
const (
	// OK: the check looked and found nothing to fix.
	OK Status = "ok"
	// Warn: something should be fixed.
	Warn Status = "warn"
	// Critical: something puts the person at risk now.
	Critical Status = "critical"
	// Unknown: the check could not tell; the finding says why.
	Unknown Status = "unknown"
	// NotApplicable: the topic does not apply to this machine (no Wi-Fi).
	NotApplicable Status = "not-applicable"
)

// Rank orders statuses from least to most worrying: not-applicable, ok,
// unknown, warn, critical. An undefined status ranks as unknown.
func (s Status) Rank() int {
	switch s {
	case NotApplicable:
		return 0
	case OK:
		return 1
	case Warn:
		return 3
	case Critical:
		return 4
	}
	return 2
}

// Valid reports whether s is one of the defined statuses.
func (s Status) Valid() bool {
	switch s {
	case OK, Warn, Critical, Unknown, NotApplicable:
		return true
	}
	return false
}

// Worst returns the most worrying status in results; Unknown when there are
// none, because nothing was checked.
func Worst(results []Result) Status {
	if len(results) == 0 {
		return Unknown
	}
	worst := NotApplicable
	for _, r := range results {
		if r.Status.Rank() > worst.Rank() {
			worst = r.Status
		}
	}
	return worst
}

// Text is a message to show a person: a catalogue key and the values its
// template uses. Results carry Text rather than finished sentences so that the
// language can change after the check ran.
type Text struct {
	Key  string         `json:"key"`
	Args map[string]any `json:"args,omitempty"`
}

// T builds a Text from a key and alternating name, value pairs.
func T(key string, kv ...any) Text {
	t := Text{Key: key}
	if len(kv) > 0 {
		t.Args = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			t.Args[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return t
}

// Evidence is one observation behind a verdict, such as lock-delay = 0.
// Values are raw observations, not for translation.
type Evidence struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	// More, when set, makes this entry a count of the entries of Key that
	// were left out (Result.Bounded), not an observation.
	More int `json:"more,omitempty"`
}

// Result is what one run of a check found.
type Result struct {
	// CheckID is the check's stable kebab-case ID; the engine fills it in.
	CheckID string
	Status  Status
	// Finding is the one-line summary of what was found.
	Finding Text
	// Advice is the key of the advice (title, why, fix) for this finding.
	Advice   string
	Evidence []Evidence
	// Trust, when set, is the network the finding is about, as the check
	// saw it, which the person may trust from its notification (Trust
	// this network): the check decides which findings can be trusted away.
	Trust *WiFiNetwork
	// Fixable says Mamori can offer to fix this finding where the check
	// ran: a per-user setting it knows how to change on this desktop, not
	// locked by an administrator (internal/fix). The worker sets it, so
	// the agent needs none of the fixes' code to offer Fix it.
	Fixable bool
	// Time is when the run finished and Duration how long it took; the
	// engine fills both in.
	Time     time.Time
	Duration time.Duration
}

// WiFiNetwork is a Wi-Fi network as a check saw it: its raw name (up to 32
// bytes, any of them), its security as the Wi-Fi reader names it, and the
// access point. It is what Trust this network trusts, typed, so that the
// check, the notification and the settings cannot spell it differently.
type WiFiNetwork struct {
	SSID     []byte `json:"ssid"`
	Security string `json:"security"`
	BSSID    string `json:"bssid,omitempty"`
}

// Add appends an observation and returns r, so probes can chain evidence.
func (r *Result) Add(key string, value any) *Result {
	r.Evidence = append(r.Evidence, Evidence{Key: key, Value: fmt.Sprint(value)})
	return r
}

// Get returns the value of the first evidence with key, or "".
func (r Result) Get(key string) string {
	for _, e := range r.Evidence {
		if e.Key == key {
			return e.Value
		}
	}
	return ""
}

// Unknownf is a Result for a check that could not tell, with the reason.
// The finding is the catalogue's sentence; the reason is technical detail
// (often an error from the system, in English) and is kept as the evidence
// "reason", which the status window shows under Details and `mamori
// check` on a line of its own.
func Unknownf(advice, format string, args ...any) Result {
	return UnknownBecause(T("finding.unknown"), advice, fmt.Sprintf(format, args...))
}

// UnknownBecause is a Result for a check that could not tell, with a
// finding more telling than the general one and the technical reason.
func UnknownBecause(finding Text, advice, reason string) Result {
	r := Result{Status: Unknown, Finding: finding, Advice: advice}
	r.Add("reason", reason)
	return r
}

// UnsupportedError is a reader's answer on a system it cannot read yet.
// Readers outside the check package (Wi-Fi, packages) return it too, so
// the check can say so in the person's language.
type UnsupportedError struct{ System string }

func (e UnsupportedError) Error() string { return "not supported on " + e.System + " yet" }

// ErrUnsupported is an UnsupportedError for the system that goos
// (runtime.GOOS) names, by the name people know it by.
func ErrUnsupported(goos string) error {
	name := map[string]string{"windows": "Windows", "darwin": "macOS", "linux": "Linux", "freebsd": "FreeBSD", "openbsd": "OpenBSD"}[goos]
	if name == "" {
		name = goos
	}
	return UnsupportedError{System: name}
}

// Unsupported is the Result of a check on a system it has no probe for.
func Unsupported(advice, system string) Result {
	return Result{
		Status:  Unknown,
		Finding: T("finding.unsupported", "System", system),
		Advice:  advice,
	}
}
