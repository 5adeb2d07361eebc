package command

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/testenv"
)

// script writes an executable shell script and returns its path.
func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "prog")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		env     []string
		want    string
		wantErr error
		code    int
	}{
		{name: "output", body: `echo "$1-$2"`, want: "a b-c\n"},
		{name: "locale forced to C", body: `echo "$LC_ALL $LANG $LANGUAGE"`, env: []string{"LANG=ja_JP.UTF-8", "LANGUAGE=ja", "LC_MESSAGES=ja_JP.UTF-8"}, want: "C C \n"},
		{name: "environment not passed", body: `echo "[$MAMORI_X]"`, env: []string{"MAMORI_X=dropped"}, want: "[]\n"},
		{name: "system PATH only", body: `echo "$PATH"`, env: []string{"PATH=/tmp/evil:/usr/bin"}, want: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"},
		{name: "exit status", body: `echo partial; echo broken >&2; exit 3`, want: "partial\n", code: 3},
		{name: "output cap", body: `i=0; while [ $i -lt 2000 ]; do echo 0123456789abcdef; i=$((i+1)); done`, wantErr: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Exec{Env: tt.env, MaxOutput: 4096, Paths: map[Name][]string{"prog": {script(t, tt.body)}}}
			out, err := e.Run(context.Background(), "prog", "a b", "c")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if tt.code != 0 {
				var exit *ExitError
				if !errors.As(err, &exit) || exit.Code != tt.code || !strings.Contains(exit.Error(), "broken") {
					t.Fatalf("err = %v, want exit status %d with stderr", err, tt.code)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("output = %q, want %q", out, tt.want)
			}
		})
	}
}

func TestRunTimeoutKillsProcessGroup(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "child-survived")
	// The child outlives the parent's own work unless the whole group dies.
	body := `(sleep 2; touch ` + marker + `) & sleep 30`
	e := &Exec{Timeout: 200 * time.Millisecond, Paths: map[Name][]string{"prog": {script(t, body)}}}
	_, err := e.Run(context.Background(), "prog")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	time.Sleep(2500 * time.Millisecond)
	if _, err := os.Stat(marker); err == nil {
		t.Error("a child of the timed-out program kept running")
	}
}

func TestRunRefusesUnknownAndMissing(t *testing.T) {
	e := &Exec{Paths: map[Name][]string{"missing": {"/nonexistent/prog"}}}
	if _, err := e.Run(context.Background(), "sh", "-c", "true"); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("unlisted program: err = %v, want ErrNotAllowed", err)
	}
	if _, err := e.Run(context.Background(), "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing program: err = %v, want ErrNotFound", err)
	}
	if e.Has("missing") {
		t.Error("Has(missing) = true")
	}
}

