package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"howett.net/plist"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// macBrowserDirs are where each browser keeps its profiles on a Mac:
// under ~/Library/Application Support, as each maker documents (Chrome's
// "User Data Directory" page, Mozilla's "Profiles - Where Firefox stores
// your data").
func macBrowserDirs(sys host.System) []browserDir {
	support := path.Join(sys.Home, "Library/Application Support")
	var out []browserDir
	for _, b := range []struct {
		name, dir string
		firefox   bool
	}{
		{"Chrome", "Google/Chrome", false}, {"Chromium", "Chromium", false}, {"Edge", "Microsoft Edge", false},
		{"Brave", "BraveSoftware/Brave-Browser", false}, {"Vivaldi", "Vivaldi", false},
		{"Firefox", "Firefox/Profiles", true},
	} {
		out = append(out, browserDir{Name: b.name, FS: sys.FS, Dir: host.Rel(path.Join(support, b.dir)), Firefox: b.firefox})
	}
	return out
}

// macManagerApps are the catalogue's password managers as their apps
// are named on a Mac.
var macManagerApps = map[string][]string{
	"1password":   {"1Password.app", "1Password 7.app"},
	"bitwarden":   {"Bitwarden.app"},
	"keepassxc":   {"KeePassXC.app"},
	"enpass":      {"Enpass.app"},
	"proton-pass": {"Proton Pass.app"},
}

// readMacPasswordManagers looks at the running processes (names compared
// without case: the app is "1Password", the catalogue's Linux name
// "1password"), the installed apps, and the browsers' extensions and own
// saved passwords.
func readMacPasswordManagers(ctx context.Context, sys host.System, managers []catalog.PasswordManager) (pmFacts, error) {
	var f pmFacts
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return f, err
	}
	matchManagerProcs(&f, procs, managers, false)
	for _, m := range managers {
		for _, app := range macManagerApps[m.ID] {
			for _, p := range macAppPaths(sys, app) {
				if sys.Exists(p) && !slices.Contains(f.Seen[m.ID], "installed") {
					f.add(m.ID, "installed")
				}
			}
		}
	}
	scanBrowsers(&f, macBrowserDirs(sys), managers)
	return f, nil
}

// macLoginWindow is the login window's settings: GuestEnabled says the
// guest user is offered (Users & Groups' "Allow guests to log in").
const macLoginWindow = "/Library/Preferences/com.apple.loginwindow.plist"

// macPeople are the folders under /Users that are people's homes: not
// Shared, Guest or hidden ones.
func macPeople(entries []fs.DirEntry) []string {
	var people []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() || strings.HasPrefix(n, ".") || n == "Shared" || n == "Guest" {
			continue
		}
		people = append(people, n)
	}
	return people
}

// readMacAutofill lists the people with a home under /Users, whether the
// guest user is on, and the browsers' saved passwords.
func readMacAutofill(_ context.Context, sys host.System) (autofillFacts, error) {
	var f autofillFacts
	entries, err := sys.ReadDir("/Users")
	if err != nil {
		return f, fmt.Errorf("listing /Users: %w", err)
	}
	f.People = macPeople(entries)
	if data, err := sys.ReadFile(macLoginWindow); err == nil {
		var lw struct {
			GuestEnabled bool `plist:"GuestEnabled"`
		}
		if _, err := plist.Unmarshal(data, &lw); err == nil {
			f.Guest = lw.GuestEnabled
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return f, fmt.Errorf("reading %s: %w", macLoginWindow, err)
	}
	f.Saved = readSavedLogins(macBrowserDirs(sys))
	return f, nil
}
