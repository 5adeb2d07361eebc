package host

import (
	"context"
	"testing"
	"time"
)

type countingLister struct{ calls int }

func (c *countingLister) Processes(context.Context) ([]Process, error) {
	c.calls++
	return []Process{{PID: int32(c.calls)}}, nil
}

func TestSnapshotSharesOneListPerSweep(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	l := &countingLister{}
	s := &Snapshot{Lister: l, MaxAge: 2 * time.Second, Now: func() time.Time { return now }}
	ctx := context.Background()
	a, _ := s.Processes(ctx)
	now = now.Add(time.Second)
	b, _ := s.Processes(ctx)
	if l.calls != 1 || a[0] != b[0] {
		t.Fatalf("two checks a second apart scanned %d times", l.calls)
	}
	now = now.Add(2 * time.Second)
	if c, _ := s.Processes(ctx); l.calls != 2 || c[0].PID != 2 {
		t.Errorf("a stale list was reused")
	}
	now = now.Add(-time.Hour) // the clock set back
	if s.Processes(ctx); l.calls != 3 {
		t.Errorf("a list from the future was reused")
	}
}