func TestAllowlistPathsAreAbsolute(t *testing.T) {
	for name, ps := range paths {
		if len(ps) == 0 {
			t.Errorf("%s has no paths", name)
		}
		for _, p := range ps {
			if !filepath.IsAbs(p) && !strings.HasPrefix(p, `C:\`) {
				t.Errorf("%s: %q is not absolute", name, p)
			}
		}
	}
}

func TestLaunchDoesNotWait(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	e := &Exec{Paths: map[Name][]string{"prog": {script(t, "sleep 1; touch "+marker)}}}
	start := time.Now()
	if err := e.Launch("prog"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err == nil || time.Since(start) > 900*time.Millisecond {
		t.Error("Launch waited for the program")
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(marker); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("the launched program did not run")
}

// TestEveryNameHasPaths parses this package's Name constants: each program
// Mamori may run must be in the allowlist, or Run would refuse it.
func TestEveryNameHasPaths(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "command.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Name" {
				continue
			}
			lit := v.Values[0].(*ast.BasicLit)
			name, _ := strconv.Unquote(lit.Value)
			n++
			if _, ok := paths[Name(name)]; !ok {
				t.Errorf("%s (%q) has no paths in the allowlist", v.Names[0].Name, name)
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d Name constants; is the parse broken?", n)
	}
}

// TestProgramsGetOnlyTheVariablesTheyNeed: apt-get never sees APT_CONFIG
// (which can point it at empty sources and make os-updates ok), and
// gsettings gets the session's bus and its settings directories.
func TestProgramsGetOnlyTheVariablesTheyNeed(t *testing.T) {
	body := `echo "apt=[$APT_CONFIG] bus=[$DBUS_SESSION_BUS_ADDRESS] schema=[$GSETTINGS_SCHEMA_DIR] home=[$HOME]"`
	env := []string{"APT_CONFIG=/tmp/empty.conf", "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus", "GSETTINGS_SCHEMA_DIR=/x", "HOME=/home/u"}
	e := &Exec{Env: env, Paths: map[Name][]string{AptGet: {script(t, body)}, Gsettings: {script(t, body)}}}
	for name, want := range map[Name]string{
		AptGet:    "apt=[] bus=[] schema=[] home=[]\n",
		Gsettings: "apt=[] bus=[unix:path=/run/user/1000/bus] schema=[/x] home=[/home/u]\n",
	} {
		out, err := e.Run(context.Background(), name)
		if err != nil || string(out) != want {
			t.Errorf("%s saw %q (%v), want %q", name, out, err, want)
		}
	}
}

// TestGsettingsAnswer: what gsettings answers from a backend other than
// dconf is not the desktop's, whichever way GLib says so; GLib's debug
// lines never reach a parser.
func TestGsettingsAnswer(t *testing.T) {
	read := func(name string) []byte {
		if name == "" {
			return nil
		}
		b, err := os.ReadFile(filepath.Join("testdata/gsettings", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name, stdout, stderr string
		env                  []string
		backend              string // "" when the answer is the desktop's
	}{
		{name: "dconf", stdout: "dconf.stdout"},
		{name: "memory", stdout: "memory.stdout", backend: "memory"},
		{name: "null", stdout: "null.stdout", backend: "null"},
		{name: "keyfile: no dconf module", stdout: "keyfile.stdout", backend: "keyfile"},
		{name: "fell back to memory", stdout: "no-debug.stdout", stderr: "memory-fallback.stderr", backend: "memory"},
		{name: "old GLib, GSETTINGS_BACKEND=memory", stdout: "no-debug.stdout", env: []string{"GSETTINGS_BACKEND=memory"}, backend: "memory"},
		{name: "old GLib, dconf", stdout: "no-debug.stdout", env: []string{"GSETTINGS_BACKEND=dconf"}},
		{name: "dconf picked over a missing module named in GSETTINGS_BACKEND", stdout: "dconf.stdout", env: []string{"GSETTINGS_BACKEND=nonesuch"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := gsettingsAnswer(read(tt.stdout), string(read(tt.stderr)), tt.env)
			var nd *NotDesktopError
			if tt.backend != "" {
				if !errors.As(err, &nd) || nd.Backend != tt.backend {
					t.Fatalf("err = %v, want the %s backend named", err, tt.backend)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(out), "org.gnome.desktop.screensaver ") || strings.Contains(string(out), "GLib") {
				t.Errorf("output keeps GLib's lines or lost the values: %q", out)
			}
		})
	}
}

// TestSimulationRunsUntilItsChecksDeadline runs the real apt-get's
// simulation, as os-updates does, with a per-program limit (Timeout)
// shorter than the simulation takes: under load, at the lowest priority,
// the default 20 s is shorter than it takes, and the simulation was cut off
// although its check allowed 2 minutes. Shrinking Timeout below what the
// simulation takes on this machine plays that without loading the machine;
// the simulation is the real one, on the real package lists. With the
// check's deadline on the context it runs to its end; a context deadline
// shorter than it takes still ends it.
func TestSimulationRunsUntilItsChecksDeadline(t *testing.T) {
	// At the normal priority (Foreground) so that a busy machine cannot
	// starve it past the 2 minutes: what is tested is whose deadline holds.
	e := &Exec{Timeout: 100 * time.Millisecond, Foreground: true}
	if !e.Has(AptGet) {
		testenv.Unavailable(t, "no apt-get")
	}
	args := []string{"-s", "-q", "-o", "Debug::NoLocking=1", "dist-upgrade"}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := e.Run(ctx, AptGet, args...)
	if err != nil {
		t.Fatalf("the simulation, with its check's 2 minutes: %v", err)
	}
	took := time.Since(start)
	if took < e.Timeout || !strings.Contains(string(out), "Reading package lists") {
		t.Fatalf("the simulation took %v (not longer than the %v limit it was to outlast): %.200s", took, e.Timeout, out)
	}
	t.Logf("the simulation took %v", took)

	short, cancel := context.WithTimeout(context.Background(), took/10)
	defer cancel()
	if _, err := (&Exec{}).Run(short, AptGet, args...); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a context deadline shorter than the simulation: %v, want deadline exceeded", err)
	}

	// A quick program keeps the per-program limit under a long deadline.
	e.Paths = map[Name][]string{"prog": {script(t, "sleep 30")}}
	if _, err := e.Run(ctx, "prog"); !errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		t.Errorf("a program that is not a simulation, under a long deadline: %v", err)
	}
}
