package check

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
)

// Values as Windows stores them under HKCU\Control Panel\Desktop (REG_SZ).
func TestWindowsLockPlan(t *testing.T) {
	key := WinDesktopKey + `\`
	for _, tt := range []struct {
		name string
		reg  host.MapRegistry
		want string
	}{
		{"a new account: nothing set", host.MapRegistry{},
			"[{windows-desktop HKCU\\Control Panel\\Desktop ScreenSaveActive  1 switch false false true fix.saver-enabled} {windows-desktop HKCU\\Control Panel\\Desktop ScreenSaverIsSecure  1 switch false false true fix.lock-enabled} {windows-desktop HKCU\\Control Panel\\Desktop SCRNSAVE.EXE  C:\\Windows\\system32\\scrnsave.scr action false none blank fix.saver-program} {windows-desktop HKCU\\Control Panel\\Desktop ScreenSaveTimeOut  300 seconds true   fix.idle-delay}]"},
		{"on, no password, 15 minutes", host.MapRegistry{key + "ScreenSaveActive": "1", key + "ScreenSaverIsSecure": "0", key + "SCRNSAVE.EXE": `C:\Windows\system32\Mystify.scr`, key + "ScreenSaveTimeOut": "900"},
			"[{windows-desktop HKCU\\Control Panel\\Desktop ScreenSaverIsSecure 0 1 switch false false true fix.lock-enabled} {windows-desktop HKCU\\Control Panel\\Desktop ScreenSaveTimeOut 900 300 seconds true   fix.idle-delay}]"},
		{"a screen saver since removed", host.MapRegistry{key + "ScreenSaveActive": "1", key + "ScreenSaverIsSecure": "1", key + "SCRNSAVE.EXE": `C:\Windows\system32\Bubbles.scr`, key + "ScreenSaveTimeOut": "300"},
			"[{windows-desktop HKCU\\Control Panel\\Desktop SCRNSAVE.EXE C:\\Windows\\system32\\Bubbles.scr C:\\Windows\\system32\\scrnsave.scr action false none blank fix.saver-program}]"},
		{"already right", host.MapRegistry{key + "ScreenSaveActive": "1", key + "ScreenSaverIsSecure": "1", key + "SCRNSAVE.EXE": `C:\Windows\system32\scrnsave.scr`, key + "ScreenSaveTimeOut": "300"}, "[]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := (&ScreenLock{}).Fixes()[fix.Windows].(winLock).planFrom(tt.reg, blankInstalled("C:/Windows/system32/Mystify.scr"))
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(p.Changes); got != tt.want {
				t.Errorf("changes\n got %s\nwant %s", got, tt.want)
			}
			p.Check = "screen-lock" // as Fixes(Deps{}).For files it
			if err := p.Verify(Fixes(Deps{})); err != nil {
				t.Errorf("Undo would refuse the plan: %v", err)
			}
		})
	}
	policy := host.MapRegistry{WinDesktopPolicy + `\ScreenSaveActive`: "0"}
	if _, err := (&ScreenLock{}).Fixes()[fix.Windows].(winLock).planFrom(policy, blankInstalled()); !errors.Is(err, fix.ErrManaged) {
		t.Errorf("a Group Policy value: %v, want ErrManaged", err)
	}
}
