//go:build bench

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
	"github.com/mamori-project/mamori/internal/wifi"
	"github.com/mamori-project/mamori/internal/wifi/fakenm"
)

// env is what every measured process shares.
type env struct {
	s       *testenv.Session
	bin     map[string]string
	desktop *dbus.Conn
	tray    *traytest.Watcher
	notes   *notifytest.Server
	nm      *fakenm.NM
	aps     map[string]dbus.ObjectPath
	skipped map[string]string // footprint steps that could not be built, and why
}

type footprintStep struct {
	key, label string
	rev        string // a git revision to build instead of the tree
	cgo        bool
	gogc       string // GOGC for the process; "" leaves the agent's own
	procs      bool   // GOMAXPROCS set to the number of CPUs, the runtime's default
}

// footprintSteps are the agent as it was before the footprint work, and
// after each step of it, measured beside the agent as shipped so that
// RESULTS.md can say what each step bought. Each is built from the
// revision that made it (a step that changed only how the agent is built or
// run is that revision with the settings before the step).
var footprintSteps = []footprintStep{
	{"step/before", "before the footprint work (commit 9f36b66: go-i18n, TOML, gopsutil, cgo, GOGC 100)", "9f36b66", true, "", false},
	{"step/own-code", "own catalogue renderer and metadata reader, /proc scan, no regexp, stacks shrunk after a sweep (19a1b15 built with cgo, GOGC 100)", "19a1b15", true, "100", true},
	{"step/no-cgo", "… and built without cgo (GOGC 100)", "19a1b15", false, "100", true},
	{"step/gogc", "… and a GC goal of 20%", "19a1b15", false, "", true},
	{"step/gomaxprocs", "… and one scheduler thread, GOMAXPROCS 1 (19a1b15)", "19a1b15", false, "", false},
	{"step/threads", "… and no thread kept for each program a sweep ran, the main thread not idle (31d555b)", "31d555b", false, "", false},
	{"step/in-process", "… and a small log writer instead of log/slog, and the memory calls used returned a second after them (41f756b: the checks still in the agent)", "41f756b", false, "", false},
	{"step/worker", "… and the checks in a short-lived worker process, the agent holding only their declarations (29ab7ca)", "29ab7ca", false, "", false},
	{"step/no-regexp", "… and no regexp or netlink library linked, and only the catalogue of the language shown read (3034491)", "3034491", false, "", false},
	{"step/menu-once", "… and one goroutine for the menu's clicks and one file watch, neither crypto/rand nor image/draw linked, and the catalogue indexed where it lies in the program's data, not parsed onto the heap (90db339)", "90db339", false, "", false},
}

// shipped names the agent as built from the tree, the last step.
const shipped = "… and the resident agent keeping only the watch: a judge process decides each event, words what the person reads and keeps it in files (as shipped)"

// buildStep builds one footprint step's agent: from a revision of this
// repository, exported with git archive, or from the tree.
func buildStep(dir string, step footprintStep) (string, error) {
	src := ".."
	if step.rev != "" {
		src = filepath.Join(dir, "src-"+step.rev)
		if _, err := os.Stat(src); err != nil { // not yet exported by another step
			if err := os.MkdirAll(src, 0o755); err != nil {
				return "", err
			}
			archive := exec.Command("sh", "-c", "git -C .. archive "+step.rev+" | tar -x -C "+src)
			if b, err := archive.CombinedOutput(); err != nil {
				return "", fmt.Errorf("exporting %s: %v %s", step.rev, err, b)
			}
		}
	}
	out := filepath.Join(dir, strings.ReplaceAll(step.key, "/", "-"))
	cmd := exec.Command("go", "build", "-o", out, "./cmd/agent")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if step.cgo {
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %v %s", step.key, err, b)
	}
	return out, nil
}

