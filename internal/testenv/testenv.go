// Package testenv starts the real components that Mamori's tests run
// against: a private D-Bus session bus with the dconf GSettings backend
// behind it, isolated from the developer's own session.
package testenv

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// Require fails the test when a real component is missing and real tests
// are required (MAMORI_REAL_TESTS=1, as `make test` and CI set), and skips
// it otherwise, so a bare `go test` on a machine without them still runs
// the rest.
func Require(t testing.TB, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err == nil {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if os.Getenv("MAMORI_REAL_TESTS") == "1" {
			t.Fatalf("%s is not installed; `make test` installs it", p)
		}
		t.Skipf("%s is not installed (run `make test` to install the test dependencies)", p)
	}
}

// Unavailable fails the test when real tests are required
// (MAMORI_REAL_TESTS=1, as `make test` and CI set) and skips it
// otherwise: what the test needs from this machine is not here, and a
// skip under `make test` would hide a test that never ran.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("MAMORI_REAL_TESTS") == "1" {
		t.Fatalf("cannot run here, and real tests are required: "+format, args...)
	}
	t.Skipf(format, args...)
}

// Session is a private D-Bus session bus with its own home, config and
// runtime directories.
type Session struct {
	Address string
	Home    string
	// services is the bus's service directory (see Activatable).
	services string
	// Env is the environment a program in this session runs with.
	Env []string
}

