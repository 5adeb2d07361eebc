package config

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"golang.org/x/sys/windows/registry"
)

// testAutostart is a Run value of a name of the test's own, removed after.
func testAutostart(t *testing.T) Autostart {
	a := Autostart{AppName: fmt.Sprintf("Mamori test %d %s", os.Getpid(), t.Name()), Exe: `C:\Program Files\Mamori\mamori.exe`}
	t.Cleanup(func() {
		for _, key := range []string{runKey, approvedKey} {
			if k, err := registry.OpenKey(registry.CURRENT_USER, key, registry.SET_VALUE); err == nil {
				k.DeleteValue(a.AppName)
				k.Close()
			}
		}
	})
	return a
}

// plantEntry writes the Run value as the .msi does when start at login is
// chosen (mamori.wxs, component RunAtLogin).
func plantEntry(t *testing.T, a Autostart) {
	t.Helper()
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if err := k.SetStringValue(a.AppName, `"C:\Users\u\AppData\Local\Programs\Mamori\mamori.exe"`); err != nil {
		t.Fatal(err)
	}
}

// switchOff: Task Manager's Startup tab keeps the Run value and marks it
// off under StartupApproved (03, then when).
func switchOff(t *testing.T, a Autostart) {
	t.Helper()
	k, _, err := registry.CreateKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if err := k.SetBinaryValue(a.AppName, []byte{3, 0, 0, 0, 0x10, 0x5c, 0x2f, 0x3e, 0x8a, 0x1d, 0xdb, 0x01}); err != nil {
		t.Fatal(err)
	}
}

func hasEntry(t *testing.T, a Autostart) bool {
	t.Helper()
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	_, _, err = k.GetValue(a.AppName, nil)
	return err == nil
}
