//go:build !windows

package i18n

// systemLanguage: elsewhere the locale variables are the system's answer.
func systemLanguage() string { return "" }
