// Command mamori is Mamori's agent. Until the tray lands, it runs the checks
// once: `mamori check [--json] [--lang ja|en]`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/cli"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/monitor/catalog"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/wifi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:]))
}

func run(ctx context.Context, args []string) int {
	info := mamori.App()
	cmd := "check"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "check":
		settings := loadSettings()
		bus := systemBus(ctx)
		if bus != nil {
			defer bus.Close()
		}
		checks, err := buildChecks(monitor.LocalSystem(), bus, func() []config.TrustedNetwork { return settings.TrustedNetworks })
		if err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 70
		}
		return cli.Check(ctx, args, cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
			Now: monitor.LocalSystem().Now, App: report.App{Name: info.Name, Version: info.Version},
			Checks: checks,
		})
	case "version", "--version":
		fmt.Printf("%s %s\n", info.Name, info.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Println("usage: mamori check [--json] [--lang ja|en]\n       mamori version")
		return 0
	}
	fmt.Fprintf(os.Stderr, "mamori: unknown command %q (try: mamori help)\n", cmd)
	return 64
}

// loadSettings reads the settings file. A broken file has been set aside by
// Load; say so, and go on with the defaults.
func loadSettings() config.Settings {
	path, err := config.DefaultPath(os.Getenv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mamori: %v; using the default settings\n", err)
		return config.Defaults()
	}
	settings, err := config.Store{Path: path}.Load()
	if err != nil {
		fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
	}
	return settings
}

// systemBus connects to the system bus, or returns nil where there is none
// (then Wi-Fi is read from the kernel).
func systemBus(ctx context.Context) *dbus.Conn {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := dbus.ConnectSystemBus(dbus.WithContext(ctx))
	if err != nil {
		return nil
	}
	return conn
}

// buildChecks lists every check with what it needs from the system.
func buildChecks(sys monitor.System, bus *dbus.Conn, trusted func() []config.TrustedNetwork) ([]monitor.Check, error) {
	browsers, err := catalog.Browsers()
	if err != nil {
		return nil, err
	}
	products, err := catalog.AntivirusProducts()
	if err != nil {
		return nil, err
	}
	public, err := wifi.LoadCatalog()
	if err != nil {
		return nil, err
	}
	wifiSource := &wifi.Auto{Kernel: &wifi.NL80211{}}
	if bus != nil {
		wifiSource.NM = &wifi.NetworkManager{Conn: bus}
	}
	updates := &monitor.PackageUpdates{Sys: sys}
	return []monitor.Check{
		&monitor.WiFi{Source: wifiSource, Saved: wifiSource, Public: public, Trusted: trusted},
		&monitor.ScreenLock{Sys: sys},
		&monitor.IdlePower{Sys: sys},
		&monitor.OSUpdates{Sys: sys, Updates: updates},
		&monitor.BrowserUpdates{Sys: sys, Updates: updates, Browsers: browsers},
		&monitor.Antivirus{Sys: sys, Products: products},
	}, nil
}
