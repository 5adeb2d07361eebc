package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestBrowserPasswordsShared makes the files for real: /etc/passwd with one
// or two people, a Firefox profile's logins.json, and a Chromium profile's
// "Login Data" written by sqlite3 with Chromium's logins table (two saved,
// one "never save").
func TestBrowserPasswordsShared(t *testing.T) {
	root := t.TempDir()
	home := "/home/taro"
	put := func(rel, data string) { writeUnder(t, root, rel, []byte(data)) }
	passwd := "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\ntaro:x:1000:1000:Taro,,,:/home/taro:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
	put("etc/passwd", passwd)
	put("home/taro/.mozilla/firefox/x1y2z3.default-release/logins.json", `{"nextId":2,"logins":[{"id":1,"hostname":"https://www.rakuten-sec.co.jp"}]}`)
	// Ubuntu's Firefox is a Snap, with its profiles under ~/snap.
	put("home/taro/snap/firefox/common/.mozilla/firefox/s9n8p7.default/logins.json", `{"nextId":2,"logins":[{"id":1,"hostname":"https://www.smbc.co.jp"}]}`)
	chrome := "home/taro/.config/google-chrome/Default/Login Data"
	schema := `CREATE TABLE logins (origin_url VARCHAR NOT NULL, username_value VARCHAR, password_value BLOB, blacklisted_by_user INTEGER NOT NULL);
INSERT INTO logins VALUES ('https://www.sbisec.co.jp/', 'taro', x'763130', 0);
INSERT INTO logins VALUES ('https://mail.example.jp/', 'taro', x'763130', 0);
INSERT INTO logins VALUES ('https://news.example.jp/', '', x'', 1);`
	sqliteDB(t, root, chrome, schema)
	sys := host.Local()
	sys.FS, sys.Home, sys.Getenv = os.DirFS(root), home, func(string) string { return "" }
	shared := false
	run := func() monitor.Result {
		return (&BrowserPasswords{Sys: sys, Shared: func() bool { return shared }}).Run(context.Background())
	}
	if r := run(); r.Status != monitor.OK || r.Finding.Key != "finding.browser-passwords.personal-several" || r.Finding.Args["Count"] != 4 {
		t.Errorf("one person: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// Another account keeps browsers of its own: no verdict on this one's.
	put("etc/passwd", passwd+"hanako:x:1001:1001:Hanako,,,:/home/hanako:/bin/bash\n")
	if r := run(); r.Status != monitor.OK || r.Get("accounts") != "taro, hanako" {
		t.Errorf("two accounts, not shared: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// The person says others use this computer.
	shared = true
	r := run()
	if ev := fmt.Sprint(r.Evidence); r.Status != monitor.Warn || r.Finding.Args["Count"] != 4 || !strings.Contains(ev, "Chrome (Default): 2") || !strings.Contains(ev, "Firefox (s9n8p7.default): 1") {
		t.Errorf("shared: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// A damaged file is not counted, and says so.
	put("home/taro/.config/chromium/Profile 1/Login Data", "SQLite format 3\x00 cut short")
	if r := run(); !strings.Contains(r.Get("not-counted"), "Chromium (Profile 1)") {
		t.Errorf("damaged Login Data: %v", r.Evidence)
	}
	// The browser's file is only read: its copy was counted.
	if data, err := os.ReadFile(filepath.Join(root, chrome)); err != nil || len(data) == 0 {
		t.Errorf("the browser's database: %v", err)
	}
}

// TestBrowserPasswordsFirefoxXDG: Firefox 147 and later, started for the
// first time, keep their profiles under $XDG_CONFIG_HOME/mozilla/firefox
// (~/.config/mozilla/firefox), not ~/.mozilla. A shared computer whose
// only browser is such a Firefox, with a saved password, is a warning, not
// "no browser it can read" and OK.
func TestBrowserPasswordsFirefoxXDG(t *testing.T) {
	logins := `{"nextId":2,"logins":[{"id":1,"hostname":"https://www.rakuten-sec.co.jp"}]}`
	for _, tt := range []struct {
		name, config, profile string
	}{
		{"in ~/.config", "", "home/taro/.config/mozilla/firefox/a1b2c3.default-release/logins.json"},
		{"in $XDG_CONFIG_HOME", "/home/taro/conf", "home/taro/conf/mozilla/firefox/a1b2c3.default-release/logins.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeUnder(t, root, "etc/passwd", []byte("taro:x:1000:1000:Taro,,,:/home/taro:/bin/bash\n"))
			writeUnder(t, root, tt.profile, []byte(logins))
			sys := host.Local()
			sys.FS, sys.Home = os.DirFS(root), "/home/taro"
			sys.Getenv = func(k string) string {
				if k == "XDG_CONFIG_HOME" {
					return tt.config
				}
				return ""
			}
			r := (&BrowserPasswords{Sys: sys, Shared: func() bool { return true }}).Run(context.Background())
			if r.Status != monitor.Warn || r.Finding.Key != "finding.browser-passwords.shared" || r.Finding.Args["Count"] != 1 {
				t.Errorf("%s %v %v", r.Status, r.Finding, r.Evidence)
			}
		})
	}
}
