//go:build !unix

package command

import "os/exec"

// setProcessGroup leaves the default: exec.CommandContext kills the program
// itself on cancellation.
func setProcessGroup(*exec.Cmd) {}
