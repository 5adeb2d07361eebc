package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestWelcomeView: the welcome window says what Mamori does, in the
// person's language, offers start at login checked, and hands the choice
// over only when the button is pressed.
func TestWelcomeView(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct {
		lang, login, ok string
		uncheck         bool
		want            bool
	}{
		{"en", "Start Mamori when I log in", "OK", false, true},
		{"en", "Start Mamori when I log in", "OK", true, false},
		{"ja", "ログイン時に Mamori を起動する", "閉じる", false, true},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			var got []bool
			view := WelcomeView(printer(t, tt.lang), func(b bool) { got = append(got, b) })
			w := test.NewTempWindow(t, view)
			w.Resize(w.Canvas().Size().Max(view.MinSize()))
			var check *widget.Check
			var button *widget.Button
			for _, o := range test.LaidOutObjects(view) {
				switch o := o.(type) {
				case *widget.Check:
					check = o
				case *widget.Button:
					button = o
				}
			}
			if check == nil || button == nil || check.Text != tt.login || button.Text != tt.ok {
				t.Fatalf("the window's check box and button: %v %v", check, button)
			}
			if !check.Checked {
				t.Error("start at login is not checked by default")
			}
			if len(got) != 0 {
				t.Fatal("a choice was handed over before the button")
			}
			if tt.uncheck {
				test.Tap(check)
			}
			test.Tap(button)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("handed over %v, want [%v]", got, tt.want)
			}
		})
	}
}
