// Command mamori-worker is Mamori's short-lived process; it exits when its
// work is done, so that it costs the person's memory only while that lasts,
// and the resident agent (cmd/agent) links none of what it needs:
//
//	mamori-worker            run the checks a request on standard input
//	                         names, one JSON line per result (internal/worker)
//	mamori-worker judge ...  decide one of the agent's events (internal/judge)
//	mamori-worker CMD ...    the commands people type as `mamori CMD`
//	                         (check, policy, help, ...), which the agent's
//	                         program hands over
//
// Not for people to type.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/mamori-project/mamori/internal/bus"
	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/wifi"
	"github.com/mamori-project/mamori/internal/worker"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 {
		cmd, args := os.Args[1], os.Args[2:]
		if cmd == "judge" {
			os.Exit(runJudge(ctx, args))
		}
		code, ok := runCommand(ctx, cmd, args)
		if !ok {
			fmt.Fprintf(os.Stderr, "mamori: unknown command %q (try: mamori help)\n", cmd)
			code = 64
		}
		os.Exit(code)
	}
	// log/slog: the worker lives for one run, so its log costs the
	// resident agent nothing (the agent keeps a smaller writer of its own).
	os.Exit(worker.Serve(ctx, os.Stdin, os.Stdout, slog.New(slog.NewTextHandler(os.Stderr, nil)), build))
}

// build makes the checks on the real system, reading the settings the
// agent sent; whether a finding can be fixed is asked of this session's
// desktop.
func build(settings config.Settings) ([]monitor.Check, func(monitor.Result) bool, error) {
	return buildWith(settings, wifi.New(bus.System()))
}

// buildWith is build with the Wi-Fi reader given: nil where only the
// checks' declarations are wanted (the judge, at every event), so that no
// connection to the system bus is made for them.
func buildWith(settings config.Settings, w check.WiFiReader) ([]monitor.Check, func(monitor.Result) bool, error) {
	checks, err := check.Build(check.Deps{
		Sys: host.Local(), WiFi: w, PackageStore: packageStore(),
		Trusted:          func() []config.TrustedNetwork { return settings.TrustedNetworks },
		ExpectedRemote:   func() []string { return settings.ExpectedRemoteTools },
		ReadFileContents: func() bool { return settings.PasswordFileContents },
		SharedComputer:   func() bool { return settings.SharedComputer },
		AllowedRoots:     func() []string { return settings.AllowedRootCertificates },
		AllowedHosts:     func() []string { return settings.AllowedHostsEntries },
		Limits:           func() check.Limits { return check.LimitsOf(settings) },
	})
	// The fixes of these very checks: each plans to the limit its check
	// judges by.
	fixes := check.FixesOf(checks)
	return checks, func(r monitor.Result) bool { return settings.FixOffered && fixes.Offered(os.Getenv, r) }, err
}

// packageStore is where the package manager's answer is kept between
// workers, so one simulation serves every run until the package state
// changes. "" (no sharing) when there is no cache directory.
func packageStore() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "mamori", "packages.json")
}
