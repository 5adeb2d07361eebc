//go:build !windows

package main

import (
	"context"
	"errors"
	"syscall"
	"time"
)

// waitExit waits until process pid has ended, or ctx is done. The agent
// is not this process's child, so it is polled.
func waitExit(ctx context.Context, pid int) error {
	for {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
