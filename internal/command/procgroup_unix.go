//go:build unix

package command

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the program in its own process group and makes
// cancellation kill the whole group, so a helper it forked cannot outlive the
// deadline.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
