package policy

import "path/filepath"

// Dir is Linux's policy directory, root's.
const Dir = "/etc/mamori/policies"

// System is Linux's channel: Dir's managed/ and recommended/ files.
func System(appID string) Channel {
	return Channel{Read: Files{Dir: Dir}.Read, Watch: []string{
		filepath.Join(Dir, Managed.String()) + "/", filepath.Join(Dir, Recommended.String()) + "/"}}
}
