package ui

import (
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/wifi"
)

// The settings window lists a trusted network by its name and how it is
// protected, in the person's words: no protocol's name (WPA2, WEP, TKIP,
// Enterprise) and no English in the Japanese list (ja review 4, S4).
func TestTrustedNetworkInThePersonsWords(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	protocols := []string{"WPA", "WEP", "TKIP", "OWE", "Enterprise", "Personal", "Open", "unknown", "(", ")"}
	for _, sec := range []wifi.Security{wifi.Open, wifi.OWE, wifi.WEP, wifi.WPATKIP, wifi.WPA2Personal, wifi.WPA3Personal, wifi.Enterprise, wifi.SecurityUnknown} {
		for _, lang := range []string{"en", "ja"} {
			t.Run(lang+"/"+string(sec), func(t *testing.T) {
				got := trustedLabel(cat.Printer(lang), config.NewTrusted([]byte("Home"), string(sec), ""))
				for _, w := range protocols {
					if lang == "en" && (w == "(" || w == ")") {
						continue
					}
					if strings.Contains(got, w) {
						t.Errorf("%q says %q", got, w)
					}
				}
				if !strings.Contains(got, "Home") {
					t.Errorf("%q does not name the network", got)
				}
			})
		}
	}
	got := trustedLabel(cat.Printer("ja"), config.NewTrusted([]byte("Office"), string(wifi.Enterprise), "AA:BB:CC:00:00:01"))
	if want := "「Office」（利用者ごとのアカウントで保護、この Wi-Fi 親機だけ）"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
