package monitor

import "context"

// Check is one thing Mamori watches.
type Check interface {
	// ID is the check's stable kebab-case name ("screen-lock").
	ID() string
	// Run looks at the system. It must return when ctx is done; a check that
	// cannot tell returns Unknown with the reason, never OK.
	Run(ctx context.Context) Result
}

// Func adapts a function to a Check.
type Func struct {
	Name string
	Fn   func(ctx context.Context) Result
}

// ID returns f.Name.
func (f Func) ID() string { return f.Name }

// Run calls f.Fn.
func (f Func) Run(ctx context.Context) Result { return f.Fn(ctx) }

// CheckIDs are Mamori's checks, in display order. cmd/agent builds them in
// this order; the settings window lists them.
var CheckIDs = []string{"wifi", "screen-lock", "idle-power", "os-updates", "browser-updates", "antivirus"}
