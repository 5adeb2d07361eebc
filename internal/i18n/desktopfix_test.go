package i18n

import (
	"strings"
	"testing"
)

// TestDesktopFixSaysWhatTheAdviceSays (the fourth ja review's S3): on
// GNOME, KDE and Xfce, the fix question names each setting with the words the
// advice beside it quotes from the desktop's own settings, so the person
// can find in the settings afterwards what Mamori changed.
func TestDesktopFixSaysWhatTheAdviceSays(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]any{"From": "a", "To": "b"}
	for _, tt := range []struct {
		sys, lang, fix, advice, word string
	}{
		{"gnome", "ja", "fix.lock-enabled", "advice.screen-lock.off.fix", "「自動画面ロック」"},
		{"gnome", "ja", "fix.idle-delay", "advice.screen-lock.fix", "「画面が暗くなるまでの時間」"},
		{"gnome", "ja", "fix.lock-delay", "advice.screen-lock.slow.fix", "「自動画面ロックまでの時間」"},
		{"gnome", "ja", "fix.sleep-ac-after", "advice.idle-power.fix", "「電源接続時」"},
		{"gnome", "ja", "fix.sleep-battery-after", "advice.idle-power.fix", "「バッテリー動作時」"},
		{"gnome", "en", "fix.lock-enabled", "advice.screen-lock.off.fix", "“Automatic Screen Lock”"},
		{"gnome", "en", "fix.idle-delay", "advice.screen-lock.fix", "“Blank Screen Delay”"},
		{"gnome", "en", "fix.lock-delay", "advice.screen-lock.slow.fix", "“Automatic Screen Lock Delay”"},
		{"gnome", "en", "fix.sleep-ac-after", "advice.idle-power.fix", "“When plugged in”"},
		{"gnome", "en", "fix.sleep-battery-after", "advice.idle-power.fix", "“When on battery power”"},
		{"kde", "ja", "fix.lock-enabled", "advice.screen-lock.off.fix", "「画面を自動的にロックする」"},
		{"kde", "ja", "fix.idle-delay", "advice.screen-lock.fix", "「画面を自動的にロックする」"},
		{"kde", "ja", "fix.lock-on-wake", "advice.idle-power.no-lock.fix", "「スリープからの復帰時にロック」"},
		{"kde", "en", "fix.lock-enabled", "advice.screen-lock.off.fix", "“Lock screen automatically”"},
		{"kde", "en", "fix.idle-delay", "advice.screen-lock.fix", "“Lock screen automatically”"},
		{"kde", "en", "fix.lock-on-wake", "advice.idle-power.no-lock.fix", "“Lock after waking from sleep”"},
		{"xfce", "ja", "fix.lock-enabled", "advice.screen-lock.off.fix", "「ロック画面を有効にする」"},
		{"xfce", "ja", "fix.lock-with-saver", "advice.screen-lock.off.fix", "「スクリーンセーバーで画面をロックする」"},
		{"xfce", "ja", "fix.saver-enabled", "advice.screen-lock.never.fix", "「スクリーンセーバーを有効にする」"},
		{"xfce", "ja", "fix.idle-delay", "advice.screen-lock.fix", "「この時間が経過したらコンピューターをアイドル状態と見なす」"},
		{"xfce", "ja", "fix.lock-delay", "advice.screen-lock.slow.fix", "「スクリーンセーバーがアクティブになってこの時間が経過したらロックする」"},
		{"xfce", "ja", "fix.lock-on-wake", "advice.idle-power.no-lock.fix", "「スリープ状態へ遷移中は画面をロックする」"},
		{"xfce", "ja", "fix.sleep-ac-after", "advice.idle-power.fix", "「スリープするまでの時間」"},
		{"xfce", "ja", "fix.sleep-battery-after", "advice.idle-power.fix", "「バッテリ駆動」"},
		{"xfce", "en", "fix.lock-enabled", "advice.screen-lock.off.fix", "“Enable Lock Screen”"},
		{"xfce", "en", "fix.lock-with-saver", "advice.screen-lock.off.fix", "“Lock Screen with Screensaver”"},
		{"xfce", "en", "fix.idle-delay", "advice.screen-lock.fix", "“Regard the computer as idle after”"},
		{"xfce", "en", "fix.lock-on-wake", "advice.idle-power.no-lock.fix", "“Lock screen when system is going to sleep”"},
		{"xfce", "en", "fix.sleep-ac-after", "advice.idle-power.fix", "“When inactive for”"},
	} {
		t.Run(tt.sys+"/"+tt.lang+"/"+tt.fix, func(t *testing.T) {
			p := c.Printer(tt.lang).On(testSystems[tt.sys])
			if advice := p.T(tt.advice, nil); !strings.Contains(advice, tt.word) {
				t.Fatalf("on %s, %s no longer says %s; the test's words are stale: %s", tt.sys, tt.advice, tt.word, advice)
			}
			if got := p.T(tt.fix, args); !strings.Contains(got, tt.word) {
				t.Errorf("on %s, %s says %q; the advice beside it calls the same setting %s", tt.sys, tt.fix, got, tt.word)
			}
		})
	}
}
