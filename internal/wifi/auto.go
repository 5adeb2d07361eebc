package wifi

import (
	"context"
	"errors"
	"fmt"
	"sync"

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
	Watch(ctx context.Context, ready, changed func()) error
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

// Watch calls changed when either source reports a change, until ctx is
// done. It calls ready once each source is watching or has failed to. It
// returns when both watchers have stopped: at once, with the errors, if
// neither can watch (no system bus, no Wi-Fi hardware).
func (a *Auto) Watch(ctx context.Context, ready, changed func()) error {
	var (
		wg, armed sync.WaitGroup
		mu        sync.Mutex
		errs      []error
	)
	run := func(w func(context.Context, func(), func()) error) {
		defer wg.Done()
		var once sync.Once
		defer once.Do(armed.Done)
		if err := w(ctx, func() { once.Do(armed.Done) }, changed); err != nil && ctx.Err() == nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	}
	if a.NM != nil {
		wg.Add(1)
		armed.Add(1)
		go run(a.NM.Watch)
	}
	wg.Add(1)
	armed.Add(1)
	go run(a.Kernel.Watch)
	go func() { armed.Wait(); ready() }()
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return errors.Join(errs...)
}
