package bench

import (
	"fmt"
	"sort"
	"strings"
)

// Results is results.json: every figure of one `make bench` run.
type Results struct {
	Date      string                        `json:"date"`
	Machine   string                        `json:"machine"`
	Footprint map[string]map[string]Summary `json:"footprint"`
	Sweep     map[string]Summary            `json:"sweep"`
	Forks     int                           `json:"forks_per_sweep"`
	// ForksShared counts a sweep that reuses the package answer.
	ForksShared int                `json:"forks_per_shared_sweep"`
	Latency     map[string]Summary `json:"latency_ms"`
	Window      Summary            `json:"window_start_ms"`
	Scale       map[string]Summary `json:"scale"`
	Events      map[string]float64 `json:"after_10000_events"`
	// AgentMemory is the idle agent's runtime/metrics memory classes, MB.
	AgentMemory map[string]float64 `json:"agent_memory_mb"`
	// Builds is how each program measured was built (go version -m):
	// the floor must be built as the agent is.
	Builds map[string]string `json:"builds,omitempty"`
	// Steps name the footprint steps measured beside the agent, in order;
	// their figures are in Footprint under their keys.
	Steps []Step   `json:"steps,omitempty"`
	Notes []string `json:"notes"`
}

// Step is one build of the agent on the way to the shipped one.
type Step struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// Targets, reported against, never asserted.
const (
	TargetRSSRatio  = 1.5   // agent RSS / floor RSS
	TargetIdleCPU   = 0.0   // CPU seconds over 60 s idle
	TargetSweepMS   = 150.0 // wall time of a sweep
	TargetLatencyMS = 300.0 // event to notification, p95
	// TargetWorkerMS is what running the checks in a worker may add to
	// the agent's sweep, over the in-process sweep it replaced.
	TargetWorkerMS = 10.0
)

