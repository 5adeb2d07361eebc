package traytest

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/testenv"
)

// Host plays a tray host on the bus at address, and counts the signals of
// the menus there from now on. host is its connection, to read and click
// menus with.
func Host(t testing.TB, address string) (w *Watcher, host *dbus.Conn, signals *MenuSignals) {
	t.Helper()
	host = testenv.Connect(t, address)
	w, err := Start(host)
	if err != nil {
		t.Fatal(err)
	}
	if signals, err = countMenuSignals(testenv.Connect(t, address)); err != nil {
		t.Fatal(err)
	}
	return w, host, signals
}

// Counts are the dbusmenu signals seen on a bus.
type Counts struct {
	// Layouts counts LayoutUpdated and Versions the changes of a menu's
	// Version property: each makes a host read the whole menu again.
	Layouts, Versions int64
	// Props counts ItemsPropertiesUpdated, PropItems the items they name.
	Props, PropItems int64
}

// Sub is what came after before.
func (c Counts) Sub(before Counts) Counts {
	return Counts{c.Layouts - before.Layouts, c.Versions - before.Versions, c.Props - before.Props, c.PropItems - before.PropItems}
}

// MenuSignals counts the dbusmenu signals every menu on a bus sends, as a
// tray host hears them.
type MenuSignals struct {
	layouts, versions, props, propItems atomic.Int64
}

// countMenuSignals starts counting on conn, a connection of its own.
func countMenuSignals(conn *dbus.Conn) (*MenuSignals, error) {
	for _, m := range [][]dbus.MatchOption{
		{dbus.WithMatchInterface("com.canonical.dbusmenu")},
		{dbus.WithMatchInterface("org.freedesktop.DBus.Properties"), dbus.WithMatchMember("PropertiesChanged"), dbus.WithMatchArg(0, "com.canonical.dbusmenu")},
	} {
		if err := conn.AddMatchSignal(m...); err != nil {
			return nil, err
		}
	}
	sigs := make(chan *dbus.Signal, 4096)
	conn.Signal(sigs)
	m := &MenuSignals{}
	go func() {
		for sig := range sigs {
			switch sig.Name {
			case "com.canonical.dbusmenu.LayoutUpdated":
				m.layouts.Add(1)
			case "com.canonical.dbusmenu.ItemsPropertiesUpdated":
				m.props.Add(1)
				if items, ok := sig.Body[0].([][]any); ok {
					m.propItems.Add(int64(len(items)))
				}
			case "org.freedesktop.DBus.Properties.PropertiesChanged":
				if changed, ok := sig.Body[1].(map[string]dbus.Variant); ok {
					if _, ok := changed["Version"]; ok {
						m.versions.Add(1)
					}
				}
			}
		}
	}()
	return m, nil
}

// Counts is what has come so far.
func (m *MenuSignals) Counts() Counts {
	return Counts{m.layouts.Load(), m.versions.Load(), m.props.Load(), m.propItems.Load()}
}

// Settled waits until no signal has come for quiet and returns what came
// after before.
func (m *MenuSignals) Settled(before Counts, quiet time.Duration) Counts {
	last, since := m.Counts(), time.Now()
	for time.Since(since) < quiet {
		time.Sleep(quiet / 10)
		if n := m.Counts(); n != last {
			last, since = n, time.Now()
		}
	}
	return last.Sub(before)
}
