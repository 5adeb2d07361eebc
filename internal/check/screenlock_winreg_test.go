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
			p, err := windowsLock(tt.reg, blankInstalled(), true)
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
	if _, err := windowsLock(bad, blankInstalled(), true); err == nil || !strings.Contains(err.Error(), "ScreenSaveTimeOut") {
		t.Errorf("a timeout that is not a number: %v", err)
	}
	if p, _ := windowsLock(withInactivity, blankInstalled(), true); p.Idle != 4*time.Minute {
		t.Errorf("inactivity limit: idle %v", p.Idle)
	}
}

// win11Laptop is the registry as a Windows 11 laptop keeps it out of the
// box: no screen saver, the Balanced plan with the display off after 5
// minutes and sleep after 15, on mains and on battery, and the sign-in
// asked for on waking. The values are the person's own under the plan, as
// Settings → System → Power & battery writes them (REG_DWORD seconds).
func win11Laptop() host.MapRegistry {
	r := balanced()
	for _, src := range []string{"ACSettingIndex", "DCSettingIndex"} {
		override(r, winVideoGroup, winVideoIdle, src, 300)
		override(r, winSleepGroup, winStandbyIdle, src, 900)
	}
	return r
}

func TestWindowsLockThroughSleep(t *testing.T) {
	with := func(r host.MapRegistry, kv ...any) host.MapRegistry {
		for i := 0; i+1 < len(kv); i += 2 {
			r[kv[i].(string)] = kv[i+1]
		}
		return r
	}
	policy := func(setting, src string) string { return winPowerPolicy + `\` + setting + `\` + src }
	const blank = `C:\Windows\system32\scrnsave.scr`
	for _, tt := range []struct {
		name     string
		reg      host.MapRegistry
		battery  bool
		want     monitor.Status
		advice   string
		finding  string
		minutes  any
		evidence map[string]string
	}{
		{"a Windows 11 laptop as it comes", win11Laptop(), true, monitor.Warn, "screen-lock.slow", "finding.screen-lock.slow-sleep", 15,
			map[string]string{"locks-through": "sleep, sign-in on wake", "display-off-on-ac": "5m0s", "sleep-on-battery": "15m0s", "sign-in-on-wake": "true", "screen-saver": "false"}},
		{"sleep after 5 minutes", override(override(win11Laptop(), winSleepGroup, winStandbyIdle, "ACSettingIndex", 300), winSleepGroup, winStandbyIdle, "DCSettingIndex", 300), true, monitor.OK, "screen-lock", "finding.screen-lock.ok-sleep", 5, nil},
		{"the slowest source counts", override(win11Laptop(), winSleepGroup, winStandbyIdle, "DCSettingIndex", 120), true, monitor.Warn, "screen-lock.slow", "finding.screen-lock.slow-sleep", 15, nil},
		{"no battery: only mains counts", override(override(win11Laptop(), winSleepGroup, winStandbyIdle, "ACSettingIndex", 240), winSleepGroup, winStandbyIdle, "DCSettingIndex", 0), false, monitor.OK, "screen-lock", "finding.screen-lock.ok-sleep", 4, nil},
		{"never sleeps on battery", override(override(win11Laptop(), winSleepGroup, winStandbyIdle, "DCSettingIndex", 0), winSleepGroup, winHibernateIdle, "DCSettingIndex", 0), true, monitor.Critical, "screen-lock.windows", "finding.screen-lock.off", nil, nil},
		{"wakes without the sign-in", override(win11Laptop(), winNoSubgroup, winConsoleLock, "ACSettingIndex", 0), true, monitor.Critical, "screen-lock.windows", "finding.screen-lock.off", nil,
			map[string]string{"sign-in-on-wake": "false"}},
		{"a policy asks for the sign-in", with(override(win11Laptop(), winNoSubgroup, winConsoleLock, "ACSettingIndex", 0), policy(winConsoleLock, "ACSettingIndex"), uint64(1)), true, monitor.Warn, "screen-lock.slow", "finding.screen-lock.slow-sleep", 15, nil},
		{"a policy sets sleep after 3 minutes", with(win11Laptop(), policy(winStandbyIdle, "ACSettingIndex"), uint64(180), policy(winStandbyIdle, "DCSettingIndex"), uint64(180)), true, monitor.OK, "screen-lock", "finding.screen-lock.ok-sleep", 3, nil},
		{"a screen saver locks sooner", with(win11Laptop(), WinDesktopKey+`\ScreenSaveActive`, "1", WinDesktopKey+`\ScreenSaverIsSecure`, "1", WinDesktopKey+`\SCRNSAVE.EXE`, blank, WinDesktopKey+`\ScreenSaveTimeOut`, "300"), true, monitor.OK, "screen-lock", "finding.screen-lock.ok", 5, nil},
		{"sleep locks sooner than the screen saver", with(win11Laptop(), WinDesktopKey+`\ScreenSaveActive`, "1", WinDesktopKey+`\ScreenSaverIsSecure`, "1", WinDesktopKey+`\SCRNSAVE.EXE`, blank, WinDesktopKey+`\ScreenSaveTimeOut`, "1800"), true, monitor.Warn, "screen-lock.slow", "finding.screen-lock.slow-sleep", 15, nil},
		{"Dynamic Lock is noted, not counted", with(win11Laptop(), winWinlogonKey+`\`+winDynamicLock, uint64(1)), true, monitor.Warn, "screen-lock.slow", "finding.screen-lock.slow-sleep", 15,
			map[string]string{"dynamic-lock": "true"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := windowsLock(tt.reg, blankInstalled(), tt.battery)
			if err != nil {
				t.Fatal(err)
			}
			r := judgeLock(p)
			if r.Status != tt.want || r.Advice != tt.advice || r.Finding.Key != tt.finding || r.Finding.Args["Minutes"] != tt.minutes {
				t.Errorf("got %s/%s %v, want %s/%s %s %v min; evidence %v", r.Status, r.Advice, r.Finding, tt.want, tt.advice, tt.finding, tt.minutes, r.Evidence)
			}
			for k, v := range tt.evidence {
				if got := r.Get(k); got != v {
					t.Errorf("evidence %s = %q, want %q", k, got, v)
				}
			}
		})
	}
	// A plan whose values cannot be read: with no screen saver either,
	// Mamori cannot tell how the PC locks.
	noValues := host.MapRegistry{winPowerSchemes + `\ActivePowerScheme`: "{381B4222-F694-41F0-9685-FF5BB260DF2E}"}
	if _, err := windowsLock(noValues, blankInstalled(), true); err == nil {
		t.Error("a plan without values and no screen saver: no error")
	}
	// With a screen saver that locks, the verdict stands on it.
	withSaver := desktopValues("1", "1", blank, "300")
	withSaver[winPowerSchemes+`\ActivePowerScheme`] = "{381B4222-F694-41F0-9685-FF5BB260DF2E}"
	if p, err := windowsLock(withSaver, blankInstalled(), true); err != nil || judgeLock(p).Status != monitor.OK || !strings.HasPrefix(judgeLock(p).Get("sleep"), "could not tell") {
		t.Errorf("screen saver and an unreadable plan: %v %v", judgeLock(p), err)
	}
}
