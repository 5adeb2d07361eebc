package i18n

import "strings"

// FyneLocaleEnv returns the environment variables to set for Mamori's
// window program (Fyne) so that Fyne takes lang, Mamori's language, as the
// person's locale; nil when it does already. The agent sets them when it
// starts the window, since Fyne reads the locale once before the program's
// main runs; the window sets them for itself too, for the font lookups
// that read it later.
//
// Fyne reads the locale from LC_ALL, LC_MESSAGES or LANG (the first one
// set), or from LANGUAGE unless that variable is exactly "C" or "POSIX",
// and picks by it the system font for text its own font lacks, bold
// included: under a C locale (LANG=C, unset, or C.UTF-8) or another
// language's, Japanese bold came in a regular font. A C locale with a
// charset also made it log "Error parsing user locale C" at every start.
// LANGUAGE is set to lang, and a plain C or POSIX becomes C.UTF-8, the
// same locale for everything but Fyne's reading; under it gettext ignores
// LANGUAGE. Under another language's locale, the settings pages the window
// opens speak Mamori's language too.
func FyneLocaleEnv(getenv func(string) string, lang string) map[string]string {
	name, value := "", ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if value = getenv(v); value != "" {
			name = v
			break
		}
	}
	read := value
	if value != "C" && value != "POSIX" {
		if l := getenv("LANGUAGE"); l != "" {
			read = l
		}
	}
	if baseLanguage(read) == lang {
		return nil
	}
	env := map[string]string{"LANGUAGE": lang}
	if value == "C" || value == "POSIX" {
		env[name] = "C.UTF-8"
	}
	return env
}

// baseLanguage is the language of a locale or LANGUAGE list's first entry:
// "ja" for "ja_JP.UTF-8" and "ja:en".
func baseLanguage(locale string) string {
	first, _, _ := strings.Cut(locale, ":")
	if i := strings.IndexAny(first, "_.@-"); i >= 0 {
		first = first[:i]
	}
	return strings.ToLower(first)
}
