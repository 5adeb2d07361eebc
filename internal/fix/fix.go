// Package fix changes a per-user setting that a check found wanting, when
// the person asks for it: a Plan says exactly what will change and from
// what, Apply changes it, and Undo puts the old values back where they
// still hold what the fix wrote. An undo record is data: Undo accepts only
// the settings the planners name. Each check declares its planners, beside
// its readers (internal/check); this package knows no check by name. Mamori never applies a plan
// on its own, and only settings a user may change without root are fixed
// here (GSettings: GNOME, Cinnamon, MATE; xfconf: Xfce; KDE's files;
// Windows' screen saver); system settings (updates, firewall) open the
// right settings page instead.
package fix

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Kind says how a value reads to a person.
type Kind string

// The kinds of value.
const (
	Switch  Kind = "switch"  // a GVariant boolean: on or off
	Seconds Kind = "seconds" // a GVariant integer of seconds
	Minutes Kind = "minutes" // a GVariant integer of minutes
	Action  Kind = "action"  // a GVariant string naming what happens: 'suspend', 'nothing'
	Millis  Kind = "milliseconds"
)

// Tool is what a change is made with.
type Tool string

// The tools.
const (
	// GSettings: gsettings set SCHEMA KEY VALUE (GNOME, Cinnamon, MATE).
	// The zero value, so that plans kept before there were others read
	// back the same.
	GSettings Tool = ""
	// Xfconf: xfconf-query -c CHANNEL -p PROPERTY (Xfce), through xfconfd.
	Xfconf Tool = "xfconf"
	// KConfig: kwriteconfig6 (or 5) --file FILE --group GROUP --key KEY
	// (KDE); Key is "Group/Key".
	KConfig Tool = "kconfig"
	// WinDesktop: a REG_SZ value of HKCU\Control Panel\Desktop (Windows'
	// screen saver), Windows then told of it (SystemParametersInfo).
	WinDesktop Tool = "windows-desktop"
)

// Change is one setting to change.
type Change struct {
	Tool Tool `json:",omitempty"`
	// Schema and Key name the setting: a GSettings schema and key, an
	// xfconf channel and property, or a KDE config file and "Group/Key".
	Schema, Key string
	// From and To are the values as the tool prints and takes them
	// (GVariant text for gsettings). For xfconf and KDE, From "" means
	// the setting was not set: Undo removes it again, back to its default.
	From, To string
	Kind     Kind
	// Never: a time of 0 means never (a timeout), not at once (a delay).
	Never bool `json:",omitempty"`
	// FromShown and ToShown, when set, are From and To as a person should
	// read them, where the tool's value reads otherwise: xfce4-power-
	// manager's 14 (or an unset property, its default) means never, 0;
	// PowerDevil's action 1 is suspend.
	FromShown string `json:",omitempty"`
	ToShown   string `json:",omitempty"`
	// Text is the catalogue key that names the setting to a person.
	Text string
}

// Plan is what fixing a check changes.
type Plan struct {
	Check   string   `json:"check"`
	Changes []Change `json:"changes"`
	// Reload names the daemons told to read their settings again after
	// the changes, and after Undo: "kscreenlocker", "powerdevil" (KDE
	// reads its files only when told).
	Reload []string `json:"reload,omitempty"`
}

// ErrNoFix means Mamori cannot fix this check on this desktop: the person
// is shown how instead.
var ErrNoFix = errors.New("no fix for this check on this desktop")

// ErrManaged means a setting the fix would change is locked by an
// administrator: the advice tells the person whom to ask. It is an ErrNoFix.
var ErrManaged = fmt.Errorf("%w: an administrator has locked the setting", ErrNoFix)

