package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
)

// shownWidget is one widget of mamori-window's report (cmd/window's
// Shown, written where MAMORI_WINDOW_REPORT says).
type shownWidget struct {
	Kind, Text        string
	Disabled, Checked bool
}

// TestSettingsLockedByPolicyUnderWine: values written with Windows' own
// reg.exe under the Policies keys lock the matching settings in the real
// settings window (mamori-window.exe, Fyne over Wine's OpenGL): the
// window says the organisation manages some settings, the boxes the
// policy sets are disabled and marked as the organisation's, and the rest
// can be changed. The window reports its widgets as they are (a picture
// cannot say which box is disabled); its picture is in
// test-artifacts/windows-settings-locked.png.
func TestSettingsLockedByPolicyUnderWine(t *testing.T) {
	w := newWine(t)
	dir := t.TempDir()
	if out, err := exec.Command("../../scripts/windows-build", dir).CombinedOutput(); err != nil {
		t.Fatalf("scripts/windows-build: %v\n%s", err, out)
	}
	window := filepath.Join(dir, "mamori-window.exe")

	const (
		hklm = `HKLM\SOFTWARE\Policies\Mamori`
		hkcu = `HKCU\SOFTWARE\Policies\Mamori`
		env  = `HKCU\Environment`
	)
	report := filepath.Join(dir, "report.json")
	t.Cleanup(func() {
		for _, args := range [][]string{{hklm, "/f"}, {hkcu, "/f"}, {env, "/v", "MAMORI_WINDOW_REPORT", "/f"}} {
			w.command(context.Background(), append([]string{"reg", "delete"}, args...)...).Run()
		}
	})
	// Wine adds HKCU\Environment to a program's environment, as Windows
	// does: the way to give the window a variable through the exec's
	// env -i.
	w.run(t, "reg", "add", env, "/v", "MAMORI_WINDOW_REPORT", "/t", "REG_SZ", "/d", `Z:`+strings.ReplaceAll(report, "/", `\`), "/f")
	w.run(t, "reg", "add", hklm+`\Checks`, "/v", "wifi", "/t", "REG_SZ", "/d", "off", "/f")
	w.run(t, "reg", "add", hkcu, "/v", "Notifications", "/t", "REG_DWORD", "/d", "1", "/f")
	w.run(t, "reg", "add", hklm, "/v", "Language", "/t", "REG_SZ", "/d", "en", "/f")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := w.command(ctx, window, "settings")
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		w.command(context.Background(), "taskkill", "/F", "/IM", "mamori-window.exe").Run()
		cmd.Wait()
	})
	settings := waitWindow(t, `"Mamori — Settings": \("mamori-window.exe"`, 60*time.Second)
	var shown []shownWidget
	waitFor(t, 30*time.Second, "the window's report", func() bool {
		b, err := os.ReadFile(report)
		return err == nil && json.Unmarshal(b, &shown) == nil && len(shown) > 0
	})
	// Fyne draws a moment after the window maps.
	time.Sleep(2 * time.Second)
	saveArtifact(t, "windows-settings-locked.png", screenshot(t, settings.id))

	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer("en")
	mark := p.T("settings.managed.mark", nil)
	lockedPrefix := []string{p.T("check.wifi", nil), p.T("settings.notifications.on", nil)}
	var sawManaged, sawLanguage, sawOpen bool
	for _, s := range shown {
		switch s.Kind {
		case "label":
			// Broken into lines for the window's width.
			sawManaged = sawManaged || strings.Join(strings.Fields(s.Text), " ") == p.T("settings.managed", nil)
		case "check":
			want := false
			for _, l := range lockedPrefix {
				want = want || strings.HasPrefix(s.Text, l)
			}
			if s.Disabled != want || strings.HasSuffix(s.Text, mark) != want {
				t.Errorf("%q: disabled %v, want %v", s.Text, s.Disabled, want)
			}
			if strings.HasPrefix(s.Text, p.T("check.wifi", nil)) && s.Checked {
				t.Errorf("%q is ticked; the policy turns it off", s.Text)
			}
			sawOpen = sawOpen || !want
		case "select":
			if s.Text == "English" {
				sawLanguage = true
				if !s.Disabled {
					t.Error("the language can be chosen")
				}
			}
		}
	}
	if !sawManaged || !sawLanguage || !sawOpen {
		t.Errorf("the window showed no word that the organisation manages settings (%v), no language (%v) or nothing the person may change (%v): %+v", sawManaged, sawLanguage, sawOpen, shown)
	}
	if t.Failed() {
		t.Logf("mamori-window:\n%s", log.String())
	}
}
