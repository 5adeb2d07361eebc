package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Autostart is the login entry that starts the agent: an XDG autostart file
// on Linux, a Run key value on Windows, a LaunchAgent on macOS.
type Autostart struct {
	// AppID names the entry (FyneApp.toml's ID); AppName is shown.
	AppID, AppName string
	// Exe is the agent's absolute path.
	Exe string
	// ConfigHome is $XDG_CONFIG_HOME (Linux) or the home directory (macOS).
	ConfigHome string
	// SystemDirs are $XDG_CONFIG_DIRS (Linux): a packaged entry in their
	// autostart directory runs the agent with --at-login, which starts it
	// only if the settings say so.
	SystemDirs []string
}

// Sync creates or removes the entry to match on.
func (a Autostart) Sync(on bool) error {
	if on {
		return a.install()
	}
	return a.remove()
}

// Shown returns st with StartAtLogin as the login entry is now, read from
// the entry itself and not from the settings file: an installer may have
// made the entry (the .msi's Run value), or the person may have removed it
// in the system's own settings. Where the person has no entry of their own
// and a packaged one follows the settings, the settings say. On an error
// st is returned as it was.
func (a Autostart) Shown(st Settings) (Settings, error) {
	on, known, err := a.enabled()
	if err != nil {
		return st, fmt.Errorf("reading the login entry: %w", err)
	}
	if known {
		st.StartAtLogin = on
	}
	return st, nil
}

// Save writes a settings window's edits (from orig, as the window showed
// the settings, to edit) into store, and changes the login entry only when
// the person changed that box: saving anything else leaves the entry as
// it is.
func (a Autostart) Save(store Store, orig, edit Settings) (Settings, error) {
	st, err := store.Update(Edits(orig, edit))
	if err != nil && !errors.Is(err, ErrLocked) {
		return st, err
	}
	// What a policy locks was not saved; the rest was, login included.
	if edit.StartAtLogin != orig.StartAtLogin {
		if err := a.Sync(edit.StartAtLogin); err != nil {
			return st, err
		}
	}
	return st, err
}

// desktopPath is the XDG autostart file.
func (a Autostart) desktopPath() string {
	return filepath.Join(a.ConfigHome, "autostart", a.AppID+".desktop")
}

// desktopEntry is the autostart file's content.
func (a Autostart) desktopEntry() string {
	return fmt.Sprintf("[Desktop Entry]\nType=Application\nName=%s\nExec=%s\nIcon=%s\nX-GNOME-Autostart-enabled=true\nNoDisplay=false\nTerminal=false\n",
		a.AppName, execValue(a.Exe), a.AppID)
}

// execValue writes a program's path as an Exec value, by the Desktop Entry
// spec's two layers: the argument is quoted (double quotes, with ", `, $
// and the backslash escaped by a backslash), then the value is escaped as
// a string (a backslash doubled again, so one literal backslash becomes
// four; a newline as backslash-n), and a literal % is written %%.
func execValue(path string) string {
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", "$", `\$`).Replace(path) + `"`
	value := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(quoted)
	return strings.ReplaceAll(value, "%", "%%")
}

// desktopEnabled reports whether an autostart file starts its program: not
// when its [Desktop Entry] says Hidden=true (the spec's "deleted") or
// X-GNOME-Autostart-enabled=false (GNOME's and others' switch in their
// Startup Applications).
func desktopEnabled(data []byte) bool {
	group := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			group = line
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || group != "[Desktop Entry]" {
			continue
		}
		switch strings.TrimSpace(key) {
		case "Hidden":
			if strings.TrimSpace(value) == "true" {
				return false
			}
		case "X-GNOME-Autostart-enabled":
			if strings.TrimSpace(value) == "false" {
				return false
			}
		}
	}
	return true
}

func removeIfPresent(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	return nil
}
