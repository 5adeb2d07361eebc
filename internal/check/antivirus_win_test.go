package check

import (
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Windows' processes as the process list gives them: program paths in the
// case Windows keeps.
func TestWindowsAntivirus(t *testing.T) {
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{`c:\program files`, `c:\program files (x86)`, `c:\windows`, `c:\programdata\microsoft\windows defender\platform`}
	match := func(procs ...host.Process) ([]avMatch, []string) {
		return matchProducts(windowsProducts(products), lowerProcesses(procs), func(p host.Process, product catalog.Antivirus) (bool, string) {
			return believableOnWindows(p.Exe, product, dirs)
		})
	}
	defender := host.Process{PID: 1200, Name: "MsMpEng.exe", Exe: `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24090.11-0\MsMpEng.exe`}
	virusBuster := host.Process{PID: 2300, Name: "coreServiceShell.exe", Exe: `C:\Program Files\Trend Micro\AMSP\coreServiceShell.exe`}
	fake := host.Process{PID: 666, Name: "msmpeng.exe", Exe: `C:\Users\taro\Downloads\MsMpEng.exe`}
	sneaky := host.Process{PID: 667, Name: "MsMpEng.exe", Exe: `C:\Program Files\..\Users\taro\MsMpEng.exe`}
	found, ignored := match(fake, sneaky, defender, virusBuster)
	if len(found) != 2 || found[0].product.ID != "trendmicro" || found[1].product.ID != "defender" {
		t.Errorf("found %+v", found)
	}
	if len(ignored) != 2 || !strings.Contains(ignored[0], "only administrators") || !strings.Contains(ignored[1], "not plain") {
		t.Errorf("ignored %q", ignored)
	}
	if r := judgeAntivirus(avFacts{Scanned: 4, Found: found}, time.Now()); r.Status != monitor.OK {
		t.Errorf("with Defender and Virus Buster: %s %v", r.Status, r.Finding)
	}
	if found, _ := match(fake); len(found) != 0 {
		t.Errorf("a copy in Downloads counted: %+v", found)
	}
	if r := judgeAntivirus(avFacts{Scanned: 1, Windows: true}, time.Now()); r.Status != monitor.Warn || r.Advice != "antivirus.windows" {
		t.Errorf("none on Windows: %s %s, want Windows' own advice", r.Status, r.Advice)
	}

	off := host.MapRegistry{defenderRealtimeKeys[1] + `\DisableRealtimeMonitoring`: uint64(1)}
	if got, err := defenderRealtimeOff(off); err != nil || !got {
		t.Errorf("policy turning real-time protection off: %v %v", got, err)
	}
	if got, _ := defenderRealtimeOff(host.MapRegistry{defenderRealtimeKeys[0] + `\DisableRealtimeMonitoring`: uint64(0)}); got {
		t.Error("0 is on")
	}
}
