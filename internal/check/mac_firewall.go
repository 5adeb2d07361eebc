package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"howett.net/plist"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
)

// macALFPlist is the application firewall's settings file up to macOS 14
// (macOS 15 keeps them elsewhere, and socketfilterfw answers for both).
const macALFPlist = "/Library/Preferences/com.apple.alf.plist"

// parseFirewallGlobalState reads `socketfilterfw --getglobalstate`
// (documented by `socketfilterfw -h`; not localised):
//
//	Firewall is enabled. (State = 1)
//	Firewall is disabled. (State = 0)
//	Firewall is blocking all non-essential incoming connections. (State = 2)
//
// and returns the state: 0 off, 1 on, 2 on and blocking everything.
func parseFirewallGlobalState(out []byte) (int, error) {
	s := string(out)
	i := strings.Index(s, "(State = ")
	if i >= 0 {
		rest := s[i+len("(State = "):]
		if len(rest) >= 2 && rest[1] == ')' && rest[0] >= '0' && rest[0] <= '2' {
			return int(rest[0] - '0'), nil
		}
	}
	switch {
	case strings.Contains(s, "Firewall is enabled"):
		return 1, nil
	case strings.Contains(s, "Firewall is disabled"):
		return 0, nil
	case strings.TrimSpace(s) == "":
		return 0, errors.New("socketfilterfw --getglobalstate printed nothing")
	}
	return 0, fmt.Errorf("socketfilterfw: unexpected answer %q", firstLine(out))
}

// parseStealthMode reads `socketfilterfw --getstealthmode`: "Stealth mode
// enabled" / "disabled" up to macOS 13, "Firewall stealth mode is on" /
// "off" since macOS 14.
func parseStealthMode(out []byte) (bool, error) {
	s := strings.ToLower(string(out))
	switch {
	case strings.Contains(s, "stealth mode enabled"), strings.Contains(s, "stealth mode is on"):
		return true, nil
	case strings.Contains(s, "stealth mode disabled"), strings.Contains(s, "stealth mode is off"):
		return false, nil
	}
	return false, fmt.Errorf("socketfilterfw: unexpected stealth answer %q", firstLine(out))
}

// plistInt reads an integer key of a property list (XML or binary, as
// howett.net/plist reads both); ok is false when the key is absent.
func plistInt(data []byte, key string) (n int64, ok bool, err error) {
	var m map[string]any
	if _, err := plist.Unmarshal(data, &m); err != nil {
		return 0, false, fmt.Errorf("reading a property list: %w", err)
	}
	switch v := m[key].(type) {
	case nil:
		return 0, false, nil
	case uint64:
		return int64(v), true, nil
	case int64:
		return v, true, nil
	case bool:
		if v {
			return 1, true, nil
		}
		return 0, true, nil
	default:
		return 0, false, fmt.Errorf("%s is a %T, not a number", key, v)
	}
}

// macFirewallState is what a global state says.
func macFirewallState(state int, source string) fwState {
	s := fwState{Name: "macOS Firewall", Source: source, On: state > 0, Filtering: state > 0}
	if state == 2 {
		s.Source += ", blocking all incoming connections"
	}
	return s
}

// readMacFirewall asks socketfilterfw, and reads the settings file where
// it does not answer (older systems keep globalstate there).
func readMacFirewall(ctx context.Context, sys host.System) (fwFacts, error) {
	out, err := sys.Cmd.Run(ctx, command.Socketfilterfw, "--getglobalstate")
	if err == nil {
		state, perr := parseFirewallGlobalState(out)
		if perr == nil {
			s := macFirewallState(state, "socketfilterfw --getglobalstate")
			if out, err := sys.Cmd.Run(ctx, command.Socketfilterfw, "--getstealthmode"); err == nil {
				if on, err := parseStealthMode(out); err == nil && on {
					s.Source += ", stealth mode on"
				}
			}
			return fwFacts{Found: []fwState{s}}, nil
		}
		err = perr
	}
	data, ferr := sys.ReadFile(macALFPlist)
	if errors.Is(ferr, fs.ErrNotExist) {
		return fwFacts{}, err
	}
	if ferr != nil {
		return fwFacts{}, fmt.Errorf("%v; reading %s: %w", err, macALFPlist, ferr)
	}
	state, ok, perr := plistInt(data, "globalstate")
	if perr != nil || !ok {
		return fwFacts{}, fmt.Errorf("%v; %s has no globalstate (%v)", err, macALFPlist, perr)
	}
	return fwFacts{Found: []fwState{macFirewallState(int(state), macALFPlist+" globalstate")}}, nil
}

// parseFdesetupStatus reads `fdesetup status` (fdesetup(8); not
// localised): "FileVault is On." or "FileVault is Off.", with a second
// line while the disk is being encrypted or decrypted, or "FileVault is
// Off, but will be enabled after the next restart." when it was just
// turned on.
func parseFdesetupStatus(out []byte) (diskState, error) {
	d := diskState{What: "/", Source: "the startup disk", Scheme: "FileVault"}
	s := string(out)
	switch {
	case strings.Contains(s, "Decryption in progress"):
		// Being turned off: it protects less every minute.
	case strings.Contains(s, "Encryption in progress"):
		d.Encrypted, d.Encrypting = true, true
	case strings.Contains(s, "will be enabled after the next restart"):
		// Turned on, but nothing is encrypted until the Mac restarts
		// (fdesetup enable -defer waits for the next logout too).
		d.Pending = true
	case strings.Contains(s, "FileVault is On"):
		d.Encrypted = true
	case strings.Contains(s, "FileVault is Off"):
	case strings.TrimSpace(s) == "":
		return d, errors.New("fdesetup status printed nothing")
	default:
		return d, fmt.Errorf("fdesetup: unexpected answer %q", firstLine(out))
	}
	return d, nil
}

// readMacDisks asks fdesetup whether FileVault encrypts the startup disk.
// The Mac's swap is always encrypted (since OS X 10.7), and the home
// folder is on the startup disk's data volume.
func readMacDisks(ctx context.Context, sys host.System) (diskFacts, error) {
	out, err := sys.Cmd.Run(ctx, command.Fdesetup, "status")
	if err != nil {
		return diskFacts{}, fmt.Errorf("asking fdesetup: %w", err)
	}
	d, err := parseFdesetupStatus(out)
	if err != nil {
		return diskFacts{}, err
	}
	return diskFacts{Root: d}, nil
}
