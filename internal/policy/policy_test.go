package policy

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/policy/macplist"
	"github.com/mamori-project/mamori/internal/wifi"
)

// writePolicy writes a policy file under dir/level, root-owned-like
// (owned by this test's user, who plays root: Files.Owner).
func writePolicy(t *testing.T, dir string, level Level, name, body string) {
	t.Helper()
	d := filepath.Join(dir, level.String())
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// policyRoot is a fresh /etc/mamori/policies owned by this test's user.
func policyRoot(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "mamori")
	if err := os.MkdirAll(filepath.Join(root, "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "policies")
}

// effective loads the settings file at path with the policy in dir.
func effective(t *testing.T, dir, path string) (config.Settings, Set) {
	t.Helper()
	ch := Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read}
	st, _ := config.Store{Path: path, Policy: ch}.Load()
	return st, ch.Set()
}

// TestLinuxFiles: a managed file locks its values over the person's file;
// a recommended one sets defaults the person's file overrides; a bad value
// costs only itself; a later file wins within a level.
func TestLinuxFiles(t *testing.T) {
	dir := policyRoot(t)
	writePolicy(t, dir, Managed, "10-base.json", `{"ScreenLockMinutes": 3, "Checks": {"wifi": "off", "firewall": "required"}, "UpdateDays": "soon", "Language": "ja"}`)
	writePolicy(t, dir, Managed, "90-site.json", `{"ScreenLockMinutes": 2, "AllowedHostsEntries": ["intranet.example.jp", "bad name"]}`)
	writePolicy(t, dir, Recommended, "10.json", `{"IdleSleepMinutes": 15, "Notifications": false, "NotificationsPerHour": 2, "NoSuchPolicy": 1}`)
	writePolicy(t, dir, Managed, "20-broken.json", `{"FixOffered": fal`)
	person := filepath.Join(t.TempDir(), "settings.json")
	os.WriteFile(person, []byte(`{"screen_lock_minutes": 10, "language": "en", "notifications": true, "disabled_checks": ["firewall"]}`), 0o600)

	st, set := effective(t, dir, person)
	checks := []struct {
		name      string
		got, want any
	}{
		{"managed wins over the person (later file wins)", st.ScreenLockMinutes, 2},
		{"managed language", st.Language, "ja"},
		{"recommended default", st.IdleSleepMinutes, 15},
		{"the person's choice wins over recommended", st.Notifications, true},
		{"recommended where the person chose nothing", st.NotificationsPerHour, 2},
		{"bad value costs only itself", st.UpdateDays, 7},
		{"required check cannot be turned off; off is off", st.DisabledChecks, []string{"wifi"}},
		{"a bad list entry costs only itself", st.AllowedHostsEntries, []string{"intranet.example.jp"}},
		{"a broken file costs only itself", st.FixOffered, true},
		{"locked: language", set.Locked("language"), true},
		{"not locked: recommended", set.Locked("idle_sleep_minutes"), false},
		{"check locked", set.CheckLocked("wifi") && set.CheckLocked("firewall"), true},
		{"check not locked", set.CheckLocked("antivirus"), false},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("got %#v, want %#v", c.got, c.want)
			}
		})
	}
	msgs := errorsText(set.Problems)
	for _, want := range []string{"UpdateDays", "bad name", "NoSuchPolicy", "20-broken.json"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("no message about %s in %s", want, msgs)
		}
	}
}

func errorsText(errs []error) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// TestLinuxFilesRefusedWhenOthersCanWrite: a policy directory another
// account could write is not read at all, with a message.
func TestLinuxFilesRefusedWhenOthersCanWrite(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(dir string) error
	}{
		{"policies writable by all", func(dir string) error { return os.Chmod(dir, 0o777) }},
		{"/etc/mamori writable by its group", func(dir string) error { return os.Chmod(filepath.Dir(dir), 0o775) }},
		{"managed writable by all", func(dir string) error { return os.Chmod(filepath.Join(dir, "managed"), 0o757) }},
		{"a file writable by all", func(dir string) error { return os.Chmod(filepath.Join(dir, "managed", "p.json"), 0o666) }},
		{"owned by another user", func(dir string) error { return os.Chown(filepath.Join(dir, "managed", "p.json"), 65534, 65534) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := policyRoot(t)
			writePolicy(t, dir, Managed, "p.json", `{"ScreenLockMinutes": 3}`)
			if err := c.setup(dir); err != nil {
				t.Fatal(err)
			}
			st, set := effective(t, dir, filepath.Join(t.TempDir(), "settings.json"))
			if st.ScreenLockMinutes != 5 {
				t.Errorf("the policy was read: %d minutes", st.ScreenLockMinutes)
			}
			if !strings.Contains(errorsText(set.Problems), "another account could change") {
				t.Errorf("no message: %v", set.Problems)
			}
		})
	}
}

