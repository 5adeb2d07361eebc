package wifi

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Auto reads from NetworkManager when it runs and from the kernel otherwise.
type Auto struct {
	// NM is nil when there is no system bus.
	NM     *NetworkManager
	Kernel *NL80211
}

// Current returns the connected network.
func (a *Auto) Current(ctx context.Context) (Connection, error) {
	if a.NM != nil && a.NM.Running(ctx) {
		return a.NM.Current(ctx)
	}
	c, err := a.Kernel.Current(ctx)
	if err != nil {
		why := "no system bus"
		if a.NM != nil {
			why = "NetworkManager is not running"
		}
		return c, fmt.Errorf("%s; from the kernel: %w", why, err)
	}
	return c, nil
}

// Saved lists NetworkManager's saved Wi-Fi profiles; without NetworkManager
// there are none to read (ErrNoService).
func (a *Auto) Saved(ctx context.Context) ([]SavedNetwork, error) {
	if a.NM != nil && a.NM.Running(ctx) {
		return a.NM.Saved(ctx)
	}
	return nil, ErrNoService
}

// Watch calls changed when either source reports a change, until ctx is
// done. It returns when both watchers have stopped: at once, with the
// errors, if neither can watch (no system bus, no Wi-Fi hardware).
func (a *Auto) Watch(ctx context.Context, changed func()) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	run := func(w func(context.Context, func()) error) {
		defer wg.Done()
		if err := w(ctx, changed); err != nil && ctx.Err() == nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	}
	if a.NM != nil {
		wg.Add(1)
		go run(a.NM.Watch)
	}
	wg.Add(1)
	go run(a.Kernel.Watch)
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return errors.Join(errs...)
}
