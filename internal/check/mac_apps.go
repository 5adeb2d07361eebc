package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"howett.net/plist"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// macBundleInfo is what an app's Contents/Info.plist says of it (Apple's
// Information Property List reference: CFBundleIdentifier,
// CFBundleShortVersionString).
type macBundleInfo struct {
	ID      string `plist:"CFBundleIdentifier"`
	Version string `plist:"CFBundleShortVersionString"`
}

// parseBundleInfo reads an Info.plist, XML or binary.
func parseBundleInfo(data []byte) (macBundleInfo, error) {
	var b macBundleInfo
	if _, err := plist.Unmarshal(data, &b); err != nil {
		return b, fmt.Errorf("reading Info.plist: %w", err)
	}
	return b, nil
}

// readBundle reads the Info.plist of the bundle at abs (an .app or a
// .bundle), and when it was last written.
func readBundle(sys host.System, abs string) (macBundleInfo, time.Time, error) {
	file := path.Join(abs, "Contents/Info.plist")
	data, err := sys.ReadFile(file)
	if err != nil {
		return macBundleInfo{}, time.Time{}, err
	}
	b, err := parseBundleInfo(data)
	if err != nil {
		return b, time.Time{}, fmt.Errorf("%s: %w", file, err)
	}
	var mod time.Time
	if fi, err := sys.Stat(file); err == nil {
		mod = fi.ModTime()
	}
	return b, mod, nil
}

// macApps are the apps a catalogue entry is installed as, in
// /Applications and the person's ~/Applications.
func macAppPaths(sys host.System, app string) []string {
	return []string{"/Applications/" + app, path.Join(sys.Home, "Applications", app)}
}

// macBrowserApps are the catalogue's browsers as their makers name the
// app on a Mac.
var macBrowserApps = map[string]string{
	"firefox": "Firefox.app", "chromium": "Chromium.app", "chrome": "Google Chrome.app",
	"edge": "Microsoft Edge.app", "brave": "Brave Browser.app", "vivaldi": "Vivaldi.app", "opera": "Opera.app",
}

