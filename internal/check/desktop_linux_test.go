package check

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/command/commandtest"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/updates"
)

// realDesktop is a System whose gsettings runs for real against a private
// D-Bus session with the dconf backend. Files come from fsys (this machine
// has no battery and no desktop configuration of its own to read).
func realDesktop(t *testing.T, s *testenv.Session, fsys fstest.MapFS) host.System {
	t.Helper()
	if fsys == nil {
		fsys = fstest.MapFS{}
	}
	return host.System{
		Cmd:    &command.Exec{Env: s.Env},
		FS:     fsys,
		Getenv: s.Getenv,
		Home:   s.Home,
	}
}

func TestScreenLockRealGsettings(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")
	check := &ScreenLock{Sys: realDesktop(t, s, nil)}
	steps := []struct {
		name    string
		set     []string // gsettings set arguments, applied in order
		want    monitor.Status
		advice  string
		minutes int
	}{
		{"schema defaults: lock after 5 minutes idle", nil, monitor.OK, "screen-lock", 5},
		{"idle after 15 minutes", []string{"org.gnome.desktop.session", "idle-delay", "900"}, monitor.Warn, "screen-lock.slow", 15},
		{"back to 4 minutes plus 30s lock delay", []string{"org.gnome.desktop.session", "idle-delay", "240"}, monitor.OK, "screen-lock", 5},
		{"lock delay pushes it past 5 minutes", []string{"org.gnome.desktop.screensaver", "lock-delay", "120"}, monitor.Warn, "screen-lock.slow", 6},
		{"never idle", []string{"org.gnome.desktop.session", "idle-delay", "0"}, monitor.Critical, "screen-lock.never", 0},
		{"lock disabled", []string{"org.gnome.desktop.screensaver", "lock-enabled", "false"}, monitor.Critical, "screen-lock.off", 0},
	}
	for _, st := range steps {
		if st.set != nil {
			s.Run(t, "gsettings", append([]string{"set"}, st.set...)...)
		}
		if st.name == "back to 4 minutes plus 30s lock delay" {
			s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-delay", "30")
		}
		r := check.Run(context.Background())
		if r.Status != st.want || r.Advice != st.advice {
			t.Fatalf("%s: got %s/%s (%v), want %s/%s", st.name, r.Status, r.Advice, r.Finding, st.want, st.advice)
		}
		if st.minutes != 0 && r.Finding.Args["Minutes"] != st.minutes {
			t.Errorf("%s: minutes = %v, want %d", st.name, r.Finding.Args["Minutes"], st.minutes)
		}
	}
}

// An administrator's dconf database decides what the desktop does: its
// defaults apply where the person set nothing, and its locks win over what
// the person set. A machine where policy turns locking off is never ok,
// and the advice says whom to ask instead of how to fix it.
func TestScreenLockAdminPolicy(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	// The person turned locking on before the policy came.
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "true")
	policy := "[org/gnome/desktop/screensaver]\nlock-enabled=false\n\n[org/gnome/desktop/session]\nidle-delay=uint32 1800\n"
	tests := []struct {
		name     string
		locked   []string
		want     monitor.Status
		advice   string
		evidence string // locked-by-administrator
	}{
		// Unlocked, the policy is only a default: the person's own
		// lock-enabled stands, the default idle delay of 30 min applies.
		{"defaults only", nil, monitor.Warn, "screen-lock.slow", ""},
		{"locking off, locked", []string{"/org/gnome/desktop/screensaver/lock-enabled"}, monitor.Critical, "screen-lock.managed", "lock-enabled"},
		{"idle delay locked", []string{"/org/gnome/desktop/session/idle-delay"}, monitor.Warn, "screen-lock.managed", "idle-after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := realDesktop(t, s.AdminPolicy(t, policy, tt.locked...), nil)
			r := (&ScreenLock{Sys: sys}).Run(context.Background())
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Fatalf("got %s/%s %v, want %s/%s", r.Status, r.Advice, r.Evidence, tt.want, tt.advice)
			}
			if got := r.Get("locked-by-administrator"); got != tt.evidence {
				t.Errorf("locked-by-administrator = %q, want %q", got, tt.evidence)
			}
		})
	}
}

