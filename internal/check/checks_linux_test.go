package check

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/command/commandtest"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/updates"
)

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func fileFS(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for dst, src := range files {
		m[dst] = &fstest.MapFile{Data: testdata(t, src)}
	}
	return m
}

func TestScreenLockKDEAndXfce(t *testing.T) {
	const cfg = "home/u/.config/"
	tests := []struct {
		name    string
		desktop string
		files   map[string]string
		want    monitor.Status
		advice  string
	}{
		{"KDE defaults (no file)", "KDE", nil, monitor.OK, "screen-lock"},
		{"KDE autolock off", "KDE", map[string]string{cfg + "kscreenlockerrc": "kde/kscreenlockerrc-off"}, monitor.Critical, "screen-lock.off"},
		{"KDE 15 minutes", "KDE", map[string]string{cfg + "kscreenlockerrc": "kde/kscreenlockerrc-slow"}, monitor.Warn, "screen-lock.slow"},
		{"KDE 3 min + 90 s grace (CRLF)", "KDE", map[string]string{cfg + "kscreenlockerrc": "kde/kscreenlockerrc-crlf"}, monitor.OK, "screen-lock"},
		{"KDE garbage", "KDE", map[string]string{cfg + "kscreenlockerrc": "kde/kscreenlockerrc-garbage"}, monitor.Unknown, "screen-lock"},
		{"Xfce screensaver not installed", "XFCE", nil, monitor.Unknown, "screen-lock"}, // finding.screen-lock.xfce-no-locker
		{"Xfce 10 + 1 minutes", "XFCE", map[string]string{cfg + "xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml": "xfce/xfce4-screensaver.xml", "usr/bin/xfce4-screensaver": "xfce/truncated.xml"}, monitor.Warn, "screen-lock.slow"},
		{"Xfce truncated channel", "XFCE", map[string]string{cfg + "xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml": "xfce/truncated.xml", "usr/bin/xfce4-screensaver": "xfce/truncated.xml"}, monitor.Unknown, "screen-lock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := host.System{FS: fileFS(t, tt.files), Getenv: envOf(map[string]string{"XDG_CURRENT_DESKTOP": tt.desktop}), Home: "/home/u", Cmd: commandtest.Runner{}} // no xfconf-query: the files
			r := (&ScreenLock{Sys: sys}).Run(context.Background())
			if tt.name == "Xfce screensaver not installed" && r.Finding.Key != "finding.screen-lock.xfce-no-locker" {
				t.Errorf("finding %v, want the translated one", r.Finding)
			}
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v, want %s/%s", r.Status, r.Advice, r.Finding, tt.want, tt.advice)
			}
			// Their files have no administrator's lock Mamori reads: no
			// dconf question is asked for them.
			if v := r.Get("locked-by-administrator"); v != "" {
				t.Errorf("locked-by-administrator = %q on %s", v, tt.desktop)
			}
		})
	}
}

// An administrator's kscreenlockerrc in /etc/xdg that locks Autolock off
// wins over the person's own file: critical, and the advice says whom to
// ask.
func TestScreenLockKDEKiosk(t *testing.T) {
	fsys := fstest.MapFS{
		"etc/xdg/kscreenlockerrc":        {Data: []byte("[Daemon][$i]\nAutolock=false\n")},
		"home/u/.config/kscreenlockerrc": {Data: []byte("[Daemon]\nAutolock=true\nTimeout=5\n")},
	}
	sys := host.System{FS: fsys, Getenv: envOf(map[string]string{"XDG_CURRENT_DESKTOP": "KDE"}), Home: "/home/u", Cmd: commandtest.Runner{}}
	r := (&ScreenLock{Sys: sys}).Run(context.Background())
	if r.Status != monitor.Critical || r.Advice != "screen-lock.managed" || r.Get("locked-by-administrator") != "lock-enabled" {
		t.Errorf("got %s/%s %v, want critical/screen-lock.managed", r.Status, r.Advice, r.Evidence)
	}
}

