package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/monitor"
)

func TestOffered(t *testing.T) {
	lockOff := monitor.Result{CheckID: "screen-lock", Status: monitor.Critical, Advice: "screen-lock.off"}
	managed := monitor.Result{CheckID: "screen-lock", Status: monitor.Critical, Advice: "screen-lock.managed"}
	managed.Add("locked-by-administrator", "lock-enabled")
	lightLocker := monitor.Result{CheckID: "screen-lock", Status: monitor.Critical, Advice: "screen-lock.light-locker"}
	lightLocker.Add("locker", "light-locker")
	for _, tt := range []struct {
		name, desktop string
		r             monitor.Result
		want          bool
	}{
		{"screen lock off on GNOME", "ubuntu:GNOME", lockOff, true},
		{"sleep on MATE", "MATE", monitor.Result{CheckID: "idle-power", Status: monitor.Warn, Advice: "idle-power.never"}, true},
		{"locked by the administrator", "GNOME", managed, false},
		{"Xfce", "XFCE", lockOff, true},
		{"Xfce locked by light-locker: its settings are not Xfce's screensaver's", "XFCE", lightLocker, false},
		{"KDE screen lock", "KDE", lockOff, true},
		{"KDE power", "KDE", monitor.Result{CheckID: "idle-power", Status: monitor.Warn, Advice: "idle-power.never"}, true},
		{"no desktop", "", lockOff, false},
		{"a check with no fix", "GNOME", monitor.Result{CheckID: "os-updates", Status: monitor.Critical}, false},
		{"unknown is not fixed", "GNOME", monitor.Result{CheckID: "screen-lock", Status: monitor.Unknown}, false},
	} {
		getenv := func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": tt.desktop}[k] }
		if got := Fixes(Deps{}).Offered(getenv, tt.r); got != tt.want {
			t.Errorf("%s: Offered = %v, want %v", tt.name, got, tt.want)
		}
	}
}
