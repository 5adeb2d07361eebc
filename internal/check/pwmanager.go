package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// PasswordManager checks that a password manager is installed or running
// (ADVICE topic 13): one strong, different password per site is possible
// only with one, and it fills a password only on the site it belongs to,
// which a phishing page is not. It cannot tell that one is used.
type PasswordManager struct {
	Sys      host.System
	Managers []catalog.PasswordManager
}

// Spec: "password-manager". Installing one announces nothing Mamori
// watches: the interval re-runs it.
func (*PasswordManager) Spec() monitor.Spec { return monitor.Spec{ID: "password-manager"} }

// pmFacts is where each manager was seen, by manager ID.
type pmFacts struct {
	Seen    map[string][]string // ID → "installed", "running", "browser extension (…)"
	Browser string              // a browser whose own manager holds passwords, "" none
	// BrowserHow says where, and how its passwords are kept.
	BrowserHow []string
	Windows    bool
}

func (f *pmFacts) add(id, how string) {
	if f.Seen == nil {
		f.Seen = map[string][]string{}
	}
	if !slices.Contains(f.Seen[id], how) {
		f.Seen[id] = append(f.Seen[id], how)
	}
}

// Run looks for the managers.
func (c *PasswordManager) Run(ctx context.Context) monitor.Result {
	f, err := readPasswordManagers(ctx, c.Sys, c.Managers)
	if err != nil {
		return unknown("password-manager", err)
	}
	return judgePasswordManager(f, c.Managers)
}

// judgePasswordManager: a manager found, or a browser's own holding
// passwords, is ok; none is a gentle warning.
func judgePasswordManager(f pmFacts, managers []catalog.PasswordManager) monitor.Result {
	r := monitor.Result{Advice: "password-manager"}
	var names, running []string
	for _, m := range managers {
		if how := f.Seen[m.ID]; len(how) > 0 {
			names = append(names, m.Name)
			if slices.Contains(how, seenRunning) {
				running = append(running, m.Name)
			}
			r.Add("found", m.Name+": "+strings.Join(how, ", "))
		}
	}
	// Said as the check knows it: a manager that runs is in use now; one
	// installed (an app, a browser extension) may or may not be.
	switch {
	case len(running) > 0:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.password-manager.running", "Names", running)
	case len(names) > 0:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.password-manager.ok", "Names", names)
	case f.Browser != "":
		r.Status = monitor.OK
		r.Add("found", f.Browser)
		for _, how := range f.BrowserHow {
			r.Add("browser-passwords", how)
		}
		r.Finding = monitor.T("finding.password-manager.browser", "Names", f.Browser)
	default:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.password-manager.none")
	}
	return r
}

// seenRunning is how a manager whose process runs was seen.
const seenRunning = "running"

// matchManagerProcs marks the managers whose processes run.
func matchManagerProcs(f *pmFacts, procs []host.Process, managers []catalog.PasswordManager, windows bool) {
	for _, p := range procs {
		for _, m := range managers {
			names := m.Procs
			if windows {
				names = m.Windows
			}
			for _, n := range names {
				if procNamed(p, n, windows) {
					f.add(m.ID, seenRunning)
				}
			}
		}
	}
}

// uninstallKeys are where Windows' Apps list comes from: programs installed
// for everyone (64- and 32-bit) and for the person alone.
var uninstallKeys = []string{
	`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall`,
}

