package agent

import "testing"

func TestStats(t *testing.T) {
	r := (&Agent{}).handle(Request{Cmd: CmdStats})
	if !r.OK || r.Stats == nil {
		t.Fatalf("stats: %+v", r)
	}
	m := r.Stats.Memory
	if r.Stats.Goroutines == 0 || r.Stats.HeapAlloc == 0 || m["heap/objects"] == 0 || m["heap/stacks"] == 0 {
		t.Errorf("empty figures: %+v", r.Stats)
	}
	var sum uint64
	for class, b := range m {
		if class != "total" {
			sum += b
		}
	}
	if sum != m["total"] {
		t.Errorf("memory classes add up to %d, total says %d: a class is missing or misnamed (%v)", sum, m["total"], m)
	}
}
