package check

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
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

// Defender's definitions are dated from AVSignatureApplied, as Windows
// stores it (the bytes a `reg export` of a Windows 10 PC shows:
// hex:00,9b,55,8c,89,61,d2,01 is 2016-12-29 04:10:54 UTC).
func TestDefenderDefinitions(t *testing.T) {
	recorded := []byte{0x00, 0x9b, 0x55, 0x8c, 0x89, 0x61, 0xd2, 0x01}
	d := defenderDefinitions(host.MapRegistry{defenderSignatures + `\AVSignatureApplied`: recorded})
	if want := time.Date(2016, 12, 29, 4, 10, 54, 0, time.UTC); d.Err != nil || !d.Built.Equal(want) {
		t.Errorf("built %v (%v), want %v", d.Built, d.Err, want)
	}
	for name, reg := range map[string]host.MapRegistry{
		"missing": {},
		"short":   {defenderSignatures + `\AVSignatureApplied`: []byte{1, 2, 3}},
		"zero":    {defenderSignatures + `\AVSignatureApplied`: make([]byte, 8)},
		"a dword": {defenderSignatures + `\AVSignatureApplied`: uint64(5)},
	} {
		if d := defenderDefinitions(reg); d.Err == nil {
			t.Errorf("%s: dated %v", name, d.Built)
		}
	}
	// Through the verdict: 8 days old is stale, with Windows' own advice;
	// undatable is unknown, saying why.
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	found := []avMatch{{product: catalog.Antivirus{ID: "defender", Name: "Microsoft Defender"}, proc: "msmpeng.exe", pid: 4}}
	week := make([]byte, 8)
	binary.LittleEndian.PutUint64(week, uint64(now.Add(-8*24*time.Hour).UnixNano()/100+116444736000000000))
	r := judgeAntivirus(avFacts{Windows: true, Found: found, Defs: defenderDefinitions(host.MapRegistry{defenderSignatures + `\AVSignatureApplied`: week})}, now)
	if r.Status != monitor.Warn || r.Advice != "antivirus.stale.windows" || r.Get("defender-signatures") != defenderSignatures {
		t.Errorf("8-day-old definitions: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	r = judgeAntivirus(avFacts{Windows: true, Found: found, Defs: defenderDefinitions(host.MapRegistry{})}, now)
	if r.Status != monitor.Unknown || !strings.Contains(r.Get("reason"), "AVSignatureApplied") {
		t.Errorf("no date: %s %v", r.Status, r.Evidence)
	}
}

// Security Center's productState values as Windows reports them (the
// values Windows 10 and 11 PCs give for Defender and for third-party
// products: 0x061100 Defender on, 0x060100 off or passive beside another
// product, 0x061110 out of date; 0x041000 a third-party product on).
func TestSecurityCenter(t *testing.T) {
	cases := []struct {
		state       uint32
		on, current bool
	}{
		{0x061100, true, true}, {0x060100, false, true}, {0x061110, true, false},
		{0x041000, true, true}, {0x040000, false, true}, {0x041010, true, false},
		{0x062100, false, true}, {0x061101, true, true},
	}
	for _, c := range cases {
		if on, current := wscState(c.state); on != c.on || current != c.current {
			t.Errorf("productState 0x%06x: on %v current %v, want %v %v", c.state, on, current, c.on, c.current)
		}
	}

	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	judge := func(list ...wscProduct) monitor.Result {
		f := avFacts{Windows: true}
		if !fromSecurityCenter(&f, list, products) {
			t.Fatalf("%v was not taken", list)
		}
		return judgeAntivirus(f, now)
	}
	r := judge(wscProduct{"Windows Defender", 0x061100})
	if r.Status != monitor.OK || !strings.Contains(r.Get("running"), "Windows Defender (Windows Security Center)") || !strings.Contains(r.Get("security-center"), "on, definitions up to date") {
		t.Errorf("Defender on: %s %v", r.Status, r.Evidence)
	}
	if r := judge(wscProduct{"Windows Defender", 0x060100}); r.Status != monitor.Warn || r.Advice != "antivirus.windows" {
		t.Errorf("Defender off: %s %s", r.Status, r.Advice)
	}
	if r := judge(wscProduct{"Windows Defender", 0x061110}); r.Status != monitor.Warn || r.Advice != "antivirus.stale.windows" {
		t.Errorf("Defender with old definitions: %s %s", r.Status, r.Advice)
	}
	// Defender passive, a third-party product on: ok. Its name is the
	// system's, shown escaped once.
	r = judge(wscProduct{"Windows Defender", 0x060100}, wscProduct{"ウイルスバスター\u202eクラウド", 0x041000})
	if r.Status != monitor.OK || !strings.HasPrefix(shown(t, r).Get("running"), `ウイルスバスター\u202Eクラウド`) {
		t.Errorf("a third-party product on: %s %v", r.Status, r.Evidence)
	}
	// One current product is enough.
	if r := judge(wscProduct{"A", 0x041010}, wscProduct{"B", 0x041000}); r.Status != monitor.OK {
		t.Errorf("one of two out of date: %s", r.Status)
	}
	if fromSecurityCenter(&avFacts{}, nil, products) {
		t.Error("an empty list was taken")
	}
}

// TestDefenderProgramUnreadable: Windows Security Center did not answer
// (WMI's root\SecurityCenter2 is missing or refused), and Defender's
// MsMpEng.exe, a protected process, runs without its program path showing
// to a normal user (the process list gives its name, PID and no path), while
// the service manager reports WinDefend running (SERVICE_RUNNING, 4) in
// that process. That is not "no antivirus": the check says what it saw and
// that it could not confirm it. A stopped service and no process is none.
func TestDefenderProgramUnreadable(t *testing.T) {
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{`c:\program files`, `c:\windows`}
	msmpeng := host.Process{PID: 3344, Name: "MsMpEng.exe"}
	other := host.Process{PID: 10, Name: "explorer.exe", Exe: `C:\Windows\explorer.exe`}
	centerErr := []string{"could not be asked: Exception occurred. (Invalid namespace)"}
	for _, tt := range []struct {
		name    string
		procs   []host.Process
		service serviceStatus
		want    monitor.Status
		finding string
		seen    []string // evidence "seen-running" must contain each
	}{
		{"service running, its process's path unreadable", []host.Process{other, msmpeng}, serviceStatus{Name: "WinDefend", State: 4, PID: 3344}, monitor.Unknown, "finding.antivirus.unconfirmed",
			[]string{"service WinDefend: running (pid 3344)", "MsMpEng.exe (pid 3344): its program path cannot be read"}},
		{"service status unreadable, the process's path unreadable", []host.Process{msmpeng}, serviceStatus{Name: "WinDefend", Err: errors.New("Access is denied.")}, monitor.Unknown, "finding.antivirus.unconfirmed",
			[]string{"MsMpEng.exe (pid 3344): its program path cannot be read"}},
		{"service running, no process seen", []host.Process{other}, serviceStatus{Name: "WinDefend", State: 4, PID: 3344}, monitor.Unknown, "finding.antivirus.unconfirmed",
			[]string{"service WinDefend: running (pid 3344)"}},
		{"service stopped, no process", []host.Process{other}, serviceStatus{Name: "WinDefend", State: 1}, monitor.Warn, "finding.antivirus.none", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := avFacts{Scanned: len(tt.procs), Windows: true, Center: centerErr}
			procs := lowerProcesses(tt.procs)
			f.Found, f.Ignored = matchProducts(windowsProducts(products), procs, func(p host.Process, product catalog.Antivirus) (bool, string) {
				return believableOnWindows(p.Exe, product, dirs)
			})
			f.Unconfirmed, f.Seen = unconfirmedDefender(products, tt.procs, tt.service)
			r := judgeAntivirus(f, time.Now())
			if r.Status != tt.want || r.Finding.Key != tt.finding {
				t.Errorf("got %s %s, want %s %s", r.Status, r.Finding.Key, tt.want, tt.finding)
			}
			if cat, err := i18n.Load(); err != nil || !cat.Printer("en").Has(tt.finding) || !cat.Printer("ja").Has(tt.finding) {
				t.Errorf("%s is not in both catalogues (%v)", tt.finding, err)
			}
			var seen []string
			for _, e := range r.Evidence {
				if e.Key == "seen-running" {
					seen = append(seen, e.Value)
				}
			}
			for _, want := range tt.seen {
				if !slices.ContainsFunc(seen, func(s string) bool { return strings.Contains(s, want) }) {
					t.Errorf("evidence %q lacks %q", seen, want)
				}
			}
		})
	}
}
