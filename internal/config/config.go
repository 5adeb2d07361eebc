// Package config loads and saves the person's settings, a JSON file in the
// user's config directory. A file that cannot be read is set aside with a
// clear message and the defaults are used; it is never silently overwritten.
package config

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	"github.com/mamori-project/mamori/internal/atomicfile"
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
		Notifications:   true,
		QuietHours:      QuietHours{Start: "22:00", End: "07:00"},
		DisabledChecks:  []string{},
		IntervalMinutes: 60,
		TrustedNetworks: []TrustedNetwork{},
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

// Store is the settings file.
type Store struct {
	Path string
	// Now stamps the name of a file set aside; nil means time.Now.
	Now func() time.Time
}

// DefaultPath is $XDG_CONFIG_HOME/mamori/settings.json, or the OS's user
// config directory.
func DefaultPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "mamori", "settings.json"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config directory: %w", err)
	}
	return filepath.Join(d, "mamori", "settings.json"), nil
}

// CorruptError says the settings file could not be read and where it was
// moved; the defaults are in use.
type CorruptError struct {
	Path, Aside string
	Err         error
}

func (e *CorruptError) Error() string {
	if e.Aside == "" {
		return fmt.Sprintf("the settings file %s could not be read (%v); using the defaults, and the file was left where it is", e.Path, e.Err)
	}
	return fmt.Sprintf("the settings file %s could not be read (%v); it was moved to %s and the defaults are in use", e.Path, e.Err, e.Aside)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Load reads the settings. A missing file gives the defaults and no error. A
// file that is not valid settings is renamed aside, and Load returns the
// defaults with a *CorruptError to show the person.
func (s Store) Load() (Settings, error) {
	data, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), nil
	}
	if err != nil {
		return Defaults(), fmt.Errorf("reading settings: %w", err)
	}
	st := Defaults()
	if err := json.Unmarshal(data, &st); err != nil {
		return Defaults(), s.setAside(err)
	}
	if err := st.validate(); err != nil {
		return Defaults(), s.setAside(err)
	}
	return st, nil
}

func (s Store) setAside(cause error) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	aside := s.Path + ".broken-" + now().UTC().Format("20060102T150405Z")
	if err := os.Rename(s.Path, aside); err != nil {
		return &CorruptError{Path: s.Path, Err: cause}
	}
	return &CorruptError{Path: s.Path, Aside: aside, Err: cause}
}

func (st *Settings) validate() error {
	switch st.Language {
	case "", "en", "ja":
	default:
		return fmt.Errorf("unknown language %q", st.Language)
	}
	if st.TrustedNetworks == nil {
		st.TrustedNetworks = []TrustedNetwork{}
	}
	if st.DisabledChecks == nil {
		st.DisabledChecks = []string{}
	}
	if _, _, err := st.QuietHours.Minutes(); err != nil {
		return fmt.Errorf("quiet hours: %w", err)
	}
	if st.IntervalMinutes < 5 || st.IntervalMinutes > 24*60 {
		return fmt.Errorf("interval of %d minutes (5 to 1440)", st.IntervalMinutes)
	}
	for _, t := range st.TrustedNetworks {
		if t.SSIDHex != "" {
			if _, err := hex.DecodeString(t.SSIDHex); err != nil {
				return fmt.Errorf("trusted network: bad ssid_hex %q", t.SSIDHex)
			}
		}
		if len(t.SSIDBytes()) > 32 {
			return fmt.Errorf("trusted network: SSID longer than 32 bytes")
		}
	}
	return nil
}

// Save writes the settings atomically (a temporary file renamed over the
// old one), readable by the user only.
func (s Store) Save(st Settings) error {
	if err := st.validate(); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	if err := atomicfile.Write(s.Path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	return nil
}