// GNOME's lockdown (org.gnome.desktop.lockdown disable-lock-screen), set by
// a kiosk profile or an administrator, forbids locking whatever the
// screensaver's keys say: GNOME Shell then locks neither on idle nor on
// waking. The person's lock settings here are all good; the lockdown alone
// makes the screen one that can never lock.
func TestLockdownForbidsLocking(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	const policy = "[org/gnome/desktop/lockdown]\ndisable-lock-screen=true\n"
	tests := []struct {
		name              string
		session           func(t *testing.T) *testenv.Session
		lock, power       monitor.Status
		lockAdv, powerAdv string
		managed           string // locked-by-administrator
	}{
		{"nothing locked down", func(*testing.T) *testenv.Session { return s }, monitor.OK, monitor.OK, "screen-lock", "idle-power", ""},
		{"the person's own lockdown", func(t *testing.T) *testenv.Session {
			s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
			s.Run(t, "gsettings", "set", "org.gnome.desktop.lockdown", "disable-lock-screen", "true")
			return s
		}, monitor.Critical, monitor.Warn, "screen-lock.disabled", "screen-lock.disabled", ""},
		{"an administrator's default, not locked", func(t *testing.T) *testenv.Session { return s.AdminPolicy(t, policy) },
			monitor.Critical, monitor.Warn, "screen-lock.disabled", "screen-lock.disabled", ""},
		{"an administrator's lock", func(t *testing.T) *testenv.Session {
			return s.AdminPolicy(t, policy, "/org/gnome/desktop/lockdown/disable-lock-screen")
		}, monitor.Critical, monitor.Warn, "screen-lock.disabled-managed", "screen-lock.disabled-managed", "disable-lock-screen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := realDesktop(t, tt.session(t), nil)
			lock := (&ScreenLock{Sys: sys}).Run(context.Background())
			if lock.Status != tt.lock || lock.Advice != tt.lockAdv || lock.Get("locked-by-administrator") != tt.managed {
				t.Errorf("screen-lock: got %s/%s %v, want %s/%s locked by the administrator: %q", lock.Status, lock.Advice, lock.Evidence, tt.lock, tt.lockAdv, tt.managed)
			}
			power := (&IdlePower{Sys: sys}).Run(context.Background())
			if power.Status != tt.power || power.Advice != tt.powerAdv || power.Get("locked-by-administrator") != tt.managed {
				t.Errorf("idle-power: got %s/%s %v, want %s/%s locked by the administrator: %q", power.Status, power.Advice, power.Evidence, tt.power, tt.powerAdv, tt.managed)
			}
		})
	}
}

func TestScreenLockUnknown(t *testing.T) {
	s := testenv.DBusSession(t)
	tests := []struct {
		name    string
		desktop string
		reason  string
	}{
		{"no desktop", "", ""},
		{"unsupported desktop", "Hyprland", ""},
		{"schema not installed", "X-Cinnamon", "org.cinnamon.desktop.screensaver"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := (&ScreenLock{Sys: realDesktop(t, s.Setenv("XDG_CURRENT_DESKTOP", tt.desktop), nil)}).Run(context.Background())
			if r.Status != monitor.Unknown {
				t.Fatalf("got %s, want unknown", r.Status)
			}
			if tt.reason != "" && !strings.Contains(r.Get("reason"), tt.reason) {
				t.Errorf("reason %q does not name %s", r.Get("reason"), tt.reason)
			}
		})
	}
}