func build(t *testing.T, dir, name, pkg string) string {
	out, err := testenv.Build(dir, name, pkg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildLikeAgent builds pkg as `make build` builds the agent.
func buildLikeAgent(t *testing.T, dir, name, pkg string) string {
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building %s: %v\n%s", pkg, err, b)
	}
	return out
}

// buildFlags is how a program was built, as its Go build information
// says: the toolchain and the settings that change the binary.
func buildFlags(bin string) string {
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		return "unknown: " + err.Error()
	}
	var flags []string
	named := false // the line before named a dependency kept in flags
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		wasNamed := named
		named = false
		switch {
		case len(f) >= 2 && strings.HasSuffix(f[0], ":"): // the first line: "path: go1.26.8"
			flags = append(flags, f[1])
		case len(f) == 2 && f[0] == "build" && (strings.HasPrefix(f[1], "CGO_ENABLED=") || strings.HasPrefix(f[1], "-trimpath") || strings.HasPrefix(f[1], "-ldflags") || strings.HasPrefix(f[1], "GOAMD64=")):
			flags = append(flags, f[1])
		case len(f) >= 3 && f[0] == "dep" && (f[1] == "fyne.io/systray" || f[1] == "github.com/godbus/dbus/v5" || f[1] == "golang.org/x/sys"):
			flags = append(flags, f[1]+"@"+f[2])
			named = true
		case len(f) >= 2 && f[0] == "=>" && wasNamed:
			// The dependency just named is replaced: fyne.io/systray by
			// the patched copy in third_party/systray.
			flags[len(flags)-1] += "=>" + f[1]
		}
	}
	return strings.Join(flags, " ")
}

func setup(t *testing.T) *env {
	display := testenv.Xvfb(t)
	s := testenv.DBusSession(t)
	s = s.Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8").Setenv("DBUS_SYSTEM_BUS_ADDRESS", s.Address).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	dir := t.TempDir()
	e := &env{s: s, bin: map[string]string{}, aps: map[string]dbus.ObjectPath{}}
	e.bin["agent"] = build(t, dir, "mamori", "../cmd/agent")
	e.bin["window"] = build(t, dir, "mamori-window", "../cmd/window")
	// The floor is built exactly as the agent is: without cgo (the agent
	// maps no libc), from this module, so with the same systray, godbus and
	// x/sys.
	e.bin["floor"] = buildLikeAgent(t, dir, "ref-systray", "./ref/systray")
	e.bin["naive"] = build(t, dir, "ref-fynetray", "./ref/fynetray")
	// What a resident process that only keeps watch costs, built alike.
	e.bin["watcher"] = buildLikeAgent(t, dir, "ref-watcher", "./ref/watcher")
	e.skipped = map[string]string{}
	for _, step := range footprintSteps {
		out, err := buildStep(dir, step)
		if err != nil {
			e.skipped[step.key] = err.Error()
			continue
		}
		e.bin[step.key] = out
	}
	e.desktop = testenv.Connect(t, s.Address)
	var err error
	if e.tray, err = traytest.Start(e.desktop); err != nil {
		t.Fatal(err)
	}
	if e.notes, err = notifytest.Start(testenv.Connect(t, s.Address), "actions", "body"); err != nil {
		t.Fatal(err)
	}
	if e.nm, err = fakenm.Start(testenv.Connect(t, s.Address), "wlp2s0"); err != nil {
		t.Fatal(err)
	}
	ccmp := wifi.PairCCMP | wifi.GroupCCMP
	e.aps["home"], _ = e.nm.AddAP(fakenm.AP{SSID: []byte("HomeNet"), BSSID: "AA:BB:CC:00:00:01", Frequency: 5180, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtPSK | ccmp})
	e.aps["cafe"], _ = e.nm.AddAP(fakenm.AP{SSID: []byte("CoffeeShop"), BSSID: "AA:BB:CC:00:00:02", Frequency: 2437})
	e.nm.Connect(e.aps["home"])
	return e
}

func (e *env) start(t *testing.T, name string, args ...string) *exec.Cmd {
	return e.startEnv(t, name, e.s.Env, args...)
}