// TestMacOSProfiles: managed preferences in Apple's XML and binary formats
// give the same policy; the computer's file wins over the person's.
func TestMacOSProfiles(t *testing.T) {
	for _, fixture := range []string{"managed-prefs.xml.plist", "managed-prefs.binary.plist"} {
		t.Run(fixture, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", fixture))
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			const domain = "io.github.mamori_project.Mamori"
			os.MkdirAll(filepath.Join(root, "hanako"), 0o755)
			os.WriteFile(filepath.Join(root, domain+".plist"), data, 0o644)
			os.WriteFile(filepath.Join(root, "hanako", domain+".plist"), []byte(`<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>ScreenLockMinutes</key><integer>9</integer><key>UpdateDays</key><integer>3</integer></dict></plist>`), 0o644)
			ch := Channel{Read: ManagedPreferences{Root: root, User: "hanako", Domain: domain, Owner: os.Getuid(), Decode: macplist.Decode}.Read}
			st, _ := config.Store{Path: filepath.Join(t.TempDir(), "s.json"), Policy: ch}.Load()
			set := ch.Set()
			if st.ScreenLockMinutes != 3 || st.UpdateDays != 3 || st.FixOffered || st.Language != "ja" {
				t.Errorf("settings %+v", st)
			}
			if !slices.Equal(st.DisabledChecks, []string{"wifi"}) || !set.CheckLocked("disk-encryption") {
				t.Errorf("checks %v", st.DisabledChecks)
			}
			if len(st.TrustedNetworks) != 1 || st.TrustedNetworks[0].SSID != "本社" {
				t.Errorf("trusted %+v", st.TrustedNetworks)
			}
			if want := []string{strings.Repeat("abcdef0123456789", 4)}; !slices.Equal(st.AllowedRootCertificates, want) {
				t.Errorf("roots %v", st.AllowedRootCertificates)
			}
			msgs := errorsText(set.Problems)
			if !strings.Contains(msgs, "not-a-fingerprint") || !strings.Contains(msgs, "IdleSleepMinutes") || strings.Contains(msgs, "Payload") {
				t.Errorf("messages: %s", msgs)
			}
		})
	}
}

// mapKey is a registry key in memory.
type mapKey struct {
	values map[string]any
	subs   map[string]*mapKey
}

func (m *mapKey) Values() (map[string]any, error) { return m.values, nil }
func (m *mapKey) SubKeys() ([]string, error)      { return sortedKeys(m.subs), nil }
func (m *mapKey) Open(name string) (Key, error)   { return m.subs[name], nil }

// TestRegistry: values, list subkeys, the Checks subkey and Recommended,
// HKLM winning over HKCU at each level.
func TestRegistry(t *testing.T) {
	hklm := &mapKey{values: map[string]any{"ScreenLockMinutes": uint64(4), "SnoozeAllowed": uint64(0), "AllowedRemoteTools": []string{"anydesk"}},
		subs: map[string]*mapKey{
			"Checks":      {values: map[string]any{"wifi": "off"}},
			"Recommended": {values: map[string]any{"IdleSleepMinutes": uint64(20)}},
		}}
	hkcu := &mapKey{values: map[string]any{"ScreenLockMinutes": uint64(9), "Language": "en", "FixOffered": uint64(7)},
		subs: map[string]*mapKey{
			"TrustedNetworks": {values: map[string]any{"2": `{"ssid":"B","security":"wpa2-personal"}`, "10": `{"ssid":"C","security":"wpa3-personal"}`, "1": `{"ssid":"A","security":"wpa2-personal"}`}},
			"Recommended":     {values: map[string]any{"IdleSleepMinutes": uint64(25), "UpdateDays": uint64(3)}},
		}}
	a, pa := readKey(hklm, Managed, "HKLM")
	b, pb := readKey(hkcu, Managed, "HKCU")
	set := Resolve(byLevel(append(a, b...)), append(pa, pb...)...)
	st, _ := config.Store{Path: filepath.Join(t.TempDir(), "s.json"), Policy: staticSet(set)}.Load()
	var ssids []string
	for _, n := range st.TrustedNetworks {
		ssids = append(ssids, n.SSID)
	}
	if st.ScreenLockMinutes != 4 || st.SnoozeAllowed || st.Language != "en" || st.IdleSleepMinutes != 20 || st.UpdateDays != 3 ||
		!slices.Equal(st.DisabledChecks, []string{"wifi"}) || !slices.Equal(st.ExpectedRemoteTools, []string{"anydesk"}) ||
		!slices.Equal(ssids, []string{"A", "B", "C"}) || !st.FixOffered {
		t.Errorf("settings %+v", st)
	}
	if !strings.Contains(errorsText(set.Problems), "FixOffered: 7 is not true or false") {
		t.Errorf("messages %v", set.Problems)
	}
}

