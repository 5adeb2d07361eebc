package tray

import (
	"os"
	"os/exec"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
)

// TestBatchEndRacesNoGetLayout: a tray host reads the menu (GetLayout
// reads instance.menuVersion holding menuLock) while Show's batch ends
// (endBatch's refresh writes it, under menuLock too since the red team's
// finding F2). It means something under -race, which make test runs it
// with (scripts/test); it runs in a process of its own, as the library
// starts once per process.
func TestBatchEndRacesNoGetLayout(t *testing.T) {
	if os.Getenv("MAMORI_TRAY_ALONE") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBatchEndRacesNoGetLayout$", "-test.count=1")
		cmd.Env = append(os.Environ(), "MAMORI_TRAY_ALONE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	s := testenv.DBusSession(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", s.Address)
	w, host, _ := traytest.Host(t, s.Address)
	labels := Labels{Status: "Status…", CheckNow: "Check now", Snooze: "Snooze", SnoozeHour: "For an hour", SnoozeTomorrow: "Until tomorrow", Settings: "Settings…", Quit: "Quit"}
	st := State{Status: monitor.OK, Tooltip: "ok", Labels: labels}
	tr := &Systray{Slots: 3, Events: make(chan Event, 16)}
	tr.Show(st)
	tr.Start()
	defer tr.Stop()
	item, err := w.Next(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	<-tr.Ready()
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() {
			traytest.Layout(host, item)
		}
	}()
	for i := range 200 {
		c := st
		if i%2 == 0 {
			c.Entries = []Entry{{Check: "wifi", Label: "Wi-Fi: WEP"}}
		}
		tr.Show(c)
	}
	stop.Store(true)
	<-done
}
