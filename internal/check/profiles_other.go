//go:build !linux && !windows && !darwin

package check

import "github.com/mamori-project/mamori/internal/host"

// browserDirs: the browsers' folders on this system are not read yet.
func browserDirs(host.System) []browserDir { return nil }
