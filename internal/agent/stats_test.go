package agent

import (
	"context"
	"testing"

	"github.com/mamori-project/mamori/internal/ipc"
)

func TestStats(t *testing.T) {
	var r ipc.Response
	(&Agent{}).handle(context.Background(), ipc.Request{Cmd: ipc.CmdStats}, func(resp ipc.Response) error { r = resp; return nil })
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
