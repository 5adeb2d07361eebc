package check

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/watch"
	"github.com/mamori-project/mamori/internal/wifi"
	"github.com/mamori-project/mamori/internal/wifi/fakenm"
)

// countedCheck counts the runs of the check it wraps.
type countedCheck struct {
	monitor.Check
	runs atomic.Int32
}

func (c *countedCheck) Run(ctx context.Context) monitor.Result {
	c.runs.Add(1)
	return c.Check.Run(ctx)
}

// TestWiFiEventDriven switches the fake NetworkManager's active access point
// and checks that each switch re-runs the Wi-Fi check at once (the interval
// is an hour) with the right verdict.
func TestWiFiEventDriven(t *testing.T) {
	s := testenv.DBusSession(t)
	nm, err := fakenm.Start(testenv.Connect(t, s.Address), "wlp2s0")
	if err != nil {
		t.Fatal(err)
	}
	client := &wifi.NetworkManager{Conn: testenv.Connect(t, s.Address)}
	public, err := wifi.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	ccmp := wifi.PairCCMP | wifi.GroupCCMP
	home, _ := nm.AddAP(fakenm.AP{SSID: []byte("HomeNet"), BSSID: "AA:BB:CC:00:00:01", Frequency: 5180, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtPSK | ccmp})
	cafe, _ := nm.AddAP(fakenm.AP{SSID: []byte("CoffeeShop"), BSSID: "AA:BB:CC:00:00:02", Frequency: 2437})
	docomo, _ := nm.AddAP(fakenm.AP{SSID: []byte("0000docomo"), BSSID: "AA:BB:CC:00:00:03", Frequency: 2462, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtPSK | ccmp})
	hotel, _ := nm.AddAP(fakenm.AP{SSID: []byte("Hotel-Guest"), BSSID: "AA:BB:CC:00:00:04", Frequency: 5200, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtPSK | ccmp})
	nm.Connect(home)

	trusted := []config.TrustedNetwork{config.NewTrusted([]byte("Hotel-Guest"), string(wifi.WPA2Personal), "")}
	check := &countedCheck{Check: &WiFi{Source: client, Saved: client, Public: public, Trusted: func() []config.TrustedNetwork { return trusted }}}

	results := make(chan monitor.Result, 16)
	engine, err := monitor.New([]monitor.Check{check}, monitor.Options{OnChange: func(c monitor.Change) { results <- c.New }})
	if err != nil {
		t.Fatal(err)
	}
	sched := monitor.NewScheduler(engine, monitor.SchedulerOptions{Interval: time.Hour, Coalesce: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	wg.Add(2)
	go func() { defer wg.Done(); sched.Run(ctx) }()
	watching := make(chan struct{})
	go func() {
		defer wg.Done()
		close(watching)
		watch.WiFi(client.Conn)(ctx, nil, func() {}, func(string) { sched.Trigger("wifi") })
	}()
	<-watching

	expect := func(step string, status monitor.Status, advice string) monitor.Result {
		t.Helper()
		select {
		case r := <-results:
			if r.Status != status || r.Advice != advice {
				t.Fatalf("%s: got %s/%s %v, want %s/%s", step, r.Status, r.Advice, r.Finding, status, advice)
			}
			return r
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the check did not run again after NetworkManager's signal", step)
		}
		return monitor.Result{}
	}
	expect("start on WPA2 home network", monitor.OK, "wifi")
	time.Sleep(300 * time.Millisecond) // let the watcher's match rules take effect

	steps := []struct {
		name   string
		ap     dbus.ObjectPath
		status monitor.Status
		advice string
	}{
		{"switch to an open network", cafe, monitor.Critical, "wifi.open"},
		{"switch to a public name with a shared key", docomo, monitor.Warn, "wifi.public"},
		{"switch to a trusted network", hotel, monitor.OK, "wifi"},
	}
	for _, st := range steps {
		before := check.runs.Load()
		start := time.Now()
		nm.Connect(st.ap)
		r := expect(st.name, st.status, st.advice)
		t.Logf("%s: verdict %s after %v", st.name, r.Status, time.Since(start).Round(time.Millisecond))
		if check.runs.Load() == before {
			t.Errorf("%s: verdict changed without a run", st.name)
		}
	}
	if got := engine.Last()[0].Get("trusted"); got != "true" {
		t.Errorf("trusted evidence = %q", got)
	}

	// Signal-strength updates come every few seconds; they must not wake
	// the check.
	before := check.runs.Load()
	for i := range 10 {
		nm.SetStrength(hotel, uint8(40+i))
	}
	time.Sleep(500 * time.Millisecond)
	if n := check.runs.Load() - before; n != 0 {
		t.Errorf("strength updates ran the check %d times", n)
	}
}
