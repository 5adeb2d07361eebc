package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/sqlite"
)

// BrowserPasswords checks for passwords saved in browsers on a computer
// more than one person uses (ADVICE topic 12): anyone else who sits down
// at it can open the person's bank with them. Whether others use it is
// the person's answer (the setting "This computer is shared"): the check
// sees accounts and saved passwords, not who sits at the keyboard, and
// several people may share one account. On a personal computer saved
// passwords are fine (and count for the password-manager check).
type BrowserPasswords struct {
	Sys host.System
	// Shared returns the person's answer, read at each run; nil is "not
	// shared", the setting's default.
	Shared func() bool
}

// Spec: "browser-passwords". The interval re-runs it.
func (*BrowserPasswords) Spec() monitor.Spec { return monitor.Spec{ID: "browser-passwords"} }

// savedLogins is what one browser profile keeps.
type savedLogins struct {
	Browser, Profile string
	Count            int
	Err              error // could not be counted
}

type autofillFacts struct {
	// People are the accounts people log in to; Guest says a guest
	// session is offered. Shown under Details: other accounts keep
	// browsers of their own, so they are no verdict.
	People []string
	Guest  bool
	Saved  []savedLogins
	// Shared is the person's answer: others use this computer.
	Shared bool
}

// Run reads the accounts and the browsers' saved logins.
func (c *BrowserPasswords) Run(ctx context.Context) monitor.Result {
	f, err := readAutofill(ctx, c.Sys)
	if err != nil {
		return unknown("browser-passwords", err)
	}
	f.Shared = c.Shared != nil && c.Shared()
	return judgeAutofill(f)
}

// judgeAutofill: saved passwords on a computer the person says is shared
// are a warning; a profile that could not be counted there cannot be
// told. On one they do not share, saved passwords are fine: the finding
// says what was seen and where to say otherwise.
func judgeAutofill(f autofillFacts) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "browser-passwords"}
	r.Add("shared-computer", f.Shared)
	r.Add("accounts", strings.Join(f.People, ", ")).Add("guest-session", f.Guest)
	total := 0
	var uncounted []string
	keeping := map[string]bool{} // the browsers that keep some, each profile of one counted once
	for _, s := range f.Saved {
		where := s.Browser + " (" + s.Profile + ")"
		if s.Err != nil {
			uncounted = append(uncounted, where)
			r.Add("not-counted", where+": "+s.Err.Error())
			continue
		}
		total += s.Count
		if s.Count > 0 {
			keeping[s.Browser] = true
		}
		r.Add("saved-logins", fmt.Sprintf("%s: %d", where, s.Count))
	}
	switch {
	case len(f.Saved) == 0:
		// Nothing to count: say so, not that the browsers keep none;
		// not applicable, as browser-updates says of the same machine.
		r.Status = monitor.NotApplicable
		r.Finding = monitor.T("finding.browser-passwords.no-browser")
	case !f.Shared && total > 0:
		r.Finding = monitor.T(browsersKey(len(keeping), "finding.browser-passwords.personal", "finding.browser-passwords.personal-several"), "Count", total)
	case !f.Shared && len(uncounted) > 0:
		r.Finding = monitor.T("finding.browser-passwords.personal-uncounted")
	case !f.Shared:
		r.Finding = monitor.T("finding.browser-passwords.personal-none")
	case total > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T(browsersKey(len(keeping), "finding.browser-passwords.shared", "finding.browser-passwords.shared-several"), "Count", total)
	case len(uncounted) > 0:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.browser-passwords.uncounted")
		r.Add("reason", "uncounted: "+strings.Join(uncounted, ", "))
	default:
		r.Finding = monitor.T("finding.browser-passwords.shared-none")
	}
	return r
}

// parsePasswd lists the accounts people log in to: a UID from 1000 (below
// 60000, where system and nobody accounts are) and a login shell.
func parsePasswd(data string) []string {
	var out []string
	for line := range lines.All(data) {
		f := strings.Split(line, ":")
		if len(f) < 7 {
			continue
		}
		var uid int
		if _, err := fmt.Sscan(f[2], &uid); err != nil || uid < 1000 || uid >= 60000 {
			continue
		}
		shell := f[6]
		if strings.HasSuffix(shell, "nologin") || strings.HasSuffix(shell, "/false") || shell == "" {
			continue
		}
		out = append(out, f[0])
	}
	return out
}