// For returns the plan that fixes check on the running desktop, read from
// the settings as they are now. A plan with no changes means nothing needs
// changing.
func (f Fixes) For(ctx context.Context, sys host.System, check string) (Plan, error) {
	pl, ok := f.planner(sys, check)
	if !ok {
		return Plan{}, ErrNoFix
	}
	p, err := pl.Plan(ctx, sys)
	if err != nil {
		return Plan{}, err
	}
	// Filed under the ID the fix is declared with: Undo accepts, for
	// that check, only the settings of its own planners.
	p.Check = check
	// A setting the administrator locked cannot be changed: no plan, and
	// the check's advice says whom to ask. (Xfce's kiosk locks are not
	// read: xfconf-query fails on them, and Apply then undoes the rest.)
	for _, c := range p.Changes {
		if c.Tool != GSettings {
			continue
		}
		w, err := desktop.Writable(ctx, sys, c.Schema, c.Key)
		if err != nil {
			return Plan{}, err
		}
		if !w {
			return Plan{}, fmt.Errorf("%w (%s %s)", ErrManaged, c.Schema, c.Key)
		}
	}
	return p, nil
}

// Offered reports whether Mamori can offer to fix r on the running
// desktop, without reading anything (a notification asks this): the check
// has a plan on this desktop and no administrator's lock is behind the
// verdict. The plan itself is made when the person asks (For).
func (f Fixes) Offered(getenv func(string) string, r monitor.Result) bool {
	if r.Status != monitor.Warn && r.Status != monitor.Critical || r.Get("locked-by-administrator") != "" {
		return false
	}
	fam := Windows
	if runtime.GOOS != "windows" {
		fam, _ = desktop.Detect(getenv)
	}
	p, ok := f[r.CheckID][fam]
	if o, asks := p.(Offerer); ok && asks {
		return o.Offers(r)
	}
	return ok
}

// Apply makes the plan's changes. If one fails, those already made are put
// back, so a plan is applied whole or not at all.
func (p Plan) Apply(ctx context.Context, run command.Runner) error {
	for i, c := range p.Changes {
		if err := set(ctx, run, c, c.To); err != nil {
			for j := i - 1; j >= 0; j-- {
				set(ctx, run, p.Changes[j], p.Changes[j].From)
			}
			p.reload(ctx, run)
			return err
		}
	}
	p.reload(ctx, run)
	return nil
}

// reload tells the plan's daemon to read its settings again. Where it is
// not running (or not answering) the files are changed all the same, and it
// reads them when it starts.
func (p Plan) reload(ctx context.Context, run command.Runner) {
	// As KDE's own settings pages do. --print-reply: the call is done when
	// dbus-send returns.
	for _, d := range p.Reload {
		switch d {
		case "kscreenlocker":
			run.Run(ctx, command.DBusSend, "--session", "--print-reply", "--reply-timeout=2000", "--type=method_call", "--dest=org.kde.screensaver", "/ScreenSaver", "org.kde.screensaver.configure")
		case "powerdevil":
			run.Run(ctx, command.DBusSend, "--session", "--print-reply", "--reply-timeout=2000", "--type=method_call", "--dest=org.kde.Solid.PowerManagement", "/org/kde/Solid/PowerManagement", "org.kde.Solid.PowerManagement.refreshStatus")
		}
	}
}

// ErrNotAFix means an undo record names a change no fix of its check
// makes: it is refused whole, and nothing is changed. The record is a file
// in the person's folder, and whatever can write there may have written it.
var ErrNotAFix = errors.New("a change no fix makes")

