package check

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// macScreenLock is what `sysadminctl -screenLock status` says: whether the
// Mac asks for the password once the screen saver starts or the display
// sleeps, and after how long.
type macScreenLock struct {
	On    bool
	Delay time.Duration
	// DelayKnown is false where the line said "on" without a delay
	// (macOS 10.13): not immediate, unknown.
	DelayKnown bool
}

// parseScreenLockStatus reads the answer of `sysadminctl -screenLock
// status` (macOS 10.13 and later), which it logs on standard error with
// NSLog's prefix:
//
//	2024-03-01 10:15:42.123 sysadminctl[812:12345] screenLock delay is immediate
//	2024-03-01 10:15:42.123 sysadminctl[812:12345] screenLock delay is 300 seconds
//	2024-03-01 10:15:42.123 sysadminctl[812:12345] screenLock is off
//
// The words are documented by `sysadminctl -h` ("-screenLock
// <status|immediate|off|seconds>") and are not localised.
func parseScreenLockStatus(out []byte) (macScreenLock, error) {
	for _, line := range strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n") {
		i := strings.Index(line, "screenLock ")
		if i < 0 {
			continue
		}
		rest := strings.TrimSpace(line[i+len("screenLock "):])
		switch {
		case rest == "is off":
			return macScreenLock{}, nil
		case rest == "is on":
			return macScreenLock{On: true}, nil
		case rest == "delay is immediate":
			return macScreenLock{On: true, DelayKnown: true}, nil
		case strings.HasPrefix(rest, "delay is ") && strings.HasSuffix(rest, " seconds"):
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest, "delay is "), " seconds"))
			if err != nil || n < 0 {
				return macScreenLock{}, fmt.Errorf("sysadminctl: unexpected delay %q", rest)
			}
			return macScreenLock{On: true, Delay: time.Duration(n) * time.Second, DelayKnown: true}, nil
		}
		return macScreenLock{}, fmt.Errorf("sysadminctl: unexpected answer %q", rest)
	}
	if strings.TrimSpace(string(out)) == "" {
		return macScreenLock{}, errors.New("sysadminctl -screenLock status printed nothing")
	}
	return macScreenLock{}, fmt.Errorf("sysadminctl -screenLock status: no screenLock line in %q", firstLine(out))
}

// parseDefaultsInt reads `defaults read <domain> <key>` of an integer:
// the number and a newline. `defaults` prints numbers as they are stored,
// unlocalised.
func parseDefaultsInt(out []byte) (int, error) {
	s := strings.TrimSpace(string(out))
	n, err := strconv.Atoi(s)
	if err != nil {
		// Stored as a real (300.0) by some tools.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0, fmt.Errorf("defaults: not a number: %q", firstLine(out))
		}
		n = int(f)
	}
	return n, nil
}

// firstLine is out's first line, at most 120 bytes, for an error.
func firstLine(out []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// notSet says whether a `defaults read` failed because the key is not
// set: it exits 1 with "The domain/default pair of (…) does not exist".
func notSet(err error) bool {
	var exit *command.ExitError
	return errors.As(err, &exit) && strings.Contains(exit.Stderr, "does not exist")
}

// readMacLock reads the lock of a Mac: the screen saver's idle time (the
// person's, for this Mac), the display's sleep time (pmset), whichever
// comes first, and the password delay after either. macOS asks for the
// password when the screen saver starts or the display sleeps.
func readMacLock(ctx context.Context, sys host.System) (lockPolicy, error) {
	p := lockPolicy{Desktop: "macOS", Source: "sysadminctl -screenLock, com.apple.screensaver, pmset"}
	out, err := sys.Cmd.Run(ctx, command.Sysadminctl, "-screenLock", "status")
	if err != nil {
		return p, fmt.Errorf("reading the screen lock: %w", err)
	}
	sl, err := parseScreenLockStatus(out)
	if err != nil {
		return p, err
	}
	p.Enabled, p.Delay = sl.On, sl.Delay
	p.DelayUnknown = sl.On && !sl.DelayKnown
	saver := time.Duration(-1)
	out, err = sys.Cmd.Run(ctx, command.Defaults, "-currentHost", "read", "com.apple.screensaver", "idleTime")
	switch {
	case notSet(err):
		p.Extra = append(p.Extra, monitor.Evidence{Key: "screen-saver", Value: "idleTime not set"})
	case err != nil:
		return p, fmt.Errorf("reading the screen saver's idle time: %w", err)
	default:
		n, err := parseDefaultsInt(out)
		if err != nil {
			return p, err
		}
		saver = time.Duration(max(n, 0)) * time.Second
		p.Extra = append(p.Extra, monitor.Evidence{Key: "screen-saver", Value: durationEvidence(saver)})
	}
	display := time.Duration(-1)
	out, err = sys.Cmd.Run(ctx, command.Pmset, "-g", "custom")
	if err == nil {
		pm, perr := parsePmsetCustom(out)
		if perr == nil {
			if d, ok := worstSetting(pm, "displaysleep"); ok {
				display = d
				p.Extra = append(p.Extra, monitor.Evidence{Key: "display-sleep", Value: durationEvidence(display)})
			}
		}
	}
	if saver < 0 && display < 0 {
		return p, errors.New("neither the screen saver's idle time nor the display's sleep could be read")
	}
	p.Idle = earliest(saver, display)
	return p, nil
}

// earliest is the first of two idle times to come, where 0 is never and
// a negative one is unknown.
func earliest(a, b time.Duration) time.Duration {
	switch {
	case a <= 0:
		return max(b, 0)
	case b <= 0:
		return a
	}
	return min(a, b)
}
