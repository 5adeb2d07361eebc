// Package osprefs knows which page of the operating system's settings
// fixes each finding, and opens it when the person asks.
package osprefs

import (
	"strings"

	"github.com/mamori-project/mamori/internal/command"
)

// Page is a settings page: the program and its arguments.
type Page struct {
	Program command.Name
	Args    []string
}

// For returns the settings page for a check on this system: goos is
// runtime.GOOS, desktop is $XDG_CURRENT_DESKTOP. ok is false where there is
// no page to open.
func For(check, goos, desktop string) (Page, bool) {
	switch goos {
	case "windows":
		uri, ok := map[string]string{
			"screen-lock": "ms-settings:signinoptions", "idle-power": "ms-settings:powersleep",
			"os-updates": "ms-settings:windowsupdate", "wifi": "ms-settings:network-wifi",
			"antivirus": "windowsdefender:",
		}[check]
		return Page{command.WindowsExplorer, []string{uri}}, ok
	case "darwin":
		uri, ok := map[string]string{
			"screen-lock": "x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension",
			"idle-power":  "x-apple.systempreferences:com.apple.Battery-Settings.extension",
			"os-updates":  "x-apple.systempreferences:com.apple.Software-Update-Settings.extension",
			"wifi":        "x-apple.systempreferences:com.apple.wifi-settings-extension",
		}[check]
		return Page{command.MacOpen, []string{uri}}, ok
	}
	d := strings.ToLower(desktop)
	switch {
	case strings.Contains(d, "kde"):
		module, ok := map[string]string{
			"screen-lock": "kcm_screenlocker", "idle-power": "kcm_powerdevilprofilesconfig",
			"wifi": "kcm_networkmanagement", "os-updates": "kcm_updates",
		}[check]
		return Page{command.KDESystemSettings, []string{module}}, ok
	case strings.Contains(d, "cinnamon"):
		module, ok := map[string]string{"screen-lock": "screensaver", "idle-power": "power", "wifi": "network"}[check]
		return Page{command.CinnamonSettings, []string{module}}, ok
	case strings.Contains(d, "xfce"):
		return Page{command.XfceSettings, nil}, check == "screen-lock" || check == "idle-power"
	case strings.Contains(d, "gnome") || strings.Contains(d, "unity") || strings.Contains(d, "budgie"):
		if check == "os-updates" || check == "browser-updates" {
			return Page{command.GnomeSoftware, []string{"--mode=updates"}}, true
		}
		panel, ok := map[string]string{"screen-lock": "privacy", "idle-power": "power", "wifi": "wifi"}[check]
		return Page{command.GnomeControlCenter, []string{panel}}, ok
	}
	return Page{}, false
}

// Launcher starts a program without waiting for it.
type Launcher interface {
	Launch(name command.Name, args ...string) error
	Has(name command.Name) bool
}

// Available reports whether the page's program is installed.
func Available(l Launcher, p Page) bool { return l.Has(p.Program) }

// Open opens the page.
func Open(l Launcher, p Page) error { return l.Launch(p.Program, p.Args...) }
