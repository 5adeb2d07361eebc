// Package command is the one place Mamori runs external programs.
//
// Every program it may run is named in the allowlist below with the absolute
// paths it is looked for at, so a hostile PATH cannot substitute another
// binary. Programs are started with argument lists, never through a shell,
// under a deadline, with a cap on how much output is read, and with a C locale
// so that the parsers see the untranslated output they were written for.
package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Name is a program from the allowlist.
type Name string

// The programs Mamori may run. Each must have an entry in paths.
const (
	Gsettings Name = "gsettings"
	// XfconfQuery reads and sets Xfce's settings through xfconfd.
	XfconfQuery Name = "xfconf-query"
	// KWriteConfig5 and KWriteConfig6 set a KDE setting in its file.
	KWriteConfig5 Name = "kwriteconfig5"
	KWriteConfig6 Name = "kwriteconfig6"
	// DBusSend tells a KDE daemon to read its settings again.
	DBusSend  Name = "dbus-send"
	AptGet    Name = "apt-get"
	AptConfig Name = "apt-config"
	DpkgQuery Name = "dpkg-query"
	// AptCache tells which installed packages no archive offers.
	AptCache Name = "apt-cache"
	Dnf      Name = "dnf"
	Rpm      Name = "rpm"
	Pacman   Name = "pacman"
	Zypper   Name = "zypper"
	Snap     Name = "snap"

	// Settings pages, opened for the person on request.
	GnomeControlCenter Name = "gnome-control-center"
	CinnamonSettings   Name = "cinnamon-settings"
	KDESystemSettings  Name = "systemsettings"
	XfceSettings       Name = "xfce4-settings-manager"
	XfcePowerSettings  Name = "xfce4-power-manager-settings"
	GnomeSoftware      Name = "gnome-software"
	WindowsExplorer    Name = "explorer"
	MacOpen            Name = "open"

	// Notifications where there is no D-Bus notification server.
	Osascript Name = "osascript"

	// macOS: what the checks read there (internal/check/mac_*.go).
	Sysadminctl    Name = "sysadminctl"
	Defaults       Name = "defaults"
	Pmset          Name = "pmset"
	Softwareupdate Name = "softwareupdate"
	SystemProfiler Name = "system_profiler"
	Socketfilterfw Name = "socketfilterfw"
	Fdesetup       Name = "fdesetup"
	Launchctl      Name = "launchctl"
	Security       Name = "security"
	Spctl          Name = "spctl"
)

// paths lists, per program, where it is looked for, in order.
var paths = map[Name][]string{
	Gsettings:     {"/usr/bin/gsettings", "/bin/gsettings"},
	XfconfQuery:   {"/usr/bin/xfconf-query"},
	KWriteConfig5: {"/usr/bin/kwriteconfig5"},
	KWriteConfig6: {"/usr/bin/kwriteconfig6"},
	DBusSend:      {"/usr/bin/dbus-send"},
	AptGet:        {"/usr/bin/apt-get", "/bin/apt-get"},
	AptConfig:     {"/usr/bin/apt-config", "/bin/apt-config"},
	DpkgQuery:     {"/usr/bin/dpkg-query", "/bin/dpkg-query"},
	AptCache:      {"/usr/bin/apt-cache", "/bin/apt-cache"},
	Dnf:           {"/usr/bin/dnf", "/usr/bin/dnf5", "/bin/dnf"},
	Rpm:           {"/usr/bin/rpm", "/bin/rpm"},
	Pacman:        {"/usr/bin/pacman", "/bin/pacman"},
	Zypper:        {"/usr/bin/zypper", "/bin/zypper"},
	Snap:          {"/usr/bin/snap", "/snap/bin/snap", "/bin/snap"},

	GnomeControlCenter: {"/usr/bin/gnome-control-center"},
	CinnamonSettings:   {"/usr/bin/cinnamon-settings"},
	KDESystemSettings:  {"/usr/bin/systemsettings", "/usr/bin/systemsettings5"},
	XfceSettings:       {"/usr/bin/xfce4-settings-manager"},
	XfcePowerSettings:  {"/usr/bin/xfce4-power-manager-settings"},
	GnomeSoftware:      {"/usr/bin/gnome-software"},
	WindowsExplorer:    {`C:\Windows\explorer.exe`},
	MacOpen:            {"/usr/bin/open"},
	Osascript:          {"/usr/bin/osascript"},

	Sysadminctl:    {"/usr/sbin/sysadminctl"},
	Defaults:       {"/usr/bin/defaults"},
	Pmset:          {"/usr/bin/pmset"},
	Softwareupdate: {"/usr/sbin/softwareupdate"},
	SystemProfiler: {"/usr/sbin/system_profiler"},
	Socketfilterfw: {"/usr/libexec/ApplicationFirewall/socketfilterfw"},
	Fdesetup:       {"/usr/bin/fdesetup"},
	Launchctl:      {"/bin/launchctl"},
	Security:       {"/usr/bin/security"},
	Spctl:          {"/usr/sbin/spctl"},
}

