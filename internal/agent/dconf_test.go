package agent

import "testing"

func TestDconfRelevant(t *testing.T) {
	tests := []struct {
		body []any
		want bool
	}{
		{[]any{"/org/gnome/desktop/screensaver/lock-enabled", []string{""}, "t"}, true},
		{[]any{"/org/gnome/desktop/session/", []string{"idle-delay"}, "t"}, true},
		{[]any{"/org/gnome/settings-daemon/plugins/power/", []string{"sleep-inactive-ac-type", "sleep-inactive-ac-timeout"}, "t"}, true},
		{[]any{"/org/gnome/", []string{""}, "t"}, true}, // dconf reset of a whole tree
		{[]any{"/org/gnome/desktop/interface/gtk-theme", []string{""}, "t"}, false},
		{[]any{"/org/gnome/desktop/screensaver-extra/x", []string{""}, "t"}, false},
		{[]any{}, false},
		{[]any{42, "x"}, false},
	}
	for _, tt := range tests {
		if got := dconfRelevant(tt.body); got != tt.want {
			t.Errorf("dconfRelevant(%v) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
