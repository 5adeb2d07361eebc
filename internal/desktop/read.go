package desktop

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
)

// Gsettings reads every key of a schema with one run of gsettings.
func Gsettings(ctx context.Context, sys host.System, schema string) (map[string]string, error) {
	out, err := sys.Cmd.Run(ctx, command.Gsettings, "list-recursively", schema)
	if err != nil {
		var exit *command.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("reading %s: schema not available (%v)", schema, err)
		}
		return nil, fmt.Errorf("reading %s: %w", schema, err)
	}
	return ParseGsettingsList(schema, out)
}

// Writable reports whether the person may change key of schema: false
// when an administrator has locked it in a system dconf database.
func Writable(ctx context.Context, sys host.System, schema, key string) (bool, error) {
	out, err := sys.Cmd.Run(ctx, command.Gsettings, "writable", schema, key)
	if err != nil {
		return false, fmt.Errorf("asking whether %s %s is writable: %w", schema, key, err)
	}
	return GVBool(string(out))
}

// KConfigPaths lists where a KDE config file is read from, system default
// first.
func KConfigPaths(sys host.System, name string) []string {
	return []string{path.Join("/etc/xdg", name), path.Join(sys.ConfigHome(), name)}
}

// ReadKConfig reads a KDE config file as KConfig cascades it: the system
// default in /etc/xdg under the user's file. A missing file is not an
// error; read lists the files that were found.
func ReadKConfig(sys host.System, name string) (cfg KConfig, read []string, err error) {
	cfg = KConfig{}
	for _, p := range KConfigPaths(sys, name) {
		data, err := sys.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", p, err)
		}
		cfg.Merge(ParseKConfig(data))
		read = append(read, p)
	}
	return cfg, read, nil
}

// XfconfPaths lists where an xfconf channel is read from, the user's file
// first.
func XfconfPaths(sys host.System, channel string) []string {
	rel := path.Join("xfce4/xfconf/xfce-perchannel-xml", channel+".xml")
	return []string{path.Join(sys.ConfigHome(), rel), path.Join("/etc/xdg", rel)}
}

// ReadXfconf reads an xfconf channel. It asks xfconfd first (xfconf-query):
// its values are the live ones, the system's defaults included, while
// xfconfd writes a change to the channel's file only seconds later. Without
// xfconf-query, or when xfconfd does not answer, it reads the user's file,
// or the system default. A channel with no values at all is empty (every
// property takes its default); src names where the values came from.
func ReadXfconf(ctx context.Context, sys host.System, channel string) (ch Xfconf, src string, err error) {
	if sys.Cmd != nil && sys.Cmd.Has(command.XfconfQuery) {
		out, err := sys.Cmd.Run(ctx, command.XfconfQuery, "-c", channel, "-l", "-v")
		if err == nil {
			return ParseXfconfQuery(out), "xfconfd " + channel, nil
		}
	}
	for _, p := range XfconfPaths(sys, channel) {
		data, err := sys.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("reading %s: %w", p, err)
		}
		ch, err := ParseXfconf(data)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", p, err)
		}
		return ch, p, nil
	}
	return Xfconf{}, channel + " (defaults)", nil
}

// LockdownSchemas names, per GSettings desktop, the schema of the lockdown
// settings an administrator or a kiosk profile uses to take features away
// whatever the person's own settings say.
var LockdownSchemas = map[Family]string{
	GNOME:    "org.gnome.desktop.lockdown",
	Cinnamon: "org.cinnamon.desktop.lockdown",
	MATE:     "org.mate.lockdown",
}

// DisableLockScreen is the lockdown key that forbids locking the screen:
// GNOME Shell, cinnamon-screensaver and mate-screensaver then never lock,
// not on idle, not on waking from sleep, not when asked to.
const DisableLockScreen = "disable-lock-screen"

// LockScreenDisabled reads whether the desktop's lockdown forbids locking
// the screen at all.
func LockScreenDisabled(ctx context.Context, sys host.System, fam Family) (bool, error) {
	schema, ok := LockdownSchemas[fam]
	if !ok {
		return false, fmt.Errorf("no lockdown settings known for the %q desktop", fam)
	}
	vals, err := Gsettings(ctx, sys, schema)
	if err != nil {
		return false, err
	}
	off, err := GVBool(vals[DisableLockScreen])
	if err != nil {
		return false, fmt.Errorf("%s %s: %w", schema, DisableLockScreen, err)
	}
	return off, nil
}
