//go:build unix && !linux

package command

import "syscall"

// parentDeath: only Linux kills a program when its parent dies; elsewhere
// the agent's kill of the worker's process group and the programs' own
// deadlines bound them.
func parentDeath(*syscall.SysProcAttr) {}
