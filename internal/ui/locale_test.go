package ui

import "testing"

func TestLocaleForFyne(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "ja"},
		{"POSIX.UTF-8 in LC_ALL", map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "ja_JP.UTF-8"}, "ja"},
		{"plain C is read as no locale", map[string]string{"LANG": "C"}, ""},
		{"a real locale", map[string]string{"LANG": "ja_JP.UTF-8"}, ""},
		{"LC_ALL wins", map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"LANGUAGE already set", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, ""},
		{"nothing set", map[string]string{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := LocaleForFyne(func(k string) string { return tc.env[k] }, "ja"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
