//go:build !windows

package check

import (
	"context"
	"errors"
)

// searchWindowsUpdate: the Windows Update Agent is Windows'.
func searchWindowsUpdate(context.Context) (*winSearch, error) {
	return nil, errors.New("the Windows Update Agent exists only on Windows")
}