// onStderr are the programs that print their answer on standard error
// (sysadminctl logs it, with a timestamp; softwareupdate says "No new
// software available." there): Run returns it after standard
// output.
var onStderr = map[Name]bool{Sysadminctl: true, Softwareupdate: true}

// environ names, per program, the variables of the person's environment it
// needs (besides the system's own, environ_*.go); every other variable is
// dropped, so that the environment cannot change what a check reads
// (APT_CONFIG pointing apt at empty sources made os-updates ok).
var environ = map[Name][]string{
	// DCONF_PROFILE is passed because the desktop reads its settings
	// through it too: the profile names the administrator's databases and
	// locks, and the lock that engages is the one the session's profile
	// gives.
	Gsettings: {"HOME", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DATA_DIRS", "GSETTINGS_BACKEND", "GSETTINGS_SCHEMA_DIR", "DCONF_PROFILE"},
	Osascript: {"HOME"},
	// xfconf-query only speaks to xfconfd on the session bus.
	XfconfQuery: {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"},
	// kwriteconfig writes the file under the person's config directory.
	KWriteConfig5: {"HOME", "XDG_CONFIG_HOME"},
	KWriteConfig6: {"HOME", "XDG_CONFIG_HOME"},
	DBusSend:      {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"},
}

// background are the programs that work for seconds (the package managers'
// simulations): they run at the lowest CPU and IO priority, so the person
// never waits for Mamori.
var background = map[Name]bool{AptGet: true, AptCache: true, Dnf: true, Pacman: true, Zypper: true}

// Errors a Runner returns, for callers that explain them to a person.
var (
	ErrNotFound   = errors.New("not installed")
	ErrNotAllowed = errors.New("not in the allowlist")
	ErrTooLarge   = errors.New("output larger than the cap")
)

// Runner runs an allowlisted program. Checks take a Runner so that tests can
// replace the system with recorded output.
type Runner interface {
	// Run runs name with args and returns its standard output. A non-zero
	// exit status is returned as an *ExitError carrying the output, because
	// some programs (dnf check-update) report through their exit code.
	Run(ctx context.Context, name Name, args ...string) ([]byte, error)
	// Has reports whether name is installed.
	Has(name Name) bool
}

// MissingError is a program that is not installed at any of its
// allowlisted paths. It is an ErrNotFound.
type MissingError struct{ Name Name }

func (e *MissingError) Error() string { return string(e.Name) + ": " + ErrNotFound.Error() }

// Is makes a MissingError an ErrNotFound.
func (e *MissingError) Is(target error) bool { return target == ErrNotFound }

// ExitError is a program that ran and exited with a non-zero status.
type ExitError struct {
	Name   Name
	Code   int
	Stdout []byte
	Stderr string
}

func (e *ExitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	if msg == "" {
		return fmt.Sprintf("%s exited with status %d", e.Name, e.Code)
	}
	return fmt.Sprintf("%s exited with status %d: %s", e.Name, e.Code, msg)
}

// Exec runs programs on this system.
type Exec struct {
	// Timeout bounds every run that has no earlier deadline, except a
	// background program's (background) whose caller set a deadline: that
	// deadline is its own. Zero means 20s.
	Timeout time.Duration
	// MaxOutput caps standard output in bytes. Zero means 8 MiB.
	MaxOutput int
	// Env is the environment the variables a program needs are taken
	// from (environ); nil means this process's. Programs never see the rest,
	// and their locale is always C.
	Env []string
	// Paths overrides the allowlist's locations (tests point a name at a
	// script). Nil means the built-in list.
	Paths map[Name][]string
	// Foreground runs the package managers' simulations at the normal
	// priority. Mamori never sets it: the person's work comes first. Tests
	// of the answer itself set it, so that a busy machine (CI beside other
	// work) cannot starve them; TestPackageManagersRunInTheBackground holds the manners.
	Foreground bool
}

var _ Runner = (*Exec)(nil)

const maxStderr = 16 << 10

func (e *Exec) path(name Name) (string, error) {
	candidates, ok := e.Paths[name]
	if !ok {
		candidates, ok = paths[name]
	}
	if !ok {
		return "", fmt.Errorf("%s: %w", name, ErrNotAllowed)
	}
	for _, p := range candidates {
		if fi, err := os.Stat(p); err == nil && runnable(fi) {
			return p, nil
		}
	}
	return "", &MissingError{Name: name}
}

// Has reports whether name is installed at one of its allowlisted paths.
func (e *Exec) Has(name Name) bool {
	_, err := e.path(name)
	return err == nil
}

// Run runs name with args under the deadline and the output cap.
func (e *Exec) Run(ctx context.Context, name Name, args ...string) ([]byte, error) {
	path, err := e.path(name)
	if err != nil {
		return nil, err
	}
	ctx, cancel := e.deadline(ctx, name)
	defer cancel()

	limit := e.MaxOutput
	if limit == 0 {
		limit = 8 << 20
	}
	stdout := &capped{limit: limit}
	stderr := &capped{limit: maxStderr, quiet: true}

	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = e.environment(name)
	cmd.Stdin = nil
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	// Children that keep the pipes open must not hold Wait forever.
	cmd.WaitDelay = time.Second
	setProcessGroup(cmd)

	err = onOwnThread(func() error {
		if err := cmd.Start(); err != nil {
			return err
		}
		if background[name] && !e.Foreground {
			lowerPriority(cmd.Process.Pid)
		}
		return cmd.Wait()
	})
	switch {
	case stdout.over:
		return nil, fmt.Errorf("%s: %w (%d bytes)", name, ErrTooLarge, limit)
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%s: %w", name, ctx.Err())
	case err != nil:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			out := stdout.Bytes()
			if name == Gsettings {
				// A key the null backend cannot write is its failure, not
				// the desktop's.
				if out, err = gsettingsAnswer(out, stderr.String(), cmd.Env); err != nil {
					return nil, err
				}
			}
			return out, &ExitError{Name: name, Code: exit.ExitCode(), Stdout: out, Stderr: stderr.String()}
		}
		return nil, fmt.Errorf("running %s: %w", name, err)
	}
	if name == Gsettings {
		return gsettingsAnswer(stdout.Bytes(), stderr.String(), cmd.Env)
	}
	if onStderr[name] {
		return append(stdout.Bytes(), stderr.Bytes()...), nil
	}
	return stdout.Bytes(), nil
}

// deadline bounds one run: by Timeout, or by the caller's deadline when
// it is earlier. A background program (a package manager's simulation)
// that the caller gave a deadline runs until that deadline: its check
// declares how long the simulation may take (2 minutes), and at the lowest
// priority on a busy machine it can take longer than Timeout, which would
// cut it off on every run.
func (e *Exec) deadline(ctx context.Context, name Name) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok && background[name] {
		return context.WithCancel(ctx)
	}
	timeout := e.Timeout
	if timeout == 0 {
		timeout = 20 * time.Second
	}
	return context.WithTimeout(ctx, timeout)
}

// Launch starts a program for the person (a settings window) and does not
// wait for it: no deadline, no output kept. It keeps the person's locale,
// so the program speaks their language.
func (e *Exec) Launch(name Name, args ...string) error {
	path, err := e.path(name)
	if err != nil {
		return err
	}
	cmd := exec.Command(path, args...)
	cmd.Env = e.Env
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", name, err)
	}
	go onOwnThread(cmd.Wait) // reap it when it exits
	return nil
}

