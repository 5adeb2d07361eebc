// Package mamori holds what every Mamori binary shares: the application's
// identity (name, ID, version, icon), read from the embedded FyneApp.toml so
// that the agent, the window process and the packaging never disagree.
package mamori

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/BurntSushi/toml"
)

//go:embed FyneApp.toml
var fyneAppTOML []byte

//go:embed assets/icon.png
var iconPNG []byte

//go:embed assets/tray-ok.png
var trayOK []byte

//go:embed assets/tray-warn.png
var trayWarn []byte

//go:embed assets/tray-critical.png
var trayCritical []byte

//go:embed assets/tray-unknown.png
var trayUnknown []byte

// Info is the application's identity as FyneApp.toml declares it.
type Info struct {
	Name    string
	ID      string
	Version string
	Build   int
	// IconPath is the icon's path relative to the repository root.
	IconPath string
	Website  string
}

type fyneApp struct {
	Website string
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
}

var app = sync.OnceValues(func() (Info, error) { return parseFyneApp(fyneAppTOML) })

// App returns the application's identity. The file is embedded at build time,
// so a parse error is a build defect: App panics rather than run nameless.
func App() Info {
	info, err := app()
	if err != nil {
		panic(err)
	}
	return info
}

// Icon returns the application icon as PNG bytes.
func Icon() []byte { return iconPNG }

// TrayIcon returns the tray icon for a status ("ok", "warn", "critical",
// anything else: "unknown") as PNG bytes. Colour and shape both differ.
func TrayIcon(status string) []byte {
	switch status {
	case "ok", "not-applicable":
		return trayOK
	case "warn":
		return trayWarn
	case "critical":
		return trayCritical
	}
	return trayUnknown
}

func parseFyneApp(data []byte) (Info, error) {
	var f fyneApp
	if _, err := toml.Decode(string(data), &f); err != nil {
		return Info{}, fmt.Errorf("parsing FyneApp.toml: %w", err)
	}
	d := f.Details
	if d.Name == "" || d.ID == "" || d.Version == "" {
		return Info{}, fmt.Errorf("parsing FyneApp.toml: Name, ID and Version are required")
	}
	return Info{Name: d.Name, ID: d.ID, Version: d.Version, Build: d.Build, IconPath: d.Icon, Website: f.Website}, nil
}