// winAccount is a local account as Windows' NetUserEnum lists it
// (USER_INFO_20).
type winAccount struct {
	Name  string
	Flags uint32 // UF_ flags
	RID   uint32 // the last part of its SID
}

// The flags and built-in accounts of Windows' account database (lmaccess.h,
// and the well-known RIDs: 501 is Guest, 503 DefaultAccount, 504
// WDAGUtilityAccount, Windows' own).
const (
	ufAccountDisable = 0x0002
	ufNormalAccount  = 0x0200
	ridGuest         = 501
)

// windowsPeople lists the enabled accounts people sign in to, and says
// whether the built-in Guest account is on (whatever it was renamed to).
// Accounts of a domain are not in this list; a computer in a domain is
// shared by design.
func windowsPeople(accounts []winAccount) (people []string, guest bool) {
	for _, a := range accounts {
		if a.Flags&ufAccountDisable != 0 || a.Flags&ufNormalAccount == 0 {
			continue
		}
		switch a.RID {
		case ridGuest:
			guest = true
		case 503, 504:
		default:
			people = append(people, a.Name)
		}
	}
	return people, guest
}

// readSavedLogins counts the logins each browser profile keeps: Firefox's
// logins.json, and the Chromium family's "Login Data".
func readSavedLogins(dirs []browserDir) []savedLogins {
	var out []savedLogins
	chromium, firefox := split(dirs)
	for _, b := range firefox {
		for _, p := range b.profiles() {
			dir := b.Dir + "/" + p
			if _, err := fs.Stat(b.FS, dir+"/logins.json"); err != nil {
				continue
			}
			s := savedLogins{Browser: b.Name, Profile: p}
			s.Count, s.Err = countFirefoxLogins(b.FS, dir)
			out = append(out, s)
		}
	}
	for _, b := range chromium {
		for _, p := range b.profiles() {
			db := b.Dir + "/" + p + "/Login Data"
			if _, err := fs.Stat(b.FS, db); err != nil {
				continue
			}
			s := savedLogins{Browser: b.Name, Profile: p}
			var st chromiumLogins
			st, s.Err = readChromiumLogins(b.FS, db)
			s.Count = st.Count
			out = append(out, s)
		}
	}
	return out
}

// maxLoginData bounds the copy of a "Login Data" file read into memory; a
// person's is a few hundred kilobytes.
const maxLoginData = 64 << 20

// readSQLite reads a browser's SQLite file into memory, up to max bytes:
// a copy, never opened as a database (the browser keeps it open, and
// nothing Mamori does may change it).
func readSQLite(fsys fs.FS, file string, max int64) (*sqlite.DB, error) {
	if fi, err := fs.Stat(fsys, file); err != nil {
		return nil, err
	} else if fi.Size() > max {
		return nil, fmt.Errorf("size: %d bytes", fi.Size())
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	return sqlite.Open(data)
}

// chromiumLogins is what a Chromium profile's "Login Data" holds: how many
// logins, and by which scheme their passwords are encrypted (the first
// three bytes of each: on Linux "v11" is a key kept in the desktop's
// keyring, GNOME Keyring or KWallet, and "v10" a key built into the
// browser, used when there is no keyring; on Windows "v10" is a key
// Windows protects for the person, "v20" one bound to the browser too).
type chromiumLogins struct {
	Count  int
	Scheme map[string]int
}

// readChromiumLogins reads a Chromium profile's "Login Data" (readSQLite):
// rows of its logins table, less the sites the person chose "never save"
// for.
func readChromiumLogins(fsys fs.FS, file string) (chromiumLogins, error) {
	var st chromiumLogins
	db, err := readSQLite(fsys, file, maxLoginData)
	if err != nil {
		return st, err
	}
	logins, err := db.Table("logins")
	if err != nil {
		return st, err
	}
	never, value := logins.Column("blacklisted_by_user"), logins.Column("password_value")
	if never < 0 || value < 0 {
		return st, errors.New("sqlite: logins without blacklisted_by_user or password_value")
	}
	err = logins.Rows(func(_ int64, row []any) error {
		if row[never] == int64(1) {
			return nil
		}
		st.Count++
		if b, ok := row[value].([]byte); ok && len(b) >= 3 {
			if st.Scheme == nil {
				st.Scheme = map[string]int{}
			}
			st.Scheme[monitor.Cut(string(b[:3]), 3)]++
		}
		return nil
	})
	return st, err
}
