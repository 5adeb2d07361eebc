package i18n

import (
	"strings"

	"golang.org/x/sys/windows"
)

// systemLanguage is the Windows user's display language, the first of their
// preferred UI languages ("ja-JP"): "ja" or "en"; "" when Windows cannot
// say.
func systemLanguage() string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(langs) == 0 {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(langs[0]), "ja") {
		return "ja"
	}
	return "en"
}
