package updates

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/command/commandtest"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestPackageAnswerSharedBetweenProcesses plays two processes (two
// Cache on one Store file) and checks when the second may reuse
// the first one's simulation and when it must run its own.
func TestPackageAnswerSharedBetweenProcesses(t *testing.T) {
	simulations := 0
	runner := commandtest.Runner{
		command.AptGet: func([]string) ([]byte, error) {
			simulations++
			return testdata(t, "apt/localised-ja.txt"), nil
		},
		command.AptConfig: func([]string) ([]byte, error) { return testdata(t, "apt/apt-config-auto.txt"), nil },
	}
	start := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	now := start
	files := fstest.MapFS{
		"var/lib/dpkg/status":                   {ModTime: start.Add(-time.Hour)},
		"etc/apt/sources.list.d/vendor.sources": {ModTime: start.Add(-time.Hour)},
	}
	sys := host.System{Cmd: runner, FS: files, Now: func() time.Time { return now }, Getenv: func(string) string { return "" }}
	store := filepath.Join(t.TempDir(), "mamori", "packages.json")
	process := func() *Cache { return &Cache{Sys: sys, Store: store} }

	first, err := process().Report(context.Background())
	if err != nil || simulations != 1 || len(first.Pending) == 0 {
		t.Fatalf("first process: %d simulations, %d pending, %v", simulations, len(first.Pending), err)
	}
	if fi, err := os.Stat(store); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("store file: %v %v", fi, err)
	}

	steps := []struct {
		name     string
		change   func()
		simulate bool
	}{
		{"same state, 30 minutes later", func() { now = start.Add(30 * time.Minute) }, false},
		{"installed set changed", func() { files["var/lib/dpkg/status"].ModTime = now }, true},
		{"unchanged again", func() {}, false},
		{"an hour later, nothing changed", func() { now = now.Add(61 * time.Minute) }, false},
		{"a source edited in place", func() { files["etc/apt/sources.list.d/vendor.sources"].ModTime = now }, true},
		{"a day after the last simulation", func() { now = now.Add(25 * time.Hour) }, true},
		{"clock set back before the answer", func() { now = now.Add(-2 * time.Hour) }, true},
		{"store file corrupt", func() { os.WriteFile(store, []byte(`{"format":2,"stamp":`), 0o600) }, true},
		{"store file from another format", func() {
			os.WriteFile(store, []byte(`{"format":999,"stamp":"x","report":{}}`), 0o600)
		}, true},
		{"store file removed", func() { os.Remove(store) }, true},
	}
	for _, s := range steps {
		s.change()
		before := simulations
		got, err := process().Report(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if ran := simulations > before; ran != s.simulate {
			t.Errorf("%s: simulated=%v, want %v", s.name, ran, s.simulate)
		}
		if len(got.Pending) != len(first.Pending) || got.Security() != first.Security() {
			t.Errorf("%s: %d pending (%d security), want %d (%d)", s.name, len(got.Pending), got.Security(), len(first.Pending), first.Security())
		}
	}
}

