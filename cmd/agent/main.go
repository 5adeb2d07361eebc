// Command mamori is Mamori's agent.
//
//	mamori            run the agent: tray icon, checks, notifications
//	mamori check      run every check once and print the results
//	mamori version    print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"os/user"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/bus"
	"github.com/mamori-project/mamori/internal/cli"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/export"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/tray"
	"github.com/mamori-project/mamori/internal/watch"
	"github.com/mamori-project/mamori/internal/worker"
)

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
		if !loadSettings().StartAtLogin {
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
	case "policy":
		store, set := settingsStore()
		env := cli.PolicyEnv{Stdout: os.Stdout, Stderr: os.Stderr, Set: set, Store: store}
		// The checks' IDs, from a worker (the agent links no check
		// code); without them a misspelt ID is not reported.
		if program, err := workerProgram(); err == nil {
			if specs, err := worker.Declare(ctx, program); err == nil {
				env.Checks = monitor.IDs(monitor.DeclaredChecks(specs))
			}
		}
		if u, err := user.Current(); err == nil {
			e := set.Export()
			env.Export = export.Status(export.Targets{PrometheusDir: e.PrometheusDir, ResultsDir: e.ResultsDir}, u.Uid)
		}
		return cli.Policy(args, env)
	case "check":
		settings := loadSettings()
		store, set := settingsStore()
		fields := store.Fields()
		program, err := workerProgram()
		if err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 70
		}
		specs, err := worker.Declare(ctx, program)
		if err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 70
		}
		return cli.Check(ctx, args, cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
			Now: time.Now, App: report.App{Name: info.Name, Version: info.Version},
			Checks: monitor.DeclaredChecks(specs),
			Runner: &worker.Runner{Program: program, Settings: func() config.Settings { return settings }},
			Shaped: func(check string) []string { return set.Shaped(check, fields) },
		})
	case "uninstall":
		// The Windows uninstaller, before it removes the programs.
		return uninstall(ctx, slices.Contains(args, "--forget-settings"))
	case "start-at-login":
		// The Windows installer, when start at login was chosen: the
		// same login entry the setting writes.
		if err := startAtLogin(); err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 1
		}
		return 0
	case "stop":
		// The Windows installer, before an upgrade replaces the programs.
		if err := stopAgent(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 1
		}
		return 0
	case "version", "--version":
		fmt.Printf("%s %s\n", info.Name, info.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Println("usage: mamori [run] [--notify-every-change]   run the agent (tray icon, checks, notifications)\n       " + cli.Usage + "\n       mamori version\n       " + cli.PolicyUsage + "\n\n--details also prints what the system said where a check could not tell.\n--notify-every-change lifts the 24-hour repeat window and the hourly cap (benchmarks).")
		return 0
	}
	fmt.Fprintf(os.Stderr, "mamori: unknown command %q (try: mamori help)\n", cmd)
	return 64
}

