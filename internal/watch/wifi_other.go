//go:build !linux && !windows

package watch

import (
	"context"
	"errors"
	"runtime"
)

// kernelWiFi: Mamori reads no Wi-Fi events of this system's own yet.
func kernelWiFi(context.Context, func(), func()) error {
	return errors.New("no Wi-Fi events of " + runtime.GOOS + "'s own are read yet")
}
