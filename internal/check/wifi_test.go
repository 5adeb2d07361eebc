package check

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/wifi"
)

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
		want    monitor.Status
		advice  string
	}{
		{"private WPA2", conn("HomeNet", wifi.WPA2Personal), nil, monitor.OK, "wifi"},
		{"private WPA3", conn("HomeNet", wifi.WPA3Personal), nil, monitor.OK, "wifi"},
		{"enterprise", conn("Corp", wifi.Enterprise), nil, monitor.OK, "wifi"},
		{"open", conn("CoffeeShop", wifi.Open), nil, monitor.Critical, "wifi.open"},
		{"open and trusted stays warn", conn("CoffeeShop", wifi.Open), trust("CoffeeShop", wifi.Open, ""), monitor.Warn, "wifi.open"},
		{"WEP", conn("Old", wifi.WEP), nil, monitor.Critical, "wifi.weak"},
		{"TKIP", conn("Legacy", wifi.WPATKIP), nil, monitor.Critical, "wifi.weak"},
		{"OWE", conn("Enhanced", wifi.OWE), nil, monitor.Warn, "wifi.owe"},
		{"public name with a key", conn("0000docomo", wifi.WPA2Personal), nil, monitor.Warn, "wifi.public"},
		{"public word", conn("Hotel-Guest", wifi.WPA2Personal), nil, monitor.Warn, "wifi.public"},
		{"public but trusted", conn("Hotel-Guest", wifi.WPA2Personal), trust("Hotel-Guest", wifi.WPA2Personal, ""), monitor.OK, "wifi"},
		{"trust needs the same security", conn("Hotel-Guest", wifi.Open), trust("Hotel-Guest", wifi.WPA2Personal, ""), monitor.Critical, "wifi.open"},
		{"trust pinned to another access point", conn("Hotel-Guest", wifi.WPA2Personal), trust("Hotel-Guest", wifi.WPA2Personal, "11:22:33:44:55:66"), monitor.Warn, "wifi.public"},
		{"freedom is not free", conn("freedom-5G", wifi.WPA2Personal), nil, monitor.OK, "wifi"},
		{"unknown security", conn("Odd", wifi.SecurityUnknown), nil, monitor.Unknown, "wifi"},
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
	r.CheckID = "wifi"
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := report.Build([]monitor.Result{r}, cat.Printer("en"), report.App{}, time.Time{})
	c := doc.Checks[0]
	const shown = `Bank\u202E<b>x</b>\xff\u000A` // escaped once: no \\u202E
	if strings.ContainsAny(c.Finding, "\u202E\n\xff") || !strings.Contains(c.Finding, shown) || strings.Contains(c.Finding, `\\`) {
		t.Errorf("finding %q", c.Finding)
	}
	for _, e := range c.Evidence {
		if e.Key == "ssid" && e.Value != shown {
			t.Errorf("evidence %q, want %q", e.Value, shown)
		}
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
	r := withSaved(monitor.Result{Status: monitor.NotApplicable, Finding: monitor.T("finding.wifi.not-connected")}, got)
	if r.Status != monitor.Warn || r.Advice != "wifi.autoconnect" || r.Finding.Args["Count"] != 2 {
		t.Errorf("not connected, risky saved: %+v", r)
	}
	r = withSaved(monitor.Result{Status: monitor.Critical, Advice: "wifi.open"}, got)
	if r.Status != monitor.Critical || r.Advice != "wifi.open" {
		t.Errorf("a worse verdict was replaced: %+v", r)
	}
}

// wifiAnswer is a Wi-Fi source that gives one answer.
type wifiAnswer struct {
	conn wifi.Connection
	err  error
}

func (w wifiAnswer) Current(context.Context) (wifi.Connection, error) { return w.conn, w.err }

// TestWiFiLocationDenied: where Windows withholds the network's name (the
// app may not use the location), the check cannot tell, says why and
// where to allow it, and judges nothing.
func TestWiFiLocationDenied(t *testing.T) {
	err := fmt.Errorf("WlanQueryInterface: error 5 (access denied): %w", wifi.ErrLocationDenied)
	r := (&WiFi{Source: wifiAnswer{err: err}}).Run(context.Background())
	if r.Status != monitor.Unknown || r.Advice != "wifi.location" || r.Finding.Key != "finding.wifi.location-denied" {
		t.Errorf("got %+v, want unknown with the location advice", r)
	}
	if !strings.Contains(r.Get("reason"), "access denied") {
		t.Errorf("the reason is not kept: %+v", r.Evidence)
	}
	cat, lerr := i18n.Load()
	if lerr != nil {
		t.Fatal(lerr)
	}
	for _, lang := range []string{"en", "ja"} {
		p := cat.Printer(lang)
		for _, key := range []string{"finding.wifi.location-denied", "advice.wifi.location.title", "advice.wifi.location.why", "advice.wifi.location.fix"} {
			if !p.Has(key) {
				t.Errorf("%s: %s has no text", lang, key)
			}
		}
	}
}