// readMacBrowsers lists the browsers installed as apps with their
// versions. They update themselves; Safari is updated by Software Update,
// whose list says when an update waits.
func readMacBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser) (browserFacts, error) {
	f := browserFacts{SelfUpdating: true}
	for _, b := range browsers {
		app, ok := macBrowserApps[b.ID]
		if !ok {
			continue
		}
		for _, p := range macAppPaths(sys, app) {
			info, _, err := readBundle(sys, p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			ib := installedBrowser{Browser: b, Version: info.Version, Via: p}
			f.Installed = append(f.Installed, ib)
			break
		}
	}
	safari := catalog.Browser{ID: "safari", Name: "Safari"}
	if info, _, err := readBundle(sys, "/Applications/Safari.app"); err == nil {
		f.Installed = append(f.Installed, installedBrowser{Browser: safari, Package: "Safari", Version: info.Version, Via: "/Applications/Safari.app, updated with macOS"})
		if out, err := sys.Cmd.Run(ctx, command.Softwareupdate, "--list", "--no-scan"); err == nil {
			if pending, err := parseSoftwareUpdateList(out); err == nil {
				for _, p := range pending {
					if strings.HasPrefix(p.Name, "Safari") {
						f.SelfUpdating = false
						f.Updates.Pending = append(f.Updates.Pending, p)
					}
				}
			}
		}
	}
	return f, nil
}

// xprotectBundles are where XProtect's definitions are: the system's
// copy, and on macOS 15 the newer one XProtect keeps itself.
var xprotectBundles = []string{
	"/Library/Apple/System/Library/CoreServices/XProtect.bundle",
	"/private/var/protected/xprotect/XProtect.bundle",
	"/System/Library/CoreServices/XProtect.bundle", // macOS 10.14 and earlier
}

// xprotectMaxAge: Apple publishes XProtect's definitions every few
// weeks; two months without one means the Mac is not receiving them.
const xprotectMaxAge = 60 * 24 * time.Hour

// macAntivirusApps are third-party products as their apps are named.
var macAntivirusApps = map[string][]string{
	"eset":        {"ESET Endpoint Security.app", "ESET Cyber Security.app", "ESET Endpoint Antivirus.app"},
	"sophos":      {"Sophos/Sophos Endpoint.app", "Sophos Home.app"},
	"kaspersky":   {"Kaspersky Security.app", "Kaspersky Internet Security.app"},
	"trendmicro":  {"TrendMicroSecurity.app", "Trend Micro Antivirus.app"},
	"bitdefender": {"Bitdefender/Antivirus for Mac.app", "Endpoint Security for Mac.app"},
	"norton":      {"Norton 360.app", "Norton Security.app"},
	"mcafee":      {"McAfee LiveSafe - Internet Security.app", "McAfee Endpoint Security for Mac.app"},
	"avast":       {"Avast.app", "AVG AntiVirus.app"},
	"fsecure":     {"F-Secure.app", "WithSecure Elements Agent.app"},
	"defender":    {"Microsoft Defender.app"},
	"crowdstrike": {"Falcon.app"},
	"sentinelone": {"SentinelOne/SentinelOne Extensions.app"},
}

// readMacAntivirus finds XProtect, which every Mac has and runs, with
// its definitions' version and date, and the third-party products whose
// app is running.
func readMacAntivirus(ctx context.Context, sys host.System, products []catalog.Antivirus) (avFacts, error) {
	var f avFacts
	var newest time.Time
	var where, version string
	var readErr error
	for _, b := range xprotectBundles {
		info, mod, err := readBundle(sys, b)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			readErr = err
			continue
		}
		if mod.After(newest) {
			newest, where, version = mod, b, info.Version
		}
	}
	xp := catalog.Antivirus{ID: "xprotect", Name: "XProtect"}
	if where != "" {
		f.Found = append(f.Found, avMatch{product: xp, proc: "built into macOS"})
		f.Defs = avDefinitions{Product: "xprotect", SourceKey: "xprotect", Source: fmt.Sprintf("version %s (%s)", orUnknown(version), where), Built: newest, MaxAge: xprotectMaxAge}
	} else if readErr != nil {
		f.Found = append(f.Found, avMatch{product: xp, proc: "built into macOS"})
		f.Defs = avDefinitions{Product: "xprotect", SourceKey: "xprotect", Source: "XProtect.bundle", Err: readErr}
	}
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return f, fmt.Errorf("listing processes: %w", err)
	}
	f.Scanned = len(procs)
	for _, p := range products {
		for _, app := range macAntivirusApps[p.ID] {
			m, why, ok := runningApp(sys, procs, app)
			if why != "" {
				f.Ignored = append(f.Ignored, fmt.Sprintf("%s (pid %d, %s): %s", p.Name, m.PID, monitor.Cut(m.Exe, 80), why))
			}
			if ok {
				f.Found = append(f.Found, avMatch{product: p, proc: baseName(m.Exe), pid: m.PID})
				break
			}
		}
	}
	if len(f.Found) == 0 {
		f.Defs = avDefinitions{}
	}
	return f, nil
}

// runningApp finds a process whose program is inside the app in
// /Applications, and a system file: the program and every folder from it
// up to /Applications owned by root and writable by no one else, as an
// installer package leaves them (third-party security software needs a
// system extension, and is never installed for one person only). An app
// in ~/Applications, or one copied into /Applications by the person (it
// is theirs), is anyone's to plant who runs as the person: as on Linux, a
// look-alike is not believed. why says why a process that is inside the
// app was not.
func runningApp(sys host.System, procs []host.Process, app string) (p host.Process, why string, ok bool) {
	dir := "/Applications/" + app
	for _, p := range procs {
		if !strings.HasPrefix(p.Exe, dir+"/") || path.Clean(p.Exe) != p.Exe {
			continue
		}
		if why := macSystemFile(sys, p.Exe); why != "" {
			return p, why, false
		}
		return p, "", true
	}
	own := path.Join(sys.Home, "Applications", app)
	for _, p := range procs {
		if strings.HasPrefix(p.Exe, own+"/") {
			return p, "its app is in the person's own Applications folder, where any program of theirs can put one", false
		}
	}
	return host.Process{}, "", false
}

// macSystemFile says why abs, and each folder above it up to
// /Applications, is not a system file: "" when each is owned by root and
// writable by no one else.
func macSystemFile(sys host.System, abs string) string {
	for f := abs; f != "/Applications"; f = path.Dir(f) {
		fi, err := sys.Stat(f)
		if err != nil {
			return "its program file cannot be checked"
		}
		if uid, ok := fileOwner(fi); !ok || uid != 0 || fi.Mode().Perm()&0o022 != 0 {
			return "its program is not a system file (owned by root, writable by no one else)"
		}
	}
	return ""
}
