package monitor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/monitor/catalog"
)

// findBrowsers finds installed browsers: distribution packages (one
// dpkg-query or rpm run for all), snaps, flatpaks and known binaries.
func findBrowsers(ctx context.Context, sys System, browsers []catalog.Browser) ([]installedBrowser, error) {
	var pkgs []string
	for _, b := range browsers {
		pkgs = append(pkgs, b.Packages...)
	}
	versions, err := packageVersions(ctx, sys, pkgs)
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
				if sys.exists(path.Join(dir, b.Flatpak, "current")) {
					out = append(out, installedBrowser{Browser: b, Via: "flatpak"})
					found = true
					break
				}
			}
		}
		if !found {
			for _, e := range b.Exes {
				if sys.exists(e) {
					out = append(out, installedBrowser{Browser: b, Via: "files"})
					break
				}
			}
		}
	}
	return out, nil
}

// packageVersions returns the installed version of each named package.
func packageVersions(ctx context.Context, sys System, pkgs []string) (map[string]string, error) {
	switch {
	case sys.Cmd.Has(command.DpkgQuery):
		args := append([]string{"-W", "-f", "${db:Status-Abbrev}\t${Package}\t${Version}\n", "--"}, pkgs...)
		out, err := sys.Cmd.Run(ctx, command.DpkgQuery, args...)
		var exit *command.ExitError
		if err != nil {
			// Exit status 1: some names are not installed; the rest printed.
			if !errors.As(err, &exit) || exit.Code != 1 {
				return nil, fmt.Errorf("dpkg-query: %w", err)
			}
			out = exit.Stdout
		}
		return parseDpkgQuery(out), nil
	case sys.Cmd.Has(command.Rpm):
		args := append([]string{"-q", "--qf", "%{NAME}\t%{VERSION}-%{RELEASE}\n"}, pkgs...)
		out, err := sys.Cmd.Run(ctx, command.Rpm, args...)
		var exit *command.ExitError
		if err != nil {
			if !errors.As(err, &exit) {
				return nil, fmt.Errorf("rpm -q: %w", err)
			}
			out = exit.Stdout
		}
		return parseRpmQuery(out), nil
	}
	return map[string]string{}, nil
}

// snapCurrent returns the revision /snap/NAME/current points at.
func snapCurrent(sys System, name string) (string, bool) {
	rl, ok := sys.FS.(fs.ReadLinkFS)
	if !ok {
		return "", false
	}
	target, err := rl.ReadLink(rel(path.Join("/snap", name, "current")))
	if err != nil {
		return "", false
	}
	return path.Base(target), true
}

// snapVersion reads the version from a snap's meta/snap.yaml.
func snapVersion(sys System, name, rev string) string {
	data, err := sys.readFile(path.Join("/snap", name, rev, "meta/snap.yaml"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "version:"); ok {
			return strings.Trim(strings.TrimSpace(v), `'"`)
		}
	}
	return ""
}
