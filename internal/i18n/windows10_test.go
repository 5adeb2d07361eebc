package i18n

import (
	"strings"
	"testing"
)

// TestWindows11PathsSayWindows10s (the fourth ja review's M3): the text
// cannot tell Windows 10 from 11 (System is an OS and a desktop), so a
// Windows text that leads through a page only Windows 11 has also says
// where Windows 10 keeps the same setting.
func TestWindows11PathsSayWindows10s(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	gl := loadGlossary(t)
	for _, tt := range []struct{ lang, eleven, ten string }{
		{"ja", "「電源とバッテリー」", "「電源とスリープ」"},
		{"ja", "「プライバシーとセキュリティ」→「デバイスの暗号化」", "「更新とセキュリティ」→「デバイスの暗号化」"},
		{"en", "Power & battery", "Power & sleep"},
		{"en", "Privacy & security → Device encryption", "Update & Security → Device encryption"},
	} {
		for k, text := range rendered(c, tt.lang, testSystems["windows"]) {
			if only := shownOn(gl, k); only != "" && only != "windows" {
				continue
			}
			if strings.Contains(text, tt.eleven) && !strings.Contains(text, tt.ten) {
				t.Errorf("%s %s leads through %s, which Windows 10 does not have, and does not name %s: %s", tt.lang, k, tt.eleven, tt.ten, text)
			}
		}
	}
}
