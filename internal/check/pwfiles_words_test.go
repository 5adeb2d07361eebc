package check

import (
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/i18n"
)

// TestPasswordFilesSayHowTheyWereFound: a file found by its name is
// "named like a password list"; where the setting to look inside small
// text files found one by what it holds, the finding says name or
// contents, and never shows the evidence's "(contents)" mark. The advice
// is true either way: it no longer says only names were read, and names
// the setting as the settings window does.
func TestPasswordFilesSayHowTheyWereFound(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		found []string
		key   string
		want  map[string]string
	}{
		{"by name", []string{"/home/a/Desktop/passwords.txt"}, "finding.password-files.found",
			map[string]string{"en": "A file named like a password list is in your folders: passwords.txt.", "ja": "パスワードの一覧のような名前のファイルが1件あります：passwords.txt。"}},
		{"by contents too", []string{"/home/a/Desktop/passwords.txt", "/home/a/Documents/メモ.txt" + byContents}, "finding.password-files.found-contents",
			map[string]string{"en": "2 files whose names or contents look like password lists are in your folders: passwords.txt, メモ.txt.", "ja": "パスワードの一覧のような名前や内容のファイルが2件あります：passwords.txt、メモ.txt。"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgePasswordFiles(tt.found, walked{})
			if r.Finding.Key != tt.key {
				t.Fatalf("key %s, want %s", r.Finding.Key, tt.key)
			}
			for lang, want := range tt.want {
				p := cat.Printer(lang)
				if got := p.T(r.Finding.Key, r.Finding.Args); got != want {
					t.Errorf("%s: %q, want %q", lang, got, want)
				}
				fix := p.T("advice."+r.Advice+".fix", nil)
				setting, _, _ := strings.Cut(p.T("settings.pwcontents", nil), map[string]string{"en": " (", "ja": "（"}[lang])
				if !strings.Contains(fix, "“"+setting+"”") && !strings.Contains(fix, "「"+setting+"」") {
					t.Errorf("%s: the advice does not name the setting %q as the window does: %q", lang, setting, fix)
				}
				for _, untrue := range []string{"read only their names", "読んだのはファイルの名前だけ"} {
					if strings.Contains(fix, untrue) {
						t.Errorf("%s: the advice says %q, untrue with the setting on", lang, untrue)
					}
				}
			}
		})
	}
}