// Verify reports whether every change of p is one a fix of p.Check makes,
// as fixes declares them: a setting of that check's planners (not a proxy,
// not a file of the writer's choosing), values a program takes as values,
// not as options, and words from the catalogue.
func (p Plan) Verify(fixes Fixes) error {
	allowed := fixes.settingsOf(p.Check)
	var bad []string
	for _, c := range p.Changes {
		switch {
		case !allowed[Setting{c.Tool, c.Schema, c.Key}]:
			bad = append(bad, fmt.Sprintf("%s %q %q", toolName(c.Tool), c.Schema, c.Key))
		case !plainValue(c.From) || !plainValue(c.To):
			bad = append(bad, fmt.Sprintf("%s %q %q: value %q → %q", toolName(c.Tool), c.Schema, c.Key, c.From, c.To))
		case !strings.HasPrefix(c.Text, "fix."):
			bad = append(bad, fmt.Sprintf("%s %q %q: text %q", toolName(c.Tool), c.Schema, c.Key, c.Text))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%w for %s: %s", ErrNotAFix, p.Check, strings.Join(bad, "; "))
	}
	return nil
}

func toolName(t Tool) string {
	if t == GSettings {
		return "gsettings"
	}
	return string(t)
}

// plainValue: no fix reads or writes a value that starts with "-" (which a
// program could take for an option), or holds a line break.
func plainValue(v string) bool {
	return len(v) <= 256 && !strings.HasPrefix(v, "-") && !strings.ContainsAny(v, "\n\r\x00")
}

// Kept is a change Undo left as it is.
type Kept struct {
	Change Change
	// Now is the setting's value now, which is not what the fix wrote:
	// the person, or another program, changed it since. Err says why it
	// could not be read; then it was not changed either.
	Now string
	Err error
}

// Undo puts back the values the plan found, of the settings that still
// hold what the fix wrote; a setting changed since is left as it is and
// returned, so that the person's later choice stands. A plan with a change
// no fix of fixes makes is refused whole (ErrNotAFix), before anything is
// read or changed.
func (p Plan) Undo(ctx context.Context, sys host.System, fixes Fixes) ([]Kept, error) {
	if err := p.Verify(fixes); err != nil {
		return nil, err
	}
	var (
		kept []Kept
		errs []error
	)
	for i := len(p.Changes) - 1; i >= 0; i-- {
		c := p.Changes[i]
		now, err := current(ctx, sys, c)
		if err != nil || now != c.To {
			kept = append([]Kept{{Change: c, Now: now, Err: err}}, kept...)
			continue
		}
		if err := set(ctx, sys.Cmd, c, c.From); err != nil {
			errs = append(errs, err)
		}
	}
	p.reload(ctx, sys.Cmd)
	return kept, errors.Join(errs...)
}

// current reads c's setting as the tool writes it ("" for a setting that
// is not set).
func current(ctx context.Context, sys host.System, c Change) (string, error) {
	s := Setting{c.Tool, c.Schema, c.Key}
	switch c.Tool {
	case GSettings:
		out, err := sys.Cmd.Run(ctx, command.Gsettings, "get", c.Schema, c.Key)
		if err != nil {
			return "", fmt.Errorf("reading %s %s: %w", c.Schema, c.Key, err)
		}
		return strings.TrimSpace(string(out)), nil
	case Xfconf:
		ch, _, err := desktop.ReadXfconf(ctx, sys, c.Schema)
		if err != nil {
			return "", err
		}
		return ch[c.Key], nil
	case KConfig:
		data, err := sys.ReadFile(desktop.KConfigPaths(sys, c.Schema)[1])
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", c.Schema, err)
		}
		return desktop.ParseKConfig(data)[s.Group()][s.Name()], nil
	case WinDesktop:
		if sys.Registry == nil {
			return "", errors.New("the Windows registry exists only on Windows")
		}
		v, err := sys.Registry.String(c.Schema, c.Key)
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return v, err
	}
	return "", fmt.Errorf("no tool %q", c.Tool)
}

// set gives c's setting value.
func set(ctx context.Context, run command.Runner, c Change, value string) error {
	// Names go to programs as arguments; the registry's key is fixed.
	if c.Tool != WinDesktop && (strings.ContainsAny(c.Schema+c.Key, " \n") || strings.HasPrefix(c.Schema+c.Key, "-")) {
		return fmt.Errorf("bad setting name %q %q", c.Schema, c.Key)
	}
	var err error
	switch c.Tool {
	case GSettings:
		_, err = run.Run(ctx, command.Gsettings, "set", c.Schema, c.Key, value)
	case Xfconf:
		args := []string{"-c", c.Schema, "-p", c.Key}
		if value == "" {
			args = append(args, "-r") // it was not set: back to its default
		} else {
			args = append(args, "-n", "-t", xfconfType(c.Kind), "-s", value)
		}
		_, err = run.Run(ctx, command.XfconfQuery, args...)
	case KConfig:
		err = kwrite(ctx, run, c, value)
	case WinDesktop:
		err = setWinDesktop(c.Key, value)
	default:
		err = fmt.Errorf("no tool %q", c.Tool)
	}
	if err != nil {
		return fmt.Errorf("setting %s %s: %w", c.Schema, c.Key, err)
	}
	return nil
}
