package watch

import (
	"context"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"
)

// TestRegistryWindows watches the real registry (under Wine in
// scripts/wine-test): a value set in a watched key, and a key that did not
// exist when the watch began, each report their own path.
func TestRegistryWindows(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes to the registry: run under Wine (scripts/wine-test)")
	}
	const base = `Software\MamoriWatchTest`
	k, _, err := registry.CreateKey(registry.CURRENT_USER, base, registry.ALL_ACCESS)
	if err != nil {
		t.Fatal(err)
	}
	k.Close()
	t.Cleanup(func() {
		registry.DeleteKey(registry.CURRENT_USER, base+`\Later\Deeper`)
		registry.DeleteKey(registry.CURRENT_USER, base+`\Later`)
		registry.DeleteKey(registry.CURRENT_USER, base)
	})
	watched, later := `HKCU\`+base, `HKCU\`+base+`\Later\Deeper`
	got := make(chan string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() {
		done <- Registry(ctx, []string{watched, later}, func() { close(ready) }, func(p string) { got <- p })
	}()
	<-ready // every key has asked for its first notification

	expect := func(want string, write func() error) {
		t.Helper()
		if err := write(); err != nil {
			t.Fatal(err)
		}
		deadline := time.After(5 * time.Second)
		for {
			select {
			case p := <-got:
				if p == want {
					return
				}
			case <-deadline:
				t.Fatalf("no change reported for %s", want)
			}
		}
	}
	expect(watched, func() error {
		k, err := registry.OpenKey(registry.CURRENT_USER, base, registry.SET_VALUE)
		if err != nil {
			return err
		}
		defer k.Close()
		return k.SetStringValue("ScreenSaveActive", "1")
	})
	expect(later, func() error {
		k, _, err := registry.CreateKey(registry.CURRENT_USER, base+`\Later\Deeper`, registry.ALL_ACCESS)
		if err != nil {
			return err
		}
		defer k.Close()
		return k.SetDWordValue("NoAutoUpdate", 1)
	})
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Registry did not return after its context ended")
	}
	if err := Registry(context.Background(), []string{`HKCR\nothing`}, func() {}, func(string) {}); err == nil {
		t.Error("a path outside HKCU and HKLM was watched")
	}
}