// Getenv reads a variable of the session's environment.
func (s *Session) Getenv(key string) string {
	for i := len(s.Env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(s.Env[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}

// Setenv returns a copy of the session with key set.
func (s *Session) Setenv(key, value string) *Session {
	c := *s
	c.Env = append(append([]string(nil), s.Env...), key+"="+value)
	return &c
}

// Run runs a program in the session and fails the test if it fails.
func (s *Session) Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = s.Env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// AdminPolicy returns a copy of the session whose dconf profile puts an
// administrator's database under the user's, as /etc/dconf/profile/user
// does with system-db:local: keyfile holds its defaults (dconf keyfile
// syntax) and locked the paths of the keys it locks. It is compiled with
// dconf itself and named by an absolute path (file-db:), so the test needs
// no root.
func (s *Session) AdminPolicy(t testing.TB, keyfile string, locked ...string) *Session {
	t.Helper()
	Require(t, "dconf")
	dir := t.TempDir()
	src := filepath.Join(dir, "local.d")
	if err := os.MkdirAll(filepath.Join(src, "locks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "00-policy"), []byte(keyfile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "locks", "policy"), []byte(strings.Join(locked, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "local")
	if out, err := exec.Command("dconf", "compile", db, src).CombinedOutput(); err != nil {
		t.Fatalf("dconf compile: %v\n%s", err, out)
	}
	profile := filepath.Join(dir, "profile")
	if err := os.WriteFile(profile, []byte("user-db:user\nfile-db:"+db+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return s.Setenv("DCONF_PROFILE", profile)
}

// DBusSession starts dbus-daemon with a fresh home, XDG directories and the
// dconf backend, and stops it (and the services it activated) when the test
// ends. The bus activates dconf and nothing else: a notification daemon or
// tray host installed on the machine never answers in a test's place.
func DBusSession(t testing.TB) *Session {
	t.Helper()
	Require(t, "dbus-daemon", "gsettings", "/usr/libexec/dconf-service")
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	runtime := filepath.Join(dir, "run")
	for _, d := range []string{home, runtime} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local/share"),
		"XDG_RUNTIME_DIR=" + runtime,
		"GSETTINGS_BACKEND=dconf",
		"LANG=C.UTF-8",
	}
	conf, err := busConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--nopidfile", "--print-address=1")
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	// dbus-daemon's stderr (fd-limit warnings, activation notes) is noise
	// in test output.
	cmd.Stderr = nil
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dbus-daemon: %v", err)
	}
	var a string
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		// The services the bus started (dconf-service, xfconfd) exit
		// after it, writing their files on the way out: the test's
		// folder is removed only once they have gone.
		waitForBusClients(a, 10*time.Second)
	})
	addr := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		addr <- strings.TrimSpace(line)
	}()
	select {
	case a = <-addr:
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-daemon printed no address")
	}
	if a == "" {
		t.Fatal("dbus-daemon printed an empty address")
	}
	// dconf-service, activated by the bus, exits when the bus does.
	return &Session{Address: a, Home: home, Env: append(env, "DBUS_SESSION_BUS_ADDRESS="+a), services: filepath.Join(dir, "dbus-services")}
}

// Activatable lets the bus start the machine's own service called name
// (its /usr/share/dbus-1/services file), such as Xfce's xfconfd; the test
// is skipped where it is not installed. dbus-daemon notices the new file by
// itself.
func (s *Session) Activatable(t testing.TB, name string) {
	t.Helper()
	file := filepath.Join("/usr/share/dbus-1/services", name+".service")
	Require(t, file)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.services, name+".service"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Connect opens a connection to the bus at address, closed when the test
// ends.
func Connect(t testing.TB, address string) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(address)
	if err != nil {
		t.Fatalf("connecting to %s: %v", address, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// busConfig writes a session bus configuration into dir whose only
// activatable service is dconf, and returns its path. The stock
// session.conf reads the machine's service directories, where xfce4-notifyd
// or dunst would be activated by the first notification a test sends.
func busConfig(dir string) (string, error) {
	services := filepath.Join(dir, "dbus-services")
	if err := os.MkdirAll(services, 0o755); err != nil {
		return "", err
	}
	dconf := "[D-BUS Service]\nName=ca.desrt.dconf\nExec=/usr/libexec/dconf-service\n"
	if err := os.WriteFile(filepath.Join(services, "ca.desrt.dconf.service"), []byte(dconf), 0o644); err != nil {
		return "", err
	}
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=` + html.EscapeString(dir) + `</listen>
  <auth>EXTERNAL</auth>
  <servicedir>` + html.EscapeString(services) + `</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
	path := filepath.Join(dir, "session.conf")
	return path, os.WriteFile(path, []byte(conf), 0o644)
}

// Build compiles a command of this module (pkg, a path relative to the
// caller) into dir as `make build` does: the resident agent, cmd/agent,
// without cgo (it needs no C library, and libc's mapping would cost its
// resident memory), the others as they are.
//
// The agent's checks run in mamori-worker, found beside it: building
// cmd/agent builds cmd/worker into dir too.
func Build(dir, name, pkg string) (string, error) {
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	agent := strings.HasSuffix(filepath.ToSlash(filepath.Clean(pkg)), "cmd/agent")
	if agent {
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %v\n%s", pkg, err, b)
	}
	if agent {
		workerPkg := filepath.Join(filepath.Dir(filepath.Clean(pkg)), "worker")
		w := exec.Command("go", "build", "-o", filepath.Join(dir, "mamori-worker"), workerPkg)
		w.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := w.CombinedOutput(); err != nil {
			return "", fmt.Errorf("building %s: %v\n%s", workerPkg, err, b)
		}
	}
	return out, nil
}

// Testdata reads a recorded file, dir/name, failing the test if it
// cannot.
func Testdata(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Seed adds every file matching pattern (testdata/apt/*) to a fuzz
// target's corpus.
func Seed(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// waitForBusClients waits until no process started with this bus address
// in its environment runs, or for at most limit.
func waitForBusClients(addr string, limit time.Duration) {
	if addr == "" {
		return
	}
	needle := []byte("DBUS_SESSION_BUS_ADDRESS=" + addr + "\x00")
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		procs, _ := filepath.Glob("/proc/[0-9]*/environ")
		running := false
		for _, p := range procs {
			if env, err := os.ReadFile(p); err == nil && bytes.Contains(env, needle) && filepath.Dir(p) != "/proc/"+strconv.Itoa(os.Getpid()) {
				running = true
				break
			}
		}
		if !running {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
