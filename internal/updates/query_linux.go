package updates

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func (u *Cache) query(ctx context.Context) (Report, error) {
	sys := u.Sys
	var (
		rep Report
		err error
	)
	switch {
	case sys.Cmd.Has(command.AptGet):
		rep, err = aptReport(ctx, sys)
	case sys.Cmd.Has(command.Dnf):
		rep, err = dnfReport(ctx, sys)
	case sys.Cmd.Has(command.Pacman):
		rep, err = pacmanReport(ctx, sys)
	case sys.Cmd.Has(command.Zypper):
		rep, err = zypperReport(ctx, sys)
	default:
		return rep, errors.New("no supported package manager found (apt, dnf, pacman, zypper)")
	}
	if err != nil {
		return rep, err
	}
	rep.Notes = append(rep.Notes, sandboxNotes(sys)...)
	return rep, nil
}

// withDesktopAuto adds GNOME Software's automatic updates to a report.
// Where GNOME Software is installed but its settings could not be read, a
// package manager's "off" is no longer the answer: GNOME Software may
// update by itself, so whether updates come by themselves is unknown.
func withDesktopAuto(ctx context.Context, sys host.System, rep Report) Report {
	on, how, err := gnomeSoftwareAuto(ctx, sys)
	switch {
	case errors.Is(err, errNoGnomeSoftware):
	case err != nil:
		rep.Notes = append(rep.Notes, monitor.Evidence{Key: "gnome-software", Value: "could not tell: " + err.Error()})
		if rep.Auto != nil && !*rep.Auto {
			rep.Auto, rep.AutoHow = nil, ""
		}
	default:
		rep.addAuto(on, how)
	}
	return rep
}

// errNoGnomeSoftware: GNOME Software (or gsettings, to read it) is not
// installed.
var errNoGnomeSoftware = errors.New("GNOME Software is not installed")

// gnomeSoftwareAuto reads whether GNOME Software updates by itself: with
// allow-updates and download-updates (both on by default) it downloads
// updates in the background and installs those that need no restart.
func gnomeSoftwareAuto(ctx context.Context, sys host.System) (on bool, how string, err error) {
	if !sys.Exists("/usr/bin/gnome-software") || !sys.Cmd.Has(command.Gsettings) {
		return false, "", errNoGnomeSoftware
	}
	vals, err := desktop.Gsettings(ctx, sys, "org.gnome.software")
	if err != nil {
		return false, "", err
	}
	allow, err := desktop.GVBool(vals["allow-updates"])
	if err != nil {
		return false, "", fmt.Errorf("org.gnome.software allow-updates: %w", err)
	}
	download, err := desktop.GVBool(vals["download-updates"])
	if err != nil {
		return false, "", fmt.Errorf("org.gnome.software download-updates: %w", err)
	}
	return allow && download, fmt.Sprintf("GNOME Software: allow-updates=%v download-updates=%v", allow, download), nil
}

func aptReport(ctx context.Context, sys host.System) (Report, error) {
	rep := Report{Manager: "apt"}
	// Simulation needs no root; NoLocking lets it run while apt is busy.
	out, err := sys.Cmd.Run(ctx, command.AptGet, "-s", "-q", "-o", "Debug::NoLocking=1", "dist-upgrade")
	if err != nil {
		return rep, fmt.Errorf("simulating apt-get dist-upgrade: %w", err)
	}
	if rep.Pending, err = parseAptSimulate(out); err != nil {
		return rep, fmt.Errorf("reading apt-get output: %w", err)
	}
	rep.IndexTime = newestIndex(sys, "/var/lib/apt/lists", "Release")
	if rep.Local, err = localPackages(ctx, sys); err != nil {
		rep.LocalErr = err.Error()
	}

	cfgOut, err := sys.Cmd.Run(ctx, command.AptConfig, "dump")
	if err == nil {
		cfg := parseAptConfig(cfgOut)
		lists := aptPeriodicOn(cfg["APT::Periodic::Update-Package-Lists"])
		install := aptPeriodicOn(cfg["APT::Periodic::Unattended-Upgrade"]) && sys.Exists("/usr/bin/unattended-upgrade")
		auto := lists && install
		rep.Auto = &auto
		rep.AutoHow = fmt.Sprintf("unattended-upgrades: update-lists=%v install=%v", lists, install)
	}
	return rep, nil
}

