//go:build !windows

package bus

import (
	"errors"
	"net"
	"path/filepath"
	"testing"
)

func TestSessionAddressNeverAutolaunches(t *testing.T) {
	dir := t.TempDir()
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	if _, err := SessionAddress(env(nil)); !errors.Is(err, ErrNoSession) {
		t.Errorf("no address, no runtime dir: %v", err)
	}
	if _, err := SessionAddress(env(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "autolaunch:", "XDG_RUNTIME_DIR": dir})); !errors.Is(err, ErrNoSession) {
		t.Errorf("autolaunch: and an empty runtime dir: %v", err)
	}
	if a, err := SessionAddress(env(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/x"})); err != nil || a != "unix:path=/run/x" {
		t.Errorf("explicit address: %q %v", a, err)
	}
	// systemd's per-user bus socket, a real socket.
	l, err := net.Listen("unix", filepath.Join(dir, "bus"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if a, err := SessionAddress(env(map[string]string{"XDG_RUNTIME_DIR": dir})); err != nil || a != "unix:path="+filepath.Join(dir, "bus") {
		t.Errorf("runtime dir socket: %q %v", a, err)
	}
	if _, err := SessionAddress(env(map[string]string{"XDG_RUNTIME_DIR": "relative/dir"})); !errors.Is(err, ErrNoSession) {
		t.Errorf("relative runtime dir: %v", err)
	}
}
