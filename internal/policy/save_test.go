package policy

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/config"
)

// personsFile writes the person's settings file and returns its path.
func personsFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "settings.json")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// ssids are the names of the networks.
func ssids(ns []config.TrustedNetwork) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.SSID)
	}
	return out
}

// TestTrustUnderAPolicyKeepsThePersonsNetworks: Trust this network (the
// agent's Store.Update with Settings.Trust) while a policy sets
// TrustedNetworks. A managed list is locked: the trust is refused and
// the person's file is left byte for byte; the effective list is the
// managed one. A recommended list gives way to the person's own: the
// network is added to the person's list, and the organisation's is not
// copied in. (Red team, session 3, finding 2: the managed list was
// written into the file and the person's Home was lost.)
func TestTrustUnderAPolicyKeepsThePersonsNetworks(t *testing.T) {
	const file = `{"trusted_networks": [{"ssid": "Home", "security": "wpa3-personal"}]}`
	for _, tc := range []struct {
		level                   Level
		refused                 bool
		wantFile, wantEffective []string
	}{
		{Managed, true, []string{"Home"}, []string{"Office"}},
		{Recommended, false, []string{"Home", "Cafe"}, []string{"Home", "Cafe"}},
	} {
		t.Run(tc.level.String(), func(t *testing.T) {
			dir := policyRoot(t)
			writePolicy(t, dir, tc.level, "p.json", `{"TrustedNetworks": [{"ssid": "Office", "security": "wpa2-personal"}]}`)
			person := personsFile(t, file)
			store := config.Store{Path: person, Policy: Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read}}
			st, err := store.Update(func(st *config.Settings) { st.Trust(config.NewTrusted([]byte("Cafe"), "wpa2-personal", "")) })
			if refused := errors.Is(err, config.ErrLocked); refused != tc.refused {
				t.Errorf("refused %v (err %v), want %v", refused, err, tc.refused)
			}
			data, _ := os.ReadFile(person)
			if tc.refused && string(data) != file {
				t.Errorf("the person's file changed:\n%s", data)
			}
			own, _ := config.Store{Path: person}.Load()
			if got := ssids(own.TrustedNetworks); !slices.Equal(got, tc.wantFile) {
				t.Errorf("the person's file trusts %v, want %v:\n%s", got, tc.wantFile, data)
			}
			if got := ssids(st.TrustedNetworks); !slices.Equal(got, tc.wantEffective) {
				t.Errorf("in effect after the trust: %v, want %v", got, tc.wantEffective)
			}
			if again, _ := store.Load(); !slices.Equal(ssids(again.TrustedNetworks), tc.wantEffective) {
				t.Errorf("in effect when read again: %v, want %v", ssids(again.TrustedNetworks), tc.wantEffective)
			}
		})
	}
}

