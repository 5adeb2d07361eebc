//go:build !windows

package mamori

import _ "embed"

//go:embed assets/tray-ok.png
var trayOK []byte

//go:embed assets/tray-warn.png
var trayWarn []byte

//go:embed assets/tray-critical.png
var trayCritical []byte

//go:embed assets/tray-unknown.png
var trayUnknown []byte
