package msg

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/mamori-project/mamori/internal/monitor"
)

// OnScreen is what notifications Mamori left on screen, kept with the
// memory so that the next start replaces them instead of stacking a copy,
// and withdraws them on Quit. Notification IDs mean something only to the
// server that gave them, on the bus it runs on: both are named, and a start
// on another bus (a new login) or with another server adopts nothing.
type OnScreen struct {
	Bus    string          `json:"bus"`    // the bus's ID (org.freedesktop.DBus.GetId)
	Server string          `json:"server"` // the server's unique name on it
	Notes  map[string]Note `json:"notes"`  // by key (check ID)
}

// Note is one notification on screen.
type Note struct {
	ID      uint32               `json:"id"`
	Actions []string             `json:"actions,omitempty"`
	Network *monitor.WiFiNetwork `json:"network,omitempty"`
}

// busID asks the bus for its ID, which changes with every bus instance.
func (d *DBus) busID(ctx context.Context) (string, error) {
	var id string
	if err := d.Conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.GetId", 0).Store(&id); err != nil {
		return "", fmt.Errorf("asking the bus its ID: %w", err)
	}
	return id, nil
}

// OnScreen returns the notifications Mamori shows now, for the next start.
func (d *DBus) OnScreen(ctx context.Context) (OnScreen, error) {
	id, err := d.busID(ctx)
	if err != nil {
		return OnScreen{}, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	o := OnScreen{Bus: id, Server: d.server, Notes: map[string]Note{}}
	for key, nid := range d.ids {
		s := d.shown[nid]
		o.Notes[key] = Note{ID: nid, Actions: s.actions, Network: s.network}
	}
	return o, nil
}

// Adopt takes over the notifications an earlier start left on screen, if
// they were shown on this bus by the server that answers now; it reports
// how many it took.
func (d *DBus) Adopt(ctx context.Context, o OnScreen) (int, error) {
	if len(o.Notes) == 0 || o.Server == "" {
		return 0, nil
	}
	id, err := d.busID(ctx)
	if err != nil || id != o.Bus {
		return 0, err
	}
	// Capabilities finds the server that answers now.
	if _, err := d.Capabilities(ctx); err != nil {
		return 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.server != o.Server {
		return 0, nil
	}
	if d.ids == nil {
		d.ids, d.shown = map[string]uint32{}, map[uint32]shown{}
	}
	n := 0
	for _, key := range slices.Sorted(maps.Keys(o.Notes)) {
		note := o.Notes[key]
		if note.ID == 0 || key == "" {
			continue
		}
		if _, taken := d.ids[key]; taken {
			continue
		}
		d.ids[key], d.shown[note.ID] = note.ID, shown{key: key, actions: note.Actions, network: note.Network}
		n++
	}
	return n, nil
}

// WithdrawAll closes every notification Mamori shows: the person quit, and
// buttons left on screen would do nothing.
func (d *DBus) WithdrawAll(ctx context.Context) error {
	d.mu.Lock()
	keys := slices.Sorted(maps.Keys(d.ids))
	d.mu.Unlock()
	var first error
	for _, k := range keys {
		if err := d.Withdraw(ctx, k); err != nil && first == nil {
			first = err
		}
	}
	return first
}