func TestIdlePowerKDEAndXfce(t *testing.T) {
	const cfg = "home/u/.config/"
	battery := map[string]string{"sys/class/power_supply/BAT0/type": "kde/battery-type"}
	tests := []struct {
		name   string
		env    map[string]string
		files  map[string]string
		want   monitor.Status
		advice string
	}{
		{"Plasma 6: AC after 45 min", map[string]string{"XDG_CURRENT_DESKTOP": "KDE", "KDE_SESSION_VERSION": "6"},
			map[string]string{cfg + "powerdevilrc": "kde/powerdevilrc"}, monitor.Warn, "idle-power.slow"},
		{"Plasma 6: no file, default timeout unknown", map[string]string{"XDG_CURRENT_DESKTOP": "KDE"}, nil, monitor.Unknown, "idle-power"},
		{"Plasma 5: AC never sleeps", map[string]string{"XDG_CURRENT_DESKTOP": "KDE", "KDE_SESSION_VERSION": "5"},
			map[string]string{cfg + "powermanagementprofilesrc": "kde/powermanagementprofilesrc"}, monitor.Warn, "idle-power.never"},
		{"Xfce: AC 0 means never", map[string]string{"XDG_CURRENT_DESKTOP": "XFCE"},
			map[string]string{cfg + "xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml": "xfce/xfce4-power-manager.xml"}, monitor.Warn, "idle-power.never"},
		{"Xfce: 14 is the slider's Never", map[string]string{"XDG_CURRENT_DESKTOP": "XFCE"},
			map[string]string{cfg + "xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml": "xfce/xfce4-power-manager-slider.xml"}, monitor.Warn, "idle-power.never"},
		{"Xfce: 30 and 15 minutes", map[string]string{"XDG_CURRENT_DESKTOP": "XFCE"},
			map[string]string{cfg + "xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml": "xfce/xfce4-power-manager-ok.xml"}, monitor.OK, "idle-power"},
		{"Xfce: not set, the default never sleeps", map[string]string{"XDG_CURRENT_DESKTOP": "XFCE"}, nil, monitor.Warn, "idle-power.never"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range battery {
				files[k] = v
			}
			for k, v := range tt.files {
				files[k] = v
			}
			sys := host.System{FS: fileFS(t, files), Getenv: envOf(tt.env), Home: "/home/u", Cmd: commandtest.Runner{}} // no xfconf-query: the files
			r := (&IdlePower{Sys: sys}).Run(context.Background())
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v %v, want %s/%s", r.Status, r.Advice, r.Finding, r.Evidence, tt.want, tt.advice)
			}
		})
	}
}

// countingRunner counts the runs of the real runner it wraps.
type countingRunner struct {
	command.Runner
	runs atomic.Int32
}

func (c *countingRunner) Run(ctx context.Context, name command.Name, args ...string) ([]byte, error) {
	c.runs.Add(1)
	return c.Runner.Run(ctx, name, args...)
}

func TestOSUpdatesRealApt(t *testing.T) {
	if _, err := os.Stat("/usr/bin/apt-get"); err != nil {
		testenv.Unavailable(t, "not an apt system")
	}
	sys := host.Local()
	// The answer is what is tested here, at the normal priority so that a
	// busy machine cannot starve it; the lowest priority it runs at in
	// Mamori is TestPackageManagersRunInTheBackground's.
	runner := &countingRunner{Runner: &command.Exec{Foreground: true, Timeout: 2 * time.Minute}}
	sys.Cmd = runner
	store := filepath.Join(t.TempDir(), "packages.json")
	pkgs := &updates.Cache{Sys: sys, Store: store}
	check := &OSUpdates{Sys: sys, Updates: pkgs}
	r := check.Run(context.Background())
	if r.Status == monitor.Unknown || r.Get("manager") != "apt" {
		t.Fatalf("real apt: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	rep, _ := pkgs.Report(context.Background())
	// Cross-check with dpkg: every pending package is installed now, at the
	// version apt says it will replace.
	if len(rep.Pending) > 0 {
		u := rep.Pending[0]
		out, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", u.Name).Output()
		if err == nil && u.From != "" && string(out) != u.From {
			t.Errorf("apt says %s is at %s, dpkg says %s", u.Name, u.From, out)
		}
	}
	if rep.IndexTime.IsZero() {
		t.Error("package index time not found in /var/lib/apt/lists")
	}
	before := runner.runs.Load()
	check.Run(context.Background())
	if runner.runs.Load() != before {
		t.Errorf("a second run within the hour ran the package manager again (%d runs)", runner.runs.Load()-before)
	}
	// Another process (a new updates.Cache) reuses the stored answer.
	other := (&OSUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys, Store: store}}).Run(context.Background())
	if runner.runs.Load() != before {
		t.Errorf("a second process within the hour ran the package manager again (%d runs)", runner.runs.Load()-before)
	}
	if other.Get("pending") != r.Get("pending") || other.Get("pending-listed") != r.Get("pending-listed") || other.Status != r.Status {
		t.Errorf("the second process saw %s %s/%s, the first %s %s/%s", other.Status, other.Get("pending"), other.Get("pending-listed"), r.Status, r.Get("pending"), r.Get("pending-listed"))
	}
}

