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
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/cli"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/monitor/catalog"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/tray"
	"github.com/mamori-project/mamori/internal/wifi"
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
	case "run", "--notify-every-change":
		return runAgent(ctx, cmd == "--notify-every-change" || slices.Contains(args, "--notify-every-change"))
	case "check":
		settings := loadSettings()
		bus := systemBus()
		if bus != nil {
			defer bus.Close()
		}
		source := wifiSource(bus)
		checks, err := buildChecks(monitor.LocalSystem(), source, func() []config.TrustedNetwork { return settings.TrustedNetworks })
		if err != nil {
			fmt.Fprintf(os.Stderr, "mamori: %v\n", err)
			return 70
		}
		return cli.Check(ctx, args, cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
			Now: time.Now, App: report.App{Name: info.Name, Version: info.Version},
			Checks: checks,
		})
	case "version", "--version":
		fmt.Printf("%s %s\n", info.Name, info.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Println("usage: mamori [run] [--notify-every-change]   run the agent (tray icon, checks, notifications)\n       mamori check [--json] [--lang ja|en]\n       mamori version\n\n--notify-every-change lifts the 24-hour repeat window and the hourly cap (benchmarks).")
		return 0
	}
	fmt.Fprintf(os.Stderr, "mamori: unknown command %q (try: mamori help)\n", cmd)
	return 64
}

func runAgent(ctx context.Context, everyChange bool) int {
	info := mamori.App()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cat, err := i18n.Load()
	if err != nil {
		log.Error("loading the catalogues", "err", err)
		return 70
	}
	path, err := config.DefaultPath(os.Getenv)
	if err != nil {
		log.Error("finding the settings file", "err", err)
		return 70
	}
	system := systemBus()
	// Mamori's own session connection is private: the tray library reads
	// every signal on the shared one.
	session, err := dbus.ConnectSessionBus()
	if err != nil {
		log.Warn("no session bus: no tray icon, no notifications, no dconf events", "err", err)
		session = nil
	}
	source := wifiSource(system)
	sys := monitor.LocalSystem()
	a := &agent.Agent{
		App:      report.App{Name: info.Name, Version: info.Version},
		Settings: config.Store{Path: path},
		Catalog:  cat,
		Getenv:   os.Getenv,
		Socket:   agent.SocketPath(os.Getenv),
		Log:      log,
		Watchers: []agent.Watcher{
			{Name: "wifi", Checks: []string{"wifi"}, Watch: source.Watch},
			{Name: "dconf", Checks: []string{"screen-lock", "idle-power"}, Watch: agent.WatchDconf(session)},
			{Name: "settings files", Checks: []string{"screen-lock", "idle-power"}, Watch: agent.WatchFiles(monitor.SettingsFiles(sys))},
		},
		TrustCurrent: func(ctx context.Context) (config.TrustedNetwork, error) {
			c, err := source.Current(ctx)
			if err != nil {
				return config.TrustedNetwork{}, err
			}
			return config.NewTrusted(c.SSID, string(c.Security), ""), nil
		},
		Windows:           windowLauncher(log),
		NotifyEveryChange: everyChange,
	}
	checks, err := buildChecks(sys, source, a.TrustedNetworks)
	if err != nil {
		log.Error("building the checks", "err", err)
		return 70
	}
	a.Checks = checks
	switch {
	case session != nil:
		a.Notifier = &notify.DBus{Conn: session, AppName: info.Name, Icon: info.ID, DesktopEntry: info.ID}
		a.Tray = &tray.Systray{Slots: len(checks), Events: a.TrayEvents()}
	case runtime.GOOS == "windows" || runtime.GOOS == "darwin":
		// No D-Bus: the system's own notifier, and the tray through the
		// native APIs systray uses there.
		a.Notifier = &notify.Script{Runner: &command.Exec{}, System: runtime.GOOS, AppID: info.ID}
		a.Tray = &tray.Systray{Slots: len(checks), Events: a.TrayEvents()}
	}
	err = a.Run(ctx)
	switch {
	case errors.Is(err, agent.ErrRunning):
		fmt.Fprintln(os.Stderr, "mamori: already running; opened its status window")
		return 0
	case err != nil:
		log.Error("agent", "err", err)
		return 1
	}
	return 0
}

// windowLauncher starts the window process, mamori-window, next to this
// binary: one process per window, while it is open.
func windowLauncher(log *slog.Logger) func(which, check string) error {
	var mu sync.Mutex
	open := map[string]*exec.Cmd{}
	return func(which, check string) error {
		mu.Lock()
		defer mu.Unlock()
		if c := open[which]; c != nil {
			return nil // already on screen
		}
		self, err := os.Executable()
		if err != nil {
			return err
		}
		args := []string{which}
		if check != "" {
			args = append(args, "--check", check)
		}
		c := exec.Command(filepath.Join(filepath.Dir(self), "mamori-window"), args...)
		c.Stdout, c.Stderr = os.Stderr, os.Stderr
		if err := c.Start(); err != nil {
			return fmt.Errorf("starting the %s window: %w", which, err)
		}
		open[which] = c
		go func() {
			err := c.Wait()
			log.Info("window closed", "window", which, "err", err)
			mu.Lock()
			delete(open, which)
			mu.Unlock()
		}()
		return nil
	}
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
// (then Wi-Fi is read from the kernel). No context option: godbus closes a
// connection when its context ends, and this one lives as long as the agent.
func systemBus() *dbus.Conn {
	conn, err := dbus.ConnectSystemBus()
	if err != nil {
		return nil
	}
	return conn
}

func wifiSource(system *dbus.Conn) *wifi.Auto {
	s := &wifi.Auto{Kernel: &wifi.NL80211{}}
	if system != nil {
		s.NM = &wifi.NetworkManager{Conn: system}
	}
	return s
}

// packageStore is where the package manager's answer is kept between
// processes: the agent's simulation saves `mamori check` its own, and the
// other way round. "" (no sharing) when there is no cache directory.
func packageStore() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "mamori", "packages.json")
}

// buildChecks lists every check with what it needs from the system.
func buildChecks(sys monitor.System, source *wifi.Auto, trusted func() []config.TrustedNetwork) ([]monitor.Check, error) {
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
	updates := &monitor.PackageUpdates{Sys: sys, Store: packageStore()}
	return []monitor.Check{
		&monitor.WiFi{Source: source, Saved: source, Public: public, Trusted: trusted},
		&monitor.ScreenLock{Sys: sys},
		&monitor.IdlePower{Sys: sys},
		&monitor.OSUpdates{Sys: sys, Updates: updates},
		&monitor.BrowserUpdates{Sys: sys, Updates: updates, Browsers: browsers},
		&monitor.Antivirus{Sys: sys, Products: products},
	}, nil
}
