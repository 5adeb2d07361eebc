//go:build !linux

package command

// lowerPriority does nothing here yet: the package managers it is for run
// on Linux.
func lowerPriority(pid int) {}
