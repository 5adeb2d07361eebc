package command

import "golang.org/x/sys/unix"

// lowerPriority gives a process the lowest CPU priority (nice 19) and the
// idle IO class, which Linux serves only when no one else wants the disk.
// Failing costs only speed, so errors are ignored.
func lowerPriority(pid int) {
	unix.Setpriority(unix.PRIO_PROCESS, pid, 19)
	const ioprioWhoProcess, ioprioClassIdle, ioprioClassShift = 1, 3, 13
	unix.Syscall(unix.SYS_IOPRIO_SET, ioprioWhoProcess, uintptr(pid), ioprioClassIdle<<ioprioClassShift)
}
