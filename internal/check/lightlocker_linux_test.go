package check

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"testing/fstest"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestScreenLockLightLocker reads light-locker, which locks stock Debian
// 12's Xfce session, with the real gsettings and its installed schema
// (apps.light-locker) on a private bus, and xfce4-power-manager's blank
// time from its channel's file: judged by the same rules as every other
// locker, not "unknown".
func TestScreenLockLightLocker(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "XFCE")
	s.Activatable(t, "org.xfce.Xfconf")
	testenv.Require(t, "xfconf-query")
	if _, err := os.Stat("/usr/share/glib-2.0/schemas/apps.light-locker.gschema.xml"); err != nil {
		testenv.Unavailable(t, "light-locker's GSettings schema is not installed (scripts/deps test installs light-locker): %v", err)
	}
	fsys := fstest.MapFS{"usr/bin/light-locker": {}}
	sys := realDesktop(t, s, fsys)
	// xfconfd, on the session's bus, is where Xfce keeps it: set there.
	blank := func(t *testing.T, minutes string) {
		args := []string{"-c", "xfce4-power-manager", "-p", "/xfce4-power-manager/blank-on-ac"}
		if minutes == "" {
			cmd := exec.Command("xfconf-query", append(args, "-r")...)
			cmd.Env = s.Env
			cmd.Run()
			return
		}
		s.Run(t, "xfconf-query", append(args, "--create", "-t", "int", "-s", minutes)...)
	}
	check := &ScreenLock{Sys: sys}
	steps := []struct {
		name   string
		set    []string // gsettings set apps.light-locker arguments
		blank  string   // blank-on-ac, "" for not set
		want   monitor.Status
		advice string
	}{
		{"defaults: blank after 10 minutes, lock 5 s later", nil, "", monitor.Warn, "screen-lock.light-locker"},
		{"blank after 4 minutes", nil, "4", monitor.OK, "screen-lock"},
		{"late locking still locks", []string{"late-locking", "true"}, "4", monitor.OK, "screen-lock"},
		{"lock a minute after blanking", []string{"lock-after-screensaver", "60"}, "4", monitor.OK, "screen-lock"},
		{"lock five minutes after blanking", []string{"lock-after-screensaver", "300"}, "4", monitor.Warn, "screen-lock.light-locker"},
		{"never blanks", []string{"lock-after-screensaver", "5"}, "0", monitor.Critical, "screen-lock.light-locker"},
		{"locking after the screensaver off", []string{"lock-after-screensaver", "0"}, "4", monitor.Critical, "screen-lock.light-locker"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.set != nil {
				s.Run(t, "gsettings", append([]string{"set", "apps.light-locker"}, st.set...)...)
			}
			blank(t, st.blank)
			r := check.Run(context.Background())
			if r.Status != st.want || r.Advice != st.advice {
				t.Errorf("%s/%s, want %s/%s: %v %v", r.Status, r.Advice, st.want, st.advice, r.Finding, r.Evidence)
			}
			// Xfce's screensaver fix changes nothing light-locker reads:
			// no *Fix it* that leads nowhere (found on a trial).
			if Fixes(Deps{}).Offered(s.Getenv, r) {
				t.Errorf("Fix it offered for light-locker's %s", r.Status)
			}
		})
	}
}
