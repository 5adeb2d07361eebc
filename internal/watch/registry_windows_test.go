package watch

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"

	"github.com/mamori-project/mamori/internal/testenv"
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

// TestRegistryKeyDeletedWindows: a watched key that is deleted (Group
// Policy's refresh deletes the Policies key and writes it again; an
// uninstaller removes a program's key) is reported, and so is the key
// written again, and a value changed in it afterwards: the watch goes on
// from the nearest key left, not from the deleted key's dead handle. For
// a key alone (a check's trigger) and with its subkeys (the policy's).
func TestRegistryKeyDeletedWindows(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		testenv.Unavailable(t, "writes to the registry: run under Wine (scripts/wine-test)")
	}
	for _, tc := range []struct{ name, suffix string }{{"key", ""}, {"subtree", `\`}} {
		t.Run(tc.name, func(t *testing.T) {
			base := `Software\MamoriWatchDeleteTest\` + tc.name
			create := func() error {
				k, _, err := registry.CreateKey(registry.CURRENT_USER, base, registry.ALL_ACCESS)
				if err != nil {
					return err
				}
				defer k.Close()
				return k.SetDWordValue("Setting", 1)
			}
			if err := create(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				registry.DeleteKey(registry.CURRENT_USER, base)
				registry.DeleteKey(registry.CURRENT_USER, `Software\MamoriWatchDeleteTest`)
			})
			watched := `HKCU\` + base + tc.suffix
			got := make(chan string, 64)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			ready := make(chan struct{})
			go func() {
				done <- Registry(ctx, []string{watched}, func() { close(ready) }, func(p string) { got <- p })
			}()
			t.Cleanup(func() { cancel(); <-done })
			<-ready
			expect := func(what string, write func() error) {
				t.Helper()
				// What an earlier step brought is not this step's report.
				for len(got) > 0 {
					<-got
				}
				if err := write(); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				select {
				case p := <-got:
					if p != watched {
						t.Fatalf("%s: reported %s, want %s", what, p, watched)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("%s: no change reported", what)
				}
			}
			setValue := func(v uint32) func() error {
				return func() error {
					k, err := registry.OpenKey(registry.CURRENT_USER, base, registry.SET_VALUE)
					if err != nil {
						return err
					}
					defer k.Close()
					return k.SetDWordValue("Setting", v)
				}
			}
			// Another key beside the watched one is no change of it (its
			// parent, watched for the key's deletion, sees it come).
			sibling := base + "Other"
			t.Cleanup(func() { registry.DeleteKey(registry.CURRENT_USER, sibling) })
			k, _, err := registry.CreateKey(registry.CURRENT_USER, sibling, registry.ALL_ACCESS)
			if err != nil {
				t.Fatal(err)
			}
			k.Close()
			select {
			case p := <-got:
				t.Errorf("a key beside the watched one reported %s", p)
			case <-time.After(time.Second):
			}
			for round := 1; round <= 2; round++ {
				expect(fmt.Sprintf("round %d, key deleted", round), func() error {
					return registry.DeleteKey(registry.CURRENT_USER, base)
				})
				expect(fmt.Sprintf("round %d, key written again", round), create)
				expect(fmt.Sprintf("round %d, value changed in the key written again", round), setValue(uint32(round+1)))
			}
		})
	}
}
