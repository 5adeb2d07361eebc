// Package traytest plays a desktop's tray host on a (private) bus: it takes
// org.kde.StatusNotifierWatcher, records the items that register, reads
// their menus over dbusmenu and clicks them, as a panel does.
package traytest

import (
	"fmt"
	"time"

	"github.com/godbus/dbus/v5"
)

// Watcher is a running StatusNotifierWatcher.
type Watcher struct {
	conn  *dbus.Conn
	items chan string
}

// Start takes the watcher's name on conn.
func Start(conn *dbus.Conn) (*Watcher, error) {
	w := &Watcher{conn: conn, items: make(chan string, 8)}
	if err := conn.Export(watcher{w}, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		return nil, err
	}
	if r, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue); err != nil || r != dbus.RequestNameReplyPrimaryOwner {
		return nil, fmt.Errorf("taking org.kde.StatusNotifierWatcher: %v %v", r, err)
	}
	return w, nil
}

type watcher struct{ w *Watcher }

func (v watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	v.w.items <- string(sender)
	return nil
}

// Next waits for an item to register and returns its bus name.
func (w *Watcher) Next(within time.Duration) (string, error) {
	select {
	case item := <-w.items:
		return item, nil
	case <-time.After(within):
		return "", fmt.Errorf("no tray item registered within %v", within)
	}
}

// Item is a dbusmenu layout node.
type Item struct {
	ID       int32
	Label    string
	Visible  bool
	Children []Item
}

func decode(v []any) Item {
	it := Item{Visible: true}
	it.ID, _ = v[0].(int32)
	props, _ := v[1].(map[string]dbus.Variant)
	it.Label, _ = props["label"].Value().(string)
	if b, ok := props["visible"].Value().(bool); ok {
		it.Visible = b
	}
	children, _ := v[2].([]dbus.Variant)
	for _, c := range children {
		if cv, ok := c.Value().([]any); ok {
			it.Children = append(it.Children, decode(cv))
		}
	}
	return it
}

// MenuPath reads the item's Menu property, as a tray host does.
func MenuPath(conn *dbus.Conn, item string) (dbus.ObjectPath, error) {
	v, err := conn.Object(item, "/StatusNotifierItem").GetProperty("org.kde.StatusNotifierItem.Menu")
	if err != nil {
		return "", fmt.Errorf("reading the item's Menu property: %w", err)
	}
	p, _ := v.Value().(dbus.ObjectPath)
	return p, nil
}

// Layout reads the item's whole menu.
func Layout(conn *dbus.Conn, item string) (Item, error) {
	path, err := MenuPath(conn, item)
	if err != nil {
		return Item{}, err
	}
	call := conn.Object(item, path).Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{})
	if call.Err != nil {
		return Item{}, fmt.Errorf("GetLayout: %w", call.Err)
	}
	if len(call.Body) != 2 {
		return Item{}, fmt.Errorf("GetLayout returned %d values", len(call.Body))
	}
	root, _ := call.Body[1].([]any)
	if len(root) != 3 {
		return Item{}, fmt.Errorf("GetLayout returned a malformed layout")
	}
	return decode(root), nil
}

// Find returns the visible item with label, searching submenus too.
func (m Item) Find(label string) (Item, bool) {
	for _, c := range m.Children {
		if c.Label == label && c.Visible {
			return c, true
		}
		if g, ok := c.Find(label); ok {
			return g, true
		}
	}
	return Item{}, false
}

// Labels lists the visible labels, submenu items as "parent/child".
func (m Item) Labels() []string {
	var out []string
	for _, c := range m.Children {
		if !c.Visible || c.Label == "" {
			continue
		}
		out = append(out, c.Label)
		for _, g := range c.Children {
			if g.Visible && g.Label != "" {
				out = append(out, c.Label+"/"+g.Label)
			}
		}
	}
	return out
}

// Click sends a click on menu item id.
func Click(conn *dbus.Conn, item string, id int32) error {
	path, err := MenuPath(conn, item)
	if err != nil {
		return err
	}
	return conn.Object(item, path).Call("com.canonical.dbusmenu.Event", 0, id, "clicked", dbus.MakeVariant(""), uint32(0)).Err
}
