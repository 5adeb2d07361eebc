package bench

import (
	"os"
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
	stat := []byte("1234 (mam ori) S 1 1234 1234 0 -1 4194560 500 0 0 0 37 12 0 0 20 0 7 0 100 0 0")
	if err := ParseStat(stat, &p); err != nil || p.CPUTicks != 49 {
		t.Errorf("cpu %d %v", p.CPUTicks, err)
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

func TestMarkdownExplainsMissedTargets(t *testing.T) {
	r := Results{
		Footprint: map[string]map[string]Summary{
			"agent": {"rss_mb": {N: 3, Median: 15}, "cpu_s": {N: 3, Median: 0}},
			"floor": {"rss_mb": {N: 3, Median: 7}}, "naive": {"rss_mb": {N: 3, Median: 100}},
		},
		Sweep:   map[string]Summary{"cold_wall_ms": {N: 5, Median: 3900}, "agent_check_now_ms": {N: 10, Median: 60}},
		Latency: map[string]Summary{"networkmanager_to_notify": {N: 50, P95: 300}, "gsettings_to_notify": {N: 50, P95: 350}},
	}
	r.Events = map[string]float64{"heap_mb_before": 0.8}
	md := Markdown(r)
	for _, want := range []string{"2.14× the floor", "Go heap is only 0.8 MB", "| a sweep under 150 ms | `check` 3900 ms; agent 60 ms | no |", "Sweep: `mamori check` is a new process", "| event → notification under 500 ms at p95 | 350 ms | yes |"} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if strings.Contains(md, "Latency: see") || strings.Contains(md, "Idle CPU:") {
		t.Error("an explanation for a met target")
	}
}