// TestStoreFIFODoesNotHang: a FIFO planted where the shared answer is kept
// is ignored (the answer is computed) instead of blocking the check.
func TestStoreFIFODoesNotHang(t *testing.T) {
	runner := commandtest.Runner{
		command.AptGet:    func([]string) ([]byte, error) { return testdata(t, "apt/nothing-to-do.txt"), nil },
		command.AptConfig: func([]string) ([]byte, error) { return nil, nil },
	}
	store := filepath.Join(t.TempDir(), "packages.json")
	if err := syscall.Mkfifo(store, 0o600); err != nil {
		t.Fatal(err)
	}
	sys := host.System{Cmd: runner, FS: fstest.MapFS{}, Now: time.Now, Getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	go func() {
		_, err := (&Cache{Sys: sys, Store: store}).Report(context.Background())
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Report hangs on a FIFO")
	}
}

// TestLocalPackagesThisMachine asks this machine's dpkg-query and
// apt-cache: what they list as coming from no archive is installed, and
// bash, which Debian's archive has, is not among them.
func TestLocalPackagesThisMachine(t *testing.T) {
	testenv.Require(t, "apt-cache", "dpkg-query")
	// At the normal priority, so that a busy machine cannot starve it:
	// the answer is tested here, the manners in internal/command.
	sys := host.Local()
	sys.Cmd = &command.Exec{Foreground: true, Timeout: 2 * time.Minute}
	local, err := localPackages(context.Background(), sys)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("not from an archive: %v", local)
	for _, p := range local {
		if p == "bash" {
			t.Error("bash listed as coming from no archive")
		}
		if out, err := exec.Command("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", p).Output(); err != nil || !strings.HasPrefix(string(out), "ii") {
			t.Errorf("%s is listed but not installed: %q %v", p, out, err)
		}
	}
}

// counting runs programs on the real system and counts the runs of each.
type counting struct {
	command.Runner
	runs map[command.Name]int
}

func (c counting) Run(ctx context.Context, name command.Name, args ...string) ([]byte, error) {
	c.runs[name]++
	return c.Runner.Run(ctx, name, args...)
}

// TestFailedSimulationIsRemembered: the real apt-get's simulation under a
// deadline shorter than it takes (it takes seconds; the deadline is a
// tenth of a second), as a busy machine cuts it off. The failure is
// remembered for ten minutes, by this process and, through the store
// file, by another: neither runs the simulation again, and the error says
// until when. After the ten minutes it runs again. The simulation is the
// real one: a stand-in apt that sleeps would not say whether the real one
// is cut off; only the deadline is made short, not the program slow.
func TestFailedSimulationIsRemembered(t *testing.T) {
	// At the normal priority: the deadline is what is made short, and a
	// busy machine must not starve the answers that follow it.
	apt := &command.Exec{Foreground: true}
	if !apt.Has(command.AptGet) {
		testenv.Unavailable(t, "no apt-get")
	}
	runner := counting{Runner: apt, runs: map[command.Name]int{}}
	start := time.Now()
	now := start
	sys := host.Local()
	sys.Cmd = runner
	sys.Now = func() time.Time { return now }
	store := filepath.Join(t.TempDir(), "mamori", "packages.json")
	process := func() *Cache { return &Cache{Sys: sys, Store: store} }

	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	agent := process()
	if _, err := agent.Report(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a simulation cut off by its deadline: %v", err)
	}
	if runner.runs[command.AptGet] != 1 {
		t.Fatalf("apt-get ran %d times", runner.runs[command.AptGet])
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, step := range []struct {
		name  string
		cache *Cache
		after time.Duration
	}{
		{"the same process, at once", agent, 0},
		{"another process (mamori check), 9 minutes later", process(), 9 * time.Minute},
	} {
		now = start.Add(step.after)
		_, err := step.cache.Report(ctx)
		var remembered *RememberedError
		if !errors.As(err, &remembered) || !strings.Contains(err.Error(), "not tried again until") || !strings.Contains(err.Error(), "10m0s") || !strings.Contains(err.Error(), "deadline exceeded") {
			t.Errorf("%s: %v, want the failure remembered, saying until when", step.name, err)
		}
		if runner.runs[command.AptGet] != 1 {
			t.Errorf("%s: the simulation ran again (%d runs)", step.name, runner.runs[command.AptGet])
		}
	}

	now = start.Add(FailureRetry + time.Second)
	if rep, err := process().Report(ctx); err != nil || runner.runs[command.AptGet] != 2 || rep.Manager != "apt" {
		t.Errorf("ten minutes later: %v, %d runs of apt-get, want a new simulation that answers", err, runner.runs[command.AptGet])
	}
	if _, err := process().Report(ctx); err != nil || runner.runs[command.AptGet] != 2 {
		t.Errorf("after an answer: %v, %d runs", err, runner.runs[command.AptGet])
	}
}
