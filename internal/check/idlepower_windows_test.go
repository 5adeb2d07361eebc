package check

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/windows/registry"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// writeRegistry writes values (as host.MapRegistry holds them: HKLM or HKCU
// paths, strings, numbers and bytes) into the real registry; a nil value
// deletes.
// What was there before is put back when the test ends, so a kept Wine
// prefix (go_windows_amd64_exec's) starts the next run as it was.
func writeRegistry(t *testing.T, values host.MapRegistry) {
	t.Helper()
	for path, v := range values {
		key, name := path[:strings.LastIndex(path, `\`)], path[strings.LastIndex(path, `\`)+1:]
		root, sub, _ := strings.Cut(key, `\`)
		r := map[string]registry.Key{"HKLM": registry.LOCAL_MACHINE, "HKCU": registry.CURRENT_USER}[root]
		k, existed, err := registry.CreateKey(r, sub, registry.ALL_ACCESS)
		if err != nil {
			t.Fatal(err)
		}
		if !existed {
			// Some keys say something by being there (RebootRequired).
			t.Cleanup(func() { registry.DeleteKey(r, sub) })
		}
		var before any
		if s, _, err := k.GetStringValue(name); err == nil {
			before = s
		} else if n, _, err := k.GetIntegerValue(name); err == nil {
			before = n
		} else if b, _, err := k.GetBinaryValue(name); err == nil {
			before = b
		}
		// Cleanups run last first: a path written twice ends as it began.
		t.Cleanup(func() { writeRegistryValue(r, sub, name, before) })
		k.Close()
		if err := writeRegistryValue(r, sub, name, v); err != nil {
			t.Fatalf("writing %s: %v", path, err)
		}
	}
}

// writeRegistryValue sets a string, number or bytes, or deletes for nil.
func writeRegistryValue(r registry.Key, sub, name string, v any) error {
	k, _, err := registry.CreateKey(r, sub, registry.ALL_ACCESS)
	if err != nil {
		return err
	}
	defer k.Close()
	switch v := v.(type) {
	case string:
		return k.SetStringValue(name, v)
	case uint64:
		return k.SetDWordValue(name, uint32(v))
	case []byte:
		return k.SetBinaryValue(name, v)
	}
	if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}

// TestWindowsPowerPlanInRegistry runs under Wine (scripts/wine-test), whose
// powrprof keeps no plans: the test writes the Balanced plan into the real
// registry as Windows keeps it, and the check reads it from there.
func TestWindowsPowerPlanInRegistry(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes power plans into HKLM: run under Wine")
	}
	writeRegistry(t, balanced())
	idle := &IdlePower{Sys: host.Local()}
	if r := idle.Run(context.Background()); r.Status != monitor.OK {
		t.Fatalf("Balanced: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	// The person turns sleep and hibernation off on mains.
	off := override(host.MapRegistry{}, winSleepGroup, winStandbyIdle, "ACSettingIndex", 0)
	writeRegistry(t, override(off, winSleepGroup, winHibernateIdle, "ACSettingIndex", 0))
	if r := idle.Run(context.Background()); r.Status != monitor.Warn || r.Advice != "idle-power.windows" {
		t.Errorf("never on mains: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
}
