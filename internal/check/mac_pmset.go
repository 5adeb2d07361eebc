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
)

// pmsetSource is one power source's settings in `pmset -g custom`.
type pmsetSource struct {
	Name   string // "AC Power", "Battery Power", "UPS Power"
	Values map[string]int
}

// parsePmsetCustom reads `pmset -g custom` (pmset(1): "-g custom displays
// custom settings for all power sources"): a header per power source
// ending in ':' and indented "name value" lines under it, the times in
// minutes, 0 meaning never. A desktop Mac has only "AC Power:".
//
//	Battery Power:
//	 displaysleep         2
//	 sleep                1
//	AC Power:
//	 displaysleep         10
//	 sleep                0
//
// pmset's output is not localised.
func parsePmsetCustom(out []byte) ([]pmsetSource, error) {
	var srcs []pmsetSource
	for _, line := range strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			name, ok := strings.CutSuffix(strings.TrimSpace(line), ":")
			if !ok {
				return nil, fmt.Errorf("pmset: unexpected line %q", line)
			}
			srcs = append(srcs, pmsetSource{Name: name, Values: map[string]int{}})
			continue
		}
		if len(srcs) == 0 {
			return nil, fmt.Errorf("pmset: a setting before any power source: %q", line)
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		// "sleep 0 (sleep prevented by …)" notes follow the number.
		if n, err := strconv.Atoi(f[1]); err == nil {
			srcs[len(srcs)-1].Values[f[0]] = n
		}
	}
	if len(srcs) == 0 {
		return nil, errors.New("pmset -g custom listed no power source")
	}
	return srcs, nil
}

// worstSetting is the longest of a time setting (minutes) across the
// power sources that have it, where 0 (never) is the longest; ok is false
// when none has it.
func worstSetting(srcs []pmsetSource, key string) (d time.Duration, ok bool) {
	for _, s := range srcs {
		v, has := s.Values[key]
		if !has {
			continue
		}
		if v == 0 {
			return 0, true
		}
		if !ok || time.Duration(v)*time.Minute > d {
			d = time.Duration(v) * time.Minute
		}
		ok = true
	}
	return d, ok
}

// macSleepRule is one source's system sleep.
func macSleepRule(s pmsetSource) sleepRule {
	v, ok := s.Values["sleep"]
	if !ok {
		return sleepRule{Why: s.Name + ": no sleep setting"}
	}
	return sleepRule{Known: true, After: time.Duration(v) * time.Minute, Action: "sleep"}
}

// readMacPower reads when the Mac sleeps on each power source, and
// whether waking asks for the password (the screen lock's own switch).
func readMacPower(ctx context.Context, sys host.System) (powerPolicy, error) {
	p := powerPolicy{Desktop: "macOS", Source: "pmset -g custom"}
	out, err := sys.Cmd.Run(ctx, command.Pmset, "-g", "custom")
	if err != nil {
		return p, fmt.Errorf("reading the sleep settings: %w", err)
	}
	srcs, err := parsePmsetCustom(out)
	if err != nil {
		return p, err
	}
	p.AC = sleepRule{Why: "no AC Power settings"}
	for _, s := range srcs {
		switch s.Name {
		case "AC Power":
			p.AC = macSleepRule(s)
		case "Battery Power":
			p.HasBattery, p.Battery = true, macSleepRule(s)
		}
	}
	if out, err := sys.Cmd.Run(ctx, command.Sysadminctl, "-screenLock", "status"); err == nil {
		if sl, err := parseScreenLockStatus(out); err == nil {
			p.LockOnSleep = &sl.On
		}
	}
	return p, nil
}
