// Command mamori is Mamori's agent.
//
//	mamori            run the agent: tray icon, checks, notifications
//	mamori check      run every check once and print the results
//	mamori version    print the version
//	mamori help       every command
//
// The resident agent only keeps watch (internal/agent); the commands people
// type, and the judging of each event, run in mamori-worker beside it, which
// this program hands them to: so the process that stays links only what
// keeping watch needs.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/bus"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
	"github.com/mamori-project/mamori/internal/tray"
	"github.com/mamori-project/mamori/internal/watch"
)

// workerProgram is the worker's name, beside this program
// (internal/worker.Program, which this program does not link).
const workerProgram = "mamori-worker"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:]))
}

func run(ctx context.Context, args []string) int {
	info := mamori.App()
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "--at-login":
		// The packaged autostart entry: start only if the person chose to.
		if code := forward("at-login"); code != 0 {
			return 0
		}
		return runAgent(ctx, false, false)
	case "run", "--notify-every-change":
		return runAgent(ctx, cmd == "--notify-every-change" || slices.Contains(args, "--notify-every-change"), false)
	case "--welcome":
		// The Windows installer, at the end of an install with its
		// window: the agent, and the welcome window asking about start
		// at login.
		return runAgent(ctx, false, true)
	case "version", "--version":
		fmt.Printf("%s %s\n", info.Name, info.Version)
		return 0
	}
	// Every other command (check, policy, help, and the installer's
	// stop, start-at-login and uninstall) is the worker's.
	return forward(cmd, args...)
}

// forward hands a command to the worker and returns its exit code.
func forward(cmd string, args ...string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "mamori: finding this program: %v\n", err)
		return 70
	}
	code, err := command.Forward(command.ProgramPath(filepath.Dir(self), workerProgram), append([]string{cmd}, args...)...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
		return 70
	}
	return code
}

func runAgent(ctx context.Context, everyChange, welcome bool) int {
	// The agent's live heap is a few hundred kilobytes; the default goal
	// lets a burst's garbage grow the heap to 4 MB before a collection. A
	// goal of 20% costs a few more collections and nothing while idle
	// (bench/RESULTS.md). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(20)
	}
	// One scheduler thread: the agent waits on files, buses and child
	// processes, not on CPU, and every extra P keeps its own cache of
	// partly used heap spans (bench/RESULTS.md). GOMAXPROCS still wins.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	log := logfmt.New(os.Stderr)
	system := bus.System()
	// Mamori's own session connection is private: the tray library reads
	// every signal on the shared one. Where there is no session bus none
	// is started.
	var session *dbus.Conn
	var err error
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		session, err = bus.ConnectSession()
		if err != nil {
			log.Warn("no tray icon, no notifications and no settings events in this session: they all need the desktop's D-Bus session bus, and Mamori does not start one; the checks still run and `mamori check` works", "err", err)
			session = nil
		}
	}
	self, err := os.Executable()
	if err != nil {
		log.Error("finding this program", "err", err)
		return 70
	}
	dir, err := stateDir(log)
	if err != nil {
		log.Error("keeping the agent's state", "err", err)
		return 70
	}
	windows := &agent.Launcher{Dir: filepath.Dir(self), Log: log}
	a := &agent.Agent{
		StateDir: dir,
		Address:  ipc.Address(os.Getenv),
		Log:      log,
		Sources: map[monitor.Source]watch.Func{
			monitor.Network: watch.WiFi(system),
			monitor.File:    watch.Files,
		},
		Windows:      windows.Open,
		CloseWindows: windows.Close,
		Welcome:      welcome,
	}
	// The window in the agent's language from its first line: Fyne reads
	// the locale before the window's main runs.
	windows.Env = a.WindowEnv
	if session != nil {
		a.Sources[monitor.Dconf] = watch.Dconf(session)
	}
	if runtime.GOOS == "windows" {
		a.Sources[monitor.Registry] = watch.Registry
	}
	// The menu's slots, one for each check that can fail, are set once
	// the judge has said what the checks are.
	switch {
	case session != nil:
		a.Notes = agent.BusNotes{D: sessionNotifier(session), Path: filepath.Join(dir, "onscreen.json"), Log: log}
		a.Tray = &tray.Systray{Events: a.TrayEvents()}
	case runtime.GOOS == "windows" || runtime.GOOS == "darwin":
		// No D-Bus: the tray through the native APIs systray uses there,
		// and the system's own notifications.
		t := &tray.Systray{Events: a.TrayEvents()}
		a.Tray, a.Notes = t, nativeNotes(t, log)
	}
	a.Judge = agent.JudgeProgram{Program: command.ProgramPath(filepath.Dir(self), workerProgram),
		StateDir: dir, EveryChange: everyChange, Stderr: os.Stderr,
		// Where nothing can show a notification (no session bus), none
		// is told; on macOS the judge shows them itself.
		Silent: a.Notes == nil && runtime.GOOS != "darwin"}.Judge
	err = a.Run(ctx)
	switch {
	case errors.Is(err, ipc.ErrRunning):
		fmt.Fprintln(os.Stderr, "mamori: already running; opened its status window")
		return 0
	case err != nil:
		log.Error("agent", "err", err)
		return 1
	}
	return 0
}

// stateDir is where the judge keeps what it keeps between events: the
// person's state directory, or, where none is known or it cannot be made
// (a ~/.local/state that a program run with sudo left to root), a
// directory of the agent's own for this run: then nothing is kept across
// starts, and the log says so. Mamori runs either way, as it did when it
// kept only what it notified.
func stateDir(log *logfmt.Logger) (string, error) {
	dir, err := wire.StateDir(os.Getenv)
	if err == nil {
		if err = writable(dir); err == nil {
			return dir, nil
		}
	}
	log.Warn("what was notified is not kept across starts", "err", err)
	return os.MkdirTemp("", "mamori-state-")
}

// writable makes dir and opens the judges' lock in it, as each judge will:
// a directory that exists but is not the person's to write fails here.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, "agent.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

// sessionNotifier is the session's notification server, through the
// agent's own connection.
func sessionNotifier(session *dbus.Conn) *msg.DBus {
	info := mamori.App()
	n := &msg.DBus{Conn: session, AppName: info.Name, Icon: info.ID, DesktopEntry: info.ID}
	if !msg.IconInstalled(os.Getenv, info.ID) {
		// Run from a build, not installed: send the icon itself.
		if img, err := msg.ImageData(mamori.IconPixels64(), 64); err == nil {
			n.Image = &img
		}
	}
	// A finding's notification shows its status's icon, as the tray
	// does, not the app's.
	n.StatusImage = func(st monitor.Status) (dbus.Variant, bool) {
		img, err := msg.PNGImageData(mamori.TrayIcon(string(st)))
		return img, err == nil
	}
	return n
}
