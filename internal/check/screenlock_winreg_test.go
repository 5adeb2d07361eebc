package check

import (
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// desktopValues are HKCU\Control Panel\Desktop's screen-saver values.
func desktopValues(active, secure, program, timeout string) host.MapRegistry {
	r := host.MapRegistry{}
	for name, v := range map[string]string{"ScreenSaveActive": active, "ScreenSaverIsSecure": secure, "SCRNSAVE.EXE": program, "ScreenSaveTimeOut": timeout} {
		if v != "-" {
			r[WinDesktopKey+`\`+name] = v
		}
	}
	return r
}

func TestWindowsLock(t *testing.T) {
	const blank = `C:\Windows\system32\scrnsave.scr`
	withPolicy := desktopValues("1", "1", blank, "300")
	withPolicy[WinDesktopPolicy+`\ScreenSaveActive`] = "0"
	withInactivity := desktopValues("0", "0", "-", "-")
	withInactivity[winInactivityKey+`\`+winInactivityName] = uint64(240)
	for _, tt := range []struct {
		name   string
		reg    host.MapRegistry
		want   monitor.Status
		advice string
	}{
		{"locks after 5 minutes", desktopValues("1", "1", blank, "300"), monitor.OK, "screen-lock"},
		{"no password on resume", desktopValues("1", "0", blank, "300"), monitor.Critical, "screen-lock.windows"},
		{"screen saver (None)", desktopValues("1", "1", "-", "300"), monitor.Critical, "screen-lock.windows"},
		{"after 15 minutes", desktopValues("1", "1", blank, "900"), monitor.Warn, "screen-lock.windows"},
		{"nothing set (a new account)", host.MapRegistry{}, monitor.Critical, "screen-lock.windows"},
		{"a policy turns it off", withPolicy, monitor.Critical, "screen-lock.managed"},
		{"the machine's inactivity limit locks", withInactivity, monitor.OK, "screen-lock"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := windowsLock(tt.reg)
			if err != nil {
				t.Fatal(err)
			}
			r := judgeLock(p)
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v, want %s/%s", r.Status, r.Advice, r.Evidence, tt.want, tt.advice)
			}
		})
	}
	bad := desktopValues("1", "1", blank, "ten minutes")
	if _, err := windowsLock(bad); err == nil || !strings.Contains(err.Error(), "ScreenSaveTimeOut") {
		t.Errorf("a timeout that is not a number: %v", err)
	}
	if p, _ := windowsLock(withInactivity); p.Idle != 4*time.Minute {
		t.Errorf("inactivity limit: idle %v", p.Idle)
	}
}