func runAgent(ctx context.Context, everyChange, welcome bool) int {
	// The agent's live heap is under a megabyte; the default goal lets a
	// sweep's garbage grow the heap to 4 MB before a collection. A goal of
	// 20% costs a few more collections during a sweep and nothing while
	// idle (bench/RESULTS.md). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(20)
	}
	// One scheduler thread: the checks wait on files, buses and child
	// processes, not on CPU, and every extra P keeps its own cache of
	// partly used heap spans (bench/RESULTS.md). GOMAXPROCS still wins.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	info := mamori.App()
	log := logfmt.New(os.Stderr)
	// The catalogue of the language shown is read when first needed, and
	// the other's only when the person switches to it.
	cat := i18n.Open()
	path, err := config.DefaultPath(os.Getenv)
	if err != nil {
		log.Error("finding the settings file", "err", err)
		return 70
	}
	system := bus.System()
	// Mamori's own session connection is private: the tray library reads
	// every signal on the shared one. Where there is no session bus none
	// is started.
	var session *dbus.Conn
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
	windows := &agent.Launcher{Dir: filepath.Dir(self), Log: log}
	a := &agent.Agent{
		App:      report.App{Name: info.Name, Version: info.Version},
		Settings: config.Store{Path: path, Policy: policy.System(info.ID)},
		Export:   exportResults(log, config.Store{Path: path}),
		Catalog:  cat,
		Getenv:   os.Getenv,
		Address:  ipc.Address(os.Getenv),
		Log:      log,
		Sources: map[monitor.Source]watch.Func{
			monitor.Network: watch.WiFi(system),
			monitor.File:    watch.Files,
		},
		Windows:           windows.Open,
		CloseWindows:      windows.Close,
		StatePath:         statePath(log),
		PolicyPaths:       policy.System(info.ID).Watch,
		PolicyKeys:        policy.System(info.ID).WatchKeys,
		NotifyEveryChange: everyChange,
		Welcome:           welcome,
	}
	// The window in the agent's language from its first line: Fyne reads
	// the locale before the window's main runs.
	windows.Env = func() []string {
		lang := a.CurrentSettings().Language
		if lang == "" {
			lang = i18n.Detect(os.Getenv)
		}
		env := os.Environ()
		for k, v := range i18n.FyneLocaleEnv(os.Getenv, lang) {
			env = append(env, k+"="+v)
		}
		return env
	}
	if session != nil {
		a.Sources[monitor.Dconf] = watch.Dconf(session)
	}
	if runtime.GOOS == "windows" {
		a.Sources[monitor.Registry] = watch.Registry
	}
	// The agent holds the checks' declarations only, and learns them from
	// a worker: the checks run, and read what they read, in a worker
	// process (internal/worker), and their code is never run here.
	program := command.ProgramPath(filepath.Dir(self), worker.Program)
	specs, err := worker.Declare(ctx, program)
	if err != nil {
		log.Error("learning the checks", "err", err)
		return 70
	}
	checks := monitor.DeclaredChecks(specs)
	a.Checks = checks
	// The policy's check IDs that are none of these are said in the log
	// (once), as `mamori policy show` says them.
	known := policy.System(info.ID)
	known.Known = monitor.IDs(checks)
	a.Settings.Policy = known
	a.Runner = &worker.Runner{Program: program, Settings: a.CurrentSettings, Log: log}
	switch {
	case session != nil:
		n := &notify.DBus{Conn: session, AppName: info.Name, Icon: info.ID, DesktopEntry: info.ID}
		if !notify.IconInstalled(os.Getenv, info.ID) {
			// Run from a build, not installed: send the icon itself.
			if img, err := notify.ImageData(mamori.IconPixels64(), 64); err == nil {
				n.Image = &img
			}
		}
		// A finding's notification shows its status's icon, as the tray
		// does, not the app's.
		n.StatusImage = func(st monitor.Status) (dbus.Variant, bool) {
			img, err := notify.PNGImageData(mamori.TrayIcon(string(st)))
			return img, err == nil
		}
		a.Notifier = n
		a.Tray = &tray.Systray{Slots: len(checks), Events: a.TrayEvents()}
	case runtime.GOOS == "windows" || runtime.GOOS == "darwin":
		// No D-Bus: the tray through the native APIs systray uses there,
		// and the system's own notifications.
		t := &tray.Systray{Slots: len(checks), Events: a.TrayEvents()}
		a.Tray, a.Notifier = t, nativeNotifier(t, log)
	}
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

// exportResults writes a run's results where a managed policy asks
// (internal/export), reading the policy afresh each time; it says what
// went wrong once per kind of failure, but a person's file that another
// account owns every time (someone may be reporting for them).
func exportResults(log *logfmt.Logger, person config.Store) func([]monitor.Result) {
	info := mamori.App()
	said := ""
	return func(results []monitor.Result) {
		set := policy.System(info.ID).Set()
		e := set.Export()
		name, uid := "", ""
		if u, err := user.Current(); err == nil {
			name, uid = u.Username, u.Uid
		}
		host, _ := os.Hostname()
		fields := person.Fields()
		err := export.Sweep(export.Targets{PrometheusDir: e.PrometheusDir, ResultsDir: e.ResultsDir}, name, uid, host, info.Version,
			results, func(check string) []string { return set.Shaped(check, fields) }, time.Now())
		var notYours *export.NotYours
		if err != nil && (err.Error() != said || errors.As(err, &notYours)) {
			log.Warn("exporting the results for the organisation", "err", err)
		}
		if err != nil {
			said = err.Error()
		} else {
			said = ""
		}
	}
}

