package check

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/wifi"
)

// WiFiSource tells which network the computer is on (wifi.Auto,
// wifi.NetworkManager, wifi.NL80211).
type WiFiSource interface {
	Current(ctx context.Context) (wifi.Connection, error)
}

// SavedSource lists saved Wi-Fi profiles.
type SavedSource interface {
	Saved(ctx context.Context) ([]wifi.SavedNetwork, error)
}

// WiFiReader reads both (wifi.Auto).
type WiFiReader interface {
	WiFiSource
	SavedSource
}

// WiFi checks the network the computer is connected to: open, weak, OWE or
// a public hotspot name (which anyone can broadcast), and saved networks
// that join by themselves.
type WiFi struct {
	Source WiFiSource
	// Saved may be nil when profiles cannot be read.
	Saved  SavedSource
	Public *wifi.Catalog
	// Trusted returns the person's trusted networks, read at each run so a
	// change in the settings applies at once.
	Trusted func() []config.TrustedNetwork
}

// Spec: "wifi", re-run at once when the connection changes.
// wiFiPages are where the system's own settings for Wi-Fi are, for the
// status window's Open settings.
var wiFiPages = osprefs.Pages{
	osprefs.Windows:  osprefs.Explorer("ms-settings:network-wifi"),
	osprefs.MacOS:    osprefs.SystemSettings("x-apple.systempreferences:com.apple.wifi-settings-extension"),
	osprefs.KDE:      osprefs.KDEModule("kcm_networkmanagement"),
	osprefs.Cinnamon: osprefs.CinnamonModule("network"),
	osprefs.GNOME:    osprefs.GNOMEPanel("wifi"),
}

// Pages declares the check's settings pages.
func (*WiFi) Pages() osprefs.Pages { return wiFiPages }

func (*WiFi) Spec() monitor.Spec {
	return monitor.Spec{ID: "wifi", Triggers: []monitor.Trigger{{Source: monitor.Network}}}
}

// Run reads the current connection and the saved profiles.
func (c *WiFi) Run(ctx context.Context) monitor.Result {
	var trusted []config.TrustedNetwork
	if c.Trusted != nil {
		trusted = c.Trusted()
	}
	if c.Source == nil {
		return monitor.Result{Status: monitor.Unknown, Advice: "wifi", Finding: monitor.T("finding.wifi.no-reader")}
	}
	var risky []string
	if c.Saved != nil {
		if saved, err := c.Saved.Saved(ctx); err == nil {
			risky = riskySaved(saved, c.Public, trusted)
		}
	}
	conn, err := c.Source.Current(ctx)
	switch {
	case errors.Is(err, wifi.ErrNoDevice), errors.Is(err, wifi.ErrNotConnected):
		r := monitor.Result{Status: monitor.NotApplicable, Advice: "wifi"}
		if errors.Is(err, wifi.ErrNoDevice) {
			r.Finding = monitor.T("finding.wifi.no-device")
		} else {
			r.Finding = monitor.T("finding.wifi.not-connected")
		}
		r.Add("reason", err.Error())
		return withSaved(r, risky)
	case errors.Is(err, wifi.ErrLocationDenied):
		// Windows withheld the name: nothing it returned is judged.
		r := monitor.Result{Status: monitor.Unknown, Advice: "wifi.location", Finding: monitor.T("finding.wifi.location-denied")}
		r.Add("reason", err.Error())
		return withSaved(r, risky)
	case err != nil:
		return unknown("wifi", err)
	}
	return withSaved(judgeWiFi(conn, c.Public, trusted), risky)
}

