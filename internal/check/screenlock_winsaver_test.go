package check

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// windowsEnv is the environment Windows gives a process, as far as the
// screen saver's path needs it.
func windowsEnv(root string) func(string) string {
	return func(name string) string {
		if name == "SystemRoot" || name == "windir" {
			return root
		}
		return ""
	}
}

// blankInstalled is a Windows in C:\Windows with its blank screen saver,
// and the other files given (names as winFiles reads them).
func blankInstalled(more ...string) winFiles {
	fsys := fstest.MapFS{"C:/Windows/system32/scrnsave.scr": {}}
	for _, name := range more {
		fsys[name] = &fstest.MapFile{}
	}
	return winFiles{FS: fsys, Getenv: windowsEnv(`C:\Windows`)}
}

// Fix it on a new account, then the check on what it wrote: the program is
// the blank screen saver in the Windows folder, wherever that is, and the
// check counts it only when that file is there.
func TestWindowsFixWritesTheBlankSaver(t *testing.T) {
	for _, tt := range []struct {
		name, root, want string
		files            fstest.MapFS
		locks            bool
	}{
		{"Windows in C:\\Windows", `C:\Windows`, `C:\Windows\system32\scrnsave.scr`, fstest.MapFS{"C:/Windows/system32/scrnsave.scr": {}}, true},
		{"Windows on another drive", `D:\WINNT\`, `D:\WINNT\system32\scrnsave.scr`, fstest.MapFS{"D:/WINNT/system32/scrnsave.scr": {}}, true},
		{"the screen saver removed", `C:\Windows`, `C:\Windows\system32\scrnsave.scr`, fstest.MapFS{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := winFiles{FS: tt.files, Getenv: windowsEnv(tt.root)}
			reg := host.MapRegistry{}
			p, err := (&ScreenLock{}).Fixes()[fix.Windows].(winLock).planFrom(reg, files)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range p.Changes {
				reg[c.Schema+`\`+c.Key] = c.To
			}
			if got := reg[WinDesktopKey+`\SCRNSAVE.EXE`]; got != tt.want {
				t.Errorf("the fix writes SCRNSAVE.EXE = %q, want %q", got, tt.want)
			}
			lock, err := windowsLock(reg, files, false)
			if err != nil {
				t.Fatal(err)
			}
			if locks := lock.Enabled && lock.Idle == 5*time.Minute; locks != tt.locks {
				t.Errorf("after the fix the check reads enabled %v, idle %v; want locking %v", lock.Enabled, lock.Idle, tt.locks)
			}
		})
	}
	if _, err := (&ScreenLock{}).Fixes()[fix.Windows].(winLock).planFrom(host.MapRegistry{}, winFiles{FS: fstest.MapFS{}, Getenv: windowsEnv("")}); err == nil {
		t.Error("no Windows folder in the environment: a plan all the same")
	}
}

// A program that names no file is no screen saver: Windows starts none.
func TestWindowsLockSaverProgram(t *testing.T) {
	files := blankInstalled("C:/Windows/System32/Mystify.scr", "D:/Savers/photos.scr")
	files.FS.(fstest.MapFS)["C:/Windows/system32/folder.scr/x"] = &fstest.MapFile{}
	for _, tt := range []struct {
		name, program string
		want          monitor.Status
		evidence      string // screen-saver-program
		err           string
	}{
		{"the blank screen saver", `C:\Windows\system32\scrnsave.scr`, monitor.OK, "", ""},
		{"another drive", `D:\Savers\photos.scr`, monitor.OK, "", ""},
		{"in quotes, with %SystemRoot%", `"%SystemRoot%\system32\scrnsave.scr"`, monitor.OK, "", ""},
		{"a bare name, as Group Policy takes it", `Mystify.scr`, monitor.OK, "", ""},
		{"the path the broken fix wrote", `C:\fix.Windows\system32\scrnsave.scr`, monitor.Critical, `missing: C:\fix.Windows\system32\scrnsave.scr`, ""},
		{"a screen saver since removed", `C:\Windows\system32\Bubbles.scr`, monitor.Critical, `missing: C:\Windows\system32\Bubbles.scr`, ""},
		{"a folder", `C:\Windows\system32\folder.scr`, monitor.Critical, `not a file: C:\Windows\system32\folder.scr`, ""},
		{"a variable that is not set", `%NOSUCH%\x.scr`, "", "", "%NOSUCH% is not set"},
		{"a network path", `\\server\share\x.scr`, "", "", "not a path on a drive"},
		{"out of the drive", `C:\..\..\x.scr`, "", "", "not a path on a drive"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := windowsLock(desktopValues("1", "1", tt.program, "300"), files, true)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := judgeLock(p)
			if r.Status != tt.want || r.Get("screen-saver-program") != tt.evidence {
				t.Errorf("got %s %v, want %s with screen-saver-program %q", r.Status, r.Evidence, tt.want, tt.evidence)
			}
		})
	}
	// Off, the program is not looked for: nothing to tell.
	if _, err := windowsLock(desktopValues("0", "1", `\\server\share\x.scr`, "300"), files, true); err != nil {
		t.Errorf("a screen saver that is off: %v", err)
	}
}

// Undo records written before the path was corrected (C:\Windows by the
// build before the planners moved, C:\fix.Windows by the one after) are
// still Mamori's own changes: Undo takes them.
func TestWindowsLockUndoOfEarlierRecords(t *testing.T) {
	for _, to := range []string{`C:\Windows\system32\scrnsave.scr`, `C:\fix.Windows\system32\scrnsave.scr`} {
		p := fix.Plan{Check: "screen-lock", Changes: []fix.Change{win("SCRNSAVE.EXE").Change("", to, fix.Action, "fix.saver-program")}}
		if err := p.Verify(Fixes(Deps{})); err != nil {
			t.Errorf("a record with %s: %v", to, err)
		}
	}
}
