package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// BrowserPasswords checks for passwords saved in browsers on a computer
// more than one person uses (ADVICE topic 12): anyone else who sits down
// at it can open the person's bank with them. On a personal computer
// saved passwords are fine (and count for the password-manager check).
type BrowserPasswords struct {
	Sys host.System
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
	// session is offered.
	People []string
	Guest  bool
	Saved  []savedLogins
}

// Run reads the accounts and the browsers' saved logins.
func (c *BrowserPasswords) Run(ctx context.Context) monitor.Result {
	f, err := readAutofill(ctx, c.Sys)
	if err != nil {
		return unknown("browser-passwords", err)
	}
	return judgeAutofill(f)
}

// judgeAutofill: saved passwords on a shared computer are a warning; a
// profile that could not be counted there cannot be told.
func judgeAutofill(f autofillFacts) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "browser-passwords"}
	r.Add("accounts", strings.Join(f.People, ", ")).Add("guest-session", f.Guest)
	shared := len(f.People) > 1 || f.Guest
	total := 0
	var uncounted []string
	for _, s := range f.Saved {
		where := s.Browser + " (" + s.Profile + ")"
		if s.Err != nil {
			uncounted = append(uncounted, where)
			r.Add("not-counted", where+": "+s.Err.Error())
			continue
		}
		total += s.Count
		r.Add("saved-logins", fmt.Sprintf("%s: %d", where, s.Count))
	}
	switch {
	case !shared:
		r.Finding = monitor.T("finding.browser-passwords.personal")
	case total > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.browser-passwords.shared", "Count", total)
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
	for _, line := range strings.Split(data, "\n") {
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