func TestScreenLockGsettingsMissing(t *testing.T) {
	sys := host.System{
		Cmd:    &command.Exec{Paths: map[command.Name][]string{command.Gsettings: {"/nonexistent/gsettings"}}},
		FS:     fstest.MapFS{},
		Getenv: func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": "GNOME"}[k] },
	}
	r := (&ScreenLock{Sys: sys}).Run(context.Background())
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.unknown.missing" || !strings.Contains(r.Get("reason"), "not installed") {
		t.Errorf("got %s %v, want unknown saying gsettings is not installed", r.Status, r.Finding)
	}
}

func TestIdlePowerRealGsettings(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	battery := fstest.MapFS{
		"sys/class/power_supply/BAT0/type":             {Data: []byte("Battery\n")},
		"sys/class/power_supply/AC/type":               {Data: []byte("Mains\n")},
		"sys/class/power_supply/hidpp_battery_0/type":  {Data: []byte("Battery\n")},
		"sys/class/power_supply/hidpp_battery_0/scope": {Data: []byte("Device\n")},
	}
	check := &IdlePower{Sys: realDesktop(t, s, battery)}
	steps := []struct {
		name   string
		set    []string
		want   monitor.Status
		advice string
	}{
		{"defaults: suspend after 20 minutes, locked", nil, monitor.OK, "idle-power"},
		{"battery never sleeps", []string{"org.gnome.settings-daemon.plugins.power", "sleep-inactive-battery-type", "nothing"}, monitor.Warn, "idle-power.never"},
		{"battery back", []string{"org.gnome.settings-daemon.plugins.power", "sleep-inactive-battery-type", "hibernate"}, monitor.OK, "idle-power"},
		{"AC after an hour", []string{"org.gnome.settings-daemon.plugins.power", "sleep-inactive-ac-timeout", "3600"}, monitor.Warn, "idle-power.slow"},
		{"AC back", []string{"org.gnome.settings-daemon.plugins.power", "sleep-inactive-ac-timeout", "900"}, monitor.OK, "idle-power"},
		{"no lock on wake", []string{"org.gnome.desktop.screensaver", "lock-enabled", "false"}, monitor.Warn, "idle-power.no-lock"},
	}
	for _, st := range steps {
		if st.set != nil {
			s.Run(t, "gsettings", append([]string{"set"}, st.set...)...)
		}
		r := check.Run(context.Background())
		if r.Status != st.want || r.Advice != st.advice {
			t.Fatalf("%s: got %s/%s %v %v, want %s/%s", st.name, r.Status, r.Advice, r.Finding, r.Evidence, st.want, st.advice)
		}
	}
	if got := check.Run(context.Background()).Get("battery"); got != "true" {
		t.Errorf("battery evidence = %q, want true (BAT0; the mouse battery does not count)", got)
	}
}

// The administrator's locked "never sleep on AC" wins over the person's
// own choice, as it does for the desktop.
func TestIdlePowerAdminPolicy(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	s.Run(t, "gsettings", "set", "org.gnome.settings-daemon.plugins.power", "sleep-inactive-ac-type", "suspend")
	s = s.AdminPolicy(t, "[org/gnome/settings-daemon/plugins/power]\nsleep-inactive-ac-type='nothing'\n",
		"/org/gnome/settings-daemon/plugins/power/sleep-inactive-ac-type")
	r := (&IdlePower{Sys: realDesktop(t, s, nil)}).Run(context.Background())
	if r.Status != monitor.Warn || r.Advice != "idle-power.never" {
		t.Fatalf("got %s/%s %v, want warn/idle-power.never", r.Status, r.Advice, r.Evidence)
	}
}

