package i18n

import (
	"os"
	"strings"
	"testing"
)

// TestWindowsDisplayLanguage runs under Wine (scripts/wine-test runs it
// twice), where Windows' display language follows the LC_ALL Wine was
// started with; on Windows itself, with none set, it is the person's.
func TestWindowsDisplayLanguage(t *testing.T) {
	want := "en"
	if strings.HasPrefix(os.Getenv("LC_ALL"), "ja") {
		want = "ja"
	}
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("on Windows itself the display language is the person's: nothing to compare with")
	}
	if got := systemLanguage(); got != want {
		t.Errorf("systemLanguage() = %q, want %q (LC_ALL=%q)", got, want, os.Getenv("LC_ALL"))
	}
	// With no locale variables, as on Windows, Detect asks Windows.
	if got := Detect(func(string) string { return "" }); got != want {
		t.Errorf("Detect with no locale variables = %q, want %q", got, want)
	}
}
