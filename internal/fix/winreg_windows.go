package fix

import (
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

var systemParametersInfo = windows.NewLazySystemDLL("user32.dll").NewProc("SystemParametersInfoW")

// SystemParametersInfo actions and flags (winuser.h).
const (
	spiSetScreenSaveTimeout = 0x000F
	spiSetScreenSaveActive  = 0x0011
	spifUpdateIniFile       = 0x01
	spifSendChange          = 0x02
)

// setWinDesktop sets (or, for "", deletes) a REG_SZ value of
// HKCU\Control Panel\Desktop and tells Windows: the screen saver's
// activity and timeout go through SystemParametersInfo, which the running
// session follows; the others are read when the screen saver next starts.
func setWinDesktop(name, value string) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Control Panel\Desktop`, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("opening HKCU\\Control Panel\\Desktop: %w", err)
	}
	defer k.Close()
	if value == "" {
		if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return err
		}
		return nil
	}
	switch name {
	case "ScreenSaveActive":
		return spi(spiSetScreenSaveActive, uintptr(boolArg(value == "1")))
	case "ScreenSaveTimeOut":
		secs, err := strconv.ParseUint(value, 10, 32)
		if err != nil {
			return err
		}
		return spi(spiSetScreenSaveTimeout, uintptr(secs))
	}
	return k.SetStringValue(name, value)
}

func spi(action, param uintptr) error {
	if ok, _, err := systemParametersInfo.Call(action, param, 0, spifUpdateIniFile|spifSendChange); ok == 0 {
		return fmt.Errorf("SystemParametersInfo(%#x): %w", action, err)
	}
	return nil
}

func boolArg(b bool) int {
	if b {
		return 1
	}
	return 0
}