func TestIdlePowerLogindAndNoDesktop(t *testing.T) {
	env := map[string]string{}
	sys := func(fsys fstest.MapFS) host.System {
		return host.System{Cmd: &command.Exec{}, FS: fsys, Getenv: func(k string) string { return env[k] }, Home: "/home/u"}
	}
	logind := fstest.MapFS{
		"etc/systemd/logind.conf":                 {Data: []byte("[Login]\n#IdleAction=ignore\n")},
		"usr/lib/systemd/logind.conf.d/10-x.conf": {Data: []byte("[Login]\nIdleAction=suspend\nIdleActionSec=45min\n")},
		"etc/systemd/logind.conf.d/20-y.conf":     {Data: []byte("[Login]\nIdleActionSec=15min\n")},
	}
	r := (&IdlePower{Sys: sys(logind)}).Run(context.Background())
	// No desktop, but logind suspends after 15 minutes; whether the screen
	// is locked on wake cannot be told.
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.idle-power.lock-unknown" || r.Finding.Args["Minutes"] != 15 {
		t.Errorf("logind suspend, no desktop: got %s %v", r.Status, r.Finding)
	}
	// No desktop and logind does nothing on idle: the translated
	// no-desktop finding, with logind's action as evidence (it was an
	// English sentence in the Japanese UI).
	r = (&IdlePower{Sys: sys(fstest.MapFS{})}).Run(context.Background())
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.no-desktop" || r.Get("logind-idle-action") != "ignore" {
		t.Errorf("no desktop, logind default: got %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}

func TestMain(m *testing.M) {
	// Commands the tests run must not see the developer's session.
	os.Unsetenv("DBUS_SESSION_BUS_ADDRESS")
	os.Exit(m.Run())
}

// TestSettingsFilesCoverWhatTheChecksRead runs the KDE, Xfce and logind
// readers on a file system that records every path read, and checks that
// the checks' file triggers name each one, so a watch cannot miss a file a
// check reads.
func TestSettingsFilesCoverWhatTheChecksRead(t *testing.T) {
	rec := &recordingFS{FS: fstest.MapFS{
		"usr/bin/xfce4-screensaver":               {},
		"etc/systemd/logind.conf.d/10-idle.conf":  {Data: []byte("[Login]\nIdleAction=suspend\n")},
		"usr/lib/systemd/logind.conf.d/50-x.conf": {},
	}}
	for _, desktop := range []string{"KDE", "XFCE", ""} {
		sys := host.System{FS: rec, Getenv: envOf(map[string]string{"XDG_CURRENT_DESKTOP": desktop}), Home: "/home/u", Cmd: commandtest.Runner{}}
		(&ScreenLock{Sys: sys}).Run(context.Background())
		(&IdlePower{Sys: sys}).Run(context.Background())
	}
	var listed []string
	none := host.System{Home: "/home/u", Getenv: envOf(nil)}
	for _, c := range []monitor.Check{&ScreenLock{Sys: none}, &IdlePower{Sys: none}} {
		for _, tr := range c.Spec().Triggers {
			if tr.Source == monitor.File {
				listed = append(listed, tr.Path)
			}
		}
	}
	covered := func(p string) bool {
		for _, f := range listed {
			if f == p || f == p+"/" || strings.HasSuffix(f, "/") && path.Dir(p)+"/" == f {
				return true
			}
		}
		return false
	}
	if len(rec.read) < 10 {
		t.Fatalf("the readers read only %v; is the recording broken?", rec.read)
	}
	for _, p := range rec.read {
		// Installed programs and hardware (is there a battery?) are not
		// settings; the interval sees them.
		if strings.HasPrefix(p, "/usr/bin/") || strings.HasPrefix(p, "/sys/") {
			continue
		}
		if !covered(p) {
			t.Errorf("a check reads %s, which no file trigger names", p)
		}
	}
}

// recordingFS notes every file read or listed, as an absolute path.
type recordingFS struct {
	fs.FS
	mu   sync.Mutex
	read []string
}

func (r *recordingFS) note(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := "/" + name; !slices.Contains(r.read, p) {
		r.read = append(r.read, p)
	}
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.note(name)
	return r.FS.Open(name)
}

func (r *recordingFS) ReadFile(name string) ([]byte, error) {
	r.note(name)
	return fs.ReadFile(r.FS, name)
}

func (r *recordingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	r.note(name)
	return fs.ReadDir(r.FS, name)
}

// TestOSUpdatesGnomeSoftwareRealGsettings reads GNOME Software's automatic
// updates with the real gsettings and dconf, on a compiled copy of the
// schema's keys (testdata/gsettings/schemas), next to apt's own setting.
func TestOSUpdatesGnomeSoftwareRealGsettings(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("GSETTINGS_SCHEMA_DIR", gnomeSoftwareSchema(t))
	real := &command.Exec{Env: s.Env}
	aptConfig := "apt/empty.txt" // no APT::Periodic: unattended-upgrades off
	runner := commandtest.Runner{
		command.AptGet:    func([]string) ([]byte, error) { return testdata(t, "apt/nothing-to-do.txt"), nil },
		command.AptConfig: func([]string) ([]byte, error) { return testdata(t, aptConfig), nil },
		command.Gsettings: func(args []string) ([]byte, error) { return real.Run(context.Background(), command.Gsettings, args...) },
	}
	files := fstest.MapFS{"usr/bin/unattended-upgrade": {}}
	sys := host.System{Cmd: runner, FS: files, Now: time.Now, Getenv: s.Getenv}

	steps := []struct {
		name      string
		act       func()
		automatic string
		how       string
	}{
		{"GNOME Software not installed", func() {}, "false", "unattended-upgrades"},
		{"GNOME Software installed, its defaults", func() { files["usr/bin/gnome-software"] = &fstest.MapFile{} }, "true", "GNOME Software: allow-updates=true download-updates=true"},
		{"downloads turned off", func() { s.Run(t, "gsettings", "set", "org.gnome.software", "download-updates", "false") }, "false", "download-updates=false"},
		{"unattended-upgrades on", func() { aptConfig = "apt/apt-config-auto.txt" }, "true", "install=true; GNOME Software"},
		{"updates hidden in GNOME Software, unattended-upgrades off", func() {
			aptConfig = "apt/empty.txt"
			s.Run(t, "gsettings", "set", "org.gnome.software", "download-updates", "true")
			s.Run(t, "gsettings", "set", "org.gnome.software", "allow-updates", "false")
		}, "false", "allow-updates=false"},
	}
	for _, st := range steps {
		st.act()
		// A new updates.Cache each time: the answer is cached otherwise.
		r := (&OSUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys}}).Run(context.Background())
		if got := r.Get("automatic-updates"); got != st.automatic || !strings.Contains(r.Get("automatic-how"), st.how) {
			t.Errorf("%s: automatic-updates=%s (%s), want %s with %q", st.name, got, r.Get("automatic-how"), st.automatic, st.how)
		}
	}
}

