package check

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/host"
)

// Windows keeps its power plans in the registry, where powrprof reads them:
// the active plan's GUID, the person's values per plan, setting and power
// source (ACSettingIndex on mains, DCSettingIndex on battery), and each
// setting's defaults per plan. The GUIDs are Windows' own (winnt.h).
const (
	winPowerSchemes  = `HKLM\SYSTEM\CurrentControlSet\Control\Power\User\PowerSchemes`
	winPowerSettings = `HKLM\SYSTEM\CurrentControlSet\Control\Power\PowerSettings`
	winSleepGroup    = "238c9fa8-0aad-41ed-83f4-97be242c8f20" // GUID_SLEEP_SUBGROUP
	winStandbyIdle   = "29f6c1db-86da-48c5-9fdb-f2b67b1f44da" // GUID_STANDBY_TIMEOUT, seconds, 0 never
	winHibernateIdle = "9d7815a6-7ee4-497e-8888-515a05f02364" // GUID_HIBERNATE_TIMEOUT
	winNoSubgroup    = "fea3413e-7e05-4911-9a71-700331f1c294" // NO_SUBGROUP_GUID
	winConsoleLock   = "0e796bdb-100d-47d6-a2d5-f7d2daa51f51" // GUID_LOCK_CONSOLE_ON_WAKE, 1 sign-in required
)

// winPowerValue is one setting of the plan on one power source ("AC" or
// "DC"): a Group Policy's, else the person's value, else the plan's
// default.
func winPowerValue(reg host.Registry, scheme, group, setting, source string) (uint64, error) {
	name := source + "SettingIndex"
	for _, key := range []string{
		winPowerPolicy + `\` + setting,
		winPowerSchemes + `\` + scheme + `\` + group + `\` + setting,
		winPowerSettings + `\` + group + `\` + setting + `\DefaultPowerSchemeValues\` + scheme,
	} {
		v, err := reg.Uint(key, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return v, err
	}
	return 0, fmt.Errorf("power setting %s\\%s %s: %w", group, setting, name, fs.ErrNotExist)
}

// windowsPower reads the active power plan: after how long idle the machine
// sleeps or hibernates on mains and (with a battery) on battery, whichever
// comes first, and whether waking asks for the sign-in.
func windowsPower(reg host.Registry, hasBattery bool) (powerPolicy, error) {
	p := powerPolicy{Desktop: "Windows", HasBattery: hasBattery}
	if reg == nil {
		return p, errors.New("no registry to read")
	}
	scheme, err := reg.String(winPowerSchemes, "ActivePowerScheme")
	if err != nil {
		return p, fmt.Errorf("the active power plan: %w", err)
	}
	scheme = strings.ToLower(strings.Trim(scheme, "{} "))
	p.Source = "power plan " + scheme
	rule := func(source string) sleepRule {
		var after time.Duration
		for _, setting := range []string{winStandbyIdle, winHibernateIdle} {
			secs, err := winPowerValue(reg, scheme, winSleepGroup, setting, source)
			if err != nil {
				return sleepRule{Why: err.Error()}
			}
			if d := time.Duration(secs) * time.Second; secs > 0 && (after == 0 || d < after) {
				after = d
			}
		}
		return sleepRule{Known: true, Action: "sleep", After: after}
	}
	p.AC, p.Battery = rule("AC"), rule("DC")
	lock := true
	for _, source := range []string{"AC", "DC"} {
		if source == "DC" && !hasBattery {
			continue
		}
		v, err := winPowerValue(reg, scheme, winNoSubgroup, winConsoleLock, source)
		if err != nil {
			return p, nil // LockOnSleep stays unknown
		}
		lock = lock && v != 0
	}
	p.LockOnSleep = &lock
	return p, nil
}
