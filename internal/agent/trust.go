package agent

import "github.com/mamori-project/mamori/internal/monitor"

// trustLocked reports whether the organisation's managed policy sets the
// trusted networks, so that Trust this network is neither offered nor
// done.
func (a *Agent) trustLocked() bool {
	return a.Settings.Locks("trusted_networks")
}

// offerable takes Trust this network off the changes about to be
// announced while the trusted networks are the organisation's.
func (a *Agent) offerable(changes []monitor.Change) []monitor.Change {
	if !a.trustLocked() {
		return changes
	}
	out := make([]monitor.Change, len(changes))
	for i, ch := range changes {
		ch.New.Trust = nil
		out[i] = ch
	}
	return out
}
