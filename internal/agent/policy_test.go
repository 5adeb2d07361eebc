package agent

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/tray"
)

// TestPolicyShapesTheAgent: an organisation's managed policy reaches the
// agent's settings (and so the worker's): the threshold, the hourly cap,
// and a snooze the policy does not allow is refused.
func TestPolicyShapesTheAgent(t *testing.T) {
	for _, allowed := range []bool{true, false} {
		t.Run(map[bool]string{true: "snooze allowed", false: "snooze not allowed"}[allowed], func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "mamori", "policies")
			os.MkdirAll(filepath.Join(dir, "managed"), 0o755)
			body := `{"ScreenLockMinutes": 2, "NotificationsPerHour": 1, "SnoozeAllowed": false}`
			if allowed {
				body = `{"ScreenLockMinutes": 2, "NotificationsPerHour": 1}`
			}
			os.WriteFile(filepath.Join(dir, "managed", "corp.json"), []byte(body), 0o644)
			person := filepath.Join(t.TempDir(), "settings.json")
			os.WriteFile(person, []byte(`{"screen_lock_minutes": 30}`), 0o600)
			a := &Agent{
				Settings: config.Store{Path: person, Policy: policy.Channel{Read: policy.Files{Dir: dir, Owner: os.Getuid()}.Read}},
				Log:      logfmt.New(io.Discard),
			}
			a.loadSettings()
			if st := a.CurrentSettings(); st.ScreenLockMinutes != 2 || st.NotificationsPerHour != 1 {
				t.Errorf("settings %+v", st)
			}
			if a.policy.MaxPerHour != 1 {
				t.Errorf("hourly cap %d", a.policy.MaxPerHour)
			}
			a.onTray(tray.Event{Kind: tray.SnoozeHour})
			if snoozed := !a.policy.SnoozedUntil().IsZero(); snoozed != allowed {
				t.Errorf("snoozed %v, allowed %v", snoozed, allowed)
			}
		})
	}
}