func startNamed(t *testing.T, dir, name string) (*exec.Cmd, string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.Open("/bin/sleep")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	cmd := exec.Command(path, "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, path
}

func TestAntivirusRealProcess(t *testing.T) {
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	clamdb := fstest.MapFS{"var/lib/clamav/daily.cld": {Data: testdata(t, "clamav/daily.cld")}}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	// The recorded database over the real file system, where /proc tells
	// who runs clamd.
	sys := host.System{FS: overlay{clamdb, os.DirFS("/")}, Procs: host.ProcFS{}, Now: func() time.Time { return now }}
	check := &Antivirus{Sys: sys, Products: products}

	if r := check.Run(context.Background()); r.Status != monitor.Warn || r.Advice != "antivirus.none" {
		t.Fatalf("before: got %s/%s %v, want warn: nothing running", r.Status, r.Advice, r.Finding)
	}
	cmd, _ := startNamed(t, t.TempDir(), "clamd")
	r := check.Run(context.Background())
	if r.Status != monitor.OK || !slices.Equal(r.Finding.Args["Products"].([]string), []string{"ClamAV"}) || r.Finding.Args["Days"] != 4 {
		t.Fatalf("clamd running, definitions 4 days old: got %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	if !strings.Contains(r.Get("running"), "pid") {
		t.Errorf("evidence does not name the process: %v", r.Evidence)
	}

	// Ten days later the same definitions are stale.
	sys.Now = func() time.Time { return now.Add(6 * 24 * time.Hour) }
	if r := (&Antivirus{Sys: sys, Products: products}).Run(context.Background()); r.Status != monitor.Warn || r.Advice != "antivirus.stale" {
		t.Errorf("old definitions: got %s/%s", r.Status, r.Advice)
	}
	// With no database to read, the age is unknown, not fine.
	sys.FS = overlay{fstest.MapFS{"var/lib/clamav": {Mode: fs.ModeDir}}, os.DirFS("/")}
	if r := (&Antivirus{Sys: sys, Products: products}).Run(context.Background()); r.Status != monitor.Unknown {
		t.Errorf("no database: got %s, want unknown", r.Status)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if r := check.Run(context.Background()); r.Status != monitor.Warn {
		t.Errorf("after clamd exits: got %s, want warn", r.Status)
	}
}

func TestBrowserUpdatesRestartAfterUpdate(t *testing.T) {
	browsers, err := catalog.Browsers()
	if err != nil {
		t.Fatal(err)
	}
	// dpkg says firefox-esr is installed (recorded format); apt has no update.
	runner := commandtest.Runner{
		command.DpkgQuery: func([]string) ([]byte, error) {
			return []byte("ii \tfirefox-esr\t128.5.0esr-1~deb12u1\n"), &command.ExitError{Code: 1, Stdout: []byte("ii \tfirefox-esr\t128.5.0esr-1~deb12u1\n")}
		},
		command.AptGet:    func([]string) ([]byte, error) { return testdata(t, "apt/nothing-to-do.txt"), nil },
		command.AptConfig: func([]string) ([]byte, error) { return testdata(t, "apt/apt-config-auto.txt"), nil },
	}
	sys := host.System{Cmd: runner, FS: fstest.MapFS{}, Procs: host.ProcFS{}, Now: time.Now, Getenv: envOf(nil)}
	check := &BrowserUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys}, Browsers: browsers}

	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Fatalf("installed, current, not running: got %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// A running browser whose program file is then replaced by an update.
	_, path := startNamed(t, t.TempDir(), "firefox-esr")
	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Fatalf("running current build: got %s %v", r.Status, r.Finding)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	r := check.Run(context.Background())
	if r.Status != monitor.Warn || r.Advice != "browser-updates.restart" || r.Finding.Args["Browser"] != "Firefox" {
		t.Errorf("after the update replaced the binary: got %s/%s %v %v", r.Status, r.Advice, r.Finding, r.Evidence)
	}
}

func TestBrowserUpdatesPendingAndNone(t *testing.T) {
	browsers, _ := catalog.Browsers()
	runner := commandtest.Runner{
		command.DpkgQuery: func([]string) ([]byte, error) { return []byte("ii \tfirefox-esr\t128.3.0esr-1~deb12u1\n"), nil },
		command.AptGet:    func([]string) ([]byte, error) { return testdata(t, "apt/localised-ja.txt"), nil },
		command.AptConfig: func([]string) ([]byte, error) { return nil, errors.New("apt-config broke") },
	}
	sys := host.System{Cmd: runner, FS: fstest.MapFS{}, Procs: host.ProcFS{}, Now: time.Now}
	r := (&BrowserUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys}, Browsers: browsers}).Run(context.Background())
	if r.Status != monitor.Critical || r.Advice != "browser-updates.pending" {
		t.Errorf("security update for firefox-esr: got %s/%s %v", r.Status, r.Advice, r.Finding)
	}
	runner[command.DpkgQuery] = func([]string) ([]byte, error) {
		return nil, &command.ExitError{Code: 1, Stderr: "dpkg-query: no packages found matching chromium"}
	}
	r = (&BrowserUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys}, Browsers: browsers}).Run(context.Background())
	if r.Status != monitor.NotApplicable || r.Finding.Key != "finding.browser-updates.none-found" {
		t.Errorf("no browser: got %s %v", r.Status, r.Finding)
	}
}

