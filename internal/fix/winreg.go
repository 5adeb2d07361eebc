package fix

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/host"
)

// blankSaver is the screen saver every Windows has: a blank screen.
const blankSaver = `C:\Windows\system32\scrnsave.scr`

// windowsLockPlan: the screen saver locks when it is active, secure (the
// sign-in screen on resume) and has a program, after ScreenSaveTimeOut
// seconds. A value a Group Policy sets is not the person's to change: no
// plan.
func windowsLockPlan(reg host.Registry) (Plan, error) {
	p := Plan{Check: "screen-lock"}
	for _, policy := range []string{"ScreenSaveActive", "ScreenSaverIsSecure", "SCRNSAVE.EXE", "ScreenSaveTimeOut"} {
		_, err := reg.String(check.WinDesktopPolicy, policy)
		if err == nil {
			return Plan{}, fmt.Errorf("%w (%s\\%s)", ErrManaged, check.WinDesktopPolicy, policy)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Plan{}, err
		}
	}
	get := func(name string) (string, error) {
		v, err := reg.String(check.WinDesktopKey, name)
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return v, err
	}
	for _, s := range []struct{ name, to, text string }{
		{"ScreenSaveActive", "1", "fix.saver-enabled"},
		{"ScreenSaverIsSecure", "1", "fix.lock-enabled"},
	} {
		v, err := get(s.name)
		if err != nil {
			return Plan{}, err
		}
		if v != "1" {
			from := "0"
			if v == "" {
				from = "" // not set: Undo removes it
			}
			p.Changes = append(p.Changes, Change{Tool: WinDesktop, Schema: check.WinDesktopKey, Key: s.name, From: from, To: s.to, Kind: Switch, FromShown: boolText(v == "1"), ToShown: "true", Text: s.text})
		}
	}
	program, err := get("SCRNSAVE.EXE")
	if err != nil {
		return Plan{}, err
	}
	if program == "" {
		p.Changes = append(p.Changes, Change{Tool: WinDesktop, Schema: check.WinDesktopKey, Key: "SCRNSAVE.EXE", To: blankSaver, Kind: Action, FromShown: "none", ToShown: "blank", Text: "fix.saver-program"})
	}
	timeout, err := get("ScreenSaveTimeOut")
	if err != nil {
		return Plan{}, err
	}
	if secs, err := strconv.ParseUint(timeout, 10, 32); err != nil || secs == 0 || secs > 300 {
		p.Changes = append(p.Changes, Change{Tool: WinDesktop, Schema: check.WinDesktopKey, Key: "ScreenSaveTimeOut", From: timeout, To: "300", Kind: Seconds, Never: true, Text: "fix.idle-delay"})
	}
	return p, nil
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
