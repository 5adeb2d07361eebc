package fix

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/host"
)

// blankSaver is the screen saver every Windows has: a blank screen.
const blankSaver = `C:\Windows\system32\scrnsave.scr`

func win(name string) Setting {
	return Setting{Tool: WinDesktop, Schema: check.WinDesktopKey, Key: name}
}

// winLock: the screen saver locks when it is active, secure (the sign-in
// screen on resume) and has a program, after ScreenSaveTimeOut seconds. A
// value a Group Policy sets is not the person's to change: no plan.
type winLock struct {
	on               []named // switches: "1" for on
	program, timeout Setting
}

var windowsLock = winLock{
	on:      []named{{win("ScreenSaveActive"), "fix.saver-enabled"}, {win("ScreenSaverIsSecure"), "fix.lock-enabled"}},
	program: win("SCRNSAVE.EXE"),
	timeout: win("ScreenSaveTimeOut"),
}

func (w winLock) Plan(_ context.Context, sys host.System) (Plan, error) {
	return w.planFrom(sys.Registry)
}

func (w winLock) planFrom(reg host.Registry) (Plan, error) {
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
	get := func(s Setting) (string, error) {
		v, err := reg.String(s.Schema, s.Key)
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return v, err
	}
	for _, s := range w.on {
		v, err := get(s.Setting)
		if err != nil {
			return Plan{}, err
		}
		if v != "1" {
			from := "0"
			if v == "" {
				from = "" // not set: Undo removes it
			}
			c := s.Change(from, "1", Switch, s.text)
			c.FromShown, c.ToShown = boolText(v == "1"), "true"
			p.Changes = append(p.Changes, c)
		}
	}
	program, err := get(w.program)
	if err != nil {
		return Plan{}, err
	}
	if program == "" {
		c := w.program.Change("", blankSaver, Action, "fix.saver-program")
		c.FromShown, c.ToShown = "none", "blank"
		p.Changes = append(p.Changes, c)
	}
	timeout, err := get(w.timeout)
	if err != nil {
		return Plan{}, err
	}
	if secs, err := strconv.ParseUint(timeout, 10, 32); err != nil || secs == 0 || secs > lockSeconds {
		c := w.timeout.Change(timeout, strconv.FormatUint(lockSeconds, 10), Seconds, "fix.idle-delay")
		c.Never = true
		p.Changes = append(p.Changes, c)
	}
	return p, nil
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
