package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/windows/registry"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsPowerPlanInRegistry runs under Wine (scripts/wine-test), whose
// powrprof keeps no plans: the test writes the Balanced plan into the real
// registry as Windows keeps it, and the check reads it from there.
// writeRegistry writes values (as host.MapRegistry holds them: HKLM or HKCU
// paths, strings and numbers) into the real registry; a nil value deletes.
func writeRegistry(t *testing.T, values host.MapRegistry) {
	t.Helper()
	for path, v := range values {
		key, name := path[:strings.LastIndex(path, `\`)], path[strings.LastIndex(path, `\`)+1:]
		root, sub, _ := strings.Cut(key, `\`)
		r := map[string]registry.Key{"HKLM": registry.LOCAL_MACHINE, "HKCU": registry.CURRENT_USER}[root]
		k, _, err := registry.CreateKey(r, sub, registry.ALL_ACCESS)
		if err != nil {
			t.Fatal(err)
		}
		switch v := v.(type) {
		case string:
			err = k.SetStringValue(name, v)
		case uint64:
			err = k.SetDWordValue(name, uint32(v))
		case nil:
			err = k.DeleteValue(name)
		}
		k.Close()
		if err != nil {
			t.Fatalf("writing %s: %v", path, err)
		}
	}
}

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
	for _, setting := range []string{winStandbyIdle, winHibernateIdle} {
		k, _, err := registry.CreateKey(registry.LOCAL_MACHINE, strings.TrimPrefix(winPowerSchemes, `HKLM\`)+`\381b4222-f694-41f0-9685-ff5bb260df2e\`+winSleepGroup+`\`+setting, registry.ALL_ACCESS)
		if err != nil {
			t.Fatal(err)
		}
		k.SetDWordValue("ACSettingIndex", 0)
		k.Close()
	}
	if r := idle.Run(context.Background()); r.Status != monitor.Warn || r.Advice != "idle-power.windows" {
		t.Errorf("never on mains: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
}
