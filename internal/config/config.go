// Package config loads and changes the person's settings, a JSON file in
// the user's config directory. Nothing the person wrote is lost: a change is
// a locked read-modify-write of the file as it is on disk that touches only
// the fields that changed, fields Mamori does not know are kept, one bad
// field costs only that field (with a message), a file that is not JSON is
// set aside under a name of its own, and a file that cannot be read is
// never replaced.
package config

import (
	"encoding/hex"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// Settings is what the person chose.
type Settings struct {
	// Language is "", for the OS locale, "en" or "ja".
	Language string `json:"language"`
	// Notifications turns notifications on.
	Notifications bool `json:"notifications"`
	// QuietHours, when on, silences notifications from Start to End
	// ("22:00" to "07:00" wraps past midnight).
	QuietHours QuietHours `json:"quiet_hours"`
	// DisabledChecks are check IDs the person switched off.
	DisabledChecks []string `json:"disabled_checks"`
	// IntervalMinutes is how often each check runs by itself, besides the
	// events that re-run it at once.
	IntervalMinutes int `json:"interval_minutes"`
	// StartAtLogin starts the agent when the person logs in.
	StartAtLogin bool `json:"start_at_login"`
	// TrustedNetworks are Wi-Fi networks the person knows.
	TrustedNetworks []TrustedNetwork `json:"trusted_networks"`
	// ExpectedRemoteTools are the remote-control tools (catalogue IDs) the
	// person uses on purpose: the remote-control check lists them but does
	// not warn.
	ExpectedRemoteTools []string `json:"expected_remote_tools"`
	// PasswordFileContents lets the password-files check look inside
	// small text files too, not only at names. Off unless the person
	// turns it on; nothing read leaves the machine.
	PasswordFileContents bool `json:"password_file_contents"`
	// SharedComputer is the person's answer to "This computer is shared":
	// several people use it, perhaps under one account, which no check
	// can see. Off unless the person turns it on; the browser-passwords
	// check then warns about saved passwords.
	SharedComputer bool `json:"shared_computer"`

	// The values below are an organisation's (internal/policy sets them;
	// the settings window does not offer them), kept in the file only if
	// someone wrote them there.

	// ScreenLockMinutes is the longest idle time, in minutes, after which
	// the screen-lock check wants the screen locked.
	ScreenLockMinutes int `json:"screen_lock_minutes"`
	// IdleSleepMinutes is the longest idle time, in minutes, after which
	// the idle-power check wants the computer asleep.
	IdleSleepMinutes int `json:"idle_sleep_minutes"`
	// UpdateDays is how many days the package index may age before
	// os-updates warns.
	UpdateDays int `json:"update_days"`
	// NotificationsPerHour caps the notifications of one hour.
	NotificationsPerHour int `json:"notifications_per_hour"`
	// SnoozeAllowed offers snoozing notifications.
	SnoozeAllowed bool `json:"snooze_allowed"`
	// FixOffered offers Fix it where Mamori can change a setting.
	FixOffered bool `json:"fix_offered"`
	// AllowedRootCertificates are the SHA-256 fingerprints (hex) of root
	// certificates the organisation added on purpose: site-redirects lists
	// them and does not warn.
	AllowedRootCertificates []string `json:"allowed_root_certificates"`
	// AllowedHostsEntries are host names whose hosts-file entries the
	// organisation wrote on purpose: site-redirects lists them and does
	// not warn.
	AllowedHostsEntries []string `json:"allowed_hosts_entries"`
}

// QuietHours is a daily time without notifications.
type QuietHours struct {
	Enabled bool   `json:"enabled"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

// Minutes returns Start and End as minutes after midnight.
func (q QuietHours) Minutes() (start, end int, err error) {
	if start, err = clockMinutes(q.Start); err != nil {
		return 0, 0, err
	}
	end, err = clockMinutes(q.End)
	return start, end, err
}

func clockMinutes(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("time of day %q is not HH:MM", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Defaults are the settings of a first start.
func Defaults() Settings {
	return Settings{
		Notifications:       true,
		QuietHours:          QuietHours{Start: "22:00", End: "07:00"},
		DisabledChecks:      []string{},
		IntervalMinutes:     60,
		TrustedNetworks:     []TrustedNetwork{},
		ExpectedRemoteTools: []string{},

		ScreenLockMinutes:       5,
		IdleSleepMinutes:        30,
		UpdateDays:              7,
		NotificationsPerHour:    4,
		SnoozeAllowed:           true,
		FixOffered:              true,
		AllowedRootCertificates: []string{},
		AllowedHostsEntries:     []string{},
	}
}

// Enabled reports whether the check with id is on.
func (st Settings) Enabled(id string) bool {
	for _, d := range st.DisabledChecks {
		if d == id {
			return false
		}
	}
	return true
}

// Trust adds a network to the trusted list, once.
func (st *Settings) Trust(t TrustedNetwork) {
	for _, have := range st.TrustedNetworks {
		if have == t {
			return
		}
	}
	st.TrustedNetworks = append(st.TrustedNetworks, t)
}

// TrustedNetwork is a Wi-Fi network the person trusts: a name and the
// security it must have (so that an open copy of the name is not trusted),
// optionally pinned to one access point.
type TrustedNetwork struct {
	// SSID is the name when it is valid UTF-8; otherwise SSIDHex holds the
	// raw bytes.
	SSID     string `json:"ssid,omitempty"`
	SSIDHex  string `json:"ssid_hex,omitempty"`
	Security string `json:"security"`
	BSSID    string `json:"bssid,omitempty"`
}

// NewTrusted records a network by its raw SSID.
func NewTrusted(ssid []byte, security, bssid string) TrustedNetwork {
	t := TrustedNetwork{Security: security, BSSID: bssid}
	if utf8.Valid(ssid) {
		t.SSID = string(ssid)
	} else {
		t.SSIDHex = hex.EncodeToString(ssid)
	}
	return t
}

// SSIDBytes returns the raw SSID.
func (t TrustedNetwork) SSIDBytes() []byte {
	if t.SSIDHex != "" {
		b, err := hex.DecodeString(t.SSIDHex)
		if err == nil {
			return b
		}
	}
	return []byte(t.SSID)
}

// Edits turns a settings window's session into a change for Store.Update:
// the fields the person changed from orig to edit, applied to the file as
// it is now. Lists merge: what the person added is added, what they
// removed is removed, and entries added meanwhile by someone else (a
// network trusted from a notification while the window was open) stay.
func Edits(orig, edit Settings) func(*Settings) {
	return func(st *Settings) {
		if edit.Language != orig.Language {
			st.Language = edit.Language
		}
		if edit.Notifications != orig.Notifications {
			st.Notifications = edit.Notifications
		}
		if edit.QuietHours != orig.QuietHours {
			st.QuietHours = edit.QuietHours
		}
		if edit.IntervalMinutes != orig.IntervalMinutes {
			st.IntervalMinutes = edit.IntervalMinutes
		}
		if edit.StartAtLogin != orig.StartAtLogin {
			st.StartAtLogin = edit.StartAtLogin
		}
		if edit.PasswordFileContents != orig.PasswordFileContents {
			st.PasswordFileContents = edit.PasswordFileContents
		}
		if edit.SharedComputer != orig.SharedComputer {
			st.SharedComputer = edit.SharedComputer
		}
		ints := []struct{ to, orig, edit *int }{
			{&st.ScreenLockMinutes, &orig.ScreenLockMinutes, &edit.ScreenLockMinutes},
			{&st.IdleSleepMinutes, &orig.IdleSleepMinutes, &edit.IdleSleepMinutes},
			{&st.UpdateDays, &orig.UpdateDays, &edit.UpdateDays},
			{&st.NotificationsPerHour, &orig.NotificationsPerHour, &edit.NotificationsPerHour},
		}
		for _, f := range ints {
			if *f.edit != *f.orig {
				*f.to = *f.edit
			}
		}
		if edit.SnoozeAllowed != orig.SnoozeAllowed {
			st.SnoozeAllowed = edit.SnoozeAllowed
		}
		if edit.FixOffered != orig.FixOffered {
			st.FixOffered = edit.FixOffered
		}
		st.AllowedRootCertificates = merge(st.AllowedRootCertificates, orig.AllowedRootCertificates, edit.AllowedRootCertificates)
		st.AllowedHostsEntries = merge(st.AllowedHostsEntries, orig.AllowedHostsEntries, edit.AllowedHostsEntries)
		st.DisabledChecks = merge(st.DisabledChecks, orig.DisabledChecks, edit.DisabledChecks)
		st.TrustedNetworks = merge(st.TrustedNetworks, orig.TrustedNetworks, edit.TrustedNetworks)
		st.ExpectedRemoteTools = merge(st.ExpectedRemoteTools, orig.ExpectedRemoteTools, edit.ExpectedRemoteTools)
	}
}

// merge applies the difference between orig and edit to now.
func merge[T comparable](now, orig, edit []T) []T {
	out := []T{}
	for _, v := range now {
		if slices.Contains(orig, v) && !slices.Contains(edit, v) {
			continue // the person removed it
		}
		out = append(out, v)
	}
	for _, v := range edit {
		if !slices.Contains(orig, v) && !slices.Contains(out, v) {
			out = append(out, v) // the person added it
		}
	}
	return out
}