// statePath is where the agent keeps what it notified, or "" (then it
// keeps nothing, and says so) where no state directory is known.
func statePath(log *logfmt.Logger) string {
	path, err := notify.MemoryPath(os.Getenv)
	if err != nil {
		log.Warn("what was notified is not kept across starts", "err", err)
		return ""
	}
	return path
}

// workerProgram is the checks' worker, beside this program.
func workerProgram() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding this program: %w", err)
	}
	return command.ProgramPath(filepath.Dir(self), worker.Program), nil
}

// settingsStore is the person's settings file with the organisation's
// policy around it, and that policy as read now.
func settingsStore() (config.Store, policy.Set) {
	ch := policy.System(mamori.App().ID)
	set := ch.Set()
	path, err := config.DefaultPath(os.Getenv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mamori: %v; using the default settings\n", err)
	}
	return config.Store{Path: path, Policy: set}, set
}

// loadSettings reads the effective settings: the organisation's policy
// around the person's file. A broken file has been set aside by Load;
// say so, and go on with the defaults.
func loadSettings() config.Settings {
	store, _ := settingsStore()
	if store.Path == "" {
		st := config.Defaults()
		recommended, managed, _ := store.Policy.Layers()
		recommended(&st)
		managed(&st)
		return st
	}
	settings, err := store.Load()
	if err != nil {
		fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
	}
	return settings
}

// uninstall takes away what Mamori itself set up for the person: it ends
// the running agent (its icon withdrawn, its windows closed), removes the
// login entry its "Start at login" wrote (it would point at a removed
// program) and what its toolkit left in the profile (config.Traces), and
// with forget, the settings too. The uninstaller runs it; nothing of the
// person's is touched otherwise.
func uninstall(ctx context.Context, forget bool) int {
	info := mamori.App()
	errs := []error{stopAgent(ctx)}
	home, err := os.UserConfigDir()
	if runtime.GOOS == "darwin" {
		home, err = os.UserHomeDir()
	}
	if err == nil {
		err = config.Autostart{AppID: info.ID, AppName: info.Name, ConfigHome: home}.Sync(false)
	}
	errs = append(errs, err)
	if runtime.GOOS == "windows" {
		conf, err1 := os.UserConfigDir()
		cache, err2 := os.UserCacheDir()
		if err := errors.Join(err1, err2); err != nil {
			errs = append(errs, err)
		} else {
			errs = append(errs, config.RemoveTraces(config.Traces(conf, cache, info.ID)))
		}
	}
	if forget {
		path, err := config.DefaultPath(os.Getenv)
		if err == nil {
			err = config.Forget(path)
		}
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
		return 1
	}
	return 0
}

// startAtLogin writes the login entry that starts this program.
func startAtLogin() error {
	info := mamori.App()
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding this program: %w", err)
	}
	home, err := os.UserConfigDir()
	if runtime.GOOS == "darwin" {
		home, err = os.UserHomeDir()
	}
	if err != nil {
		return err
	}
	return config.Autostart{AppID: info.ID, AppName: info.Name, Exe: self, ConfigHome: home}.Sync(true)
}

// stopAgent asks the running agent to end and waits until its process is
// gone, so its programs can be removed or replaced. No agent running is
// no error.
func stopAgent(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	resp, err := ipc.Call(ctx, ipc.Address(os.Getenv), ipc.Request{Cmd: ipc.CmdQuit})
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) {
		return nil // none runs
	}
	if err != nil {
		return fmt.Errorf("asking the running agent to end: %w", err)
	}
	if err := waitExit(ctx, resp.PID); err != nil {
		return fmt.Errorf("waiting for the agent (process %d) to end: %w", resp.PID, err)
	}
	return nil
}
