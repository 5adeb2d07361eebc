package watch

import (
	"context"
	"errors"
	"sync"

	"github.com/godbus/dbus/v5"
)

// WiFi watches the Wi-Fi connection for the checks that judge it:
// NetworkManager's signals on the system bus (when there is one) and the
// system's own events (nl80211's connect, roam and disconnect on Linux,
// the WLAN API's on Windows), calling changed("") on each. It is ready
// once each source watches or has failed to, and ends when both have
// failed (no system bus, no Wi-Fi hardware) or ctx is done.
//
// Reading the connection is internal/wifi's, in the worker; watching is
// here, in the agent, which so links none of the readers' decoders.
func WiFi(system *dbus.Conn) Func {
	return func(ctx context.Context, _ []string, ready func(), changed func(string)) error {
		var (
			wg, armed sync.WaitGroup
			mu        sync.Mutex
			errs      []error
		)
		run := func(w func(ctx context.Context, ready, changed func()) error) {
			defer wg.Done()
			var once sync.Once
			defer once.Do(armed.Done)
			if err := w(ctx, func() { once.Do(armed.Done) }, func() { changed("") }); err != nil && ctx.Err() == nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}
		if system != nil {
			wg.Add(1)
			armed.Add(1)
			go run(func(ctx context.Context, ready, changed func()) error {
				return networkManager(ctx, system, ready, changed)
			})
		}
		wg.Add(1)
		armed.Add(1)
		go run(kernelWiFi)
		go func() { armed.Wait(); ready() }()
		wg.Wait()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return errors.Join(errs...)
	}
}