type staticSet Set

func (s staticSet) Layers() (r, m func(*config.Settings), err error) { return Set(s).Layers() }

// TestShow: every policy has a row, with the source as chrome://policy
// would give it, and the checks a policy shaped.
func TestShow(t *testing.T) {
	dir := policyRoot(t)
	writePolicy(t, dir, Managed, "p.json", `{"ScreenLockMinutes": 3, "PrometheusTextfileDirectory": "/var/lib/prometheus/node-exporter"}`)
	writePolicy(t, dir, Recommended, "p.json", `{"IdleSleepMinutes": 15, "UpdateDays": 14, "ResultsDirectory": "/var/lib/mamori"}`)
	person := filepath.Join(t.TempDir(), "settings.json")
	os.WriteFile(person, []byte(`{"update_days": 30}`), 0o600)
	st, set := effective(t, dir, person)
	rows := set.Show(st, config.Store{Path: person}.Fields())
	if len(rows) != len(Schema) {
		t.Fatalf("%d rows for %d policies", len(rows), len(Schema))
	}
	want := map[string]Row{
		"ScreenLockMinutes":           {Policy: "ScreenLockMinutes", Value: 3, Source: FromManaged, Where: filepath.Join(dir, "managed", "p.json"), Locked: true},
		"IdleSleepMinutes":            {Policy: "IdleSleepMinutes", Value: 15, Source: FromRecommended, Where: filepath.Join(dir, "recommended", "p.json")},
		"UpdateDays":                  {Policy: "UpdateDays", Value: float64(30), Source: FromUser},
		"NotificationsPerHour":        {Policy: "NotificationsPerHour", Value: float64(4), Source: FromDefault},
		"PrometheusTextfileDirectory": {Policy: "PrometheusTextfileDirectory", Value: "/var/lib/prometheus/node-exporter", Source: FromManaged, Where: filepath.Join(dir, "managed", "p.json"), Locked: true},
		"ResultsDirectory":            {Policy: "ResultsDirectory", Value: "", Source: FromDefault},
	}
	for _, r := range rows {
		if w, ok := want[r.Policy]; ok && !reflect.DeepEqual(r, w) {
			t.Errorf("%s: got %+v, want %+v", r.Policy, r, w)
		}
	}
	if got := set.Shaped("screen-lock", nil); !slices.Equal(got, []string{"ScreenLockMinutes"}) {
		t.Errorf("screen-lock shaped by %v", got)
	}
	if got := set.Shaped("os-updates", []string{"update_days"}); len(got) != 0 {
		t.Errorf("os-updates shaped by %v, though the person chose the days", got)
	}
	if e := set.Export(); e.ResultsDir != "" || e.PrometheusDir == "" {
		t.Errorf("export %+v: a recommended export must not count", e)
	}
}

// TestSecuritiesAreWiFis: the security names a policy accepts are the
// Wi-Fi check's.
func TestSecuritiesAreWiFis(t *testing.T) {
	want := []string{string(wifi.Open), string(wifi.OWE), string(wifi.WEP), string(wifi.WPATKIP), string(wifi.WPA2Personal), string(wifi.WPA3Personal), string(wifi.Enterprise)}
	if !slices.Equal(Securities, want) {
		t.Errorf("policy accepts %v, the Wi-Fi check has %v", Securities, want)
	}
}