// scanUninstall marks the managers whose Uninstall key's DisplayName
// starts with one of the catalogue's names. System components and updates
// that Windows' Apps list hides are not counted.
func scanUninstall(f *pmFacts, reg host.Registry, managers []catalog.PasswordManager) {
	for _, root := range uninstallKeys {
		keys, _ := reg.SubKeys(root)
		for _, k := range keys {
			key := root + `\` + k
			name, err := reg.String(key, "DisplayName")
			if err != nil {
				continue
			}
			if v, err := reg.Uint(key, "SystemComponent"); err == nil && v == 1 {
				continue
			}
			for _, m := range managers {
				for _, prefix := range m.Uninstall {
					if strings.HasPrefix(strings.ToLower(name), strings.ToLower(prefix)) {
						f.add(m.ID, "installed")
					}
				}
			}
		}
	}
}

// scanStorePackages marks the managers installed from the Microsoft
// Store: each package the person installed has a folder named by its
// package family name (name_publisherhash) in %LOCALAPPDATA%\Packages.
func scanStorePackages(f *pmFacts, packages []string, managers []catalog.PasswordManager) {
	for _, p := range packages {
		name, _, ok := strings.Cut(p, "_")
		if !ok {
			continue
		}
		for _, m := range managers {
			for _, s := range m.Store {
				if strings.EqualFold(name, s) {
					f.add(m.ID, "installed (Microsoft Store)")
				}
			}
		}
	}
}

// scanBrowsers marks the managers installed as extensions of the
// Chromium-family browsers (profiles holding Extensions/<id>) and of
// Firefox (a profile's extensions.json). Where no manager was found
// anywhere, the browsers' own saved passwords are looked at: reading them
// costs more, and they only speak when no manager does.
func scanBrowsers(f *pmFacts, dirs []browserDir, managers []catalog.PasswordManager) {
	chromium, firefox := split(dirs)
	for _, b := range chromium {
		for _, p := range b.profiles() {
			for _, m := range managers {
				for _, id := range m.Chromium {
					if _, err := fs.Stat(b.FS, b.Dir+"/"+p+"/Extensions/"+id); err == nil {
						f.add(m.ID, "browser extension ("+b.Name+")")
					}
				}
			}
		}
	}
	for _, b := range firefox {
		for _, p := range b.profiles() {
			if data, err := fs.ReadFile(b.FS, b.Dir+"/"+p+"/extensions.json"); err == nil {
				for _, m := range managers {
					for _, id := range m.Firefox {
						if bytes.Contains(data, []byte(`"id":"`+id+`"`)) {
							f.add(m.ID, "browser extension (Firefox)")
						}
					}
				}
			}
		}
	}
	if len(f.Seen) == 0 {
		scanBrowserLogins(f, chromium, firefox)
	}
}

// scanBrowserLogins notes the browsers whose own manager keeps passwords,
// and how: a Chromium profile's saved logins with their encryption
// schemes (on Linux a key in the desktop's keyring, or the browser's
// built-in one), Firefox's logins.json.
func scanBrowserLogins(f *pmFacts, chromium, firefox []browserDir) {
	note := func(browser, profile string, how string) {
		if f.Browser == "" {
			f.Browser = browser
		}
		f.BrowserHow = append(f.BrowserHow, fmt.Sprintf("%s (%s): %s", browser, monitor.Cut(profile, 40), how))
	}
	for _, b := range chromium {
		for _, p := range b.profiles() {
			if st, err := readChromiumLogins(b.FS, b.Dir+"/"+p+"/Login Data"); err == nil && st.Count > 0 {
				note(b.Name, p, fmt.Sprintf("%d saved, %s", st.Count, schemes(st.Scheme)))
			}
		}
	}
	for _, b := range firefox {
		for _, p := range b.profiles() {
			if n, _ := countFirefoxLogins(b.FS, b.Dir+"/"+p); n > 0 {
				note(b.Name, p, fmt.Sprintf("%d saved", n))
			}
		}
	}
}

// schemes lists how many passwords each encryption scheme holds, as
// "encrypted as v10: 1, v11: 12".
func schemes(m map[string]int) string {
	if len(m) == 0 {
		return "encryption not read"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return "encrypted as " + strings.Join(parts, ", ")
}

// countFirefoxLogins counts the logins in a Firefox profile's logins.json.
func countFirefoxLogins(fsys fs.FS, profile string) (int, error) {
	data, err := fs.ReadFile(fsys, profile+"/logins.json")
	if err != nil {
		return 0, err
	}
	var doc struct {
		Logins []json.RawMessage `json:"logins"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return 0, fmt.Errorf("logins.json: %w", err)
	}
	return len(doc.Logins), nil
}
