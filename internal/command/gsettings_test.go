package command

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The patterns glibLogLine and pickedBackend are written out from: the
// resident agent links this package and no regexp, so the matchers are
// hand-written and held to the patterns here.
var (
	glibLogLineRE   = regexp.MustCompile(`^(\([^()\s]*:\d+\): )?GLib-GIO-[A-Za-z]+: `)
	pickedBackendRE = regexp.MustCompile(`Found default implementation (\S+) \(\S+\) for \S*gsettings-backend`)
)

// sameAsPatterns fails t where a matcher and its pattern disagree on line.
func sameAsPatterns(t *testing.T, line string) {
	t.Helper()
	if got, want := glibLogLine(line), glibLogLineRE.MatchString(line); got != want {
		t.Errorf("glibLogLine(%q) = %v, the pattern says %v", line, got, want)
	}
	name, ok := pickedBackend(line)
	m := pickedBackendRE.FindStringSubmatch(line)
	if ok != (m != nil) || ok && name != m[1] {
		t.Errorf("pickedBackend(%q) = %q, %v; the pattern says %q", line, name, ok, m)
	}
}

// gsettingsLines are the recorded lines of gsettings and hand-made near
// misses of both patterns.
func gsettingsLines(t testing.TB) []string {
	lines := []string{
		"", "GLib-GIO-DEBUG: x", "GLib-GIO-: x", "GLib-GIO-DEBUG:x", "GLib-GIO-Message: Using the 'memory' GSettings backend",
		"(process:1234): GLib-GIO-DEBUG: 23:16:08.721: Found default implementation dconf (DConfSettingsBackend) for ‘gsettings-backend’",
		"(gsettings:12:34): GLib-GIO-DEBUG: x", "(a b:1): GLib-GIO-DEBUG: x", "(a(b:1): GLib-GIO-DEBUG: x", "(:1): GLib-GIO-DEBUG: x",
		"(p:): GLib-GIO-DEBUG: x", "(p:1x): GLib-GIO-DEBUG: x", "(p:1):GLib-GIO-DEBUG: x", "(p:1) GLib-GIO-DEBUG: x", "(p:1): (p:1): GLib-GIO-DEBUG: x",
		"(p:1\t): GLib-GIO-DEBUG: x", "(p:٣): GLib-GIO-DEBUG: x", "GLib-GIO-DEBUGé: x", "org.gnome.desktop.screensaver lock-enabled true",
		"Found default implementation dconf (DConfSettingsBackend) for ?gsettings-backend?",
		"Found default implementation memory (GMemorySettingsBackend) for gsettings-backend",
		"Found default implementation  dconf (X) for gsettings-backend", "Found default implementation dconf (X)for gsettings-backend",
		"Found default implementation dconf () for gsettings-backend", "Found default implementation dconf (X) for gio-vfs",
		"Found default implementation dconf (X y) for gsettings-backend", "Found default implementation dconf (X)) for a-gsettings-backend-b",
		"Found default implementation Found default implementation dconf (X) for gsettings-backend",
		"Found default implementation a (b) for x Found default implementation keyfile (K) for gsettings-backend",
		"Found default implementation dconf\t(X) for gsettings-backend", "Found default implementation dconf (X) for\u00a0gsettings-backend",
	}
	files, _ := filepath.Glob("testdata/gsettings/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	return lines
}

func TestGsettingsMatchersFollowPatterns(t *testing.T) {
	for _, line := range gsettingsLines(t) {
		sameAsPatterns(t, line)
	}
}

func FuzzGsettingsMatchers(f *testing.F) {
	for _, line := range gsettingsLines(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) { sameAsPatterns(t, line) })
}
