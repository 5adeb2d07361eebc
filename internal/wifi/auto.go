package wifi

import (
	"context"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// Auto reads from NetworkManager when it runs and from the system's own
// interface otherwise: nl80211 on Linux, the WLAN API on Windows.
type Auto struct {
	// NM is nil when there is no system bus (always on Windows).
	NM     *NetworkManager
	Kernel Native
}

// New is the reader for this system: NetworkManager over system (when not
// nil) and nl80211 on Linux, the WLAN API on Windows.
func New(system *dbus.Conn) *Auto {
	a := &Auto{Kernel: native()}
	if system != nil {
		a.NM = &NetworkManager{Conn: system}
	}
	return a
}

// Native is the system's own Wi-Fi interface (*NL80211, *WLAN).
type Native interface {
	Current(ctx context.Context) (Connection, error)
}

// Current returns the connected network.
func (a *Auto) Current(ctx context.Context) (Connection, error) {
	if a.NM != nil && a.NM.Running(ctx) {
		return a.NM.Current(ctx)
	}
	c, err := a.Kernel.Current(ctx)
	if _, linux := a.Kernel.(*NL80211); err != nil && linux {
		why := "no system bus"
		if a.NM != nil {
			why = "NetworkManager is not running"
		}
		return c, fmt.Errorf("%s; from the kernel: %w", why, err)
	}
	return c, err
}

// Saved lists the saved Wi-Fi profiles: NetworkManager's, or the system's
// own where it keeps them (Windows); none to read otherwise
// (ErrNoService).
func (a *Auto) Saved(ctx context.Context) ([]SavedNetwork, error) {
	if a.NM != nil && a.NM.Running(ctx) {
		return a.NM.Saved(ctx)
	}
	if s, ok := a.Kernel.(interface {
		Saved(context.Context) ([]SavedNetwork, error)
	}); ok {
		return s.Saved(ctx)
	}
	return nil, ErrNoService
}
