//go:build !linux

package wifi

import (
	"context"
	"runtime"
)

// NL80211 exists only on Linux.
type NL80211 struct{}

// Current reports that nl80211 is Linux's.
func (n *NL80211) Current(ctx context.Context) (Connection, error) {
	return Connection{}, errUnsupported(runtime.GOOS)
}
