// Package bus holds what Mamori's D-Bus listeners share: subscribing to
// signals and handing each to a function until the context ends.
package bus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/godbus/dbus/v5"
)

// Listen adds the match rules and calls handle with each signal conn
// receives, until ctx is done (it returns ctx's error) or the connection
// closes. It calls ready, when not nil, once the bus will route the
// signals to it. Signals that match none of this listener's rules may arrive too,
// when the connection is shared: handle must check what it gets.
func Listen(ctx context.Context, conn *dbus.Conn, rules [][]dbus.MatchOption, ready func(), handle func(*dbus.Signal)) error {
	if conn == nil {
		return errors.New("no bus connection")
	}
	for _, r := range rules {
		if err := conn.AddMatchSignalContext(ctx, r...); err != nil {
			return fmt.Errorf("subscribing to signals: %w", err)
		}
	}
	ch := make(chan *dbus.Signal, 64)
	conn.Signal(ch)
	defer conn.RemoveSignal(ch)
	if ready != nil {
		ready()
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case sig, ok := <-ch:
			if !ok || sig == nil {
				return errors.New("the bus connection closed")
			}
			handle(sig)
		}
	}
}

// System connects to the system bus, or returns nil where there is none
// (Wi-Fi is then read or watched from the kernel) and on Windows, which
// has no D-Bus. No context option: godbus closes a connection when its
// context ends, and the agent's lives as long as the agent (the worker's,
// one run).
func System() *dbus.Conn {
	if runtime.GOOS == "windows" {
		return nil
	}
	conn, err := dbus.ConnectSystemBus()
	if err != nil {
		return nil
	}
	return conn
}

// ErrNoSession means the session has no D-Bus session bus to connect to.
var ErrNoSession = errors.New("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus does not exist")

// SessionAddress finds the session bus the way the desktop announces it:
// DBUS_SESSION_BUS_ADDRESS, or the socket systemd's user manager keeps at
// $XDG_RUNTIME_DIR/bus. It never starts a bus: godbus's fallback runs
// dbus-launch, whose daemon outlives the agent and serves nobody else.
func SessionAddress(getenv func(string) string) (string, error) {
	if a := getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return a, nil
	}
	if dir := getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(dir) {
		sock := filepath.Join(dir, "bus")
		if fi, err := os.Stat(sock); err == nil && fi.Mode()&fs.ModeSocket != 0 {
			return "unix:path=" + dbus.EscapeBusAddressValue(sock), nil
		}
	}
	return "", ErrNoSession
}

// ConnectSession connects to the session bus SessionAddress finds, and
// sets DBUS_SESSION_BUS_ADDRESS to it so that libraries that connect on
// their own (the tray) find the same bus instead of starting one.
func ConnectSession() (*dbus.Conn, error) {
	addr, err := SessionAddress(os.Getenv)
	if err != nil {
		return nil, err
	}
	os.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	conn, err := dbus.Connect(addr)
	if err != nil {
		return nil, fmt.Errorf("connecting to the session bus at %s: %w", addr, err)
	}
	return conn, nil
}
