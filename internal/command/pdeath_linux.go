package command

import "syscall"

// parentDeath asks the kernel to kill the program when the thread that
// started it ends. Programs start on a locked thread that lives exactly as
// long as the wait for them (onOwnThread), so this fires only when the
// whole process dies.
func parentDeath(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGKILL }
