// Command mamori-window is Mamori's window process: the status window and
// the settings window, in Fyne. The agent starts it when a window is asked
// for; it exits when its window closes, so Fyne and OpenGL cost nothing the
// rest of the time.
//
//	mamori-window status [--check ID [--fix]]
//	mamori-window settings
//	mamori-window welcome
package main

import (
	"context"
	"errors"
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
	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/ui"
	"github.com/mamori-project/mamori/internal/wifi"
)

func main() { os.Exit(run(os.Args[1:])) }

// The windows' first sizes fit the smallest screens people use: 1366x768
// and 1280x800 less a panel and a title bar. A smaller work area shrinks
// them, and the size the person gives a window is the one it opens at
// next time. Both windows scroll their body and keep their buttons (Check
// now, Save) outside the scroll.
var firstSize = map[string]fyne.Size{
	"status":   fyne.NewSize(680, 620),
	"settings": fyne.NewSize(600, 620),
	"welcome":  fyne.NewSize(520, 400),
}

func run(args []string) int {
	which := "status"
	if len(args) > 0 {
		which, args = args[0], args[1:]
	}
	flags := flag.NewFlagSet(which, flag.ContinueOnError)
	focus := flags.String("check", "", "show this check first")
	askFix := flags.Bool("fix", false, "ask at once to fix the check (a notification's Fix it)")
	if err := flags.Parse(args); err != nil || (which != "status" && which != "settings" && which != "welcome") {
		fmt.Fprintln(os.Stderr, "usage: mamori-window status [--check ID [--fix]] | settings | welcome")
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
	// The organisation's policy around the person's file: what it sets
	// is shown as the organisation's and cannot be changed here.
	set := policy.System(info.ID).Set()
	store := config.Store{Path: path, Policy: set}
	settings, err := store.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mamori-window:", err)
	}
	login, loginErr := loginEntry()
	auto := i18n.Detect(os.Getenv)
	languageOf := func(st config.Settings) string {
		if st.Language == "" {
			return auto
		}
		return st.Language
	}
	printerOf := func(lang string) *i18n.Printer { return cat.Printer(lang).On(i18n.SystemOf(runtime.GOOS, os.Getenv)) }
	lang := languageOf(settings)
	p := printerOf(lang)
	addr := ipc.Address(os.Getenv)

	// The agent started the window with these set; for a window started
	// otherwise, they give Fyne's font lookups, which read the locale
	// later, Mamori's language.
	for k, v := range i18n.FyneLocaleEnv(os.Getenv, lang) {
		os.Setenv(k, v)
	}
	a := app.NewWithID(info.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", mamori.Icon()))
	title := map[string]string{"status": "window.status.title", "settings": "window.settings.title", "welcome": "window.welcome.title"}[which]
	w := a.NewWindow(p.T(title, nil))
	ui.SetWindowClass(info.Name, "mamori-window")
	saved := ui.SavedSize{Path: filepath.Join(filepath.Dir(path), "window-"+which+".json")}
	size := firstSize[which]
	if s, ok := saved.Load(); ok {
		size = s
	}
	size = ui.Fit(size, ui.WorkArea(w))
	keeper := &ui.SizeKeeper{Given: size, Size: w.Canvas().Size, Keep: func(s fyne.Size) {
		if err := saved.Save(s); err != nil {
			fmt.Fprintln(os.Stderr, "mamori-window: keeping the window's size:", err)
		}
	}}
	show := func(content fyne.CanvasObject) { w.SetContent(keeper.Wrap(content)) }
	switch which {
	case "status":
		sw := &ui.StatusWindow{
			Window: w, Show: show, Printer: p, Languages: printerOf, Address: addr,
			Focus: *focus, AskFix: *askFix,
			Undos: fix.Undos{Path: filepath.Join(filepath.Dir(path), "undo.json")},
			// Planned to the limits the checks judge by, the
			// organisation's policy among them.
			Fixes:  check.Fixes(check.Deps{Limits: func() check.Limits { return check.LimitsOf(settings) }}),
			Sys:    host.Local(),
			Runner: &command.Exec{},
			OS:     runtime.GOOS, Desktop: os.Getenv("XDG_CURRENT_DESKTOP"),
			StartAgent: func() error {
				self, err := os.Executable()
				if err == nil {
					_, err = command.Start(filepath.Dir(self), "mamori")
				}
				return err
			},
			Log: os.Stderr,
		}
		sw.Start()
	case "welcome":
		// After an install with the installer's window: the person's
		// choice of start at login, written as the settings window
		// writes it.
		show(ui.WelcomeView(p, func(atLogin bool) {
			shown := settings
			if loginErr == nil {
				shown, loginErr = login.Shown(settings)
			}
			edit := shown
			edit.StartAtLogin = atLogin
			if err := save(store, login, loginErr, shown, edit, addr); err != nil {
				fmt.Fprintln(os.Stderr, "mamori-window:", err)
				ui.ShowMessage(w, p, p.T("dialog.failed", nil), err.Error())
				return
			}
			w.Close()
		}))
	case "settings":
		// Start at login as the login entry is, not as the file says.
		if loginErr == nil {
			settings, loginErr = login.Shown(settings)
		}
		if loginErr != nil {
			fmt.Fprintln(os.Stderr, "mamori-window:", loginErr)
		}
		var showSettings func()
		showSettings = func() {
			show(ui.SettingsView(p, settings, check.IDs(), ui.SettingsActions{
				Locked: set.Locks,
				Save: func(edit config.Settings) error {
					// Each save applies what changed since the last one.
					if err := save(store, login, loginErr, settings, edit, addr); err != nil {
						return err
					}
					settings = edit
					if l := languageOf(edit); l != p.Lang {
						// The whole window in the new language.
						p = printerOf(l)
						w.SetTitle(p.T("window.settings.title", nil))
						showSettings()
						ui.Relanguage(l)
					}
					return nil
				},
				Current: currentNetwork,
			}))
		}
		showSettings()
	}
	w.Resize(size)
	reportWhenShown(a, w)
	w.ShowAndRun()
	return 0
}

// save writes the person's edits (from orig, as the window showed them, to
// edit) into the settings file as it is now, changes the login entry if
// the person changed that box, and tells the agent. loginErr says why the
// login entry could not be found or read.
func save(store config.Store, login config.Autostart, loginErr error, orig, edit config.Settings, addr string) error {
	if loginErr != nil && edit.StartAtLogin != orig.StartAtLogin {
		return fmt.Errorf("changing start at login: %w", loginErr)
	}
	_, err := login.Save(store, orig, edit)
	if err != nil && !errors.Is(err, config.ErrLocked) {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Not running: it reads the file at start.
	if r, err := ipc.Call(ctx, addr, ipc.Request{Cmd: ipc.CmdReload}); err == nil && r.Warning != "" {
		fmt.Fprintln(os.Stderr, "mamori-window:", r.Warning)
	}
	return err // the rest saved, what a policy locks not
}

// loginEntry is the entry that starts the agent at login.
func loginEntry() (config.Autostart, error) {
	info := mamori.App()
	a := config.Autostart{AppID: info.ID, AppName: info.Name, SystemDirs: []string{"/etc/xdg"}}
	if dirs := os.Getenv("XDG_CONFIG_DIRS"); dirs != "" {
		a.SystemDirs = filepath.SplitList(dirs)
	}
	self, err := os.Executable()
	if err != nil {
		return a, err
	}
	a.Exe = command.ProgramPath(filepath.Dir(self), "mamori")
	a.ConfigHome, err = os.UserConfigDir()
	if runtime.GOOS == "darwin" {
		a.ConfigHome, err = os.UserHomeDir()
	}
	return a, err
}

// currentNetwork is the Wi-Fi network the computer is on now.
func currentNetwork() (config.TrustedNetwork, error) {
	var system *dbus.Conn
	if runtime.GOOS != "windows" {
		if bus, err := dbus.ConnectSystemBus(); err == nil {
			defer bus.Close()
			system = bus
		}
	}
	source := wifi.New(system)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := source.Current(ctx)
	if err != nil {
		return config.TrustedNetwork{}, err
	}
	return config.NewTrusted(c.SSID, string(c.Security), ""), nil
}
