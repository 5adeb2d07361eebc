package watch

import (
	"slices"
	"testing"
)

func TestDconfMatches(t *testing.T) {
	watched := []string{"/org/gnome/desktop/screensaver/", "/org/gnome/desktop/session/", "/org/gnome/settings-daemon/plugins/power/"}
	tests := []struct {
		body []any
		want []string
	}{
		{[]any{"/org/gnome/desktop/screensaver/lock-enabled", []string{""}, "t"}, watched[:1]},
		{[]any{"/org/gnome/desktop/session/", []string{"idle-delay"}, "t"}, watched[1:2]},
		{[]any{"/org/gnome/settings-daemon/plugins/power/", []string{"sleep-inactive-ac-type", "sleep-inactive-ac-timeout"}, "t"}, watched[2:]},
		{[]any{"/org/gnome/", []string{""}, "t"}, watched}, // dconf reset of a whole tree
		{[]any{"/org/gnome/desktop/", []string{"screensaver/lock-delay", "interface/gtk-theme"}, "t"}, watched[:1]},
		{[]any{"/org/gnome/desktop/interface/gtk-theme", []string{""}, "t"}, nil},
		{[]any{"/org/gnome/desktop/screensaver-extra/x", []string{""}, "t"}, nil},
		{[]any{}, nil},
		{[]any{42, "x"}, nil},
	}
	for _, tt := range tests {
		if got := dconfMatches(tt.body, watched); !slices.Equal(got, tt.want) {
			t.Errorf("dconfMatches(%v) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