// environment is what a program runs with: the system's fixed variables,
// the ones environ names for it taken from e.Env, and a C locale, so that
// programs print the untranslated messages and formats the parsers expect.
func (e *Exec) environment(name Name) []string {
	src := e.Env
	if src == nil {
		src = os.Environ()
	}
	out := fixedEnv()
	for _, kv := range src {
		k, _, _ := strings.Cut(kv, "=")
		if slices.ContainsFunc(append(passedEnv, environ[name]...), func(want string) bool { return sameVar(k, want) }) {
			out = append(out, kv)
		}
	}
	if name == Gsettings {
		out = append(out, gsettingsDebug)
	}
	return append(out, "LC_ALL=C", "LANG=C")
}

// capped is a writer that keeps at most limit bytes. Past the limit it fails
// the write, which makes os/exec stop copying and the command fail, unless
// quiet, in which case it drops the rest (used for stderr). The buffer is a
// named field, not embedded: an embedded bytes.Buffer would lend capped its
// ReadFrom, and io.Copy would use that and bypass the cap.
type capped struct {
	buf   bytes.Buffer
	limit int
	over  bool
	quiet bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.limit - c.buf.Len()
	if len(p) > room {
		c.buf.Write(p[:max(room, 0)])
		if c.quiet {
			return len(p), nil
		}
		c.over = true
		return 0, ErrTooLarge
	}
	return c.buf.Write(p)
}

