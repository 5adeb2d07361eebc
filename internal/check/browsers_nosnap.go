//go:build !linux

package check

import "github.com/mamori-project/mamori/internal/host"

// snapCurrent: snaps are Linux's.
func snapCurrent(sys host.System, name string) (string, bool) { return "", false }
