package main

// The commands people type, `mamori check` and the rest, run here: the
// agent's program (cmd/agent) hands them over with command.Forward, so that
// the resident agent links none of what they need (the settings and policy
// readers, the report, the catalogues, the export).

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/cli"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/export"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/worker"
)

// agentProgram is the agent's program, beside this one: the login entry
// starts it.
const agentProgram = "mamori"

// runCommand runs a command a person typed (as `mamori CMD ARGS`); ok is false
// for a name that is not one.
func runCommand(ctx context.Context, cmd string, args []string) (code int, ok bool) {
	info := mamori.App()
	switch cmd {
	case "at-login":
		// The packaged autostart entry asks whether the person chose to
		// start at login: 0 yes, 1 no.
		if loadSettings().StartAtLogin {
			return 0, true
		}
		return 1, true
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
		return cli.Policy(args, env), true
	case "check":
		settings := loadSettings()
		store, set := settingsStore()
		fields := store.Fields()
		program, err := workerProgram()
		if err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 70, true
		}
		specs, err := worker.Declare(ctx, program)
		if err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 70, true
		}
		return cli.Check(ctx, args, cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
			Now: time.Now, App: report.App{Name: info.Name, Version: info.Version},
			Checks: monitor.DeclaredChecks(specs),
			Runner: &worker.Runner{Program: program, Settings: func() config.Settings { return settings }},
			Shaped: func(check string) []string { return set.Shaped(check, fields) },
		}), true
	case "uninstall":
		// The Windows uninstaller, before it removes the programs.
		return uninstall(ctx, slices.Contains(args, "--forget-settings")), true
	case "start-at-login":
		// The Windows installer, when start at login was chosen: the
		// same login entry the setting writes.
		if err := startAtLogin(); err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 1, true
		}
		return 0, true
	case "stop":
		// The Windows installer, before an upgrade replaces the programs.
		if err := stopAgent(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 1, true
		}
		return 0, true
	case "help", "-h", "--help":
		fmt.Println("usage: mamori [run] [--notify-every-change]   run the agent (tray icon, checks, notifications)\n       " + cli.Usage + "\n       mamori version\n       " + cli.PolicyUsage + "\n\n--details also prints what the system said where a check could not tell.\n--notify-every-change lifts the 24-hour repeat window and the hourly cap (benchmarks).")
		return 0, true
	}
	return 0, false
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

// startAtLogin writes the login entry that starts the agent.
func startAtLogin() error {
	info := mamori.App()
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding this program: %w", err)
	}
	// The entry starts the agent, beside this program.
	self = command.ProgramPath(filepath.Dir(self), agentProgram)
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
