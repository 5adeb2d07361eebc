package check

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func TestJudgeAntivirus(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	clam := avMatch{product: catalog.Antivirus{ID: "clamav", Name: "ClamAV"}, proc: "clamd", pid: 7}
	defender := avMatch{product: catalog.Antivirus{ID: "defender", Name: "Microsoft Defender"}, proc: "msmpeng.exe", pid: 4}
	sophos := avMatch{product: catalog.Antivirus{ID: "sophos", Name: "Sophos"}, proc: "savd", pid: 9}
	tests := []struct {
		name    string
		f       avFacts
		want    monitor.Status
		advice  string
		finding string
	}{
		{"nothing runs", avFacts{Scanned: 200}, monitor.Warn, "antivirus.none", "finding.antivirus.none"},
		// Defender runs with real-time protection off: that is what was found, not "nothing runs".
		{"Defender with real-time protection off", avFacts{Windows: true, RealtimeOff: []string{"Microsoft Defender"}}, monitor.Warn, "antivirus.windows", "finding.antivirus.realtime-off"},
		{"a product without readable definitions", avFacts{Found: []avMatch{sophos}}, monitor.OK, "antivirus", ""},
		{"ClamAV, definitions 2 days old", avFacts{Found: []avMatch{clam}, Defs: avDefinitions{Product: "clamav", Built: now.Add(-48 * time.Hour)}}, monitor.OK, "antivirus", ""},
		{"ClamAV, definitions 8 days old", avFacts{Found: []avMatch{clam}, Defs: avDefinitions{Product: "clamav", Built: now.Add(-8 * 24 * time.Hour)}}, monitor.Warn, "antivirus.stale", ""},
		{"Defender, definitions 8 days old", avFacts{Windows: true, Found: []avMatch{defender}, Defs: avDefinitions{Product: "defender", Built: now.Add(-8 * 24 * time.Hour)}}, monitor.Warn, "antivirus.stale.windows", ""},
		{"Defender, definitions a day old", avFacts{Windows: true, Found: []avMatch{defender}, Defs: avDefinitions{Product: "defender", Built: now.Add(-24 * time.Hour)}}, monitor.OK, "antivirus", ""},
		{"Defender off, another product runs", avFacts{Windows: true, Found: []avMatch{sophos}, Defs: avDefinitions{Product: "defender", Built: now.Add(-80 * 24 * time.Hour)}}, monitor.OK, "antivirus", ""},
		{"ClamAV, definitions unreadable", avFacts{Found: []avMatch{clam}, Defs: avDefinitions{Product: "clamav", Err: errors.New("permission denied")}}, monitor.Unknown, "antivirus", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeAntivirus(tt.f, now)
			if r.Status != tt.want || r.Advice != tt.advice || tt.finding != "" && r.Finding.Key != tt.finding {
				t.Errorf("got %s/%s %v, want %s/%s", r.Status, r.Advice, r.Finding, tt.want, tt.advice)
			}
		})
	}
}

func TestMatchProducts(t *testing.T) {
	products := []catalog.Antivirus{
		{ID: "clamav", Name: "ClamAV", Procs: []string{"clamd"}},
		{ID: "long", Name: "Long", Procs: []string{"a-very-long-daemon-name"}},
	}
	procs := []host.Process{
		{PID: 1, Name: "bash"},
		{PID: 2, Name: "a-very-long-dae"}, // the kernel keeps 15 bytes
		{PID: 3, Name: "x", Exe: "/usr/sbin/clamd"},
		{PID: 4, Name: "clamd"}, // a second clamd counts once
	}
	got, ignored := matchProducts(products, procs, nil)
	if len(got) != 2 || got[0].product.ID != "clamav" || got[0].pid != 3 || got[1].product.ID != "long" || ignored != nil {
		t.Errorf("matched %+v, ignored %v", got, ignored)
	}
	// A process that is not believed is reported, and a believed one of
	// the same product still counts.
	got, ignored = matchProducts(products, procs, func(p host.Process, _ catalog.Antivirus) (bool, string) {
		return p.PID != 3, "not a system file"
	})
	if len(got) != 2 || got[0].pid != 4 || len(ignored) != 1 || !strings.Contains(ignored[0], "pid 3") {
		t.Errorf("with one process not believed: %+v, ignored %v", got, ignored)
	}
}

func TestParseStatusUID(t *testing.T) {
	for in, want := range map[string]int{
		"Name:\tclamd\nUid:\t110\t110\t110\t110\n": 110,
		"Uid:\t0\t1000\t0\t0\n":                    0,
		"Uid:\t65534\t65534\t65534\t65534\n":       65534,
	} {
		if got, ok := parseStatusUID([]byte(in)); !ok || got != want {
			t.Errorf("parseStatusUID(%q) = %d, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "Uid:\n", "Uid:\tx\n", "Uid:\t-1\n", "Name:\tx\n"} {
		if _, ok := parseStatusUID([]byte(bad)); ok {
			t.Errorf("parseStatusUID(%q) accepted", bad)
		}
	}
}