// gnomeSoftwareSchema compiles the copy of GNOME Software's schema keys
// (../updates/testdata/gsettings/schemas) and returns its directory, for
// GSETTINGS_SCHEMA_DIR.
func gnomeSoftwareSchema(t *testing.T) string {
	t.Helper()
	testenv.Require(t, "glib-compile-schemas")
	schemas := t.TempDir()
	src, err := os.ReadFile("../updates/testdata/gsettings/schemas/org.gnome.software.gschema.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(schemas, "org.gnome.software.gschema.xml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("glib-compile-schemas", schemas).CombinedOutput(); err != nil {
		t.Fatalf("glib-compile-schemas: %v\n%s", err, out)
	}
	return schemas
}

// TestGsettingsNotTheDesktopsIsUnknown: gsettings answers from whichever
// backend GLib picks, and only dconf holds the desktop's settings. With
// the memory or null backend it gives the schemas' defaults (lock on
// after 5 minutes, sleep after 20, GNOME Software updating by itself);
// with the keyfile backend (GLib's fallback when the dconf module is not
// installed) a file the desktop never reads. The person turned locking,
// sleep and GNOME Software's updates off in dconf; every reader must say
// it could not tell, never ok from the defaults.
func TestGsettingsNotTheDesktopsIsUnknown(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME").Setenv("GSETTINGS_SCHEMA_DIR", gnomeSoftwareSchema(t))
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	s.Run(t, "gsettings", "set", "org.gnome.settings-daemon.plugins.power", "sleep-inactive-ac-type", "nothing")
	s.Run(t, "gsettings", "set", "org.gnome.software", "allow-updates", "false")
	for _, backend := range []string{"memory", "null", "keyfile"} {
		t.Run(backend, func(t *testing.T) {
			s := s.Setenv("GSETTINGS_BACKEND", backend)
			files := fstest.MapFS{"usr/bin/gnome-software": {}}
			sys := realDesktop(t, s, files)
			for _, c := range []monitor.Check{&ScreenLock{Sys: sys}, &IdlePower{Sys: sys}} {
				r := c.Run(context.Background())
				if r.Status != monitor.Unknown || r.Finding.Key != "finding.unknown.not-desktop" || !strings.Contains(r.Get("reason"), backend) {
					t.Errorf("%s: got %s %v %v, want unknown: not the desktop's settings", c.Spec().ID, r.Status, r.Finding, r.Evidence)
				}
			}
			// apt says unattended-upgrades is off: whether updates come by
			// themselves rests on GNOME Software, which could not be read.
			real := sys.Cmd
			sys.Now = time.Now
			sys.Cmd = commandtest.Runner{
				command.AptGet:    func([]string) ([]byte, error) { return testdata(t, "apt/nothing-to-do.txt"), nil },
				command.AptConfig: func([]string) ([]byte, error) { return testdata(t, "apt/empty.txt"), nil },
				command.Gsettings: func(args []string) ([]byte, error) { return real.Run(context.Background(), command.Gsettings, args...) },
			}
			r := (&OSUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys}}).Run(context.Background())
			if got := r.Get("automatic-updates"); got != "unknown" || !strings.Contains(r.Get("gnome-software"), backend) {
				t.Errorf("os-updates: automatic-updates=%s (%s), gnome-software=%q; want unknown, saying why", got, r.Get("automatic-how"), r.Get("gnome-software"))
			}
		})
	}
	// The same session through dconf reads what the person set.
	sys := realDesktop(t, s, nil)
	if r := (&ScreenLock{Sys: sys}).Run(context.Background()); r.Status != monitor.Critical {
		t.Errorf("dconf: screen-lock %s %v, want critical", r.Status, r.Evidence)
	}
}

