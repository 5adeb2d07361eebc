package agent_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/testenv"
)

// openStatusWindow follows the agent's results as the status window does,
// and records every request to come to the front; quit says whether the
// agent said the person quit.
func openStatusWindow(t *testing.T, addr string) (shows func() []ipc.Show, quit func() bool) {
	t.Helper()
	var mu sync.Mutex
	var got []ipc.Show
	var quitting bool
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan struct{})
	var once sync.Once
	go ipc.Subscribe(ctx, addr, ipc.Request{Cmd: ipc.CmdWatch}, func(r ipc.Response) error {
		once.Do(func() { close(first) })
		mu.Lock()
		defer mu.Unlock()
		if r.Show != nil {
			got = append(got, *r.Show)
		}
		quitting = quitting || r.Quit
		return nil
	})
	t.Cleanup(cancel)
	select {
	case <-first:
	case <-time.After(10 * time.Second):
		t.Fatal("the agent did not answer the window")
	}
	return func() []ipc.Show {
			mu.Lock()
			defer mu.Unlock()
			return append([]ipc.Show(nil), got...)
		}, func() bool {
			mu.Lock()
			defer mu.Unlock()
			return quitting
		}
}

// TestOpenWindowComesToTheFront: the status window is open (it follows
// the results). A left click on the tray icon, Status…, a check's item in
// the menu, a notification's Details and its Fix it each ask that window
// to come to the front at the check asked for, with Fix asking to fix it,
// and start no second window. The real agent, a tray host that clicks and
// a notification server that records and clicks, on a private bus.
func TestOpenWindowComesToTheFront(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME").Setenv("LANG", "en_US.UTF-8")
	desktop, _, w, notes := startDesktop(t, s)
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	// The package manager's simulation can take minutes on a loaded
	// machine, and the menu changes when a run ends: without it the run
	// ends in a second.
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	os.MkdirAll(filepath.Dir(settings), 0o700)
	os.WriteFile(settings, []byte(`{"disabled_checks": ["os-updates", "browser-updates", "app-sources"]}`), 0o600)
	_, logs := startAgent(t, s)
	item, err := w.Next(20 * time.Second)
	if err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	eventually(t, "the screen-lock finding", 60*time.Second, func() bool { return strings.Contains(logs.String(), "check=screen-lock status=critical") })
	shows, quit := openStatusWindow(t, ipc.Address(s.Getenv))
	want := []ipc.Show{}
	expect := func(what string, show ipc.Show) {
		t.Helper()
		want = append(want, show)
		eventually(t, what, 10*time.Second, func() bool { return len(shows()) == len(want) })
		if got := shows()[len(want)-1]; got != show {
			t.Errorf("%s: the window was asked for %+v, want %+v", what, got, show)
		}
	}

	if err := desktop.Object(item, "/StatusNotifierItem").Call("org.kde.StatusNotifierItem.Activate", 0, int32(0), int32(0)).Err; err != nil {
		t.Fatal(err)
	}
	expect("a left click", ipc.Show{})
	var m = layout(t, desktop, item)
	time.Sleep(300 * time.Millisecond)
	eventually(t, "the menu's check item", 10*time.Second, func() bool {
		m = layout(t, desktop, item)
		_, ok := find(m, "Turn on automatic screen lock")
		return ok
	})
	status, _ := find(m, "Status…")
	click(t, desktop, item, status.ID)
	expect("Status…", ipc.Show{})
	lock, _ := find(m, "Turn on automatic screen lock")
	click(t, desktop, item, lock.ID)
	expect("the check's menu item", ipc.Show{Check: "screen-lock"})

	note := notes.Next(t, 30*time.Second)
	for note.Summary != "Turn on automatic screen lock" {
		note = notes.Next(t, 30*time.Second)
	}
	if err := notes.Invoke(note.ID, "default"); err != nil {
		t.Fatal(err)
	}
	expect("the notification's Details", ipc.Show{Check: "screen-lock"})
	if err := notes.Invoke(note.ID, "fix"); err != nil {
		t.Fatal(err)
	}
	expect("the notification's Fix it", ipc.Show{Check: "screen-lock", Fix: true})
	if strings.Contains(logs.String(), "opening a window") {
		t.Errorf("the agent tried to start a second window:\n%s", logs.String())
	}

	// Quit: the window hears that the person quit, and closes (rather
	// than saying Mamori is not running).
	q, _ := find(layout(t, desktop, item), "Quit Mamori")
	click(t, desktop, item, q.ID)
	eventually(t, "the window told of Quit", 10*time.Second, quit)
}
