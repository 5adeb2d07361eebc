//go:build linux

package wifi_test

import (
	"context"
	"errors"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/wifi"
	"github.com/mamori-project/mamori/internal/wifi/fakenm"
)

// fakeSystemBus starts a private bus playing the system bus, with the fake
// NetworkManager on it, and returns the fake and a client connection.
func fakeSystemBus(t *testing.T) (*testenv.Session, *fakenm.NM, *dbus.Conn) {
	t.Helper()
	s := testenv.DBusSession(t)
	server := testenv.Connect(t, s.Address)
	nm, err := fakenm.Start(server, "wlp2s0")
	if err != nil {
		t.Fatal(err)
	}
	return s.Setenv("DBUS_SYSTEM_BUS_ADDRESS", s.Address), nm, testenv.Connect(t, s.Address)
}

var (
	wpa2 = fakenm.AP{SSID: []byte("HomeNet"), BSSID: "AA:BB:CC:00:00:01", Frequency: 5180, Flags: wifi.APFlagPrivacy,
		RsnFlags: wifi.KeyMgmtPSK | wifi.PairCCMP | wifi.GroupCCMP}
	open  = fakenm.AP{SSID: []byte("CoffeeShop"), BSSID: "AA:BB:CC:00:00:02", Frequency: 2437}
	wpa3  = fakenm.AP{SSID: []byte("Office"), BSSID: "AA:BB:CC:00:00:03", Frequency: 5955, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtSAE | wifi.PairCCMP | wifi.GroupCCMP}
	wep   = fakenm.AP{SSID: []byte("OldRouter"), BSSID: "AA:BB:CC:00:00:04", Frequency: 2412, Flags: wifi.APFlagPrivacy}
	ent   = fakenm.AP{SSID: []byte("Corp"), BSSID: "AA:BB:CC:00:00:05", Frequency: 5200, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmt8021X | wifi.PairCCMP | wifi.GroupCCMP}
	tkip  = fakenm.AP{SSID: []byte("Legacy"), BSSID: "AA:BB:CC:00:00:06", Frequency: 2462, Flags: wifi.APFlagPrivacy, WpaFlags: wifi.KeyMgmtPSK | wifi.PairTKIP | wifi.GroupTKIP}
	owe   = fakenm.AP{SSID: []byte("Airport_Enhanced"), BSSID: "AA:BB:CC:00:00:07", Frequency: 5745, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtOWE | wifi.PairCCMP | wifi.GroupCCMP}
	allAP = []fakenm.AP{wpa2, open, wpa3, wep, ent, tkip, owe}
)

// TestFakeNetworkManagerIsFaithful asks NetworkManager's own client: nmcli
// must list the fake's networks with the security NetworkManager would show.
func TestFakeNetworkManagerIsFaithful(t *testing.T) {
	testenv.Require(t, "nmcli")
	s, nm, _ := fakeSystemBus(t)
	for _, ap := range allAP {
		if _, err := nm.AddAP(ap); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("nmcli", "-t", "-f", "SSID,BSSID,FREQ,SECURITY", "device", "wifi", "list", "--rescan", "no")
	cmd.Env = s.Env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nmcli: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	sort.Strings(got)
	want := []string{
		`CoffeeShop:AA\:BB\:CC\:00\:00\:02:2437 MHz:`,
		`Corp:AA\:BB\:CC\:00\:00\:05:5200 MHz:WPA2 802.1X`,
		`HomeNet:AA\:BB\:CC\:00\:00\:01:5180 MHz:WPA2`,
		`Legacy:AA\:BB\:CC\:00\:00\:06:2462 MHz:WPA1`,
		`OldRouter:AA\:BB\:CC\:00\:00\:04:2412 MHz:WEP`,
		`Office:AA\:BB\:CC\:00\:00\:03:5955 MHz:WPA3`,
		`Airport_Enhanced:AA\:BB\:CC\:00\:00\:07:5745 MHz:OWE`,
	}
	sort.Strings(want)
	t.Logf("nmcli output:\n%s", out)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("nmcli lists:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNetworkManagerCurrent(t *testing.T) {
	_, nm, client := fakeSystemBus(t)
	reader := &wifi.NetworkManager{Conn: client}
	ctx := context.Background()
	if _, err := reader.Current(ctx); !errors.Is(err, wifi.ErrNotConnected) {
		t.Fatalf("no AP: err = %v, want ErrNotConnected", err)
	}
	paths := map[string]dbus.ObjectPath{}
	for _, ap := range allAP {
		p, err := nm.AddAP(ap)
		if err != nil {
			t.Fatal(err)
		}
		paths[string(ap.SSID)] = p
	}
	want := map[string]wifi.Security{
		"HomeNet": wifi.WPA2Personal, "CoffeeShop": wifi.Open, "Office": wifi.WPA3Personal, "OldRouter": wifi.WEP,
		"Corp": wifi.Enterprise, "Legacy": wifi.WPATKIP, "Airport_Enhanced": wifi.OWE,
	}
	for ssid, sec := range want {
		nm.Connect(paths[ssid])
		c, err := reader.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if string(c.SSID) != ssid || c.Security != sec || c.Interface != "wlp2s0" || c.Source != "NetworkManager" {
			t.Errorf("connected to %s: got %+v, want security %s", ssid, c, sec)
		}
	}
	nm.Disconnect()
	if _, err := reader.Current(ctx); !errors.Is(err, wifi.ErrNotConnected) {
		t.Errorf("after disconnect: err = %v", err)
	}
}

func TestNetworkManagerNotRunning(t *testing.T) {
	s := testenv.DBusSession(t)
	reader := &wifi.NetworkManager{Conn: testenv.Connect(t, s.Address)}
	if _, err := reader.Current(context.Background()); !errors.Is(err, wifi.ErrNoService) {
		t.Errorf("err = %v, want ErrNoService", err)
	}
}

func TestNetworkManagerSaved(t *testing.T) {
	_, nm, client := fakeSystemBus(t)
	for _, s := range []fakenm.Saved{
		{ID: "Home", SSID: []byte("HomeNet"), KeyMgmt: "wpa-psk", AutoConnect: true},
		{ID: "Cafe", SSID: []byte("CoffeeShop"), AutoConnect: true},
		{ID: "Airport once", SSID: []byte("FreeWiFi-NARITA"), KeyMgmt: "", AutoConnect: false},
		{ID: "docomo", SSID: []byte("0000docomo"), KeyMgmt: "wpa-psk", AutoConnect: true},
	} {
		if err := nm.AddSaved(s); err != nil {
			t.Fatal(err)
		}
	}
	saved, err := (&wifi.NetworkManager{Conn: client}).Saved(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 4 {
		t.Fatalf("got %d saved networks: %+v", len(saved), saved)
	}
	if saved[1].Security != wifi.Open || !saved[1].AutoConnect || saved[2].AutoConnect || saved[0].Security != wifi.WPA2Personal {
		t.Errorf("saved: %+v", saved)
	}
}