// TestXfceReadsLiveSettings: Xfce's settings come from xfconfd, the real one
// on a private bus, at once: xfconfd writes its XML file only seconds after
// a change, so a reader of the file would still see the old values.
func TestXfceReadsLiveSettings(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "XFCE")
	s.Activatable(t, "org.xfce.Xfconf")
	testenv.Require(t, "xfconf-query")
	// xfce4-screensaver is the locker the reader looks for.
	sys := realDesktop(t, s, fstest.MapFS{"usr/bin/xfce4-screensaver": {Data: []byte{}}})
	set := func(channel, prop, typ, value string) {
		s.Run(t, "xfconf-query", "-c", channel, "-p", prop, "-n", "-t", typ, "-s", value)
	}
	lock := &ScreenLock{Sys: sys}
	if r := lock.Run(context.Background()); r.Status != monitor.OK || r.Get("source") != "xfconfd xfce4-screensaver" {
		t.Fatalf("defaults: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	set("xfce4-screensaver", "/lock/enabled", "bool", "false")
	if r := lock.Run(context.Background()); r.Status != monitor.Critical || r.Advice != "screen-lock.off" {
		t.Errorf("lock off: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	set("xfce4-power-manager", "/xfce4-power-manager/inactivity-on-ac", "uint", "45")
	if r := (&IdlePower{Sys: sys}).Run(context.Background()); r.Status != monitor.Warn || r.Advice != "idle-power.slow" {
		t.Errorf("sleep after 45 min: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	xml := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "xfce4", "xfconf", "xfce-perchannel-xml", "xfce4-screensaver.xml")
	if _, err := os.Stat(xml); err == nil {
		t.Log("xfconfd had already written its file: the check did not need it to be late")
	}
}
