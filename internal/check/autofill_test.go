package check

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/monitor"
)

func TestParsePasswd(t *testing.T) {
	got := parsePasswd("root:x:0:0::/root:/bin/bash\nsddm:x:117:126::/var/lib/sddm:/bin/false\ntaro:x:1000:1000::/home/taro:/usr/bin/zsh\nsvc:x:1500:1500::/srv:/usr/sbin/nologin\nguest-abc:x:999:999::/tmp/guest:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\nbroken line\n")
	if len(got) != 1 || got[0] != "taro" {
		t.Errorf("parsePasswd = %v", got)
	}
}

// TestWindowsPeople reads accounts in the shape NetUserEnum gives them on
// a Windows home PC: the built-in Administrator, Guest, DefaultAccount and
// WDAGUtilityAccount (disabled unless someone turned them on) and the
// people's own.
func TestWindowsPeople(t *testing.T) {
	const disabled, normal = ufAccountDisable, ufNormalAccount
	builtins := []winAccount{
		{"Administrator", normal | disabled | 0x10001, 500},
		{"Guest", normal | disabled | 0x10061, 501},
		{"DefaultAccount", normal | disabled | 0x10061, 503},
		{"WDAGUtilityAccount", normal | disabled | 0x10001, 504},
		{"taro", normal | 0x10001, 1001},
	}
	for _, c := range []struct {
		name   string
		add    []winAccount
		people string
		guest  bool
	}{
		{"one person", nil, "[taro]", false},
		{"two people", []winAccount{{"花子", normal | 0x10001, 1002}}, "[taro 花子]", false},
		{"a disabled second account", []winAccount{{"old", normal | disabled, 1003}}, "[taro]", false},
		{"guest turned on and renamed", []winAccount{{"ゲスト", normal | 0x10061, 501}}, "[taro]", true},
		{"the administrator turned on", []winAccount{{"Admin2", normal, 500}}, "[Admin2 taro]", false},
		{"windows' own accounts turned on", []winAccount{{"DefaultAccount", normal, 503}, {"WDAGUtilityAccount", normal, 504}}, "[taro]", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var accounts []winAccount
			for _, a := range builtins {
				if !slices.ContainsFunc(c.add, func(b winAccount) bool { return b.RID == a.RID }) {
					accounts = append(accounts, a)
				}
			}
			people, guest := windowsPeople(append(accounts, c.add...))
			slices.Sort(people)
			if fmt.Sprint(people) != c.people || guest != c.guest {
				t.Errorf("got %v guest %v, want %s guest %v", people, guest, c.people, c.guest)
			}
		})
	}
}

// TestJudgeAutofill: the verdict follows the person's answer ("This
// computer is shared"), not the number of accounts, which keep browsers of
// their own; the finding says what was seen, never that the passwords are
// only the person's.
func TestJudgeAutofill(t *testing.T) {
	two := []savedLogins{{Browser: "Firefox", Profile: "default", Count: 3}, {Browser: "Chrome", Profile: "Default", Count: 2}}
	none := []savedLogins{{Browser: "Chrome", Profile: "Default"}}
	broken := []savedLogins{{Browser: "Chrome", Profile: "Default", Err: errors.New("sqlite: not a database")}}
	for _, tt := range []struct {
		name    string
		f       autofillFacts
		want    monitor.Status
		finding string
		count   any
	}{
		{"not shared, saved passwords", autofillFacts{People: []string{"taro"}, Saved: two}, monitor.OK, "finding.browser-passwords.personal-several", 5},
		{"not shared, several accounts", autofillFacts{People: []string{"taro", "hanako"}, Guest: true, Saved: two}, monitor.OK, "finding.browser-passwords.personal-several", 5},
		{"not shared, none saved", autofillFacts{People: []string{"taro"}, Saved: none}, monitor.OK, "finding.browser-passwords.personal-none", nil},
		{"no browser found", autofillFacts{People: []string{"taro"}}, monitor.NotApplicable, "finding.browser-passwords.no-browser", nil},
		{"shared, no browser found", autofillFacts{People: []string{"taro"}, Shared: true}, monitor.NotApplicable, "finding.browser-passwords.no-browser", nil},
		{"not shared, one not counted", autofillFacts{People: []string{"taro"}, Saved: broken}, monitor.OK, "finding.browser-passwords.personal-uncounted", nil},
		{"shared, saved passwords", autofillFacts{People: []string{"taro"}, Saved: two, Shared: true}, monitor.Warn, "finding.browser-passwords.shared-several", 5},
		{"shared, none saved", autofillFacts{People: []string{"taro"}, Saved: none, Shared: true}, monitor.OK, "finding.browser-passwords.shared-none", nil},
		{"shared, one not counted", autofillFacts{People: []string{"taro"}, Saved: broken, Shared: true}, monitor.Unknown, "finding.browser-passwords.uncounted", nil},
		{"shared, one not counted, others saved", autofillFacts{Saved: append(broken, two...), Shared: true}, monitor.Warn, "finding.browser-passwords.shared-several", 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeAutofill(tt.f)
			if r.Status != tt.want || r.Finding.Key != tt.finding || r.Finding.Args["Count"] != tt.count {
				t.Errorf("got %s %v, want %s %s %v", r.Status, r.Finding, tt.want, tt.finding, tt.count)
			}
			if r.Advice != "browser-passwords" || r.Get("shared-computer") != fmt.Sprint(tt.f.Shared) {
				t.Errorf("advice %s, evidence %v", r.Advice, r.Evidence)
			}
		})
	}
}