func (e *env) startEnv(t *testing.T, name string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(e.bin[name], args...)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

func (e *env) call(req ipc.Request) (ipc.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return ipc.Call(ctx, ipc.Address(e.s.Getenv), req)
}

// waitStatus waits until every check has a result newer than since.
func (e *env) waitStatus(t *testing.T, since time.Time, within time.Duration) *report.Document {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		r, err := e.call(ipc.Request{Cmd: ipc.CmdStatus})
		var doc *report.Document
		if err == nil {
			doc, err = report.Decode(r.Status)
		}
		if err == nil && len(doc.Checks) == len(check.IDs()) {
			fresh := true
			for _, c := range doc.Checks {
				fresh = fresh && c.CheckedAt.After(since)
			}
			if fresh {
				return doc
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no fresh results within %v", within)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func TestBench(t *testing.T) {
	res := &Results{Date: time.Now().UTC().Format(time.RFC3339), Footprint: map[string]map[string]Summary{},
		Sweep: map[string]Summary{}, Latency: map[string]Summary{}, Scale: map[string]Summary{}, Events: map[string]float64{}}
	res.Machine = machine()
	e := setup(t)
	for _, st := range footprintSteps {
		res.Steps = append(res.Steps, Step{Key: st.key, Label: st.label})
	}
	res.Steps = append(res.Steps, Step{Key: "agent", Label: shipped})
	res.Builds = map[string]string{}
	for name, bin := range e.bin {
		res.Builds[name] = buildFlags(bin)
	}

	// 1. Resident footprint: the agent and both references idle side by
	// side, 60 s at a time, three times.
	procs := map[string]*exec.Cmd{
		"agent": e.start(t, "agent", "--notify-every-change"),
		"floor": e.start(t, "floor"),
		"naive": e.start(t, "naive"),
	}
	// Its sweep is the check command, a child as the agent's worker is;
	// what it says of its sweeps is kept, to be held to below.
	watcherOut := filepath.Join(t.TempDir(), "watcher.out")
	{
		out, err := os.Create(watcherOut)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(e.bin["watcher"], e.bin["agent"], "check", "--json")
		cmd.Env, cmd.Stdout = append(e.s.Env, "XDG_RUNTIME_DIR="+t.TempDir()), out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); out.Close() })
		procs["watcher"] = cmd
	}
	// The footprint steps run beside them, each with an address of its own
	// (the agent is a single instance per address).
	for _, step := range footprintSteps {
		if e.bin[step.key] == "" {
			res.Notes = append(res.Notes, fmt.Sprintf("Footprint step %q not measured: %s", step.key, e.skipped[step.key]))
			continue
		}
		env := append(e.s.Env, "XDG_RUNTIME_DIR="+t.TempDir())
		if step.gogc != "" {
			env = append(env, "GOGC="+step.gogc)
		}
		if step.procs {
			env = append(env, fmt.Sprintf("GOMAXPROCS=%d", runtime.NumCPU()))
		}
		procs[step.key] = e.startEnv(t, step.key, env)
	}
	e.waitStatus(t, time.Time{}, 2*time.Minute) // the agent's start-up sweep is done
	time.Sleep(10 * time.Second)                // let every process settle
	raw := map[string]map[string][]float64{}
	for name := range procs {
		raw[name] = map[string][]float64{}
	}
	for rep := 0; rep < 3; rep++ {
		before := map[string]Proc{}
		for name, c := range procs {
			before[name], _ = ReadProc(c.Process.Pid)
		}
		time.Sleep(60 * time.Second)
		for name, c := range procs {
			after, err := ReadProc(c.Process.Pid)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			raw[name]["rss_mb"] = append(raw[name]["rss_mb"], float64(after.RSSKB)/1024)
			raw[name]["peak_rss_mb"] = append(raw[name]["peak_rss_mb"], float64(after.PeakKB)/1024)
			raw[name]["cpu_s"] = append(raw[name]["cpu_s"], float64(after.CPUTicks-before[name].CPUTicks)/100)
			raw[name]["wakeups"] = append(raw[name]["wakeups"], float64(SwitchesSince(before[name], after)))
			raw[name]["threads"] = append(raw[name]["threads"], float64(after.Threads))
			if m, err := ReadMapped(c.Process.Pid); err == nil {
				raw[name]["program_mb"] = append(raw[name]["program_mb"], float64(m.Program)/1024)
				raw[name]["libraries_mb"] = append(raw[name]["libraries_mb"], float64(m.Libraries)/1024)
				raw[name]["anonymous_mb"] = append(raw[name]["anonymous_mb"], float64(m.Anonymous)/1024)
			}
		}
	}
	// The watcher's figure counts only if its sweeps ran: each read the
	// check command's JSON (at least a line per check).
	if ran, err := watcherSweeps(watcherOut, len(check.IDs())); err != nil {
		delete(raw, "watcher")
		res.Notes = append(res.Notes, "The watcher reference is not shown: "+err.Error())
	} else {
		res.Notes = append(res.Notes, fmt.Sprintf("The watcher reference ran %d sweeps of `mamori check --json` while it was measured, each read whole.", ran))
	}
	for name, m := range raw {
		res.Footprint[name] = map[string]Summary{}
		for k, xs := range m {
			res.Footprint[name][k] = Summarize(xs)
		}
	}
	for name, c := range procs {
		if name != "agent" {
			c.Process.Kill()
		}
	}
	// The runtime's own account of the idle agent's memory.
	if r, err := e.call(ipc.Request{Cmd: ipc.CmdStats}); err == nil && r.Stats != nil {
		res.AgentMemory = map[string]float64{}
		for class, b := range r.Stats.Memory {
			res.AgentMemory[class] = float64(b) / (1 << 20)
		}
	}

	// 2. Check sweep: the check command, a new process, first without the
	// package answer kept between processes (so it simulates), then with
	// it; and the running agent's Check now.
	store := filepath.Join(e.s.Getenv("XDG_CACHE_HOME"), "mamori", "packages.json")
	for _, kind := range []string{"cold", "shared"} {
		var walls, cpus []float64
		per := map[string][]float64{}
		for i := 0; i < 5; i++ {
			if kind == "cold" {
				os.Remove(store)
			}
			var before, after syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_CHILDREN, &before)
			cmd := exec.Command(e.bin["agent"], "check", "--json")
			cmd.Env = e.s.Env
			start := time.Now()
			out, _ := cmd.Output() // exit status is the verdict
			walls = append(walls, ms(time.Since(start)))
			syscall.Getrusage(syscall.RUSAGE_CHILDREN, &after)
			cpus = append(cpus, ms(time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano())))
			var doc report.Document
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatalf("check --json: %v", err)
			}
			for _, c := range doc.Checks {
				per[c.ID] = append(per[c.ID], float64(c.DurationMS))
			}
		}
		res.Sweep[kind+"_wall_ms"], res.Sweep[kind+"_cpu_ms"] = Summarize(walls), Summarize(cpus)
		for id, xs := range per {
			res.Sweep[kind+"_check_ms/"+id] = Summarize(xs)
		}
	}
	// Check now with the package state unchanged is what the hourly run
	// costs: its CPU, the agent's and its children's, over ten runs.
	var warm []float64
	cpuBefore, _ := ReadProc(procs["agent"].Process.Pid)
	for i := 0; i < 10; i++ {
		start := time.Now()
		if _, err := e.call(ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
			t.Fatal(err)
		}
		e.waitStatus(t, start, time.Minute)
		warm = append(warm, ms(time.Since(start)))
	}
	cpuAfter, _ := ReadProc(procs["agent"].Process.Pid)
	res.Sweep["agent_check_now_ms"] = Summarize(warm)
	ticks := cpuAfter.CPUTicks + cpuAfter.ChildTicks - cpuBefore.CPUTicks - cpuBefore.ChildTicks
	const msPerTick, runs = 10, 10
	res.Sweep["agent_check_now_cpu_ms"] = Summarize([]float64{float64(ticks*msPerTick) / runs})

	// The worker on its own: how long a worker with nothing to do takes
	// to start and answer, and a whole sweep's worker (the package answer
	// shared): its wall time, CPU and peak memory.
	worker := filepath.Join(filepath.Dir(e.bin["agent"]), "mamori-worker")
	for _, w := range []struct {
		name   string
		checks []string
	}{{"worker_empty", nil}, {"worker_sweep", monitorIDs(t, e)}} {
		req, _ := json.Marshal(map[string]any{"checks": w.checks, "settings": map[string]any{}})
		timeRuns(t, e, res, w.name, func(out []byte) bool {
			return len(w.checks) == 0 || bytes.Count(out, []byte("\n")) == len(w.checks)
		}, req, worker)
	}
	// The judge on its own: an event that runs no check (the tray said
	// again, as after a click in the menu or a snooze's end), over a
	// state directory of its own.
	timeRuns(t, e, res, "judge_event", func(out []byte) bool { return bytes.Contains(out, []byte(`"tray"`)) },
		nil, worker, "judge", "--state", t.TempDir(), "redraw")
	os.Remove(store)
	res.Forks = forks(t, e)
	res.ForksShared = forks(t, e)

	// 3. Event latency: NetworkManager's signal to Notify, and gsettings
	// set to Notify.
	var wifiLat []float64
	for i := 0; i < 50; i++ {
		start := time.Now()
		e.nm.Connect(e.aps["cafe"])
		c := waitNotify(t, e.notes, "Avoid open Wi-Fi for money matters")
		wifiLat = append(wifiLat, ms(time.Since(start)))
		e.nm.Connect(e.aps["home"])
		waitClosed(t, e.notes, c.ID)
	}
	res.Latency["networkmanager_to_notify"] = Summarize(wifiLat)
	var lockLat []float64
	for i := 0; i < 50; i++ {
		start := time.Now()
		e.s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
		c := waitNotify(t, e.notes, "Turn on automatic screen lock")
		lockLat = append(lockLat, ms(time.Since(start)))
		// lock-enabled feeds idle-power too: wait for this very
		// notification to be withdrawn, not for any.
		e.s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "true")
		waitClosed(t, e.notes, c.ID)
	}
	res.Latency["gsettings_to_notify"] = Summarize(lockLat)

	// 4. Window start: the Status… click to the window mapped.
	// All three processes registered an item; take the agent's, by the
	// process ID the bus knows for each registrant.
	item := ""
	for item == "" {
		name, err := e.tray.Next(30 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var pid uint32
		if e.desktop.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, name).Store(&pid) == nil && int(pid) == procs["agent"].Process.Pid {
			item = name
		}
	}
	traytest.Layout(e.desktop, item) // a host's first, shallow read
	time.Sleep(300 * time.Millisecond)
	var winLat []float64
	for i := 0; i < 5; i++ {
		m, err := traytest.Layout(e.desktop, item)
		if err != nil {
			t.Fatal(err)
		}
		status, ok := m.Find("Status…")
		if !ok {
			t.Fatalf("no Status… item in %v", m.Labels())
		}
		start := time.Now()
		if err := traytest.Click(e.desktop, item, status.ID); err != nil {
			t.Fatal(err)
		}
		for windowID(e.s.Env, "Mamori — Status") == "" {
			if time.Since(start) > time.Minute {
				t.Fatal("the status window did not appear")
			}
			time.Sleep(10 * time.Millisecond)
		}
		winLat = append(winLat, ms(time.Since(start)))
		exec.Command("pkill", "-f", e.bin["window"]).Run()
		for windowID(e.s.Env, "Mamori — Status") != "" {
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond) // the agent reaps it
	}
	res.Window = Summarize(winLat)

	// 5. Scale: the sweep with many processes running (with the shared
	// package answer, so the process count is what varies), and the
	// agent's memory after 10,000 network changes.
	baseline := countProcs()
	for _, n := range []int{100, 1000, 5000} {
		kill := spawnSleepers(t, n-baseline)
		var total, av, browsers []float64
		for i := 0; i < 3; i++ {
			cmd := exec.Command(e.bin["agent"], "check", "--json")
			cmd.Env = e.s.Env
			start := time.Now()
			out, _ := cmd.Output()
			total = append(total, ms(time.Since(start)))
			var doc report.Document
			json.Unmarshal(out, &doc)
			for _, c := range doc.Checks {
				switch c.ID {
				case "antivirus":
					av = append(av, float64(c.DurationMS))
				case "browser-updates":
					browsers = append(browsers, float64(c.DurationMS))
				}
			}
		}
		kill()
		res.Scale[fmt.Sprintf("sweep_ms/%d", n)] = Summarize(total)
		res.Scale[fmt.Sprintf("antivirus_ms/%d", n)] = Summarize(av)
		res.Scale[fmt.Sprintf("browser_updates_ms/%d", n)] = Summarize(browsers)
	}
	// Nothing waits for these notifications: drain them so the fake
	// server never blocks the agent.
	drained := make(chan struct{})
	go func() {
		for {
			select {
			case <-e.notes.Calls():
			case <-drained:
				return
			}
		}
	}()
	defer close(drained)
	before, _ := e.call(ipc.Request{Cmd: ipc.CmdStats})
	rssBefore, _ := ReadProc(procs["agent"].Process.Pid)
	for i := 0; i < 10000; i++ {
		if i%2 == 0 {
			e.nm.Connect(e.aps["cafe"])
		} else {
			e.nm.Connect(e.aps["home"])
		}
	}
	time.Sleep(5 * time.Second) // the last coalesced run and its notification
	after, _ := e.call(ipc.Request{Cmd: ipc.CmdStats})
	rssAfter, _ := ReadProc(procs["agent"].Process.Pid)
	res.Events["goroutines_before"] = float64(before.Stats.Goroutines)
	res.Events["goroutines_after"] = float64(after.Stats.Goroutines)
	res.Events["heap_mb_before"] = float64(before.Stats.HeapAlloc) / (1 << 20)
	res.Events["heap_mb_after"] = float64(after.Stats.HeapAlloc) / (1 << 20)
	res.Events["rss_mb_before"] = float64(rssBefore.RSSKB) / 1024
	res.Events["rss_mb_after"] = float64(rssAfter.RSSKB) / 1024

	// 15,000 slow connections: opened 500 at a time, each held a second
	// without sending a request, then dropped. The agent caps what it
	// serves at once; its memory a while later shows whether any stayed.
	addr := ipc.Address(e.s.Getenv)
	refused := 0
	for range 30 {
		var held []net.Conn
		for range 500 {
			c, err := net.DialTimeout("unix", addr, time.Second)
			if err != nil {
				refused++
				continue
			}
			held = append(held, c)
		}
		time.Sleep(time.Second)
		for _, c := range held {
			c.Close()
		}
	}
	time.Sleep(10 * time.Second)
	rssConns, _ := ReadProc(procs["agent"].Process.Pid)
	if _, err := e.call(ipc.Request{Cmd: ipc.CmdStatus}); err != nil {
		t.Errorf("the agent does not answer after the slow connections: %v", err)
	}
	res.Events["rss_mb_after_slow_connections"] = float64(rssConns.RSSKB) / 1024
	res.Events["slow_connections_refused"] = float64(refused)

	writeResults(t, res)
}

