package check

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows/registry"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsScreenSaverFixAndUndo runs on Windows itself, and under Wine
// in `make test` (scripts/wine-test): the real registry and
// SystemParametersInfo, the real screen-lock check reading them.
func TestWindowsScreenSaverFixAndUndo(t *testing.T) {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, `Control Panel\Desktop`, registry.ALL_ACCESS)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	// Screen saver off, no password, 15 minutes, no program.
	k.SetStringValue("ScreenSaveActive", "0")
	k.DeleteValue("ScreenSaverIsSecure")
	k.DeleteValue("SCRNSAVE.EXE")
	k.SetStringValue("ScreenSaveTimeOut", "900")
	read := func(name string) string {
		v, _, err := k.GetStringValue(name)
		if errors.Is(err, registry.ErrNotExist) {
			return "(unset)"
		}
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// The blank screen saver every Windows has; Wine ships none: one
	// stands in for it there.
	blank := filepath.Join(os.Getenv("SystemRoot"), "system32", "scrnsave.scr")
	if _, err := os.Stat(blank); err != nil && os.Getenv("MAMORI_WINE") != "" {
		if err := os.WriteFile(blank, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(blank) })
	}
	sys := host.Local()
	lock := &ScreenLock{Sys: sys}
	ctx := context.Background()
	// Critical with no power plan (Wine keeps none); while internal/check's
	// tests, run beside this one, have written a plan into the same
	// registry, the sleep it sets locks, later than it should: a warning.
	if r := lock.Run(ctx); !(r.Status == monitor.Critical && r.Advice == "screen-lock.windows" || r.Status == monitor.Warn && r.Advice == "screen-lock.slow") {
		t.Fatalf("before: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	r := lock.Run(ctx)
	r.CheckID = "screen-lock" // as the engine fills it in
	if !Fixes(Deps{}).Offered(sys.Getenv, r) {
		t.Error("no Fix it offered")
	}
	plan, err := Fixes(Deps{}).For(ctx, sys, "screen-lock")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 4 {
		t.Fatalf("plan %+v", plan.Changes)
	}
	if err := plan.Apply(ctx, sys.Cmd); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"ScreenSaveActive": "1", "ScreenSaverIsSecure": "1", "SCRNSAVE.EXE": blank, "ScreenSaveTimeOut": "300"} {
		if got := read(name); got != want {
			t.Errorf("after the fix %s = %q, want %q", name, got, want)
		}
	}
	// The program the fix names is there: Windows starts it.
	if fi, err := os.Stat(read("SCRNSAVE.EXE")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("the screen saver the fix names: %v", err)
	}
	if r := lock.Run(ctx); r.Status != monitor.OK {
		t.Errorf("after the fix: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
		t.Fatalf("Undo: kept %+v, %v", kept, err)
	}
	for name, want := range map[string]string{"ScreenSaveActive": "0", "ScreenSaverIsSecure": "(unset)", "SCRNSAVE.EXE": "(unset)", "ScreenSaveTimeOut": "900"} {
		if got := read(name); got != want {
			t.Errorf("after Undo %s = %q, want %q", name, got, want)
		}
	}
}
