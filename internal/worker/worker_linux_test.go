package worker

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
)

// The test binary is its own worker: run with MAMORI_TEST_WORKER=1 it
// serves the checks below, as `mamori worker` serves the real ones. Each
// plays one way a check can fail for real: a file that is /dev/zero, a
// FIFO nobody writes, a parse that never ends, a crash.
func TestMain(m *testing.M) {
	if os.Getenv("MAMORI_TEST_WORKER") == "1" {
		os.Exit(Serve(context.Background(), os.Stdin, os.Stdout, slog.New(slog.NewTextHandler(os.Stderr, nil)), testChecks))
	}
	os.Exit(m.Run())
}

// testChecks read the file named by the environment's MAMORI_TEST_FILE.
func testChecks(settings config.Settings) ([]monitor.Check, func(monitor.Result) bool, error) {
	file := os.Getenv("MAMORI_TEST_FILE")
	check := func(id string, fn func(ctx context.Context) monitor.Result) monitor.Check {
		return monitor.Func{Def: monitor.Spec{ID: id, Timeout: timeout(id)}, Fn: fn}
	}
	readsFile := func(context.Context) monitor.Result {
		f, err := os.Open(file)
		if err != nil {
			return monitor.Unknownf("reads-file", "%v", err)
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return monitor.Unknownf("reads-file", "%v", err)
		}
		return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.test", "Bytes", len(data))}
	}
	return []monitor.Check{
		// Read their file whole, as a careless reader would.
		check("reads-file", readsFile),
		check("reads-file-quick", readsFile),
		// Parses forever, ignoring its context.
		check("spins", func(context.Context) monitor.Result {
			for n := 0; ; n++ {
				if n < 0 {
					return monitor.Result{}
				}
			}
		}),
		// Runs a program that outlives the check's deadline and whose
		// wait the deadline does not end (a reader stuck past it), as
		// when the worker exits, or is killed, with a package manager's
		// simulation still running.
		check("runs-program", func(context.Context) monitor.Result {
			e := &command.Exec{Paths: map[command.Name][]string{"sleeper": {"/bin/sleep"}}, Timeout: time.Hour}
			e.Run(context.Background(), "sleeper", "313")
			return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.test")}
		}),
		check("crashes", func(context.Context) monitor.Result {
			os.Exit(3)
			return monitor.Result{}
		}),
		check("fine", func(context.Context) monitor.Result {
			return monitor.Result{Status: monitor.Warn, Finding: monitor.T("finding.test", "Count", 2),
				Trust: &monitor.WiFiNetwork{SSID: []byte("cafe\x00\xff\x1b"), Security: "open", BSSID: "aa:bb:cc:00:00:02"}}
		}),
		check("trusts", func(context.Context) monitor.Result {
			return monitor.Result{Status: monitor.OK, Finding: monitor.T("finding.test", "Trusted", len(settings.TrustedNetworks))}
		}),
	}, func(r monitor.Result) bool { return r.CheckID == "fine" }, nil
}

// timeouts are the test checks' deadlines: reading /dev/zero into 512 MiB
// takes the kernel about 2.6 s of zeroing pages here, so the check that
// meets it has time to run out of memory before its deadline.
var timeouts = map[string]time.Duration{"reads-file": 20 * time.Second}

func timeout(id string) time.Duration {
	if d := timeouts[id]; d > 0 {
		return d
	}
	return 2 * time.Second
}

// runner is a Runner whose worker is this test binary, reading file.
func runner(t *testing.T, file string) *Runner {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MAMORI_TEST_WORKER", "1")
	t.Setenv("MAMORI_TEST_FILE", file)
	return &Runner{Program: self}
}

// run runs ids through r and returns their results by ID, and how long
// it took.
func run(t *testing.T, r *Runner, ids ...string) (map[string]monitor.Result, time.Duration) {
	t.Helper()
	var specs []monitor.Spec
	for _, id := range ids {
		specs = append(specs, monitor.Spec{ID: id, Timeout: timeout(id)})
	}
	got := map[string]monitor.Result{}
	start := time.Now()
	r.RunChecks(context.Background(), specs, func(res monitor.Result) {
		if _, twice := got[res.CheckID]; twice {
			t.Errorf("%s answered twice", res.CheckID)
		}
		got[res.CheckID] = res
	})
	for _, id := range ids {
		if _, ok := got[id]; !ok {
			t.Errorf("%s got no result", id)
		}
	}
	return got, time.Since(start)
}

func TestWorkerRunsChecksAndCarriesTheirWords(t *testing.T) {
	file := filepath.Join(t.TempDir(), "small")
	os.WriteFile(file, []byte("hello"), 0o600)
	r := runner(t, file)
	r.Settings = func() config.Settings {
		return config.Settings{TrustedNetworks: []config.TrustedNetwork{{SSID: "home", Security: "wpa2-personal"}}}
	}
	got, _ := run(t, r, "reads-file", "fine", "trusts")
	if res := got["reads-file"]; res.Status != monitor.OK || res.Finding.Args["Bytes"] != 5 {
		t.Errorf("reads-file: %+v, want ok with Bytes 5 (an int, as the check gave it)", res)
	}
	if res := got["fine"]; res.Status != monitor.Warn || res.Finding.Key != "finding.test" {
		t.Errorf("fine: %+v", res)
	}
	if res := got["trusts"]; res.Finding.Args["Trusted"] != 1 {
		t.Errorf("the worker did not get the settings: %+v", res)
	}
	if n := got["fine"].Trust; n == nil || string(n.SSID) != "cafe\x00\xff\x1b" || n.Security != "open" || n.BSSID != "aa:bb:cc:00:00:02" {
		t.Errorf("the network to trust did not cross byte for byte: %+v", n)
	}
	if !got["fine"].Fixable || got["trusts"].Fixable {
		t.Errorf("whether a finding can be fixed did not cross: fine %v, trusts %v", got["fine"].Fixable, got["trusts"].Fixable)
	}
}

