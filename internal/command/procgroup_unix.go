//go:build unix

package command

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the program in its own process group and makes
// cancellation kill the whole group, so a helper it forked cannot outlive the
// deadline. On Linux the program is also killed when the thread that
// started it ends (parentDeath): a worker killed at its deadline, or one
// that exits with a check's program still running, takes the program
// with it.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	parentDeath(cmd.SysProcAttr)
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
