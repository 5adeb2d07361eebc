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

// System is where a page is: an operating system, or on Linux a desktop.
type System string

// The systems a page can be declared for.
const (
	Windows  System = "windows"
	MacOS    System = "darwin"
	KDE      System = "kde"
	Cinnamon System = "cinnamon"
	Xfce     System = "xfce"
	GNOME    System = "gnome" // and Unity and Budgie, which use its settings
)

// Pages are a check's settings pages, one per system; a system without
// one has none to open. Each check declares its own (internal/check).
type Pages map[System]Page

// Explorer is a Windows settings page: a URI Explorer opens
// (ms-settings:…, windowsdefender:).
func Explorer(uri string) Page { return Page{command.WindowsExplorer, []string{uri}} }

// SystemSettings is a macOS System Settings pane, by its URI.
func SystemSettings(uri string) Page { return Page{command.MacOpen, []string{uri}} }

// KDEModule is a page of KDE's System Settings, by its module.
func KDEModule(module string) Page { return Page{command.KDESystemSettings, []string{module}} }

// CinnamonModule is a page of Cinnamon's settings, by its module.
func CinnamonModule(module string) Page { return Page{command.CinnamonSettings, []string{module}} }

// GNOMEPanel is a panel of GNOME's Settings.
func GNOMEPanel(panel string) Page { return Page{command.GnomeControlCenter, []string{panel}} }

// GNOMESoftwareUpdates is GNOME Software's Updates page.
func GNOMESoftwareUpdates() Page { return Page{command.GnomeSoftware, []string{"--mode=updates"}} }

// XfceSettings is Xfce's Settings Manager.
func XfceSettings() Page { return Page{command.XfceSettings, nil} }

// XfcePowerManager is xfce4-power-manager's own settings (sleep, blanking,
// locking on sleep), a page of Xfce's Settings Manager.
func XfcePowerManager() Page { return Page{command.XfcePowerSettings, nil} }

// For picks from pages the one for this system: goos is runtime.GOOS,
// desktop is $XDG_CURRENT_DESKTOP. ok is false where there is none.
func For(pages Pages, goos, desktop string) (Page, bool) {
	sys := System(goos)
	if goos != "windows" && goos != "darwin" {
		d := strings.ToLower(desktop)
		switch {
		case strings.Contains(d, "kde"):
			sys = KDE
		case strings.Contains(d, "cinnamon"):
			sys = Cinnamon
		case strings.Contains(d, "xfce"):
			sys = Xfce
		case strings.Contains(d, "gnome") || strings.Contains(d, "unity") || strings.Contains(d, "budgie"):
			sys = GNOME
		default:
			return Page{}, false
		}
	}
	p, ok := pages[sys]
	return p, ok
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
