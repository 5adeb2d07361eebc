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
}

// Sync creates or removes the entry to match on.
func (a Autostart) Sync(on bool) error {
	if on {
		return a.install()
	}
	return a.remove()
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

func removeIfPresent(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	return nil
}
