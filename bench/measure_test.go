package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSummarize(t *testing.T) {
	s := Summarize([]float64{5, 1, 3, 2, 4})
	if s.Median != 3 || s.Min != 1 || s.Max != 5 || s.P95 != 5 || s.N != 5 {
		t.Errorf("%+v", s)
	}
	xs := make([]float64, 100)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	if s := Summarize(xs); s.P95 != 95 || s.Median != 50.5 {
		t.Errorf("1..100: %+v", s)
	}
	if s := Summarize(nil); s.N != 0 || s.String() != "–" {
		t.Errorf("empty: %+v", s)
	}
}

func TestParseProc(t *testing.T) {
	status := []byte("Name:\tmamori\nThreads:\t7\nVmHWM:\t   12000 kB\nVmRSS:\t    9000 kB\nvoluntary_ctxt_switches:\t40\nnonvoluntary_ctxt_switches:\t2\n")
	var p Proc
	if err := ParseStatus(status, &p); err != nil || p.RSSKB != 9000 || p.PeakKB != 12000 || p.Switches != 42 || p.Threads != 7 {
		t.Errorf("%+v %v", p, err)
	}
	stat := []byte("1234 (mam ori) S 1 1234 1234 0 -1 4194560 500 0 0 0 37 12 210 5 20 0 7 0 100 0 0")
	if err := ParseStat(stat, &p); err != nil || p.CPUTicks != 49 || p.ChildTicks != 215 {
		t.Errorf("cpu %d children %d %v", p.CPUTicks, p.ChildTicks, err)
	}
	if err := ParseStatus([]byte("Name: x\n"), &p); err == nil {
		t.Error("incomplete status accepted")
	}
	// This process, for real.
	me, err := ReadProc(os.Getpid())
	if err != nil || me.RSSKB == 0 || me.Threads == 0 {
		t.Errorf("self: %+v %v", me, err)
	}
}

func TestSwitchesSince(t *testing.T) {
	before := Proc{ByThread: map[string]int64{"100": 50, "101": 10, "102": 1000}}
	// 102 ended with its 1000; 103 started.
	after := Proc{ByThread: map[string]int64{"100": 52, "101": 10, "103": 3}}
	if got := SwitchesSince(before, after); got != 5 {
		t.Errorf("SwitchesSince = %d, want 5", got)
	}
}

func TestParseSmaps(t *testing.T) {
	smaps := []byte(`00400000-00718000 r-xp 00000000 fe:01 123 /opt/mamori/bin/mamori
Size:               3168 kB
Rss:                3000 kB
00718000-00aab000 r--p 00318000 fe:01 123 /opt/mamori/bin/mamori
Rss:                 500 kB
00add000-02b16000 rw-p 00000000 00:00 0
Rss:                 160 kB
c000000000-c000400000 rw-p 00000000 00:00 0
Rss:                2000 kB
VmFlags: rd wr mr mw me ac
7f00-7f10 r-xp 00000000 fe:01 9 /usr/lib/x86_64-linux-gnu/libc.so.6
Rss:                 800 kB
7ffd-7ffe rw-p 00000000 00:00 0                          [stack]
Rss:                  12 kB
7f20-7f30 r-xp 00000000 fe:01 10 /opt/my files/lib.so
Rss:                   4 kB
`)
	m, err := ParseSmaps(smaps, "/opt/mamori/bin/mamori")
	if err != nil || m != (Mapped{Program: 3500, Libraries: 804, Anonymous: 2172}) {
		t.Errorf("%+v %v", m, err)
	}
	if _, err := ParseSmaps([]byte("garbage\n"), "/x"); err == nil {
		t.Error("smaps without Rss accepted")
	}
	// This process, for real: the test binary's own pages are resident.
	me, err := ReadMapped(os.Getpid())
	if err != nil || me.Program == 0 || me.Anonymous == 0 {
		t.Errorf("self: %+v %v", me, err)
	}
}

