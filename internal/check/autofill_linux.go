package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
)

// readAutofill reads /etc/passwd for the people who log in, LightDM's and
// GDM's guest settings, and the person's browser profiles: Firefox's
// logins.json, and the Chromium family's "Login Data" (SQLite), counted
// by sqlite3 in a private copy, read-only (the browser keeps the file
// locked while it runs).
func readAutofill(ctx context.Context, sys host.System) (autofillFacts, error) {
	var f autofillFacts
	passwd, err := sys.ReadFile("/etc/passwd")
	if err != nil {
		return f, err
	}
	f.People = parsePasswd(string(passwd))
	for _, conf := range []string{"/etc/lightdm/lightdm.conf", "/usr/share/lightdm/lightdm.conf.d/50-guest-wrapper.conf"} {
		if data, err := sys.ReadFile(conf); err == nil && strings.Contains(strings.ReplaceAll(string(data), " ", ""), "allow-guest=true") {
			f.Guest = true
		}
	}
	ffRoot := sys.Home + "/.mozilla/firefox"
	profiles, _ := sys.ReadDir(ffRoot)
	for _, p := range profiles {
		if p.IsDir() && sys.Exists(ffRoot+"/"+p.Name()+"/logins.json") {
			f.Saved = append(f.Saved, savedLogins{Browser: "Firefox", Profile: p.Name(), Count: firefoxLogins(sys, ffRoot+"/"+p.Name())})
		}
	}
	config := sys.ConfigHome()
	for _, b := range []struct{ dir, name string }{{"google-chrome", "Chrome"}, {"chromium", "Chromium"}, {"microsoft-edge", "Edge"}, {"BraveSoftware/Brave-Browser", "Brave"}, {"vivaldi", "Vivaldi"}} {
		entries, _ := sys.ReadDir(config + "/" + b.dir)
		for _, p := range entries {
			db := config + "/" + b.dir + "/" + p.Name() + "/Login Data"
			if !p.IsDir() || !sys.Exists(db) {
				continue
			}
			s := savedLogins{Browser: b.name, Profile: p.Name()}
			s.Count, s.Err = countChromiumLogins(ctx, sys, db)
			f.Saved = append(f.Saved, s)
		}
	}
	return f, nil
}

// countChromiumLogins copies the database into a private temporary folder
// and counts the logins sqlite3 finds in it (those the person chose
// "never save" for are not logins).
func countChromiumLogins(ctx context.Context, sys host.System, db string) (int, error) {
	data, err := sys.ReadFile(db)
	if err != nil {
		return 0, err
	}
	if !sys.Cmd.Has(command.Sqlite3) {
		return 0, errors.New("sqlite3 is not installed")
	}
	dir, err := os.MkdirTemp("", "mamori-logins-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, path.Base(db))
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		return 0, err
	}
	out, err := sys.Cmd.Run(ctx, command.Sqlite3, "-readonly", copyPath, "SELECT count(*) FROM logins WHERE blacklisted_by_user = 0;")
	if err != nil {
		return 0, fmt.Errorf("sqlite3: %w", err)
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}