// Markdown renders RESULTS.md.
func Markdown(r Results) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Mamori benchmark results\n\n")
	p("Made by `make bench` on %s: %s. Each figure is the median, with the range and the number of runs in brackets.\n\n", r.Date, r.Machine)

	p("## 1. Resident footprint (60 s idle, 3 runs, side by side)\n\n")
	p("| process | RSS MB | peak RSS MB | CPU s | context switches | threads |\n|---|---|---|---|---|---|\n")
	names := map[string]string{"agent": "Mamori agent", "floor": "bare fyne.io/systray, one item (floor)", "naive": "Fyne app with only a tray icon (naive)",
		"watcher": "a process that only keeps watch (bench/ref/watcher: the floor's tray with sixteen items, the agent's bus connections, file watch and socket, `mamori check` run as a child every 10 s)"}
	shown := []string{"agent", "floor", "naive"}
	if _, ok := r.Footprint["watcher"]; ok {
		shown = append(shown, "watcher")
	}
	for _, k := range shown {
		f := r.Footprint[k]
		p("| %s | %s | %s | %s | %s | %s |\n", names[k], f["rss_mb"], f["peak_rss_mb"], f["cpu_s"], f["wakeups"], f["threads"])
	}
	agentRSS, floorRSS, naiveRSS := r.Footprint["agent"]["rss_mb"].Median, r.Footprint["floor"]["rss_mb"].Median, r.Footprint["naive"]["rss_mb"].Median
	ratioFloor, ratioNaive := ratio(agentRSS, floorRSS), ratio(agentRSS, naiveRSS)
	p("\nAgent RSS is %.2f× the floor and %.2f× the naive design.", ratioFloor, ratioNaive)
	if w, ok := r.Footprint["watcher"]; ok {
		p(" A process that only keeps watch is %.2f× the floor.", ratio(w["rss_mb"].Median, floorRSS))
	}
	p("\n\n")
	if len(r.Builds) > 0 {
		p("How each was built (`go version -m`):\n\n| program | build |\n|---|---|\n")
		var progs []string
		for k := range r.Builds {
			progs = append(progs, k)
		}
		sort.Strings(progs)
		replaced := false
		for _, k := range progs {
			p("| %s | %s |\n", k, r.Builds[k])
			replaced = replaced || strings.Contains(r.Builds[k], "=>")
		}
		if replaced {
			p("\n`=>` names the copy a module was built from instead of its release: fyne.io/systray's is patched so that a batch of menu changes is announced once (third_party/systray/PATCHES.md).\n")
		}
		p("\n")
	}
	p("Where the resident memory lies (/proc/PID/smaps, MB):\n\n| process | the program's own file | shared libraries | anonymous (Go heap, stacks, runtime) |\n|---|---|---|---|\n")
	for _, k := range shown {
		f := r.Footprint[k]
		p("| %s | %s | %s | %s |\n", names[k], f["program_mb"], f["libraries_mb"], f["anonymous_mb"])
	}
	p("\n")
	if len(r.Steps) > 0 {
		p("What each step bought, measured in the same windows beside the others (MB):\n\n| agent build | RSS | × floor | program file | anonymous |\n|---|---|---|---|---|\n")
		for _, st := range r.Steps {
			f, ok := r.Footprint[st.Key]
			if !ok {
				p("| %s | not measured | | | |\n", st.Label)
				continue
			}
			p("| %s | %s | %.2f× | %s | %s |\n", st.Label, f["rss_mb"], ratio(f["rss_mb"].Median, floorRSS), f["program_mb"], f["anonymous_mb"])
		}
		p("\n")
	}
	if m := r.AgentMemory; len(m) > 0 {
		p("The idle agent's runtime, after a collection, accounts for the memory it has mapped as (runtime/metrics, MB; not all of it is resident, see the anonymous column above): heap objects %s, free heap not yet returned to the OS %s, unused space in partly filled heap spans %s, goroutine stacks %s, runtime metadata %s, other runtime memory %s; returned to the OS %s.\n\n",
			num(m["heap/objects"]), num(m["heap/free"]), num(m["heap/unused"]), num(m["heap/stacks"]+m["os-stacks"]),
			num(m["metadata/mcache/inuse"]+m["metadata/mcache/free"]+m["metadata/mspan/inuse"]+m["metadata/mspan/free"]+m["metadata/other"]),
			num(m["other"]+m["profiling/buckets"]), num(m["heap/released"]))
	}

	p("## 2. Check sweep\n\n")
	p("`mamori check` is a new process. *Cold*: no package answer is kept, so it runs the package manager's simulation, as the first sweep after the package index, the installed set or the sources change does. *Shared*: it reuses the answer the agent or an earlier `check` kept in the user's cache directory, which stands until one of those changes (or a day passes).\n\n")
	p("| measure | cold | shared |\n|---|---|---|\n")
	p("| `mamori check` wall ms | %s | %s |\n", r.Sweep["cold_wall_ms"], r.Sweep["shared_wall_ms"])
	p("| `mamori check` CPU ms, with its children | %s | %s |\n", r.Sweep["cold_cpu_ms"], r.Sweep["shared_cpu_ms"])
	var ids []string
	for k := range r.Sweep {
		if id, ok := strings.CutPrefix(k, "cold_check_ms/"); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		p("| %s check ms | %s | %s |\n", id, r.Sweep["cold_check_ms/"+id], r.Sweep["shared_check_ms/"+id])
	}
	if r.Forks >= 0 {
		p("| programs one sweep runs (strace, execve) | %d | %d |\n", r.Forks, r.ForksShared)
	} else {
		p("| programs one sweep runs | not counted (no strace) | |\n")
	}
	p("\nThe running agent's *Check now* → every check's result fresh: %s ms.", r.Sweep["agent_check_now_ms"])
	if c, ok := r.Sweep["agent_check_now_cpu_ms"]; ok {
		p(" With the package state unchanged, which is what the hourly run costs, it takes %s ms of CPU, the agent's and its children's together (mean of ten runs; /proc counts in 10 ms ticks).", num(c.Median))
	}
	p("\n\n")
	if w, ok := r.Sweep["worker_sweep_wall_ms"]; ok {
		p("The checks run in a worker process (`mamori-worker`), a new one for each run. A worker with nothing to do starts and answers in %s ms (CPU %s ms, peak RSS %s MB); a whole sweep's worker, the package answer shared, takes %s ms (CPU %s ms, peak RSS %s MB).\n\n",
			r.Sweep["worker_empty_wall_ms"], r.Sweep["worker_empty_cpu_ms"], r.Sweep["worker_empty_peak_rss_mb"], w, r.Sweep["worker_sweep_cpu_ms"], r.Sweep["worker_sweep_peak_rss_mb"])
	}
	if j, ok := r.Sweep["judge_event_wall_ms"]; ok {
		p("Each event is decided by a judge (`mamori-worker judge`), a new process, which for a run of the checks starts their worker: a judge whose event runs no check (the tray said again, as after a click in its menu) starts and answers in %s ms (CPU %s ms, peak RSS %s MB). The agent's *Check now* above includes its judge.\n\n",
			j, r.Sweep["judge_event_cpu_ms"], r.Sweep["judge_event_peak_rss_mb"])
	}

	p("## 3. Event → notification latency (ms)\n\n| event | median (range, n) | p95 |\n|---|---|---|\n")
	p("| NetworkManager PropertiesChanged (to an open network) → Notify | %s | %s |\n", r.Latency["networkmanager_to_notify"], num(r.Latency["networkmanager_to_notify"].P95))
	p("| `gsettings set … lock-enabled false` → Notify | %s | %s |\n\n", r.Latency["gsettings_to_notify"], num(r.Latency["gsettings_to_notify"].P95))

	p("## 4. Window start\n\n*Status…* clicked (dbusmenu Event) → status window mapped on the X server: %s ms.\n\n", r.Window)

	p("## 5. Scale\n\n| running processes | sweep wall ms | antivirus check ms | browser-updates check ms |\n|---|---|---|---|\n")
	for _, n := range []int{100, 1000, 5000} {
		p("| %d | %s | %s | %s |\n", n, r.Scale[fmt.Sprintf("sweep_ms/%d", n)], r.Scale[fmt.Sprintf("antivirus_ms/%d", n)], r.Scale[fmt.Sprintf("browser_updates_ms/%d", n)])
	}
	av1000, av5000 := r.Scale["antivirus_ms/1000"].Median, r.Scale["antivirus_ms/5000"].Median
	if av5000 > 0 {
		p("\nFrom 1,000 to 5,000 processes the antivirus check costs %.1f µs more per process: linear. (Its figure includes the one process scan a sweep shares with browser-updates, whichever of the two asks first.)\n", (av5000-av1000)*1000/4000)
	}
	e := r.Events
	p("\nAfter 10,000 network changes: goroutines %.0f → %.0f, heap %.2f → %.2f MB, RSS %.1f → %.1f MB.\n",
		e["goroutines_before"], e["goroutines_after"], e["heap_mb_before"], e["heap_mb_after"], e["rss_mb_before"], e["rss_mb_after"])
	if v, ok := e["rss_mb_after_slow_connections"]; ok {
		p("\nAfter 15,000 slow connections (500 at a time, each held a second without a request; %.0f refused by the full backlog): RSS %.1f MB ten seconds later.\n", e["slow_connections_refused"], v)
	}
	p("\n")

	p("## Targets\n\n| target | result | met |\n|---|---|---|\n")
	idle := r.Footprint["agent"]["cpu_s"].Median
	cold, sweep := r.Sweep["cold_wall_ms"].Median, r.Sweep["shared_wall_ms"].Median
	warm := r.Sweep["agent_check_now_ms"].Median
	lat := max(r.Latency["networkmanager_to_notify"].P95, r.Latency["gsettings_to_notify"].P95)
	p("| resident RSS within %.1f× the floor | %.2f× | %s |\n", TargetRSSRatio, ratioFloor, yes(ratioFloor <= TargetRSSRatio))
	p("| no CPU over 60 s idle | %s s | %s |\n", num(idle), yes(idle <= TargetIdleCPU))
	sweepMet := yes(sweep < TargetSweepMS && warm < TargetSweepMS)
	if r.Sweep["shared_wall_ms"].N == 0 || r.Sweep["agent_check_now_ms"].N == 0 {
		sweepMet = "not measured"
	} else if sweepMet == "yes" && cold >= TargetSweepMS {
		sweepMet = "yes, but not a sweep that simulates"
	}
	p("| a sweep under %.0f ms | `check` %s ms (cold: %s ms); agent %s ms | %s |\n", TargetSweepMS, num(sweep), num(cold), num(warm), sweepMet)
	p("| event → notification under %.0f ms at p95 | %s ms | %s |\n\n", TargetLatencyMS, num(lat), yes(lat < TargetLatencyMS))

	var why []string
	if ratioFloor > TargetRSSRatio {
		a, fl := r.Footprint["agent"], r.Footprint["floor"]
		why = append(why, fmt.Sprintf("RSS: of the %.1f MB the agent holds above the floor, %.1f MB is its own program file (%.1f MB against the floor's %.1f MB) and %.1f MB anonymous memory (%.1f against %.1f), though its live Go heap is only %.1f MB. "+
			"The program file: every page of the program's code, data and function tables is resident in both, the agent's and the floor's (read with /proc/PID/pagemap on 2026-12-06: all of .text, .rodata and .gopclntab), because the kernel maps a file's cached pages around each page a program touches (fault-around, 64 kB at a time); so this share is the size of what is linked, not of what runs. Beyond the floor the agent links its scheduler, its IPC server, the notification client, fsnotify and a small JSON reader (internal/jsonv: no encoding/json encoder or decoder); the checks, the catalogues, the report, the settings and the notifications' rules are the judge's, in mamori-worker. "+
			"The anonymous memory is the runtime's more than the agent's: %.1f MB of space left free in partly filled heap spans and %.1f MB of goroutine stacks (see the runtime's account above), and the runtime's internal allocations, which it never returns: read with pagemap, most of them are the blocks of the lists that track the heap's spans (runtime/mspanset.go: 4 kB blocks from persistent memory, one or two for each size of object in use, never freed). Both grow with the number of different object sizes the agent has ever had in use, not with its live heap. "+
			"Against a process that only keeps watch: %s The agent is %.1f× smaller than the naive design.",
			agentRSS-floorRSS, a["program_mb"].Median-fl["program_mb"].Median, a["program_mb"].Median, fl["program_mb"].Median,
			a["anonymous_mb"].Median-fl["anonymous_mb"].Median, a["anonymous_mb"].Median, fl["anonymous_mb"].Median,
			r.Events["heap_mb_before"], r.AgentMemory["heap/unused"], r.AgentMemory["heap/stacks"], nextStep(r), 1/ratioNaive))
	}
	if idle > TargetIdleCPU {
		why = append(why, "Idle CPU: the figure counts the Go runtime's own timers (garbage collection, scavenger) and D-Bus traffic from other processes on the bus; Mamori has no polling loop. A GOGC tuned for a small heap would reduce the runtime's share.")
	}
	if cold >= TargetSweepMS {
		why = append(why, fmt.Sprintf("Sweep: after the package index, the installed set or the sources change (the agent watches them, and waits for 30 s of quiet so that an upgrade costs one run), the sweep runs the package manager's simulation (apt-get -s dist-upgrade, at the lowest CPU and IO priority), which takes most of the cold %s ms (see os-updates above). Every other sweep, by the agent or by `mamori check`, reuses that answer. Reading pending updates from the package index directly, instead of simulating, would bring that sweep down too.", num(cold)))
	}
	if sweepMet == "no" {
		why = append(why, "Sweep: even with the package answer shared, the sweep is over the target; the per-check figures above show where the time goes.")
	}
	if lat >= TargetLatencyMS {
		why = append(why, "Latency: the scheduler waits 200 ms to gather bursts of events before running a check; see the figures above for the rest.")
	}
	if len(why) > 0 {
		p("### Where a target is missed\n\n")
		for _, w := range why {
			p("- %s\n", w)
		}
		p("\n")
	}
	if len(r.Notes) > 0 {
		p("## Notes\n\n")
		for _, n := range r.Notes {
			p("- %s\n", n)
		}
	}
	p("## How it is measured\n\n")
	p("- RSS and its peak from /proc/PID/status (VmRSS, VmHWM); CPU from /proc/PID/stat (utime + stime); wake-ups as the voluntary and involuntary context switches over the window, summed over the threads alive at its end (a thread that ended within it, such as one that waited for a program, takes its count with it).\n")
	p("- All the processes run at once under Xvfb on a private D-Bus session with a StatusNotifierWatcher, a notification server and a fake NetworkManager, so each registers a tray item with a host. The footprint steps are built by the bench itself, each from the revision its row names, exported with `git archive`, with the cgo, GOGC and GOMAXPROCS settings it names. The shipped agent is the one the bench asks, over its socket, whether the start-up sweep is done; the steps are asked nothing.\n")
	p("- Where the resident memory lies: the Rss of each mapping in /proc/PID/smaps, by what backs it, read at the end of each window.\n")
	p("- Sweep CPU is the bench process's RUSAGE_CHILDREN difference, so it includes the programs the check runs.\n")
	p("- Both latencies include the scheduler's 200 ms window that gathers a burst of events into one run; NetworkManager sends several signals for one change of network.\n")
	p("- Latency is measured from just before the event (the fake NetworkManager's property change, or the start of `gsettings set`) to the Notify call reaching the fake server. The agent runs with --notify-every-change so that 50 alike notifications are not suppressed by the repeat rule.\n")
	p("- Scale starts sleeping processes up to the given total.\n")
	return b.String()
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// nextStep says, from the watcher's figures, what the agent's own work
// costs while resident.
func nextStep(r Results) string {
	w, ok := r.Footprint["watcher"]
	if !ok {
		return "not measured (the watcher reference did not run)."
	}
	a, fl := r.Footprint["agent"], r.Footprint["floor"]
	return fmt.Sprintf("with the agent's connections, watch and socket and a sweep in a child every 10 s, it holds %.1f MB (%.2f× the floor: program %.1f MB, anonymous %.1f MB); "+
		"the agent's own share beyond it is %.1f MB: %.1f MB of program file and %.1f MB of memory the runtime keeps after the agent's work (the judge's ops, the tray's updates, the notifications).",
		w["rss_mb"].Median, ratio(w["rss_mb"].Median, fl["rss_mb"].Median), w["program_mb"].Median, w["anonymous_mb"].Median,
		a["rss_mb"].Median-w["rss_mb"].Median, a["program_mb"].Median-w["program_mb"].Median, a["anonymous_mb"].Median-w["anonymous_mb"].Median)
}
