package policy

import (
	"os/user"

	"github.com/mamori-project/mamori/internal/policy/macplist"
)

// System is macOS's channel: the managed preferences of the app's domain,
// the computer's and the person's. Not watched: a profile installed or
// removed counts from the agent's next sweep, which reads them again.
func System(appID string) Channel {
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return Channel{Read: ManagedPreferences{Root: "/Library/Managed Preferences", User: name, Domain: appID, Decode: macplist.Decode}.Read}
}