// judgeWiFi gives the verdict on one connection.
func judgeWiFi(conn wifi.Connection, public *wifi.Catalog, trusted []config.TrustedNetwork) monitor.Result {
	// The name as the network broadcasts it: report.Build, the one way
	// results reach a person, makes it safe to show, once.
	name := string(conn.SSID)
	r := monitor.Result{Advice: "wifi"}
	r.Add("interface", conn.Interface).Add("ssid", name).Add("bssid", conn.BSSID).Add("band", conn.Band())
	r.Add("security", conn.Security.Label()).Add("source", conn.Source)
	isTrusted := isTrustedNetwork(conn, trusted)
	r.Add("trusted", isTrusted)
	match, isPublic := wifi.Match{}, false
	if public != nil {
		match, isPublic = public.Lookup(conn.SSID)
	}
	if isPublic {
		if match.Known != nil {
			r.Add("public", "known hotspot name ("+match.Known.Note+")")
		} else {
			r.Add("public", "name contains "+match.Word)
		}
	}
	arg := func(key string) monitor.Text {
		return monitor.T(key, "Network", name, "Security", conn.Security.Label())
	}
	switch conn.Security {
	case wifi.Open:
		r.Status, r.Advice, r.Finding = monitor.Critical, "wifi.open", arg("finding.wifi.open")
		if isTrusted {
			// A trusted open network is still readable by anyone nearby.
			r.Status, r.Finding = monitor.Warn, arg("finding.wifi.open-trusted")
		}
	case wifi.WEP, wifi.WPATKIP:
		r.Status, r.Advice, r.Finding = monitor.Critical, "wifi.weak", arg("finding.wifi.weak")
		if isTrusted {
			r.Status = monitor.Warn
		}
	case wifi.OWE:
		r.Status, r.Advice, r.Finding = monitor.Warn, "wifi.owe", arg("finding.wifi.owe")
		if isTrusted {
			r.Status, r.Advice, r.Finding = monitor.OK, "wifi", arg("finding.wifi.trusted")
		}
	case wifi.WPA2Personal, wifi.WPA3Personal, wifi.Enterprise:
		switch {
		case isTrusted:
			r.Status, r.Finding = monitor.OK, arg("finding.wifi.trusted")
		case isPublic:
			r.Status, r.Advice, r.Finding = monitor.Warn, "wifi.public", arg("finding.wifi.public")
		default:
			r.Status, r.Finding = monitor.OK, arg("finding.wifi.ok")
		}
	default:
		r.Status, r.Finding = monitor.Unknown, arg("finding.wifi.security-unknown")
	}
	if trustable[r.Advice] {
		// Trust applies to the network this finding names, even if the
		// computer has moved to another (an evil twin) by the click.
		r.Trust = &monitor.WiFiNetwork{SSID: append([]byte(nil), conn.SSID...), Security: string(conn.Security), BSSID: conn.BSSID}
	}
	return r
}

// trustable are the findings the person can silence by trusting the
// network (Trust this network): a public hotspot's name, Enhanced Open,
// an open network (which stays a warning even then). A weak cipher is
// not: trusting does not make it strong.
var trustable = map[string]bool{"wifi.public": true, "wifi.owe": true, "wifi.open": true}

// isTrustedNetwork matches a connection against the trusted list: the same
// name with the same security, and the same access point when one is pinned.
func isTrustedNetwork(conn wifi.Connection, trusted []config.TrustedNetwork) bool {
	for _, t := range trusted {
		if !bytes.Equal(t.SSIDBytes(), conn.SSID) || t.Security != string(conn.Security) {
			continue
		}
		if t.BSSID != "" && !strings.EqualFold(t.BSSID, conn.BSSID) {
			continue
		}
		return true
	}
	return false
}

// riskySaved lists saved profiles that join by themselves although the
// network is open, weak or has a public name: an attacker broadcasting that
// name gets the computer to join without asking.
func riskySaved(saved []wifi.SavedNetwork, public *wifi.Catalog, trusted []config.TrustedNetwork) []string {
	var out []string
	for _, s := range saved {
		if !s.AutoConnect {
			continue
		}
		weak := s.Security == wifi.Open || s.Security == wifi.WEP
		isPublic := false
		if public != nil {
			_, isPublic = public.Lookup(s.SSID)
		}
		if !weak && !isPublic {
			continue
		}
		if isTrustedNetwork(wifi.Connection{SSID: s.SSID, Security: s.Security}, trusted) && !weak {
			continue
		}
		out = append(out, string(s.SSID))
	}
	return out
}

// withSaved adds the risky saved profiles to r; they make an otherwise fine
// verdict a warning.
func withSaved(r monitor.Result, risky []string) monitor.Result {
	if len(risky) == 0 {
		return r
	}
	for _, name := range risky {
		r.Add("auto-joins", name)
	}
	if r.Status == monitor.OK || r.Status == monitor.NotApplicable {
		r.Status, r.Advice = monitor.Warn, "wifi.autoconnect"
		r.Finding = monitor.T("finding.wifi.autoconnect", "Count", len(risky), "Networks", risky)
	}
	return r
}