func waitNotify(t *testing.T, s *notifytest.Server, summary string) notifytest.Call {
	deadline := time.After(30 * time.Second)
	for {
		select {
		case c := <-s.Calls():
			if c.Summary == summary {
				return c
			}
		case <-deadline:
			t.Fatalf("no notification %q", summary)
		}
	}
}

// waitClosed waits until notification id is withdrawn.
func waitClosed(t *testing.T, s *notifytest.Server, id uint32) {
	deadline := time.Now().Add(30 * time.Second)
	for !slices.Contains(s.Closed(), id) {
		if time.Now().After(deadline) {
			t.Fatal("the notification was not withdrawn")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func windowID(env []string, title string) string {
	cmd := exec.Command("xwininfo", "-root", "-tree")
	cmd.Env = append(append([]string(nil), env...), "LC_ALL=C.UTF-8")
	out, _ := cmd.Output()
	if m := regexp.MustCompile(`(0x[0-9a-f]+) "` + regexp.QuoteMeta(title) + `"`).FindStringSubmatch(string(out)); m != nil {
		return m[1]
	}
	return ""
}

// forks counts the programs one check sweep runs, with strace.
func forks(t *testing.T, e *env) int {
	if _, err := exec.LookPath("strace"); err != nil {
		return -1
	}
	log := filepath.Join(t.TempDir(), "strace")
	cmd := exec.Command("strace", "-f", "-qq", "-e", "trace=execve", "-e", "signal=none", "-o", log, e.bin["agent"], "check", "--json")
	cmd.Env = e.s.Env
	cmd.Run()
	b, _ := os.ReadFile(log)
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "execve(") && strings.Contains(line, "= 0") {
			n++
		}
	}
	return n - 1 // the check command itself
}

func countProcs() int {
	entries, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range entries {
		if _, err := fmt.Sscanf(e.Name(), "%d", new(int)); err == nil {
			n++
		}
	}
	return n
}

// spawnSleepers starts n sleeping processes and returns a function that
// ends them.
func spawnSleepers(t *testing.T, n int) func() {
	var cmds []*exec.Cmd
	for i := 0; i < n; i++ {
		c := exec.Command("sleep", "600")
		if err := c.Start(); err != nil {
			t.Fatalf("starting sleeper %d: %v", i, err)
		}
		cmds = append(cmds, c)
	}
	return func() {
		for _, c := range cmds {
			c.Process.Kill()
		}
		for _, c := range cmds {
			c.Wait()
		}
	}
}

// monitorIDs are the checks' IDs, from the agent's own status document.
func monitorIDs(t *testing.T, e *env) []string {
	doc := e.waitStatus(t, time.Time{}, time.Minute)
	var ids []string
	for _, c := range doc.Checks {
		ids = append(ids, c.ID)
	}
	return ids
}

func machine() string {
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`model name\s*:\s*(.*)`).FindSubmatch(b); m != nil {
			cpu = string(m[1])
		}
	}
	return fmt.Sprintf("%s, %d cores, %s, %s/%s", cpu, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func writeResults(t *testing.T, res *Results) {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("results.json", append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	md := Markdown(*res)
	if err := os.WriteFile("RESULTS.md", []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + md)
}

// TestRenderResults rewrites RESULTS.md from results.json, so a change to the
// report's wording needs no new measuring run: make bench-report.
func TestRenderResults(t *testing.T) {
	b, err := os.ReadFile("results.json")
	if err != nil {
		t.Fatal(err)
	}
	var res Results
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("results.json: %v", err)
	}
	if err := os.WriteFile("RESULTS.md", []byte(Markdown(res)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// timeRuns runs one of Mamori's programs ten times, with stdin, and keeps
// as name_wall_ms, name_cpu_ms and name_peak_rss_mb its wall time, CPU and
// peak memory; ok says whether a run's output is whole. The peak is GNU
// time's (%M): a child's own rusage counts the memory of the process that
// forked it until its exec.
func timeRuns(t *testing.T, e *env, res *Results, name string, ok func(out []byte) bool, stdin []byte, program string, args ...string) {
	t.Helper()
	var walls, cpus, peaks []float64
	for i := 0; i < 10; i++ {
		peak := filepath.Join(t.TempDir(), "peak")
		cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", peak, program}, args...)...)
		cmd.Env = e.s.Env
		cmd.Stdin = bytes.NewReader(stdin)
		start := time.Now()
		if out, err := cmd.Output(); err != nil || !ok(out) {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		walls = append(walls, ms(time.Since(start)))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpus = append(cpus, ms(time.Duration(ru.Utime.Nano()+ru.Stime.Nano())))
		}
		if b, err := os.ReadFile(peak); err == nil {
			if kb, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				peaks = append(peaks, float64(kb)/1024)
			}
		}
	}
	res.Sweep[name+"_wall_ms"], res.Sweep[name+"_cpu_ms"], res.Sweep[name+"_peak_rss_mb"] = Summarize(walls), Summarize(cpus), Summarize(peaks)
}
