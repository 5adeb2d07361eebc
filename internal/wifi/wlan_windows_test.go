package wifi

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// TestWLANWindows asks the real WLAN API. Under Wine (scripts/wine-test),
// which has no Wi-Fi, it must say there is no device, which the check
// turns into "not applicable" rather than a guess; on a Windows PC with
// Wi-Fi it reads the connection.
func TestWLANWindows(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("asks the machine's WLAN API: run under Wine (scripts/wine-test) or on Windows")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w := New(nil)
	c, err := w.Current(ctx)
	t.Logf("current: %+v %v", c, err)
	if !errors.Is(err, ErrNoDevice) {
		t.Errorf("Wine's WLAN API: %v, want ErrNoDevice (no interface)", err)
	}
	saved, err := w.Saved(ctx)
	if err != nil && !errors.Is(err, ErrNoDevice) || len(saved) != 0 {
		t.Errorf("saved profiles on a machine without Wi-Fi: %+v %v", saved, err)
	}
	// Watching either works until ctx ends or says why it cannot.
	wctx, wcancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer wcancel()
	err = (&WLAN{}).Watch(wctx, func() {}, func() {})
	t.Logf("watch: %v", err)
	if err == nil {
		t.Error("Watch returned nil before its context ended")
	}
}
