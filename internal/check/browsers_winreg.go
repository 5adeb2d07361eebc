package check

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
)

// winBrowser is where a Windows browser keeps its version, its updater's
// record and the policies that turn its updater off.
type winBrowser struct {
	id, name string
	// version: registry keys (HKLM, HKCU, 32-bit view) and the value that
	// holds the version last installed.
	versionKeys []string
	versionName string
	// updater: the updater's client key for the browser, whose "opv"
	// value appears when an update is installed beside a browser still
	// running (the old version stays until it restarts).
	updaterKeys []string
	// policies that turn updates off: key, value, and the value that means
	// off.
	offPolicies []winPolicy
}

type winPolicy struct {
	key, name string
	off       uint64
}

const (
	chromeApp = "{8A69D345-D564-463c-AFF1-A69D9E530F96}"
	edgeApp   = "{56EB18F8-B008-4CBD-B6D2-8C97FE7E9062}"
	braveApp  = "{AFE6A462-C574-4B8A-AF43-4CC60DF4563B}"
)

// winBrowsers: Chrome, Edge and Brave (Google's, Microsoft's and Brave's
// Omaha updaters keep the same record), Vivaldi (its version), Firefox (its
// own updater, its policy). Opera records its version only in its
// uninstaller's entry: not read yet.
var winBrowsers = []winBrowser{
	{
		id: "chrome", name: "Google Chrome",
		versionKeys: []string{`HKCU\SOFTWARE\Google\Chrome\BLBeacon`, `HKLM\SOFTWARE\Google\Chrome\BLBeacon`},
		versionName: "version",
		updaterKeys: []string{`HKLM\SOFTWARE\WOW6432Node\Google\Update\Clients\` + chromeApp, `HKLM\SOFTWARE\Google\Update\Clients\` + chromeApp, `HKCU\SOFTWARE\Google\Update\Clients\` + chromeApp},
		offPolicies: []winPolicy{
			{`HKLM\SOFTWARE\Policies\Google\Update`, "Update" + chromeApp, 0},
			{`HKLM\SOFTWARE\Policies\Google\Update`, "UpdateDefault", 0},
			{`HKLM\SOFTWARE\Policies\Google\Update`, "AutoUpdateCheckPeriodMinutes", 0},
		},
	},
	{
		id: "edge", name: "Microsoft Edge",
		versionKeys: []string{`HKCU\SOFTWARE\Microsoft\Edge\BLBeacon`, `HKLM\SOFTWARE\Microsoft\Edge\BLBeacon`},
		versionName: "version",
		updaterKeys: []string{`HKLM\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\` + edgeApp, `HKLM\SOFTWARE\Microsoft\EdgeUpdate\Clients\` + edgeApp},
		offPolicies: []winPolicy{
			{`HKLM\SOFTWARE\Policies\Microsoft\EdgeUpdate`, "Update" + edgeApp, 0},
			{`HKLM\SOFTWARE\Policies\Microsoft\EdgeUpdate`, "UpdateDefault", 0},
		},
	},
	{
		// Brave's updater is Omaha, as Chrome's, under its own name.
		id: "brave", name: "Brave",
		versionKeys: []string{`HKCU\SOFTWARE\BraveSoftware\Brave-Browser\BLBeacon`, `HKLM\SOFTWARE\BraveSoftware\Brave-Browser\BLBeacon`},
		versionName: "version",
		updaterKeys: []string{`HKLM\SOFTWARE\WOW6432Node\BraveSoftware\Update\Clients\` + braveApp, `HKLM\SOFTWARE\BraveSoftware\Update\Clients\` + braveApp, `HKCU\SOFTWARE\BraveSoftware\Update\Clients\` + braveApp},
		offPolicies: []winPolicy{
			{`HKLM\SOFTWARE\Policies\BraveSoftware\Update`, "Update" + braveApp, 0},
			{`HKLM\SOFTWARE\Policies\BraveSoftware\Update`, "UpdateDefault", 0},
			{`HKLM\SOFTWARE\Policies\BraveSoftware\Update`, "AutoUpdateCheckPeriodMinutes", 0},
		},
	},
	{
		// Vivaldi updates itself with its own notifier: only the version
		// is recorded where Chromium records it.
		id: "vivaldi", name: "Vivaldi",
		versionKeys: []string{`HKCU\SOFTWARE\Vivaldi\BLBeacon`, `HKLM\SOFTWARE\Vivaldi\BLBeacon`},
		versionName: "version",
	},
	{
		id: "firefox", name: "Firefox",
		versionKeys: []string{`HKLM\SOFTWARE\Mozilla\Mozilla Firefox`, `HKLM\SOFTWARE\WOW6432Node\Mozilla\Mozilla Firefox`, `HKCU\SOFTWARE\Mozilla\Mozilla Firefox`},
		versionName: "CurrentVersion",
		offPolicies: []winPolicy{{`HKLM\SOFTWARE\Policies\Mozilla\Firefox`, "DisableAppUpdate", 1}},
	},
}

// winBrowserFacts is what the registry says of the browsers installed.
type winBrowserFacts struct {
	Installed  []installedBrowser
	Stale      []staleProcess
	UpdaterOff []string // browsers whose updates a policy turns off
}

// windowsBrowsers reads the browsers' versions, staged updates and update
// policies from the registry.
func windowsBrowsers(reg host.Registry) (winBrowserFacts, error) {
	var f winBrowserFacts
	if reg == nil {
		return f, errors.New("no registry to read")
	}
	for _, b := range winBrowsers {
		version, found, err := firstString(reg, b.versionKeys, b.versionName)
		if err != nil {
			return f, err
		}
		if !found {
			continue
		}
		// Firefox writes "128.0.3 (x64 en-US)".
		version, _, _ = strings.Cut(version, " ")
		ib := installedBrowser{Version: version, Via: "registry"}
		ib.ID, ib.Name = b.id, b.name
		f.Installed = append(f.Installed, ib)
		if old, staged, err := firstString(reg, b.updaterKeys, "opv"); err != nil {
			return f, err
		} else if staged {
			f.Stale = append(f.Stale, staleProcess{Browser: b.name, Why: "an update is installed beside version " + old + ", which is still running"})
		}
		for _, pol := range b.offPolicies {
			v, err := reg.Uint(pol.key, pol.name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return f, err
			}
			if v == pol.off {
				f.UpdaterOff = append(f.UpdaterOff, b.name)
				break
			}
		}
	}
	return f, nil
}

// firstString reads name from the first of keys that has it.
func firstString(reg host.Registry, keys []string, name string) (string, bool, error) {
	for _, k := range keys {
		v, err := reg.String(k, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", false, err
		}
		return strings.TrimSpace(v), true, nil
	}
	return "", false, nil
}
