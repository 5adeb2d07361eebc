package check

import (
	"context"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// readPowerPolicy reads the active power plan from the registry, as
// powrprof does.
func readPowerPolicy(ctx context.Context, sys host.System) (powerPolicy, error) {
	return windowsPower(sys.Registry, windowsHasBattery())
}

// powerTriggers: the power plans (a change of plan or of a plan's value
// is written under them).
func powerTriggers(sys host.System) []monitor.Trigger {
	return registryTriggers(winPowerSchemes + `\`)
}

var getSystemPowerStatus = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetSystemPowerStatus")

// windowsHasBattery asks Windows whether this machine runs on a battery
// (SYSTEM_POWER_STATUS.BatteryFlag: 128 no system battery, 255 unknown).
// When Windows cannot say, the battery's settings are judged too: better a
// warning about a battery there is not than none about one there is.
func windowsHasBattery() bool {
	var st struct {
		ACLineStatus, BatteryFlag, BatteryLifePercent, SystemStatusFlag byte
		BatteryLifeTime, BatteryFullLifeTime                            uint32
	}
	if ok, _, _ := getSystemPowerStatus.Call(uintptr(unsafe.Pointer(&st))); ok == 0 {
		return true
	}
	return st.BatteryFlag != 128
}
