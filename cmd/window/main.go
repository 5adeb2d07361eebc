// Command mamori-window is Mamori's window process: the status window and
// the settings window, in Fyne. The agent starts it when a window is asked
// for; it exits when its window closes, so Fyne and OpenGL cost nothing the
// rest of the time.
//
//	mamori-window status [--check ID]
//	mamori-window settings
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/ui"
	"github.com/mamori-project/mamori/internal/wifi"
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	which := "status"
	if len(args) > 0 {
		which, args = args[0], args[1:]
	}
	flags := flag.NewFlagSet(which, flag.ContinueOnError)
	focus := flags.String("check", "", "show this check first")
	if err := flags.Parse(args); err != nil || (which != "status" && which != "settings") {
		fmt.Fprintln(os.Stderr, "usage: mamori-window status [--check ID] | settings")
		return 64
	}
	info := mamori.App()
	cat, err := i18n.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mamori-window:", err)
		return 70
	}
	path, err := config.DefaultPath(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mamori-window:", err)
		return 70
	}
	store := config.Store{Path: path}
	settings, err := store.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mamori-window:", err)
	}
	lang := settings.Language
	if lang == "" {
		lang = i18n.Detect(os.Getenv)
	}
	p := cat.Printer(lang)
	socket := agent.SocketPath(os.Getenv)

	a := app.NewWithID(info.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", mamori.Icon()))
	var w fyne.Window
	switch which {
	case "status":
		w = a.NewWindow(p.T("window.status.title", nil))
		showStatus(w, p, socket, *focus)
		w.Resize(fyne.NewSize(720, 820))
	case "settings":
		w = a.NewWindow(p.T("window.settings.title", nil))
		w.SetContent(ui.SettingsView(p, settings, monitor.CheckIDs, ui.SettingsActions{
			Save:    func(st config.Settings) error { return save(store, st, socket) },
			Current: currentNetwork,
		}))
		w.Resize(fyne.NewSize(640, 760))
	}
	w.ShowAndRun()
	return 0
}

// fetch asks the agent for its latest results; nil when it is not running.
func fetch(socket string) *report.Document {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := agent.Call(ctx, socket, agent.Request{Cmd: agent.CmdStatus})
	if err != nil {
		return nil
	}
	return resp.Status
}

func showStatus(w fyne.Window, p *i18n.Printer, socket, focus string) {
	runner := &command.Exec{}
	desktop := os.Getenv("XDG_CURRENT_DESKTOP")
	var act ui.StatusActions
	render := func(doc *report.Document) {
		w.SetContent(ui.StatusView(p, doc, focus, act))
	}
	act = ui.StatusActions{
		HasPage: func(id string) bool {
			page, ok := osprefs.For(id, runtime.GOOS, desktop)
			return ok && osprefs.Available(runner, page)
		},
		OpenPage: func(id string) {
			if page, ok := osprefs.For(id, runtime.GOOS, desktop); ok {
				if err := osprefs.Open(runner, page); err != nil {
					fmt.Fprintln(os.Stderr, "mamori-window:", err)
				}
			}
		},
		CheckNow: func() {
			go func() {
				before := fetch(socket)
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				if _, err := agent.Call(ctx, socket, agent.Request{Cmd: agent.CmdCheckNow}); err != nil {
					return
				}
				// Show fresh results as soon as they are in.
				for range 60 {
					time.Sleep(time.Second)
					doc := fetch(socket)
					if doc != nil && (before == nil || newer(doc, before)) {
						fyne.Do(func() { render(doc) })
						return
					}
				}
			}()
		},
	}
	render(fetch(socket))
}

// newer reports whether every check in doc ran after its time in old.
func newer(doc, old *report.Document) bool {
	prev := map[string]time.Time{}
	for _, c := range old.Checks {
		prev[c.ID] = c.CheckedAt
	}
	for _, c := range doc.Checks {
		if !c.CheckedAt.After(prev[c.ID]) {
			return false
		}
	}
	return len(doc.Checks) > 0
}

// save stores the settings, updates the login entry and tells the agent.
func save(store config.Store, st config.Settings, socket string) error {
	if err := store.Save(st); err != nil {
		return err
	}
	info := mamori.App()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	home, err := os.UserConfigDir()
	if runtime.GOOS == "darwin" {
		home, err = os.UserHomeDir()
	}
	if err != nil {
		return err
	}
	exe := filepath.Join(filepath.Dir(self), "mamori")
	if err := (config.Autostart{AppID: info.ID, AppName: info.Name, Exe: exe, ConfigHome: home}).Sync(st.StartAtLogin); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	agent.Call(ctx, socket, agent.Request{Cmd: agent.CmdReload}) // not running: it reads the file at start
	return nil
}

// currentNetwork is the Wi-Fi network the computer is on now.
func currentNetwork() (config.TrustedNetwork, error) {
	source := &wifi.Auto{Kernel: &wifi.NL80211{}}
	if bus, err := dbus.ConnectSystemBus(); err == nil {
		defer bus.Close()
		source.NM = &wifi.NetworkManager{Conn: bus}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := source.Current(ctx)
	if err != nil {
		return config.TrustedNetwork{}, err
	}
	return config.NewTrusted(c.SSID, string(c.Security), ""), nil
}
