package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsScreenLockThroughSleep runs under Wine (scripts/wine-test):
// the registry as a Windows 11 laptop keeps it out of the box (no screen
// saver; display off after 5 minutes, sleep after 15, sign-in on waking)
// is written into the real registry, and the screen-lock check reads it
// from there. Such a PC locks, through sleep, after 15 minutes: not
// critical, and the advice is Windows' way to make it sooner.
func TestWindowsScreenLockThroughSleep(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes power plans into HKLM: run under Wine")
	}
	laptop := win11Laptop()
	for _, name := range []string{"ScreenSaveActive", "ScreenSaverIsSecure", "SCRNSAVE.EXE", "ScreenSaveTimeOut"} {
		laptop[WinDesktopKey+`\`+name] = nil
	}
	writeRegistry(t, laptop)
	r := (&ScreenLock{Sys: host.Local()}).Run(context.Background())
	if r.Status != monitor.Warn || r.Advice != "screen-lock.slow" || r.Get("locks-through") == "" {
		t.Fatalf("a Windows 11 laptop as it comes: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ja"} {
		p := c.Printer(lang).On(i18n.SystemOf("windows", os.Getenv))
		finding := p.T(r.Finding.Key, r.Finding.Args)
		fix := p.T("advice."+r.Advice+".fix", nil)
		if !strings.Contains(finding, "15") || fix != c.Printer(lang).T("advice.screen-lock.slow.fix@windows", nil) {
			t.Errorf("%s: finding %q, fix %q: not Windows' own", lang, finding, fix)
		}
		t.Logf("%s: %s / %s", lang, finding, fix)
	}
}
