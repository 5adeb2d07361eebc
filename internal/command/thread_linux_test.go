package command

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
)

// threads is this process's number of OS threads.
func threads(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := bytes.Cut(b, []byte("\nThreads:"))
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	n, err := strconv.Atoi(string(bytes.TrimSpace(line)))
	if err != nil {
		t.Fatalf("Threads in /proc/self/status: %v", err)
	}
	return n
}

// Programs run side by side must not leave the process a thread each: the
// resident agent would keep them, and their stacks, for its whole life.
func TestRunLeavesNoThreads(t *testing.T) {
	const programs = 12
	e := &Exec{Paths: map[Name][]string{"prog": {script(t, "sleep 0.3")}}}
	// Warm up: the first run starts the runtime's own helpers.
	if _, err := e.Run(context.Background(), "prog"); err != nil {
		t.Fatal(err)
	}
	before := threads(t)
	var wg sync.WaitGroup
	for range programs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := e.Run(context.Background(), "prog"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// A blocked thread's replacement may stay, and a loaded machine (CI
	// runs packages side by side) wakes a few more of the runtime's own;
	// one per program may not stay.
	if after := threads(t); after >= before+programs/2 {
		t.Errorf("threads: %d before %d programs ran side by side, %d after", before, programs, after)
	}
}
