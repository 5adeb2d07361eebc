package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"howett.net/plist"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// macSoftwareUpdatePlist holds Software Update's settings and when it last
// looked for updates; every user may read it.
const macSoftwareUpdatePlist = "/Library/Preferences/com.apple.SoftwareUpdate.plist"

// parseSoftwareUpdateList reads `softwareupdate --list --no-scan`
// (softwareupdate(8)), standard output and error together. macOS 10.15
// and later list each update as
//
//   - Label: macOS Sonoma 14.5-23F79
//     Title: macOS Sonoma 14.5, Version: 14.5, Size: 6543210KiB, Recommended: YES, Action: restart,
//
// macOS 10.14 and earlier as
//
//   - Security Update 2019-001 (Mojave)-
//     Security Update 2019-001 (Mojave) ( ), 1830016K [recommended] [restart]
//
// and both say "No new software available." when there is none. The
// output is not localised. An update of macOS itself, or one named a
// security update or response, counts as a security update: Apple's
// release notes list security fixes in every macOS update.
func parseSoftwareUpdateList(out []byte) ([]updates.Pending, error) {
	text := strings.ReplaceAll(string(out), "\r\n", "\n")
	var pending []updates.Pending
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if !strings.HasPrefix(trimmed, "* ") {
			continue
		}
		label := strings.TrimSpace(strings.TrimPrefix(trimmed, "* "))
		title, version := label, ""
		if l, ok := strings.CutPrefix(label, "Label: "); ok {
			label, title = l, l
			if i+1 < len(lines) {
				for _, field := range strings.Split(strings.TrimSpace(lines[i+1]), ", ") {
					if v, ok := strings.CutPrefix(field, "Title: "); ok {
						title = v
					}
					if v, ok := strings.CutPrefix(field, "Version: "); ok {
						version = v
					}
				}
			}
		} else {
			label = strings.TrimSuffix(label, "-")
			title = label
		}
		if label == "" {
			continue
		}
		lower := strings.ToLower(title + " " + label)
		pending = append(pending, updates.Pending{
			Name: title, To: version, Origin: label,
			Security: strings.Contains(lower, "macos") || strings.Contains(lower, "security"),
		})
	}
	if pending == nil && !strings.Contains(text, "No new software available") {
		if strings.TrimSpace(text) == "" {
			return nil, errors.New("softwareupdate --list printed nothing")
		}
		return nil, fmt.Errorf("softwareupdate: no update and no \"No new software available\" in %q", firstLine(out))
	}
	return pending, nil
}

// macUpdateSettings are Software Update's settings as its plist keeps
// them; a key that is absent is nil (the system's default).
type macUpdateSettings struct {
	AutomaticCheckEnabled            *bool     `plist:"AutomaticCheckEnabled"`
	AutomaticDownload                *bool     `plist:"AutomaticDownload"`
	AutomaticallyInstallMacOSUpdates *bool     `plist:"AutomaticallyInstallMacOSUpdates"`
	CriticalUpdateInstall            *bool     `plist:"CriticalUpdateInstall"`
	LastSuccessfulDate               time.Time `plist:"LastSuccessfulDate"`
}

// parseSoftwareUpdatePlist reads com.apple.SoftwareUpdate.plist (XML or
// binary). The keys are those `defaults read
// /Library/Preferences/com.apple.SoftwareUpdate` shows and Apple's
// Platform Deployment guide documents for the com.apple.SoftwareUpdate
// payload.
func parseSoftwareUpdatePlist(data []byte) (macUpdateSettings, error) {
	var s macUpdateSettings
	if _, err := plist.Unmarshal(data, &s); err != nil {
		return s, fmt.Errorf("reading %s: %w", macSoftwareUpdatePlist, err)
	}
	return s, nil
}

// auto says whether updates install by themselves: macOS updates need
// AutomaticallyInstallMacOSUpdates, and nothing happens without
// AutomaticCheckEnabled. Unset keys are the system's default, which
// Mamori does not assume: nil.
func (s macUpdateSettings) auto() (*bool, string) {
	f := false
	if s.AutomaticCheckEnabled != nil && !*s.AutomaticCheckEnabled {
		return &f, "AutomaticCheckEnabled off"
	}
	if s.AutomaticallyInstallMacOSUpdates != nil {
		on := *s.AutomaticallyInstallMacOSUpdates
		return &on, fmt.Sprintf("AutomaticallyInstallMacOSUpdates %v", on)
	}
	return nil, ""
}

// readMacUpdates lists what Software Update last found (without a new
// scan, which takes minutes and the network) and its settings.
func readMacUpdates(ctx context.Context, sys host.System) (updates.Report, error) {
	rep := updates.Report{Manager: "softwareupdate", Checked: sys.Now()}
	out, err := sys.Cmd.Run(ctx, command.Softwareupdate, "--list", "--no-scan")
	if err != nil {
		return rep, fmt.Errorf("asking softwareupdate: %w", err)
	}
	if rep.Pending, err = parseSoftwareUpdateList(out); err != nil {
		return rep, err
	}
	data, err := sys.ReadFile(macSoftwareUpdatePlist)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		rep.Notes = append(rep.Notes, monitor.Evidence{Key: "settings", Value: macSoftwareUpdatePlist + " not found"})
	case err != nil:
		rep.Notes = append(rep.Notes, monitor.Evidence{Key: "settings", Value: err.Error()})
	default:
		s, err := parseSoftwareUpdatePlist(data)
		if err != nil {
			rep.Notes = append(rep.Notes, monitor.Evidence{Key: "settings", Value: err.Error()})
			break
		}
		rep.IndexTime = s.LastSuccessfulDate
		rep.Auto, rep.AutoHow = s.auto()
		if s.CriticalUpdateInstall != nil {
			rep.Notes = append(rep.Notes, monitor.Evidence{Key: "security-responses-install", Value: fmt.Sprint(*s.CriticalUpdateInstall)})
		}
	}
	return rep, nil
}

// parseSpctlStatus reads `spctl --status` (spctl(8)): "assessments
// enabled" or "assessments disabled"; not localised.
func parseSpctlStatus(out []byte) (bool, error) {
	switch s := strings.TrimSpace(string(out)); {
	case strings.HasPrefix(s, "assessments enabled"):
		return true, nil
	case strings.HasPrefix(s, "assessments disabled"):
		return false, nil
	case s == "":
		return false, errors.New("spctl --status printed nothing")
	}
	return false, fmt.Errorf("spctl: unexpected answer %q", firstLine(out))
}

// readGatekeeper asks whether Gatekeeper checks the apps that are opened.
func readGatekeeper(ctx context.Context, sys host.System) (sourcesFacts, error) {
	out, err := sys.Cmd.Run(ctx, command.Spctl, "--status")
	var exit *command.ExitError
	if errors.As(err, &exit) {
		// spctl --status exits 1 when assessments are disabled.
		out, err = exit.Stdout, nil
	}
	if err != nil {
		return sourcesFacts{}, fmt.Errorf("asking spctl: %w", err)
	}
	on, err := parseSpctlStatus(out)
	if err != nil {
		return sourcesFacts{}, err
	}
	return sourcesFacts{Gatekeeper: &on}, nil
}

// judgeGatekeeper: apps from anywhere, unchecked, is a warning.
func judgeGatekeeper(r monitor.Result, on bool) monitor.Result {
	r.Add("gatekeeper", on)
	if on {
		r.Finding = monitor.T("finding.app-sources.darwin-checked")
		return r
	}
	r.Status = monitor.Warn
	r.Finding = monitor.T("finding.app-sources.darwin-unchecked")
	return r
}
