package mamori

import _ "embed"

// Windows' notification area takes icons (fyne.io/systray loads them with
// LoadImage), made by assets/gen.go at each size Windows picks from.

//go:embed assets/tray-ok.ico
var trayOK []byte

//go:embed assets/tray-warn.ico
var trayWarn []byte

//go:embed assets/tray-critical.ico
var trayCritical []byte

//go:embed assets/tray-unknown.ico
var trayUnknown []byte
