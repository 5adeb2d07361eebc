package policy

import "github.com/mamori-project/mamori/internal/config"

// Channel is where this system's policy comes from (System); Read reads
// it afresh each time, so a policy changed while the agent runs counts at
// its next reading of the settings.
type Channel struct {
	Read func() ([]Value, []error)
}

// Set reads and checks the policy as it is now.
func (c Channel) Set() Set {
	if c.Read == nil {
		return Set{}
	}
	values, problems := c.Read()
	return Resolve(values, problems...)
}

// Layers reads the policy for config.Store.
func (c Channel) Layers() (recommended, managed func(*config.Settings), err error) {
	return c.Set().Layers()
}

var _ config.Policy = Channel{}

// Locks reads the policy and says whether its managed values lock name
// (Set.Locks), for config.Store.
func (c Channel) Locks(name string) bool {
	return c.Set().Locks(name)
}

var (
	_ config.Locker = Channel{}
	_ config.Locker = Set{}
)
