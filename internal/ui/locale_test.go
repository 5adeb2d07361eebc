package ui

import (
	"maps"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/mamori-project/mamori/internal/i18n"
)

// TestFyneLocaleEnv: whatever the person's locale, Fyne reads Mamori's
// language (the locale it picks the fallback font by, bold included), and
// reads no "C" it cannot parse. Fyne's own reading (lang.SystemLocale) is
// asked, under the environment with the variables set.
func TestFyneLocaleEnv(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		lang string
		set  map[string]string
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "ja", map[string]string{"LANGUAGE": "ja"}},
		{"POSIX.UTF-8 in LC_ALL", map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "ja_JP.UTF-8"}, "ja", map[string]string{"LANGUAGE": "ja"}},
		{"plain C", map[string]string{"LANG": "C"}, "ja", map[string]string{"LANGUAGE": "ja", "LANG": "C.UTF-8"}},
		{"LC_ALL=C", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "ja", map[string]string{"LANGUAGE": "ja", "LC_ALL": "C.UTF-8"}},
		{"POSIX in LC_MESSAGES", map[string]string{"LC_MESSAGES": "POSIX"}, "en", map[string]string{"LANGUAGE": "en", "LC_MESSAGES": "C.UTF-8"}},
		{"nothing set", map[string]string{}, "ja", map[string]string{"LANGUAGE": "ja"}},
		{"the same language", map[string]string{"LANG": "ja_JP.UTF-8"}, "ja", nil},
		{"English locale, Japanese chosen", map[string]string{"LANG": "en_US.UTF-8"}, "ja", map[string]string{"LANGUAGE": "ja"}},
		{"LANGUAGE names another first", map[string]string{"LANG": "ja_JP.UTF-8", "LANGUAGE": "en_GB:ja"}, "ja", map[string]string{"LANGUAGE": "ja"}},
		{"LANGUAGE already right", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, "en", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := i18n.FyneLocaleEnv(func(k string) string { return tc.env[k] }, tc.lang)
			if !maps.Equal(got, tc.set) {
				t.Errorf("set %v, want %v", got, tc.set)
			}
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
				t.Setenv(k, tc.env[k])
				if tc.env[k] == "" {
					os.Unsetenv(k)
				}
			}
			for k, v := range got {
				t.Setenv(k, v)
			}
			if again := i18n.FyneLocaleEnv(os.Getenv, tc.lang); again != nil {
				t.Errorf("once set, it asks again for %v", again)
			}
			if l := lang.SystemLocale().LanguageString(); !strings.HasPrefix(l, tc.lang) {
				t.Errorf("Fyne reads %q, not %q", l, tc.lang)
			}
		})
	}
}
