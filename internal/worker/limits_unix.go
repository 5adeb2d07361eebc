//go:build unix

package worker

import (
	"runtime/debug"
	"time"

	"golang.org/x/sys/unix"
)

// limit bounds this process before it reads anything: its data (a file
// that is /dev/zero in disguise, or a page that says it holds gigabytes,
// ends the worker with "out of memory" instead of the machine's memory),
// and its CPU time to run (maxRun: the kernel kills a
// runaway parse even should the agent not). The programs the checks run
// inherit both, each with its own count; none needs more.
//
// The data limit, not the address space: Go reserves over a gigabyte of
// address space it never touches (VSZ 1.2 GB for a worker using 5 MB),
// while Linux (since 4.7) counts in RLIMIT_DATA the private writable
// mappings, which is where the heap lives. macOS does not enforce it for
// mappings; there the deadline and the CPU limit hold.
func limit(run time.Duration) error {
	debug.SetMemoryLimit(MemoryGoal)
	if err := unix.Setrlimit(unix.RLIMIT_DATA, &unix.Rlimit{Cur: MaxMemory, Max: MaxMemory}); err != nil {
		return err
	}
	cpu := uint64(run.Seconds()) + 1
	return unix.Setrlimit(unix.RLIMIT_CPU, &unix.Rlimit{Cur: cpu, Max: cpu})
}
