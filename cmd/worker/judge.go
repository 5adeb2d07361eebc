package main

import (
	"context"
	"os"
	"runtime"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/judge"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/worker"
)

// runJudge decides one of the agent's events (internal/judge): its log goes to
// standard error, which the agent writes to its own, and its ops to
// standard output.
func runJudge(ctx context.Context, args []string) int {
	info := mamori.App()
	log := logfmt.New(os.Stderr)
	path, err := config.DefaultPath(os.Getenv)
	if err != nil {
		log.Error("finding the settings file", "err", err)
		return 70
	}
	program, err := workerProgram()
	if err != nil {
		log.Error("finding this program", "err", err)
		return 70
	}
	// The checks' declarations; they run in workers of their own, so no
	// Wi-Fi reader (and no system bus connection) is made here.
	built, _, err := buildWith(config.Defaults(), nil)
	if err != nil {
		log.Error("building the checks", "err", err)
		return 70
	}
	specs := make([]monitor.Spec, len(built))
	for i, c := range built {
		specs[i] = c.Spec()
	}
	checks := monitor.DeclaredChecks(specs)
	// The policy's check IDs that are none of these are said in the log
	// (once), as `mamori policy show` says them.
	known := policy.System(info.ID)
	known.Known = monitor.IDs(checks)
	j := &judge.Judge{
		App:         report.App{Name: info.Name, Version: info.Version},
		Checks:      checks,
		Settings:    config.Store{Path: path, Policy: known},
		Catalog:     i18n.Open(),
		Getenv:      os.Getenv,
		Export:      exportResults(log, config.Store{Path: path}),
		Log:         log,
		PolicyPaths: known.Watch,
		PolicyKeys:  known.WatchKeys,
		Out:         wire.NewEncoder(os.Stdout),
	}
	j.Runner = &worker.Runner{Program: program, Settings: j.CurrentSettings, Log: log}
	if runtime.GOOS == "darwin" {
		// AppleScript; elsewhere the agent shows the notifications.
		j.Notifier = &notify.Script{Runner: &command.Exec{}, System: runtime.GOOS}
	}
	return judge.Main(ctx, j, args)
}
