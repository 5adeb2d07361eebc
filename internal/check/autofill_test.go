package check

import (
	"fmt"
	"slices"
	"testing"
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