// TestOSUpdatesIgnoresAPTConfig runs the real apt twice, once with
// APT_CONFIG pointing at a configuration without sources (which makes apt
// see nothing to upgrade): the environment must not change the verdict.
func TestOSUpdatesIgnoresAPTConfig(t *testing.T) {
	if _, err := os.Stat("/usr/bin/apt-get"); err != nil {
		testenv.Unavailable(t, "not an apt system")
	}
	empty := filepath.Join(t.TempDir(), "apt.conf")
	os.WriteFile(empty, []byte("Dir::Etc::sourcelist \"/dev/null\";\nDir::Etc::sourceparts \"/nonexistent\";\nDir::State::lists \"/nonexistent\";\n"), 0o644)
	run := func(env []string) monitor.Result {
		sys := host.Local()
		sys.Cmd = &command.Exec{Env: env, Timeout: 2 * time.Minute, Foreground: true}
		return (&OSUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys}}).Run(context.Background())
	}
	clean := run(os.Environ())
	planted := run(append(os.Environ(), "APT_CONFIG="+empty))
	if planted.Status != clean.Status || planted.Get("pending") != clean.Get("pending") {
		t.Errorf("APT_CONFIG changed the verdict: %s with %s pending (%s), against %s with %s (%s)", planted.Status, planted.Get("pending"), planted.Get("reason"), clean.Status, clean.Get("pending"), clean.Get("reason"))
	}
}

// TestAntivirusNotFooledByAName: another local user runs a copy of sleep
// named like Sophos's daemon, and a symlink under that name to a
// root-owned system program. Neither makes the check say a product runs;
// both are reported as not believed. (As root the test runs them as the
// user nobody; otherwise as the user running the test.)
func TestAntivirusNotFooledByAName(t *testing.T) {
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "mamori-spoof")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	copyDir := filepath.Join(dir, "copy")
	os.Mkdir(copyDir, 0o755)
	data, err := os.ReadFile("/bin/sleep")
	if err != nil {
		testenv.Unavailable(t, "no /bin/sleep")
	}
	os.WriteFile(filepath.Join(copyDir, "savd"), data, 0o755)
	if os.Getuid() == 0 { // the other user's own copy
		os.Chown(copyDir, 65534, 65534)
		os.Chown(filepath.Join(copyDir, "savd"), 65534, 65534)
	}
	linkDir := filepath.Join(dir, "link")
	os.Mkdir(linkDir, 0o755)
	os.Symlink("/bin/sleep", filepath.Join(linkDir, "soapd"))
	for _, prog := range []string{filepath.Join(copyDir, "savd"), filepath.Join(linkDir, "soapd")} {
		cmd := exec.Command(prog, "30")
		if os.Getuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { cmd.Process.Kill(); cmd.Wait() }()
	}
	sys := host.Local()
	sys.Procs = host.ProcFS{}
	r := (&Antivirus{Sys: sys, Products: products}).Run(context.Background())
	var notBelieved []string
	for _, e := range r.Evidence {
		if e.Key == "not-believed" {
			notBelieved = append(notBelieved, e.Value)
		}
	}
	if r.Status == monitor.OK || strings.Contains(r.Get("running"), "Sophos") {
		t.Errorf("a program named like Sophos made the check say %s: %v", r.Status, r.Evidence)
	}
	if len(notBelieved) != 2 {
		t.Errorf("not reported as not believed: %v", r.Evidence)
	}
}

// overlay reads from top, and from under where top has no such file.
type overlay struct{ top, under fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		return f, nil
	}
	return o.under.Open(name)
}
