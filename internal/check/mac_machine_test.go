package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/wifi"
)

// TestDarwinRecordedMac runs every darwin reader on a recorded Mac
// (testdata/darwin/macbook-sonoma: its programs' answers, its files, its
// processes), as the checks' system, and judges each as its check's Run
// does on a Mac. Nothing here has run on a real Mac: the answers are
// built from the documented formats (testdata/darwin/README.md).
func TestDarwinRecordedMac(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/darwin/macbook-sonoma")); err != nil {
		t.Fatal(err)
	}
	// XProtect's definitions were written ten days before the clock.
	xp := filepath.Join(dir, "fs/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist")
	if err := os.Chtimes(xp, macNow.Add(-240*time.Hour), macNow.Add(-240*time.Hour)); err != nil {
		t.Fatal(err)
	}
	sys := macSystem(t, dir)
	ctx := context.Background()
	browsers, _ := catalog.Browsers()
	products, _ := catalog.AntivirusProducts()
	remote, _ := catalog.RemoteTools()
	sites, _ := catalog.SiteList()
	roots, _ := catalog.SecurityRoots()
	managers, _ := catalog.PasswordManagers()
	public, err := wifi.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	no := func() bool { return false }

	results := map[string]monitor.Result{
		"wifi":        (&WiFi{Source: &wifi.SystemProfiler{Cmd: sys.Cmd}, Public: public}).Run(ctx),
		"screen-lock": judgeMac(readMacLock(ctx, sys))(judgeLock, "screen-lock"),
		"idle-power":  judgeMac(readMacPower(ctx, sys))(judgePower, "idle-power"),
		"os-updates": judgeMac(readMacUpdates(ctx, sys))(func(r updatesReport) monitor.Result {
			return judgeUpdates(r, sys.Now())
		}, "os-updates"),
		"browser-updates": judgeMac(readMacBrowsers(ctx, sys, browsers))(func(f browserFacts) monitor.Result {
			return judgeBrowsers(f, browsers)
		}, "browser-updates"),
		"antivirus": judgeMac(readMacAntivirus(ctx, sys, products))(func(f avFacts) monitor.Result {
			return judgeAntivirus(f, sys.Now())
		}, "antivirus"),
		"firewall":        judgeMac(readMacFirewall(ctx, sys))(judgeFirewall, "firewall"),
		"disk-encryption": judgeMac(readMacDisks(ctx, sys))(judgeDisks, "disk-encryption"),
		"remote-control": func() monitor.Result {
			procs, _ := sys.Procs.Processes(ctx)
			ls, err := macRemoteListeners(ctx, sys)
			return judgeRemote(remoteFacts{Scanned: len(procs), Procs: procs, Listeners: ls, ListenersRead: err == nil}, remote, nil)
		}(),
		"site-redirects": judgeMac(readMacRedirects(ctx, sys))(func(f redirectFacts) monitor.Result {
			f.Security = securityRoots(f.Certs, roots)
			return judgeRedirects(f, sites)
		}, "site-redirects"),
		"password-manager": judgeMac(readMacPasswordManagers(ctx, sys, managers))(func(f pmFacts) monitor.Result {
			return judgePasswordManager(f, managers)
		}, "password-manager"),
		"browser-passwords": judgeMac(readMacAutofill(ctx, sys))(func(f autofillFacts) monitor.Result {
			f.Shared = no()
			return judgeAutofill(f)
		}, "browser-passwords"),
		"app-sources": judgeMac(readGatekeeper(ctx, sys))(judgeSources, "app-sources"),
		// Its reader is the one every Unix has (pwfiles_unix.go): the
		// check itself runs.
		"password-files": (&PasswordFiles{Sys: sys, ReadContents: no}).Run(ctx),
	}
	want := map[string]struct {
		status  monitor.Status
		finding string
	}{
		"wifi":              {monitor.OK, "finding.wifi.ok"},
		"screen-lock":       {monitor.OK, "finding.screen-lock.ok"},
		"idle-power":        {monitor.OK, "finding.idle-power.ok"},
		"os-updates":        {monitor.Critical, "finding.os-updates.security"},
		"browser-updates":   {monitor.Warn, "finding.browser-updates.pending"},
		"antivirus":         {monitor.OK, "finding.antivirus.ok"},
		"firewall":          {monitor.Warn, "finding.firewall.off"},
		"disk-encryption":   {monitor.OK, "finding.disk-encryption.ok"},
		"remote-control":    {monitor.Warn, "finding.remote-control.listening"},
		"site-redirects":    {monitor.Warn, "finding.site-redirects.certificates"},
		"password-manager":  {monitor.OK, "finding.password-manager.running"}, // 1Password runs
		"browser-passwords": {monitor.NotApplicable, "finding.browser-passwords.no-browser"},
		"app-sources":       {monitor.OK, "finding.app-sources.darwin-checked"},
		"password-files":    {monitor.Warn, "finding.password-files.found"},
	}
	ids, err := Build(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(want) {
		t.Fatalf("%d checks, %d expected verdicts: a check has no darwin verdict here", len(ids), len(want))
	}
	for _, c := range ids {
		id := c.Spec().ID
		t.Run(id, func(t *testing.T) {
			r, w := results[id], want[id]
			if r.Status != w.status || r.Finding.Key != w.finding {
				t.Errorf("%s: got %s %v\n%v\nwant %s %s", id, r.Status, r.Finding, r.Evidence, w.status, w.finding)
			}
		})
	}
}

// Every check a Mac can fix in System Settings opens its pane there.
func TestDarwinPages(t *testing.T) {
	for id, want := range map[string]string{
		"screen-lock":     "x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension",
		"idle-power":      "x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension", // where every Mac sleep advice starts
		"os-updates":      "x-apple.systempreferences:com.apple.Software-Update-Settings.extension",
		"wifi":            "x-apple.systempreferences:com.apple.wifi-settings-extension",
		"firewall":        "x-apple.systempreferences:com.apple.Network-Settings.extension?Firewall",
		"disk-encryption": "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?FileVault",
		"app-sources":     "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?Security",
		"remote-control":  "x-apple.systempreferences:com.apple.Sharing-Settings.extension",
	} {
		p, ok := osprefs.For(Pages(id), "darwin", "")
		if !ok || p.Program != command.MacOpen || len(p.Args) != 1 || p.Args[0] != want {
			t.Errorf("%s: %+v %v, want open %s", id, p, ok, want)
		}
	}
}