// TestFileThatNeverEndsCostsOnlyItsCheck: a file that is /dev/zero in
// disguise (a symlink) is read until the worker's memory limit ends it.
// The check says so; the other check of the same run still answers, and
// the next run, after the file is fixed, gives the real verdict.
func TestFileThatNeverEndsCostsOnlyItsCheck(t *testing.T) {
	file := filepath.Join(t.TempDir(), "Login Data")
	if err := os.Symlink("/dev/zero", file); err != nil {
		t.Fatal(err)
	}
	r := runner(t, file)
	got, _ := run(t, r, "reads-file", "fine")
	// The runtime says "out of memory"; on a busy machine it may instead
	// fault in its own code as memory runs out (SIGSEGV): either way the
	// check says it could not tell, and why.
	res := got["reads-file"]
	memory := res.Finding.Key == "finding.unknown.memory" && strings.Contains(res.Get("reason"), "out of memory")
	crashed := res.Finding.Key == "finding.unknown.crashed" && strings.Contains(res.Get("reason"), "SIG")
	if res.Status != monitor.Unknown || !memory && !crashed {
		t.Errorf("reads-file on /dev/zero: %+v, want unknown, out of memory (or the fault memory running out caused)", res)
	}
	if got["fine"].Status != monitor.Warn {
		t.Errorf("the other check of the run: %+v, want its own verdict", got["fine"])
	}
	os.Remove(file)
	os.WriteFile(file, []byte("fixed"), 0o600)
	if got, _ := run(t, r, "reads-file"); got["reads-file"].Status != monitor.OK {
		t.Errorf("after the file was fixed: %+v, want ok", got["reads-file"])
	}
}

// TestFIFOCostsItsDeadline: a FIFO in place of a file blocks open() for
// good. The check says it got no answer within its deadline, and no
// worker is left behind.
func TestFIFOCostsItsDeadline(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cert9.db")
	if err := syscall.Mkfifo(file, 0o600); err != nil {
		t.Fatal(err)
	}
	got, took := run(t, runner(t, file), "reads-file-quick", "fine")
	if res := got["reads-file-quick"]; res.Status != monitor.Unknown || res.Finding.Key != "finding.unknown.timeout" {
		t.Errorf("reads-file on a FIFO: %+v, want unknown, no answer in time", res)
	}
	if got["fine"].Status != monitor.Warn {
		t.Errorf("the other check of the run: %+v", got["fine"])
	}
	// The worker answers at the deadline and exits: the run takes the
	// deadline, not the agent's grace on top of it.
	if took >= 2*time.Second+grace {
		t.Errorf("the run took %v: the worker was killed instead of answering at the deadline", took)
	}
}

// TestRunawayParseIsStopped: a check that spins past its deadline is
// ended with its worker: no process of this test is left using CPU.
func TestRunawayParseIsStopped(t *testing.T) {
	got, _ := run(t, runner(t, ""), "spins")
	if res := got["spins"]; res.Status != monitor.Unknown || res.Finding.Key != "finding.unknown.timeout" {
		t.Errorf("spins: %+v, want unknown, no answer in time", res)
	}
	self, _ := os.Executable()
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && exe == self {
			t.Errorf("a worker is still running: pid %s", e.Name())
		}
	}
}

// TestNoProgramOutlivesItsWorker: a check's program still running when
// the worker ends (its deadline passed) ends with it; none is left for
// the person's machine to carry.
func TestNoProgramOutlivesItsWorker(t *testing.T) {
	got, _ := run(t, runner(t, ""), "runs-program")
	if res := got["runs-program"]; res.Status != monitor.Unknown {
		t.Errorf("runs-program: %+v, want unknown, no answer in time", res)
	}
	left := func() []string {
		var pids []string
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			if cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil && string(cmd) == "/bin/sleep\x00313\x00" {
				pids = append(pids, e.Name())
			}
		}
		return pids
	}
	// The kernel delivers the parent's death at once; give the reaping a
	// moment on a busy machine.
	for end := time.Now().Add(5 * time.Second); len(left()) > 0 && time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
	}
	if pids := left(); len(pids) > 0 {
		for _, p := range pids {
			if pid, err := strconv.Atoi(p); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		t.Errorf("the check's program outlived its worker: pids %v", pids)
	}
}

func TestCrashCostsOnlyItsCheck(t *testing.T) {
	got, _ := run(t, runner(t, ""), "crashes", "fine")
	res := got["crashes"]
	if res.Status != monitor.Unknown || res.Finding.Key != "finding.unknown.crashed" || !strings.Contains(res.Get("reason"), "exit status 3") {
		t.Errorf("crashes: %+v, want unknown, the worker ended, with its exit", res)
	}
	if got["fine"].Status != monitor.Warn {
		t.Errorf("the other check of the run: %+v", got["fine"])
	}
}
