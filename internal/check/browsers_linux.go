package check

import (
	"context"
	"io/fs"
	"path"
	"strings"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/updates"
)

// findBrowsers finds installed browsers: distribution packages (one
// dpkg-query or rpm run for all), snaps, flatpaks and known binaries.
// readBrowsers finds the installed browsers, asks the package manager for
// their updates and looks for running builds an update replaced.
func readBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser, pkgs *updates.Cache) (browserFacts, error) {
	installed, err := findBrowsers(ctx, sys, browsers)
	if err != nil {
		return browserFacts{}, err
	}
	f := browserFacts{Installed: installed}
	if len(installed) > 0 {
		f.Updates, f.UpdateErr = pkgs.Report(ctx)
		var procs []host.Process
		if procs, f.ProcErr = sys.Procs.Processes(ctx); f.ProcErr == nil {
			f.Stale = staleBrowsers(sys, installed, procs)
		}
	}
	return f, nil
}

func findBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser) ([]installedBrowser, error) {
	var pkgs []string
	for _, b := range browsers {
		pkgs = append(pkgs, b.Packages...)
	}
	versions, err := updates.Installed(ctx, sys, pkgs)
	if err != nil {
		return nil, err
	}
	var out []installedBrowser
	for _, b := range browsers {
		found := false
		for _, p := range b.Packages {
			if v, ok := versions[p]; ok {
				out = append(out, installedBrowser{Browser: b, Package: p, Version: v, Via: "package"})
				found = true
			}
		}
		if b.Snap != "" {
			if rev, ok := snapCurrent(sys, b.Snap); ok {
				out = append(out, installedBrowser{Browser: b, Version: snapVersion(sys, b.Snap, rev), Via: "snap"})
				found = true
			}
		}
		if b.Flatpak != "" {
			for _, dir := range []string{"/var/lib/flatpak/app", path.Join(sys.Home, ".local/share/flatpak/app")} {
				if sys.Exists(path.Join(dir, b.Flatpak, "current")) {
					out = append(out, installedBrowser{Browser: b, Via: "flatpak"})
					found = true
					break
				}
			}
		}
		if !found {
			for _, e := range b.Exes {
				if sys.Exists(e) {
					out = append(out, installedBrowser{Browser: b, Via: "files"})
					break
				}
			}
		}
	}
	return out, nil
}

// snapCurrent returns the revision /snap/NAME/current points at.
func snapCurrent(sys host.System, name string) (string, bool) {
	rl, ok := sys.FS.(fs.ReadLinkFS)
	if !ok {
		return "", false
	}
	target, err := rl.ReadLink(host.Rel(path.Join("/snap", name, "current")))
	if err != nil {
		return "", false
	}
	return path.Base(target), true
}

// snapVersion reads the version from a snap's meta/snap.yaml.
func snapVersion(sys host.System, name, rev string) string {
	data, err := sys.ReadFile(path.Join("/snap", name, rev, "meta/snap.yaml"))
	if err != nil {
		return ""
	}
	for line := range lines.All(data) {
		if v, ok := strings.CutPrefix(line, "version:"); ok {
			return strings.Trim(strings.TrimSpace(v), `'"`)
		}
	}
	return ""
}