func TestMarkdownExplainsMissedTargets(t *testing.T) {
	r := Results{
		Footprint: map[string]map[string]Summary{
			"agent": {"rss_mb": {N: 3, Median: 15}, "cpu_s": {N: 3, Median: 0}, "program_mb": Summarize([]float64{9})},
			"floor": {"rss_mb": {N: 3, Median: 7}}, "naive": {"rss_mb": {N: 3, Median: 100}},
		},
		Sweep: map[string]Summary{"cold_wall_ms": {N: 5, Median: 3900}, "shared_wall_ms": {N: 5, Median: 60},
			"agent_check_now_ms": {N: 10, Median: 90}, "cold_check_ms/os-updates": Summarize([]float64{3800}), "shared_check_ms/os-updates": Summarize([]float64{0})},
		Latency: map[string]Summary{"networkmanager_to_notify": {N: 50, P95: 200}, "gsettings_to_notify": {N: 50, P95: 250}},
	}
	r.Events = map[string]float64{"heap_mb_before": 0.8}
	r.Steps = []Step{{"step/before", "before"}, {"step/gone", "a step that could not be built"}, {"agent", "… and the last step (as shipped)"}}
	r.Footprint["step/before"] = map[string]Summary{"rss_mb": Summarize([]float64{14}), "program_mb": Summarize([]float64{8}), "anonymous_mb": Summarize([]float64{4})}
	r.AgentMemory = map[string]float64{"heap/objects": 0.7, "heap/free": 1.25, "heap/stacks": 0.75}
	md := Markdown(r)
	for _, want := range []string{"2.14× the floor", "live Go heap is only 0.8 MB", "heap objects 0.700, free heap not yet returned to the OS 1.2, unused space in partly filled heap spans 0, goroutine stacks 0.750", "| Mamori agent | 9 (9–9, n=1) |", "| a sweep under 150 ms | `check` 60 ms (cold: 3900 ms); agent 90 ms | yes, but not a sweep that simulates |",
		"Sweep: after the package index", "| os-updates check ms | 3800 (3800–3800, n=1) | 0 (0–0, n=1) |", "| event → notification under 300 ms at p95 | 250 ms | yes |",
		"| before | 14 (14–14, n=1) | 2.00× | 8 (8–8, n=1) | 4 (4–4, n=1) |", "| a step that could not be built | not measured |", "| … and the last step (as shipped) | 15 (0–0, n=3) | 2.14× |"} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if strings.Contains(md, "Latency: see") || strings.Contains(md, "Idle CPU:") || strings.Contains(md, "even with the package answer shared") {
		t.Error("an explanation for a met target")
	}

	r.Sweep["shared_wall_ms"] = Summary{N: 5, Median: 400}
	if md := Markdown(r); !strings.Contains(md, "agent 90 ms | no |") || !strings.Contains(md, "even with the package answer shared") {
		t.Error("a slow shared sweep is not reported as missed and explained")
	}
	delete(r.Sweep, "shared_wall_ms")
	if md := Markdown(r); !strings.Contains(md, "| not measured |") {
		t.Error("a sweep that was not measured counts as met")
	}
}

func TestMarkdownSaysAReplacedModule(t *testing.T) {
	r := Results{Builds: map[string]string{"agent": "go1.26.8 fyne.io/systray@v1.12.2=>./third_party/systray CGO_ENABLED=0"}}
	if md := Markdown(r); !strings.Contains(md, "third_party/systray/PATCHES.md") {
		t.Errorf("the build table does not say what => means:\n%s", md)
	}
	r.Builds["agent"] = "go1.26.8 fyne.io/systray@v1.12.2 CGO_ENABLED=0"
	if md := Markdown(r); strings.Contains(md, "PATCHES.md") {
		t.Error("a build of the released module is said to be patched")
	}
}

// TestReportSaysOneCatalogueSize: the report rendered from the recorded
// results gives the embedded catalogues one size, not two (the RSS
// paragraph said 180 kB and the next step's 0.19 MB of the same binary),
// and says that the sizes it quotes of linked code were read by hand, not
// measured by the run it reports.
func TestReportSaysOneCatalogueSize(t *testing.T) {
	b, err := os.ReadFile("results.json")
	if err != nil {
		t.Fatal(err)
	}
	var res Results
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	md := Markdown(res)
	if !strings.Contains(md, "catalogues") {
		return // the recorded results met the RSS target: no paragraph names them
	}
	sizes := regexp.MustCompile(`catalogues \(([0-9.]+ [kM]B)\)|catalogues ([0-9.]+ [kM]B)`).FindAllStringSubmatch(md, -1)
	seen := map[string]bool{}
	for _, m := range sizes {
		seen[m[1]+m[2]] = true
	}
	if len(seen) > 1 {
		t.Errorf("the catalogues have %d sizes in one report: %v", len(seen), sizes)
	}
	if strings.Contains(md, "0.09 MB") && !strings.Contains(md, "read by hand") {
		t.Errorf("linked sizes quoted as if this run measured them")
	}
}

// TestWatcherSweeps: the watcher reference counts only when its sweeps
// ran and each read the check command's document (red team, s5).
func TestWatcherSweeps(t *testing.T) {
	for _, tt := range []struct {
		name, out string
		want      int
		fails     bool
	}{
		{"three whole sweeps", "sweep 1: 300 lines\nsweep 2: 300 lines\nsweep 3: 301 lines\n", 3, false},
		{"a sweep that read nothing", "sweep 1: 300 lines\nsweep 2: 0 lines\nsweep 3: 300 lines\n", 0, true},
		{"too few", "sweep 1: 300 lines\n", 0, true},
		{"nothing said", "", 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "watcher.out")
			if err := os.WriteFile(path, []byte(tt.out), 0o600); err != nil {
				t.Fatal(err)
			}
			n, err := watcherSweeps(path, 14)
			if (err != nil) != tt.fails || (!tt.fails && n != tt.want) {
				t.Errorf("got %d, %v", n, err)
			}
		})
	}
}
