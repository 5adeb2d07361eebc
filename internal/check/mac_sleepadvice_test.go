package check

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/osprefs"
)

// TestMacSleepAdviceFitsTheMac: the sleep advice a Mac shows names the
// settings that kind of Mac has. pmset lists a "Battery Power" source
// only on a MacBook: there the advice names the battery and the power
// adapter (Lock Screen's two display-off times, Battery → Options), on a
// desktop Mac (AC Power alone) Energy Saver and neither of those; where
// pmset could not be read, one text says both. The third Japanese
// review's should-fix 6: a desktop Mac was sent to look for "the same
// item" as a MacBook's, which it does not have.
func TestMacSleepAdviceFitsTheMac(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	laptopWords := map[string][]string{"en": {"Battery → Options", "power adapter"}, "ja": {"「バッテリー」→「オプション」", "電源アダプタ"}}
	desktopWords := map[string][]string{"en": {"Energy Saver"}, "ja": {"「省エネルギー」"}}
	for _, tc := range []struct {
		name, pmset string
		kind        string // "laptop", "desktop", or "either" where pmset could not be read
	}{
		{"MacBook as set up", "laptop-sonoma.txt", "laptop"},
		{"MacBook that sleeps late", "laptop-slow.txt", "laptop"},
		{"desktop Mac that never sleeps", "desktop-never.txt", "desktop"},
		{"pmset unreadable", "garbage.txt", "either"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "cmd/pmset -g custom", testdata(t, "darwin/pmset/"+tc.pmset))
			writeUnder(t, dir, "cmd/sysadminctl -screenLock status", testdata(t, "darwin/sysadminctl/immediate.txt"))
			r := judgeMac(readMacPower(context.Background(), macSystem(t, dir)))(judgePower, "idle-power")
			for _, lang := range []string{"en", "ja"} {
				p := cat.Printer(lang).On(i18n.System{OS: "darwin"})
				fix := p.T("advice."+r.Advice+".fix", nil)
				hasAll := func(words []string) bool {
					for _, w := range words {
						if !strings.Contains(fix, w) {
							return false
						}
					}
					return true
				}
				hasAny := func(words []string) bool {
					for _, w := range words {
						if strings.Contains(fix, w) {
							return true
						}
					}
					return false
				}
				switch tc.kind {
				case "laptop":
					if !hasAll(laptopWords[lang]) || hasAny(desktopWords[lang]) {
						t.Errorf("%s, advice %s: the fix does not send a MacBook to its own settings only: %s", lang, r.Advice, fix)
					}
				case "desktop":
					if !hasAll(desktopWords[lang]) || hasAny(laptopWords[lang]) {
						t.Errorf("%s, advice %s: the fix does not send a desktop Mac to its own settings only: %s", lang, r.Advice, fix)
					}
				default:
					if !hasAll(laptopWords[lang]) || !hasAll(desktopWords[lang]) {
						t.Errorf("%s, advice %s: not knowing the kind of Mac, the fix should say both: %s", lang, r.Advice, fix)
					}
				}
				if strings.Contains(fix, "同じ項目") || strings.Contains(fix, "that switch") {
					t.Errorf("%s: the fix points to another Mac's setting: %s", lang, fix)
				}
				if strings.Contains(fix, "advice.") || strings.Contains(fix, "In your system's") || strings.Contains(fix, "システムの電源の設定") {
					t.Errorf("%s, advice %s: no Mac text: %s", lang, r.Advice, fix)
				}
			}
		})
	}
}

// TestMacSleepPageIsTheAdvicesFirst: Open settings opens the pane every
// Mac sleep advice starts from, Lock Screen (the screen-lock check's),
// which every Mac has: a desktop Mac has no Battery pane.
func TestMacSleepPageIsTheAdvicesFirst(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer("en").On(i18n.System{OS: "darwin"})
	lockScreen := PagesFor("screen-lock", "screen-lock")[osprefs.MacOS]
	for _, advice := range []string{"idle-power", "idle-power.darwin-laptop", "idle-power.darwin-desktop", "idle-power.no-lock"} {
		if fix := p.T("advice."+advice+".fix", nil); !strings.HasPrefix(fix, "Open System Settings → Lock Screen") {
			t.Errorf("%s: the fix does not start at Lock Screen: %s", advice, fix)
		}
		if got := PagesFor("idle-power", advice)[osprefs.MacOS]; !slices.Equal(got.Args, lockScreen.Args) || got.Program != lockScreen.Program {
			t.Errorf("%s: Open settings opens %v, not Lock Screen %v", advice, got, lockScreen)
		}
	}
}
