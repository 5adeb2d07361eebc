package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/fix"
)

// TestFixFailedSaysWhatToDo (the third ja review's first fault): when a
// fix cannot be made, the dialog does not show the program's error as the
// message. It names the way forward that is on the screen (the Open
// settings button where the window shows it for this check, How to fix
// otherwise) and whom to ask, and puts the error under the technical
// details label.
func TestFixFailedSaysWhatToDo(t *testing.T) {
	raw := errors.New("setting org.gnome.desktop.screensaver lock-enabled: exit status 1")
	for _, tt := range []struct {
		lang    string
		hasPage bool
		want    []string
		not     string
	}{
		{"en", true, []string{"Mamori could not change this setting.", "“Open settings”", "whoever helps you with your computer", "\n\nTechnical details (for whoever helps you): " + raw.Error()}, "“How to fix”"},
		{"en", false, []string{"Mamori could not change this setting.", "“How to fix”", "whoever helps you with your computer", "\n\nTechnical details (for whoever helps you): " + raw.Error()}, "Open settings"},
		{"ja", true, []string{"Mamori はこの設定を変更できませんでした。", "「設定を開く」", "パソコンのことで相談できる方にご相談ください", "\n\n技術的な詳細（パソコンのことで相談できる方向け）：" + raw.Error()}, "「対処方法」"},
		{"ja", false, []string{"Mamori はこの設定を変更できませんでした。", "「対処方法」", "パソコンのことで相談できる方にご相談ください", "\n\n技術的な詳細（パソコンのことで相談できる方向け）：" + raw.Error()}, "設定を開く"},
	} {
		name := tt.lang + "/no-page"
		if tt.hasPage {
			name = tt.lang + "/page"
		}
		t.Run(name, func(t *testing.T) {
			p := printer(t, tt.lang)
			var failed string
			act := StatusActions{
				Fix: func(string) (fix.Plan, bool) {
					return fix.Plan{Check: "screen-lock", Changes: []fix.Change{{Schema: "org.gnome.desktop.screensaver", Key: "lock-enabled", From: "false", To: "true", Kind: fix.Switch, Text: "fix.lock-enabled"}}}, true
				},
				ApplyFix: func(fix.Plan) error { return raw },
				Confirm:  func(_, _ string, ok func()) { ok() },
				Failed:   func(msg string) { failed = msg },
				HasPage:  func(id string) bool { return tt.hasPage && id == "screen-lock" },
				OpenPage: func(string) {},
			}
			if !OfferFix(p, "screen-lock", act) {
				t.Fatal("no fix was offered")
			}
			for _, w := range tt.want {
				if !strings.Contains(failed, w) {
					t.Errorf("the failed dialog says %q; want %q in it", failed, w)
				}
			}
			if strings.Contains(failed, tt.not) {
				t.Errorf("the failed dialog says %q; it names %q, which is not the way here", failed, tt.not)
			}
			if strings.HasPrefix(failed, raw.Error()) || strings.Index(failed, raw.Error()) < strings.Index(failed, "\n\n") {
				t.Errorf("the error comes before the plain words: %q", failed)
			}
		})
	}
}
