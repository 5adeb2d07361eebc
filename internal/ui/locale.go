package ui

import "strings"

// LocaleForFyne returns the LANGUAGE value to set before Fyne starts, or
// "" when none is needed. Fyne reads the person's language from LC_ALL,
// LC_MESSAGES or LANG, and a C locale with a charset ("C.UTF-8", the
// default of many minimal and container systems) makes it log "Error
// parsing user locale C" at every start. In a C locale gettext ignores
// LANGUAGE, so setting it to Mamori's own language changes nothing for the
// programs the window starts, and gives Fyne a language it can parse.
func LocaleForFyne(getenv func(string) string, lang string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		loc := getenv(v)
		if loc == "" {
			continue
		}
		base, _, _ := strings.Cut(loc, ".")
		if (base == "C" || base == "POSIX") && loc != base && getenv("LANGUAGE") == "" {
			return lang
		}
		return ""
	}
	return ""
}