// localPackages lists the installed packages that no archive offers:
// dpkg-query names what is installed, apt-cache policy says where each
// installed version comes from (0.1 s for a thousand packages with apt's
// binary cache). Mamori's own package, installed from its file, is not
// counted.
func localPackages(ctx context.Context, sys host.System) ([]string, error) {
	out, err := sys.Cmd.Run(ctx, command.DpkgQuery, "-W", "-f", "${db:Status-Abbrev}\t${binary:Package}\t${Version}\n")
	if err != nil {
		return nil, fmt.Errorf("dpkg-query: %w", err)
	}
	versions := parseDpkgQuery(out)
	delete(versions, "mamori")
	if len(versions) == 0 {
		return nil, errors.New("dpkg-query: 0 packages installed")
	}
	installed := slices.Sorted(maps.Keys(versions))
	policy, err := sys.Cmd.Run(ctx, command.AptCache, append([]string{"policy", "--"}, installed...)...)
	if err != nil {
		return nil, fmt.Errorf("apt-cache: %w", err)
	}
	local, archives := parseAptPolicy(policy)
	if !archives {
		return nil, errors.New("missing: apt's package lists (apt-get update)")
	}
	return local, nil
}

// newestIndex returns the newest modification time of index files in dir
// whose names contain marker.
func newestIndex(sys host.System, dir, marker string) time.Time {
	entries, err := sys.ReadDir(dir)
	if err != nil {
		return time.Time{}
	}
	var newest time.Time
	for _, e := range entries {
		if !strings.Contains(e.Name(), marker) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
	}
	return newest
}

func dnfReport(ctx context.Context, sys host.System) (Report, error) {
	rep := Report{Manager: "dnf"}
	// --cacheonly: never reach the network; the answer is as fresh as the
	// metadata the system's own refresh left.
	out, err := sys.Cmd.Run(ctx, command.Dnf, "-q", "--cacheonly", "check-update")
	var exit *command.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.Code == 100:
		out = exit.Stdout
	default:
		return rep, fmt.Errorf("dnf check-update: %w", err)
	}
	rep.Pending = parseDnfCheckUpdate(out)
	if sec, err := sys.Cmd.Run(ctx, command.Dnf, "-q", "--cacheonly", "updateinfo", "list", "--security"); err == nil {
		names := parseDnfSecurity(sec)
		for i := range rep.Pending {
			rep.Pending[i].Security = names[rep.Pending[i].Name]
		}
	}
	auto := sys.Exists("/etc/systemd/system/timers.target.wants/dnf-automatic.timer") ||
		sys.Exists("/etc/systemd/system/timers.target.wants/dnf-automatic-install.timer") ||
		sys.Exists("/etc/systemd/system/timers.target.wants/dnf5-automatic.timer")
	rep.Auto, rep.AutoHow = &auto, "dnf-automatic timer"
	return rep, nil
}

func pacmanReport(ctx context.Context, sys host.System) (Report, error) {
	rep := Report{Manager: "pacman"}
	// -Qu compares against the sync databases already on disk: no network.
	out, err := sys.Cmd.Run(ctx, command.Pacman, "-Qu")
	var exit *command.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.Code == 1 && len(exit.Stdout) == 0) {
		return rep, fmt.Errorf("pacman -Qu: %w", err)
	}
	rep.Pending = parsePacmanQu(out)
	rep.IndexTime = newestIndex(sys, "/var/lib/pacman/sync", ".db")
	return rep, nil
}

func zypperReport(ctx context.Context, sys host.System) (Report, error) {
	rep := Report{Manager: "zypper"}
	out, err := sys.Cmd.Run(ctx, command.Zypper, "--non-interactive", "--no-refresh", "list-updates")
	if err != nil {
		return rep, fmt.Errorf("zypper list-updates: %w", err)
	}
	rep.Pending = parseZypperList(out)
	return rep, nil
}

// sandboxNotes says what Mamori knows of Flatpak and Snap apps. Their pending
// updates are only known to their stores, which Mamori does not contact.
func sandboxNotes(sys host.System) []monitor.Evidence {
	var notes []monitor.Evidence
	n := 0
	for _, dir := range []string{"/var/lib/flatpak/app", path.Join(sys.Home, ".local/share/flatpak/app")} {
		if entries, err := sys.ReadDir(dir); err == nil {
			n += len(entries)
		}
	}
	if n > 0 {
		notes = append(notes, monitor.Evidence{Key: "flatpak", Value: fmt.Sprintf("%d apps; pending updates not checked (needs the network)", n)})
	}
	if sys.Exists("/snap") && sys.Cmd.Has(command.Snap) {
		notes = append(notes, monitor.Evidence{Key: "snap", Value: "snaps refresh automatically"})
	}
	return notes
}

// Installed returns the installed version of each named package that is
// installed, from one run of dpkg-query or rpm; an empty map where neither
// exists.
func Installed(ctx context.Context, sys host.System, pkgs []string) (map[string]string, error) {
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

// StateFiles are the paths to watch for a change of the answer, as file
// triggers name them: a directory ends in "/" (any file in it).
func StateFiles() []string {
	var out []string
	for _, p := range stateFiles {
		switch p {
		case "/var/lib/dpkg/status", "/etc/apt/sources.list":
			out = append(out, p)
		default:
			out = append(out, p+"/")
		}
	}
	for _, d := range stateDirs {
		out = append(out, d+"/")
	}
	return out
}
