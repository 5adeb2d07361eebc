// Package mamori holds what every Mamori binary shares: the application's
// identity (name, ID, version, icon), read from the embedded FyneApp.toml so
// that the agent, the window process and the packaging never disagree.
package mamori

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/mamori-project/mamori/internal/lines"
)

//go:embed FyneApp.toml
var fyneAppTOML []byte

//go:embed assets/icon.png
var iconPNG []byte

//go:embed assets/icon-64.rgba
var iconPixels64 []byte

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

// IconPixels64 returns the application icon drawn at 64x64, as RGBA bytes
// with alpha (four a pixel, rows of 256 bytes): what a notification's
// image-data hint carries, made by assets/gen.go so that nothing has to be
// decoded at run time.
func IconPixels64() []byte { return iconPixels64 }

// TrayIcon returns the tray icon for a status ("ok", "warn", "critical",
// anything else: "unknown") in the format the system's tray takes: PNG,
// or ICO on Windows. Colour and shape both differ.
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

// parseFyneApp reads the part of TOML that FyneApp.toml uses: comments,
// a top-level Website, and a [Details] table of quoted strings and a whole
// number. A TOML library would cost the resident agent its parser for one
// read at start; TestParseFyneAppLikeTOML holds this reader to one.
func parseFyneApp(data []byte) (Info, error) {
	var info Info
	table := ""
	n := 0
	for line := range lines.All(data) {
		n++
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") {
				return Info{}, fmt.Errorf("parsing FyneApp.toml: line %d: unclosed table header", n)
			}
			table = strings.TrimSpace(line[1 : len(line)-1])
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			return Info{}, fmt.Errorf("parsing FyneApp.toml: line %d: no key = value", n)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if key == "Build" && table == "Details" {
			b, err := strconv.Atoi(val)
			if err != nil {
				return Info{}, fmt.Errorf("parsing FyneApp.toml: line %d: Build is not a whole number", n)
			}
			info.Build = b
			continue
		}
		str, err := tomlString(val)
		if err != nil {
			return Info{}, fmt.Errorf("parsing FyneApp.toml: line %d: %s: %w", n, key, err)
		}
		switch table + "." + key {
		case ".Website":
			info.Website = str
		case "Details.Icon":
			info.IconPath = str
		case "Details.Name":
			info.Name = str
		case "Details.ID":
			info.ID = str
		case "Details.Version":
			info.Version = str
		}
	}
	if info.Name == "" || info.ID == "" || info.Version == "" {
		return Info{}, fmt.Errorf("parsing FyneApp.toml: Name, ID and Version are required")
	}
	return info, nil
}

// tomlString reads a TOML basic string ("…" with backslash escapes, which
// are Go's for the characters that occur here), with an optional comment
// after it.
func tomlString(v string) (string, error) {
	if len(v) < 2 || v[0] != '"' {
		return "", fmt.Errorf("not a quoted string")
	}
	end := 1
	for ; end < len(v); end++ {
		if v[end] == '\\' {
			end++
			continue
		}
		if v[end] == '"' {
			break
		}
	}
	if end >= len(v) {
		return "", fmt.Errorf("unclosed string")
	}
	if rest := strings.TrimSpace(v[end+1:]); rest != "" && rest[0] != '#' {
		return "", fmt.Errorf("text after the string")
	}
	return strconv.Unquote(v[:end+1])
}
