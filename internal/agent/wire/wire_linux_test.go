package wire

import "testing"

// TestStateDir finds the state directory as the XDG base directory
// specification says.
func TestStateDir(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"XDG_STATE_HOME", map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}, "/s/mamori"},
		{"relative XDG_STATE_HOME is ignored", map[string]string{"XDG_STATE_HOME": "s", "HOME": "/h"}, "/h/.local/state/mamori"},
		{"HOME", map[string]string{"HOME": "/h"}, "/h/.local/state/mamori"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := StateDir(func(k string) string { return tc.env[k] })
			if err != nil || got != tc.want {
				t.Errorf("%q %v, want %q", got, err, tc.want)
			}
		})
	}
	if _, err := StateDir(func(string) string { return "" }); err == nil {
		t.Error("no HOME: a path anyway")
	}
}
