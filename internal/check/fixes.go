package check

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Fixes are the fixes the checks built with deps declare (a check's
// Fixes, in its <check>_fix.go beside its readers): the status window
// plans, applies and undoes them, and the worker asks them whether a
// finding can be fixed. Each plans to its check's own limits, so deps
// must carry the Limits the checks judge by (an organisation's policy).
func Fixes(deps Deps) fix.Fixes {
	checks, err := Build(deps)
	if err != nil {
		panic(err) // the catalogues are embedded: a build error, caught by the tests
	}
	return FixesOf(checks)
}

// FixesOf are the fixes checks declare, by check ID.
func FixesOf(checks []monitor.Check) fix.Fixes {
	out := fix.Fixes{}
	for _, c := range checks {
		if f, ok := c.(interface{ Fixes() fix.ByDesktop }); ok {
			out[c.Spec().ID] = f.Fixes()
		}
	}
	return out
}

// fixLimit is the threshold a fix plans to: its check's own, read when a
// plan is made.
type fixLimit func() time.Duration

// in is the limit in whole units (a desktop that stores minutes holds no
// 3.5), rounded down so that the fix never leaves the check unhappy. A
// limit shorter than one unit has no fix there: the shortest the setting
// holds would still be too long.
func (l fixLimit) in(unit time.Duration) (int64, error) {
	d := l()
	if n := int64(d / unit); n >= 1 {
		return n, nil
	}
	return 0, fmt.Errorf("%w: the limit %v is shorter than the %v the setting counts in", fix.ErrNoFix, d, unit)
}

// named is a setting and the catalogue key that names it to a person.
type named struct {
	fix.Setting
	text string
}

// The settings a fix changes, by the tool that changes them.

func gs(schema, key string) fix.Setting {
	return fix.Setting{Tool: fix.GSettings, Schema: schema, Key: key}
}

func kc(file, key string) fix.Setting { return fix.Setting{Tool: fix.KConfig, Schema: file, Key: key} }

func xf(channel, prop string) fix.Setting {
	return fix.Setting{Tool: fix.Xfconf, Schema: channel, Key: prop}
}

// GNOME, Cinnamon and MATE: gsettings.

// gsRead reads GSettings keys, each schema once.
type gsRead struct {
	ctx     context.Context
	sys     host.System
	schemas map[string]map[string]string
}

func newGSRead(ctx context.Context, sys host.System) *gsRead {
	return &gsRead{ctx: ctx, sys: sys, schemas: map[string]map[string]string{}}
}

// get returns s's value as gsettings prints it, and whether the schema
// has the key.
func (r *gsRead) get(s fix.Setting) (string, bool, error) {
	keys, ok := r.schemas[s.Schema]
	if !ok {
		var err error
		if keys, err = desktop.Gsettings(r.ctx, r.sys, s.Schema); err != nil {
			return "", false, err
		}
		r.schemas[s.Schema] = keys
	}
	v, ok := keys[s.Key]
	return v, ok, nil
}

// gsLockdown is a desktop's switch that forbids locking the screen at all
// (disable-lock-screen): without it allowed again the desktop locks
// neither on idle nor on waking, whatever the other changes say.
type gsLockdown struct {
	fam    desktop.Family
	forbid fix.Setting
}

func gsLockdownOf(fam desktop.Family) gsLockdown {
	return gsLockdown{fam: fam, forbid: gs(desktop.LockdownSchemas[fam], desktop.DisableLockScreen)}
}

// allow adds to p, where the lockdown forbids locking, the change that
// allows it again. For refuses the plan when an administrator locked it.
func (l gsLockdown) allow(ctx context.Context, sys host.System, p *fix.Plan) error {
	off, err := desktop.LockScreenDisabled(ctx, sys, l.fam)
	if err != nil || !off {
		return err
	}
	// The key says "disabled"; the person reads "allowed": off → on.
	c := l.forbid.Change("true", "false", fix.Switch, "fix.allow-lock-screen")
	c.FromShown, c.ToShown = "false", "true"
	p.Changes = append(p.Changes, c)
	return nil
}

// sameType writes n as a GVariant of the type value was printed in:
// gsettings prints uint32 with its type ("uint32 300") and int32 bare.
func sameType(value string, n uint64) string {
	if typ, _, ok := strings.Cut(strings.TrimSpace(value), " "); ok {
		return typ + " " + strconv.FormatUint(n, 10)
	}
	return strconv.FormatUint(n, 10)
}

// KDE: the values in effect are the system's defaults under the person's
// own file, and kwriteconfig writes that file.

// ownKConfig is the person's own copy of a KDE file (not the system's
// defaults under it): what kwriteconfig writes, and what Undo puts back.
func ownKConfig(sys host.System, file string) desktop.KConfig {
	data, err := sys.ReadFile(desktop.KConfigPaths(sys, file)[1])
	if err != nil {
		return desktop.KConfig{}
	}
	return desktop.ParseKConfig(data)
}
