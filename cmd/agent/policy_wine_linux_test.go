package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/report"
)

// TestPolicyUnderWine: values written with Windows' own reg.exe under the
// Policies keys, as Group Policy writes them, change the effective
// settings: `mamori policy show` names them with their key, the machine's
// winning over the user's; the screen-lock check's threshold follows
// them, and `check --json` says the policy shaped that verdict.
func TestPolicyUnderWine(t *testing.T) {
	w := newWine(t)
	dir := t.TempDir()
	agent := buildWindows(t, dir, "mamori.exe", ".")
	buildWindows(t, dir, "mamori-worker.exe", "../worker")

	const (
		hklm    = `HKLM\SOFTWARE\Policies\Mamori`
		hkcu    = `HKCU\SOFTWARE\Policies\Mamori`
		desktop = `HKCU\Control Panel\Desktop`
	)
	reg := func(args ...string) { w.run(t, append([]string{"reg"}, args...)...) }
	// A screen saver that locks after 4 minutes: within Mamori's 5.
	for name, value := range map[string]string{"ScreenSaveActive": "1", "ScreenSaverIsSecure": "1", "SCRNSAVE.EXE": w.blankSaver(t), "ScreenSaveTimeOut": "240"} {
		reg("add", desktop, "/v", name, "/t", "REG_SZ", "/d", value, "/f")
	}
	t.Cleanup(func() {
		for _, name := range []string{"ScreenSaveActive", "ScreenSaverIsSecure", "SCRNSAVE.EXE", "ScreenSaveTimeOut"} {
			exec.Command(w.exec, "reg", "delete", desktop, "/v", name, "/f").Run()
		}
		exec.Command(w.exec, "reg", "delete", hklm, "/f").Run()
		exec.Command(w.exec, "reg", "delete", hkcu, "/f").Run()
	})

	screenLock := func(t *testing.T) report.Check {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		out, err := w.command(ctx, agent, "check", "--json").Output()
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || !report.IsVerdict(ee.ExitCode())) {
			t.Fatalf("check: %v\n%s", err, out)
		}
		var doc report.Document
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("check --json: %v\n%s", err, out)
		}
		for _, c := range doc.Checks {
			if c.ID == "screen-lock" {
				return c
			}
		}
		t.Fatalf("no screen-lock in %s", out)
		return report.Check{}
	}
	if c := screenLock(t); c.Status != "ok" || len(c.Policy) != 0 {
		t.Fatalf("without a policy: screen-lock %s, policy %v (%s)", c.Status, c.Policy, c.Finding)
	}

	// The machine says 3 minutes, the user's key 10: the machine wins.
	reg("add", hklm, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "3", "/f")
	reg("add", hkcu, "/v", "ScreenLockMinutes", "/t", "REG_DWORD", "/d", "10", "/f")
	reg("add", hklm+`\Checks`, "/v", "wifi", "/t", "REG_SZ", "/d", "off", "/f")
	reg("add", hkcu+`\Recommended`, "/v", "UpdateDays", "/t", "REG_DWORD", "/d", "3", "/f")
	reg("add", hklm+`\TrustedNetworks`, "/v", "1", "/t", "REG_SZ", "/d", `{"ssid":"Office","security":"enterprise"}`, "/f")
	reg("add", hklm, "/v", "NotificationsPerHour", "/t", "REG_DWORD", "/d", "900", "/f")

	out := w.run(t, agent, "policy", "show", "--json")
	var doc struct {
		Policies []policy.Row
		Problems []string
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("policy show --json: %v\n%s", err, out)
	}
	rows := map[string]policy.Row{}
	for _, r := range doc.Policies {
		rows[r.Policy] = r
	}
	for name, want := range map[string]policy.Row{
		"ScreenLockMinutes":    {Policy: "ScreenLockMinutes", Value: float64(3), Source: policy.FromManaged, Where: hklm, Locked: true},
		"UpdateDays":           {Policy: "UpdateDays", Value: float64(3), Source: policy.FromRecommended, Where: hkcu + `\Recommended`},
		"NotificationsPerHour": {Policy: "NotificationsPerHour", Value: float64(4), Source: policy.FromDefault},
	} {
		if got := rows[name]; got.Policy != want.Policy || got.Value != want.Value || got.Source != want.Source || got.Where != want.Where || got.Locked != want.Locked {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	if r := rows["Checks"]; r.Source != policy.FromManaged || r.Where != hklm+`\Checks` {
		t.Errorf("Checks: %+v", r)
	}
	if r := rows["TrustedNetworks"]; r.Source != policy.FromManaged {
		t.Errorf("TrustedNetworks: %+v", r)
	}
	if len(doc.Problems) != 1 {
		t.Errorf("problems %v, want the one about 900 notifications an hour", doc.Problems)
	}
	t.Logf("mamori policy show:\n%s", w.run(t, agent, "policy", "show"))

	// The threshold follows: 4 minutes is now too long.
	c := screenLock(t)
	if c.Status != "warn" || !slices.Contains(c.Policy, "ScreenLockMinutes") {
		t.Errorf("with the policy: screen-lock %s, policy %v (%s)", c.Status, c.Policy, c.Finding)
	}
}