func (c *capped) Bytes() []byte  { return c.buf.Bytes() }
func (c *capped) String() string { return c.buf.String() }

// Child is one of Mamori's own programs started by Start.
type Child struct{ cmd *exec.Cmd }

// Wait waits for the child to exit.
func (c *Child) Wait() error { return onOwnThread(c.cmd.Wait) }

// Kill ends the program at once.
func (c *Child) Kill() error { return c.cmd.Process.Kill() }

// ProgramPath is where one of Mamori's own programs, name, is in dir:
// with ".exe" on Windows.
func ProgramPath(dir, name string) string { return filepath.Join(dir, name+exeSuffix) }

// Start starts one of Mamori's own programs, name in dir (with ".exe" on
// Windows), with args, and returns at once. Its output goes to this
// process's standard error. Mamori's programs are not in the allowlist: they
// are found beside the running executable, never on PATH.
func Start(dir, name string, args ...string) (*Child, error) {
	return StartEnv(dir, name, nil, args...)
}

// StartEnv is Start with the program's environment; nil is this
// process's.
func StartEnv(dir, name string, env []string, args ...string) (*Child, error) {
	if !filepath.IsAbs(dir) {
		return nil, fmt.Errorf("starting %s: %q is not an absolute directory", name, dir)
	}
	cmd := exec.Command(ProgramPath(dir, name), args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	return &Child{cmd}, nil
}

// onOwnThread runs f on an OS thread of its own that ends with f. Waiting
// for a child blocks a thread, and the Go runtime puts a new one in its
// place and keeps every thread it ever made: the programs of one sweep,
// run side by side, would leave the resident agent a thread each, with its
// stacks, for good (bench/RESULTS.md). A goroutine that exits locked to its
// thread takes the thread with it.
func onOwnThread(f func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked, on purpose
		done <- f()
	}()
	return <-done
}

// RunOwn runs one of Mamori's own programs at path (absolute; never
// looked up on PATH) with args, stdin as its standard input, and hands its
// standard output to read as it comes. The program keeps this process's
// environment (it is Mamori too, and reads the same system), runs in a
// process group of its own, and is killed with every program it started
// when ctx ends or read fails. RunOwn returns the first 16 KiB the program
// wrote to standard error and, as the error, how it ended: an
// *exec.ExitError for an exit that was not 0, ctx's error when it was
// killed for it, read's error.
func RunOwn(ctx context.Context, path string, args []string, stdin []byte, read func(stdout io.Reader) error) (string, error) {
	stderr := &capped{limit: maxStderr, quiet: true}
	err := runOwn(ctx, path, args, stdin, read, stderr)
	return stderr.String(), err
}

// RunOwnLogged is RunOwn with the program's standard error handed to log
// as it comes, not kept: a program that logs while it runs for minutes
// (the agent's judge of a sweep that simulates package upgrades) is heard
// at once.
func RunOwnLogged(ctx context.Context, path string, args []string, stdin []byte, read func(stdout io.Reader) error, log io.Writer) error {
	return runOwn(ctx, path, args, stdin, read, log)
}

func runOwn(ctx context.Context, path string, args []string, stdin []byte, read func(stdout io.Reader) error, stderr io.Writer) error {
	if !filepath.IsAbs(path) {
		return fmt.Errorf("running %q: not an absolute path", path)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second
	setProcessGroup(cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("running %s: %w", filepath.Base(path), err)
	}
	return onOwnThread(func() error {
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("starting %s: %w", filepath.Base(path), err)
		}
		rerr := read(out)
		if rerr != nil {
			cmd.Cancel()
			io.Copy(io.Discard, out)
		}
		werr := cmd.Wait()
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case rerr != nil:
			return rerr
		}
		return werr
	})
}

// Forward runs one of Mamori's own programs at path (absolute) with args
// and this process's standard input, output and error, and returns its
// exit code: the agent's program hands the commands people type
// (`mamori check`, `mamori policy`) to the worker's, which links what they
// need.
func Forward(path string, args ...string) (int, error) {
	if !filepath.IsAbs(path) {
		return 0, fmt.Errorf("running %q: not an absolute path", path)
	}
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := onOwnThread(cmd.Run)
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 0, fmt.Errorf("running %s: %w", filepath.Base(path), err)
	}
	return 0, nil
}
