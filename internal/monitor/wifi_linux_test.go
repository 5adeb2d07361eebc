package monitor

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/wifi"
	"github.com/mamori-project/mamori/internal/wifi/fakenm"
)

// countedCheck counts the runs of the check it wraps.
type countedCheck struct {
	Check
	runs atomic.Int32
}

func (c *countedCheck) Run(ctx context.Context) Result {
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

	results := make(chan Result, 16)
	engine, err := New([]Check{check}, Options{OnChange: func(c Change) { results <- c.New }})
	if err != nil {
		t.Fatal(err)
	}
	sched := NewScheduler(engine, SchedulerOptions{Interval: time.Hour, Coalesce: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	wg.Add(2)
	go func() { defer wg.Done(); sched.Run(ctx) }()
	watching := make(chan struct{})
	go func() {
		defer wg.Done()
		close(watching)
		client.Watch(ctx, func() { sched.Trigger("wifi") })
	}()
	<-watching

	expect := func(step string, status Status, advice string) Result {
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
		return Result{}
	}
	expect("start on WPA2 home network", OK, "wifi")
	time.Sleep(300 * time.Millisecond) // let the watcher's match rules take effect

	steps := []struct {
		name   string
		ap     dbus.ObjectPath
		status Status
		advice string
	}{
		{"switch to an open network", cafe, Critical, "wifi.open"},
		{"switch to a public name with a shared key", docomo, Warn, "wifi.public"},
		{"switch to a trusted network", hotel, OK, "wifi"},
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

func TestJudgeWiFi(t *testing.T) {
	public, _ := wifi.LoadCatalog()
	psk := wifi.Flags{Privacy: true, RSN: wifi.KeyMgmtPSK | wifi.PairCCMP}
	conn := func(ssid string, sec wifi.Security) wifi.Connection {
		return wifi.Connection{SSID: []byte(ssid), Security: sec, Flags: psk, BSSID: "aa:bb:cc:dd:ee:ff", FrequencyMHz: 5180}
	}
	trust := func(ssid string, sec wifi.Security, bssid string) []config.TrustedNetwork {
		return []config.TrustedNetwork{config.NewTrusted([]byte(ssid), string(sec), bssid)}
	}
	tests := []struct {
		name    string
		c       wifi.Connection
		trusted []config.TrustedNetwork
		want    Status
		advice  string
	}{
		{"private WPA2", conn("HomeNet", wifi.WPA2Personal), nil, OK, "wifi"},
		{"private WPA3", conn("HomeNet", wifi.WPA3Personal), nil, OK, "wifi"},
		{"enterprise", conn("Corp", wifi.Enterprise), nil, OK, "wifi"},
		{"open", conn("CoffeeShop", wifi.Open), nil, Critical, "wifi.open"},
		{"open and trusted stays warn", conn("CoffeeShop", wifi.Open), trust("CoffeeShop", wifi.Open, ""), Warn, "wifi.open"},
		{"WEP", conn("Old", wifi.WEP), nil, Critical, "wifi.weak"},
		{"TKIP", conn("Legacy", wifi.WPATKIP), nil, Critical, "wifi.weak"},
		{"OWE", conn("Enhanced", wifi.OWE), nil, Warn, "wifi.owe"},
		{"public name with a key", conn("0000docomo", wifi.WPA2Personal), nil, Warn, "wifi.public"},
		{"public word", conn("Hotel-Guest", wifi.WPA2Personal), nil, Warn, "wifi.public"},
		{"public but trusted", conn("Hotel-Guest", wifi.WPA2Personal), trust("Hotel-Guest", wifi.WPA2Personal, ""), OK, "wifi"},
		{"trust needs the same security", conn("Hotel-Guest", wifi.Open), trust("Hotel-Guest", wifi.WPA2Personal, ""), Critical, "wifi.open"},
		{"trust pinned to another access point", conn("Hotel-Guest", wifi.WPA2Personal), trust("Hotel-Guest", wifi.WPA2Personal, "11:22:33:44:55:66"), Warn, "wifi.public"},
		{"freedom is not free", conn("freedom-5G", wifi.WPA2Personal), nil, OK, "wifi"},
		{"unknown security", conn("Odd", wifi.SecurityUnknown), nil, Unknown, "wifi"},
	}
	for _, tt := range tests {
		r := judgeWiFi(tt.c, public, tt.trusted)
		if r.Status != tt.want || r.Advice != tt.advice {
			t.Errorf("%s: got %s/%s, want %s/%s", tt.name, r.Status, r.Advice, tt.want, tt.advice)
		}
	}
}

func TestWiFiHostileSSIDInFinding(t *testing.T) {
	r := judgeWiFi(wifi.Connection{SSID: []byte("Bank\u202E<b>x</b>\xff\n"), Security: wifi.Open}, nil, nil)
	got := r.Finding.Args["Network"].(string)
	if strings.ContainsAny(got, "\u202E\n\xff") || got != `Bank\u202E<b>x</b>\xff\u000A` {
		t.Errorf("finding carries %q", got)
	}
	if r.Get("ssid") != got {
		t.Errorf("evidence %q differs from the finding's %q", r.Get("ssid"), got)
	}
}

func TestWiFiSavedAutoConnect(t *testing.T) {
	public, _ := wifi.LoadCatalog()
	saved := []wifi.SavedNetwork{
		{Name: "Home", SSID: []byte("HomeNet"), Security: wifi.WPA2Personal, AutoConnect: true},
		{Name: "Cafe", SSID: []byte("CoffeeShop"), Security: wifi.Open, AutoConnect: true},
		{Name: "docomo", SSID: []byte("0000docomo"), Security: wifi.WPA2Personal, AutoConnect: true},
		{Name: "Once", SSID: []byte("FreeWiFi-NARITA"), Security: wifi.Open, AutoConnect: false},
	}
	got := riskySaved(saved, public, nil)
	if strings.Join(got, "|") != "CoffeeShop|0000docomo" {
		t.Errorf("risky = %v", got)
	}
	r := withSaved(Result{Status: NotApplicable, Finding: T("finding.wifi.not-connected")}, got)
	if r.Status != Warn || r.Advice != "wifi.autoconnect" || r.Finding.Args["Count"] != 2 {
		t.Errorf("not connected, risky saved: %+v", r)
	}
	r = withSaved(Result{Status: Critical, Advice: "wifi.open"}, got)
	if r.Status != Critical || r.Advice != "wifi.open" {
		t.Errorf("a worse verdict was replaced: %+v", r)
	}
}