// TestWindowSaveUnderManagedChecks: the settings window shows the
// effective settings; the person turns off one check the policy does not
// lock and saves (config.Edits). Only that goes into the person's file:
// not the policy's wifi: off, and not the loss of the person's own
// firewall: off that a required firewall overrides. Once the policy is
// lifted, the person's own choices are what is in effect. (Red team,
// session 3, finding 2.)
func TestWindowSaveUnderManagedChecks(t *testing.T) {
	for _, tc := range []struct {
		name, policy, file      string
		wantFile, wantEffective []string
	}{
		{"off, file sets the list", `{"Checks": {"wifi": "off"}}`, `{"disabled_checks": []}`, []string{"browsers"}, []string{"wifi", "browsers"}},
		{"off, file without the list", `{"Checks": {"wifi": "off"}}`, `{}`, []string{"browsers"}, []string{"wifi", "browsers"}},
		{"required over the person's off", `{"Checks": {"firewall": "required"}}`, `{"disabled_checks": ["firewall"]}`, []string{"firewall", "browsers"}, []string{"browsers"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := policyRoot(t)
			writePolicy(t, dir, Managed, "p.json", tc.policy)
			person := personsFile(t, tc.file)
			store := config.Store{Path: person, Policy: Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read}}
			orig, err := store.Load() // the window opens
			if err != nil {
				t.Fatal(err)
			}
			edit := orig
			edit.DisabledChecks = append(slices.Clone(orig.DisabledChecks), "browsers")
			st, err := store.Update(config.Edits(orig, edit))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(person)
			own, _ := config.Store{Path: person}.Load()
			if !slices.Equal(own.DisabledChecks, tc.wantFile) {
				t.Errorf("the person's file turns off %v, want %v:\n%s", own.DisabledChecks, tc.wantFile, data)
			}
			if !sameSet(st.DisabledChecks, tc.wantEffective) {
				t.Errorf("off in effect after the save: %v, want %v", st.DisabledChecks, tc.wantEffective)
			}
			// The policy is lifted: the person's own choices are in effect.
			os.Remove(filepath.Join(dir, "managed", "p.json"))
			if lifted, _ := store.Load(); !slices.Equal(lifted.DisabledChecks, tc.wantFile) {
				t.Errorf("off once the policy is lifted: %v, want %v", lifted.DisabledChecks, tc.wantFile)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestSaveWithoutChangeUnderPolicyLeavesTheFile: with managed and
// recommended policy in force, the settings window opens and is saved
// with nothing changed: the person's file is byte for byte as it was
// (its spacing, an unknown field, values the policy overrides). A save
// that changes one thing writes that field alone.
func TestSaveWithoutChangeUnderPolicyLeavesTheFile(t *testing.T) {
	dir := policyRoot(t)
	writePolicy(t, dir, Managed, "m.json", `{"Checks": {"wifi": "off", "firewall": "required"}, "TrustedNetworks": [{"ssid": "Office", "security": "enterprise"}], "ScreenLockMinutes": 3}`)
	writePolicy(t, dir, Recommended, "r.json", `{"Checks": {"antivirus": "off"}, "Notifications": false, "QuietHoursEnabled": true, "AllowedRemoteTools": ["anydesk"]}`)
	const file = "{\"language\":\"ja\",  \"disabled_checks\": [\"firewall\"],\n\"trusted_networks\": [{\"ssid\": \"Home\", \"security\": \"wpa3-personal\"}],\n\"screen_lock_minutes\": 20, \"future_field\": {\"x\": 1}}\n"
	person := personsFile(t, file)
	store := config.Store{Path: person, Policy: Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read}}
	orig, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Update(config.Edits(orig, orig)); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(person); !bytes.Equal(data, []byte(file)) {
		t.Errorf("a save with no change rewrote the file:\n%s", data)
	}

	// One change: the interval. Everything else the file holds is the same.
	edit := orig
	edit.IntervalMinutes = 30
	if _, err := store.Update(config.Edits(orig, edit)); err != nil {
		t.Fatal(err)
	}
	got, _ := config.Store{Path: person}.Load()
	want, _ := config.Store{Path: personsFile(t, file)}.Load()
	want.IntervalMinutes = 30
	if !equalSettings(got, want) {
		t.Errorf("the person's file after changing the interval:\n got %+v\nwant %+v", got, want)
	}
	for _, field := range []string{"notifications", "quiet_hours", "expected_remote_tools"} {
		if slices.Contains(config.Store{Path: person}.Fields(), field) {
			t.Errorf("the recommended %s was written into the person's file", field)
		}
	}
}

func equalSettings(a, b config.Settings) bool {
	return slices.Equal(a.DisabledChecks, b.DisabledChecks) && slices.Equal(a.TrustedNetworks, b.TrustedNetworks) &&
		a.Language == b.Language && a.ScreenLockMinutes == b.ScreenLockMinutes && a.IntervalMinutes == b.IntervalMinutes &&
		a.Notifications == b.Notifications && a.QuietHours == b.QuietHours && slices.Equal(a.ExpectedRemoteTools, b.ExpectedRemoteTools)
}
