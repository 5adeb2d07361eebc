package policy

import (
	"errors"
	"fmt"

	"github.com/mamori-project/mamori/internal/config"
)

// Channel is where this system's policy comes from (System); Read reads
// it afresh each time. The agent reads it at the start of every sweep,
// and at once when a file in Watch or a key in WatchKeys changes, so a
// policy changed while it runs counts from then on.
type Channel struct {
	Read func() ([]Value, []error)
	// Watch are the paths to watch for a change ("dir/" for every file
	// in it); nil where the channel is not files.
	Watch []string
	// WatchKeys are the registry keys to watch for a change (HKLM\… or
	// HKCU\…; a trailing `\` takes in their subkeys); nil where the
	// channel is not the registry.
	WatchKeys []string
	// Known are the check IDs Mamori has; with them, Layers also
	// reports a Checks policy's IDs that are none of them
	// (Set.UnknownChecks). Nil: not known, not reported.
	Known []string
}

// Set reads and checks the policy as it is now.
func (c Channel) Set() Set {
	if c.Read == nil {
		return Set{}
	}
	values, problems := c.Read()
	return Resolve(values, problems...)
}

// Layers reads the policy for config.Store; err says what could not be
// used, the check IDs that are not Mamori's among it.
func (c Channel) Layers() (recommended, managed func(*config.Settings), err error) {
	set := c.Set()
	recommended, managed, err = set.Layers()
	return recommended, managed, errors.Join(append([]error{err}, set.UnknownChecks(c.Known)...)...)
}

var _ config.Policy = Channel{}

// Fingerprint is the policy as read now, every value with its level and
// where it was read, and what could not be used, as text: equal
// fingerprints, the same policy. The agent compares them to tell a change
// of the policy (the export's directories included, which are not
// settings) from another program's write beside it.
func (c Channel) Fingerprint() string {
	set := c.Set()
	return fmt.Sprint(set.Values, set.Problems, set.UnknownChecks(c.Known))
}

// Locks reads the policy and says whether its managed values lock name
// (Set.Locks), for config.Store.
func (c Channel) Locks(name string) bool {
	return c.Set().Locks(name)
}

var (
	_ config.Locker = Channel{}
	_ config.Locker = Set{}
)
