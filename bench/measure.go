// Package bench measures what Mamori costs: the resident agent's footprint
// beside two references, the check sweep, event-to-notification latency,
// window start and scale. `make bench` runs it (bench_test.go, build tag
// bench) and writes RESULTS.md and results.json; this file holds the parts
// that are plain computation, tested in `make test`.
package bench

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/lines"
)

// Summary describes repeated measurements.
type Summary struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P95    float64 `json:"p95"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Summarize computes the median, the 95th percentile (nearest rank) and the
// range of xs.
func Summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	median := s[len(s)/2]
	if len(s)%2 == 0 {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	rank := int(math.Ceil(0.95*float64(len(s)))) - 1
	return Summary{N: len(s), Median: median, P95: s[max(rank, 0)], Min: s[0], Max: s[len(s)-1]}
}

// String shows a summary as "median (min–max, n)".
func (s Summary) String() string {
	if s.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (%s–%s, n=%d)", num(s.Median), num(s.Min), num(s.Max), s.N)
}

func num(f float64) string {
	switch {
	case f == math.Trunc(f) && math.Abs(f) < 1e9:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case math.Abs(f) >= 100:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case math.Abs(f) >= 1:
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return strconv.FormatFloat(f, 'f', 3, 64)
}

// Proc is one reading of a process's resource use.
type Proc struct {
	RSSKB, PeakKB int64 // resident now, and the high-water mark
	// CPUTicks is user + system time in clock ticks (USER_HZ, 100/s);
	// ChildTicks the same for the children it has waited for (the
	// programs a check ran).
	CPUTicks, ChildTicks int64
	// Switches counts context switches, voluntary and not: each is a
	// wake-up or a preemption. ByThread is the same per live thread.
	Switches int64
	ByThread map[string]int64
	Threads  int64
}

// SwitchesSince counts the context switches between two readings of one
// process: each thread's since the first reading, or since it started. A
// thread that ended in between (the agent's threads that waited for a
// program end with it) takes its count with it, so this is a lower bound.
func SwitchesSince(before, after Proc) int64 {
	var n int64
	for tid, c := range after.ByThread {
		n += c - before.ByThread[tid]
	}
	return n
}

// ParseStatus reads /proc/PID/status.
func ParseStatus(data []byte, p *Proc) error {
	found := 0
	for line := range lines.All(data) {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmRSS":
			p.RSSKB, found = n, found+1
		case "VmHWM":
			p.PeakKB, found = n, found+1
		case "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches":
			p.Switches += n
			found++
		case "Threads":
			p.Threads = n
		}
	}
	if found < 4 {
		return fmt.Errorf("/proc status lacks VmRSS, VmHWM or the context switch counts")
	}
	return nil
}

// ParseStat reads utime and stime from /proc/PID/stat.
func ParseStat(data []byte, p *Proc) error {
	// The command name, field 2, is in parentheses and may hold spaces.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return fmt.Errorf("/proc stat has no command name")
	}
	f := strings.Fields(s[i+1:])
	// Fields after the name start at field 3; utime is 14, stime 15.
	if len(f) < 13 {
		return fmt.Errorf("/proc stat too short")
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("/proc stat: bad utime or stime")
	}
	p.CPUTicks = u + st
	// cutime and cstime, fields 16 and 17.
	if len(f) >= 15 {
		cu, err1 := strconv.ParseInt(f[13], 10, 64)
		cs, err2 := strconv.ParseInt(f[14], 10, 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("/proc stat: bad cutime or cstime")
		}
		p.ChildTicks = cu + cs
	}
	return nil
}

// ReadProc reads a running process's figures. Memory and CPU time are the
// process's; context switches are counted per thread in /proc, so they are
// summed over all its threads (a Go program works on several).
func ReadProc(pid int) (Proc, error) {
	var p Proc
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return p, err
	}
	if err := ParseStatus(status, &p); err != nil {
		return p, err
	}
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		return p, err
	}
	p.Switches = 0
	p.ByThread = map[string]int64{}
	for _, t := range tasks {
		ts, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/status", pid, t.Name()))
		if err != nil {
			continue // the thread ended
		}
		var tp Proc
		if ParseStatus(ts, &tp) == nil {
			p.Switches += tp.Switches
			p.ByThread[t.Name()] = tp.Switches
		}
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return p, err
	}
	return p, ParseStat(stat, &p)
}

// Mapped is where a process's resident memory lies, in kB.
type Mapped struct {
	// Program is the pages of the executable itself: code, read-only
	// data (Go's function tables among it) and initialised data.
	Program int64
	// Libraries is the pages of other mapped files (libc, the loader).
	Libraries int64
	// Anonymous is memory backed by no file: the Go heap, stacks, the
	// runtime's own structures.
	Anonymous int64
}

// ParseSmaps reads /proc/PID/smaps and sorts each mapping's resident size
// by what backs it; exe is the program's path, as /proc/PID/exe gives it.
func ParseSmaps(data []byte, exe string) (Mapped, error) {
	var m Mapped
	where := &m.Anonymous
	seen := false
	for line := range lines.All(data) {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if strings.HasSuffix(f[0], ":") {
			if f[0] == "Rss:" && len(f) >= 2 {
				n, err := strconv.ParseInt(f[1], 10, 64)
				if err != nil {
					return m, fmt.Errorf("smaps: bad Rss line %q", line)
				}
				*where += n
				seen = true
			}
			continue
		}
		// A mapping's header: address perms offset dev inode [path].
		if len(f) < 5 || !strings.Contains(f[0], "-") {
			continue
		}
		path := ""
		if len(f) >= 6 {
			path = strings.Join(f[5:], " ")
		}
		switch {
		case path == exe:
			where = &m.Program
		case strings.HasPrefix(path, "/"):
			where = &m.Libraries
		default: // unnamed, [heap], [stack], [vdso], …
			where = &m.Anonymous
		}
	}
	if !seen {
		return m, fmt.Errorf("smaps has no Rss lines")
	}
	return m, nil
}

// ReadMapped reads a running process's Mapped figures.
func ReadMapped(pid int) (Mapped, error) {
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	if err != nil {
		return Mapped{}, err
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		return Mapped{}, err
	}
	return ParseSmaps(data, exe)
}

// watcherSweeps counts the sweeps the watcher said it ran (bench/ref/watcher
// prints "sweep N: L lines" after each), and fails unless there were at
// least three and each read at least a line per check: a sweep that
// failed would make the reference look cheaper than it is.
func watcherSweeps(path string, checks int) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var sweep, lines int
		if _, err := fmt.Sscanf(line, "sweep %d: %d lines", &sweep, &lines); err != nil {
			continue
		}
		if lines < checks {
			return n, fmt.Errorf("its sweep %d read %d lines of `mamori check --json`, fewer than the %d checks", sweep, lines, checks)
		}
		n++
	}
	if n < 3 {
		return n, fmt.Errorf("it said %d sweeps; at least 3 were expected in the minutes it was measured", n)
	}
	return n, nil
}
