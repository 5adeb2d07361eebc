package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/godbus/dbus/v5"
	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/tray/words"
	"github.com/mamori-project/mamori/internal/wifi"
)

// englishSentence finds a run of at least three ASCII words that holds an
// English function word: a sentence, not a product name, a setting's name
// or a command (sudo apt update && sudo apt full-upgrade).
var englishSentence = regexp.MustCompile(`(?i)\b[a-z][a-z0-9'()-]*( [a-z][a-z0-9'()-]*){2,}`)

var functionWords = regexp.MustCompile(`(?i)\b(the|is|are|was|not|no|and|of|to|could|cannot|does|this|that|with|from|found|set)\b`)

func englishIn(s string) string {
	for _, m := range englishSentence.FindAllString(s, -1) {
		if functionWords.MatchString(m) {
			return m
		}
	}
	return ""
}

// TestNoEnglishInJapanese runs every check on this machine, then renders
// everything a person reads in Japanese: the check report, the status and
// settings windows, the tray menu and the notifications. None may carry an
// English sentence (reasons from the system used to leak through).
func TestNoEnglishInJapanese(t *testing.T) {
	test.NewTempApp(t)
	// The Wi-Fi source the agent uses: NetworkManager where the system
	// bus has it, the kernel's nl80211 otherwise.
	source := &wifi.Auto{Kernel: &wifi.NL80211{}}
	if bus, err := dbus.ConnectSystemBus(); err == nil {
		defer bus.Close()
		source.NM = &wifi.NetworkManager{Conn: bus}
	}
	// The package manager at the normal priority: on a busy machine the
	// lowest one lets its check run out of time, and the reason (technical
	// English, under Details) is not what this test reads for.
	sys := host.Local()
	sys.Cmd = &command.Exec{Foreground: true, Timeout: 2 * time.Minute}
	checks, err := check.Build(check.Deps{Sys: sys, WiFi: source})
	if err != nil {
		t.Fatal(err)
	}
	engine, err := monitor.New(checks, monitor.Options{Timeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	results := engine.Run(context.Background())
	p := printer(t, "ja")
	doc := report.Build(results, p, report.App{Name: "Mamori"}, time.Now())

	var read []string
	for _, c := range doc.Checks {
		read = append(read, c.Name, c.Finding, c.Advice.Title, c.Advice.Why, c.Advice.Fix)
	}
	read = append(read, texts(StatusView(p, &doc, "", StatusActions{}))...)
	read = append(read, texts(StatusView(p, nil, "", StatusActions{StartAgent: func() {}}))...)
	read = append(read, texts(SettingsView(p, config.Defaults(), check.IDs(), SettingsActions{Save: func(config.Settings) error { return nil }}))...)
	st := words.Build(results, p, false)
	read = append(read, st.Tooltip, st.Labels.Status, st.Labels.CheckNow, st.Labels.Snooze, st.Labels.Settings, st.Labels.Quit)
	for _, e := range st.Entries {
		read = append(read, e.Label)
	}
	for _, r := range results {
		m := notify.Compose(p, r)
		read = append(read, m.Summary, m.Body)
		for _, a := range m.Actions {
			read = append(read, a.Label)
		}
	}
	if len(read) < 40 {
		t.Fatalf("only %d texts read", len(read))
	}
	for _, s := range read {
		if strings.HasPrefix(s, technical) {
			continue // what the check saw, as it saw it, under the technical heading
		}
		if e := englishIn(strings.TrimPrefix(s, "#")); e != "" {
			t.Errorf("English in the Japanese UI: %q (in %q)", e, s)
		}
	}
}

func TestEnglishIn(t *testing.T) {
	for s, want := range map[string]bool{
		"確認できませんでした: no desktop session found (XDG_CURRENT_DESKTOP is not set)": true,
		"端末では: sudo apt update && sudo apt full-upgrade":                        false,
		"ClamAV が動いています":                                                        false,
		"Mamori — 状態":                                                           false,
		"xfce4-screensaver is not installed":                                    true,
		"Microsoft Defender for Endpoint":                                       false,
		"Could not tell: the check failed":                                      true,
	} {
		if got := englishIn(s) != ""; got != want {
			t.Errorf("englishIn(%q) = %v, want %v", s, got, want)
		}
	}
}
