//go:build !windows

package host

// localRegistry is nil: only Windows has a registry.
func localRegistry() Registry { return nil }
