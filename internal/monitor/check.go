package monitor

import (
	"context"
	"time"
)

// Check is one thing Mamori watches.
type Check interface {
	// Spec says what the check is before it runs: its ID, its deadline
	// and the events that re-run it. It is read once, when the engine is
	// built.
	Spec() Spec
	// Run looks at the system. It must return when ctx is done; a check that
	// cannot tell returns Unknown with the reason, never OK.
	Run(ctx context.Context) Result
}

// Spec is a check's declaration, the one place its facts live: the agent,
// `mamori check`, the settings window and the tests all read them from here.
type Spec struct {
	// ID is the check's stable kebab-case name ("screen-lock").
	ID string
	// Timeout bounds one run; zero takes the engine's default.
	Timeout time.Duration
	// Triggers are the events that re-run the check at once, between its
	// scheduled runs.
	Triggers []Trigger
	// Settle, when set, is how long the triggers' events must stay quiet
	// before the check re-runs: a check whose source changes in long
	// bursts (a package upgrade rewriting dpkg's status for minutes) runs
	// once, after the burst, instead of once per gathering window.
	Settle time.Duration
}

// Source is a kind of event the agent can watch.
type Source string

// The event sources.
const (
	// Network: the Wi-Fi connection changed (NetworkManager's signals,
	// nl80211's connect and disconnect events). Path is unused.
	Network Source = "network"
	// Dconf: a GSettings value under Path, a dconf path prefix such as
	// "/org/gnome/desktop/screensaver/", was written.
	Dconf Source = "dconf"
	// File: the file at Path was written, replaced, created or removed; a
	// Path ending in "/" stands for any file in that directory.
	File Source = "file"
	// Registry: a value of the Windows registry key at Path (HKCU\… or
	// HKLM\…) was set or removed; a Path ending in "\" covers the keys
	// under it too.
	Registry Source = "registry"
)

// Trigger is one event that re-runs a check.
type Trigger struct {
	Source Source
	Path   string
}

// Func adapts a spec and a function to a Check.
type Func struct {
	Def Spec
	Fn  func(ctx context.Context) Result
}

// Spec returns f.Def.
func (f Func) Spec() Spec { return f.Def }

// Run calls f.Fn.
func (f Func) Run(ctx context.Context) Result { return f.Fn(ctx) }

// IDs lists the checks' IDs in their order.
func IDs(checks []Check) []string {
	ids := make([]string, len(checks))
	for i, c := range checks {
		ids[i] = c.Spec().ID
	}
	return ids
}

// Declared is a check known by its Spec alone, for a program that runs its
// checks elsewhere (the agent, through a worker process): it holds none of
// what the check reads with. Running it here says it cannot be.
type Declared Spec

// Spec returns the declaration.
func (d Declared) Spec() Spec { return Spec(d) }

// Run says the check does not run in this process.
func (d Declared) Run(context.Context) Result {
	return Unknownf(d.ID, "this check is declared here and runs in a worker")
}

// DeclaredChecks are checks known by specs alone.
func DeclaredChecks(specs []Spec) []Check {
	out := make([]Check, len(specs))
	for i, s := range specs {
		out[i] = Declared(s)
	}
	return out
}
