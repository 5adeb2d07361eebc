package check

import (
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestOneBrowserIsOneBrowser: a finding about one browser speaks of one
// browser, in both languages, and one about two of two. Japanese has no
// plural form (CLDR, and go-i18n, whose rendering the catalogues are held
// to, give it only "other"), so the check chooses the text by how many
// browsers it found: for one, no 「1種類」 and no 各ブラウザー; for the
// passwords, the browsers that keep them are counted, not the passwords
// (one browser with five passwords is not "browsers"). The third Japanese
// review's polish items on browser-updates.
func TestOneBrowserIsOneBrowser(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	firefox := installedBrowser{Browser: catalog.Browser{Name: "Firefox"}, Version: "133.0", Via: "package"}
	chrome := installedBrowser{Browser: catalog.Browser{Name: "Google Chrome"}, Version: "131.0", Via: "package"}
	oneProfile := []savedLogins{{Browser: "Firefox", Profile: "default", Count: 3}, {Browser: "Firefox", Profile: "work", Count: 2}}
	twoBrowsers := append([]savedLogins{{Browser: "Google Chrome", Profile: "Default", Count: 4}}, oneProfile...)
	for _, tc := range []struct {
		name     string
		r        monitor.Result
		browsers int
	}{
		{"up to date, one browser", judgeBrowsers(browserFacts{Installed: []installedBrowser{firefox}}, nil), 1},
		{"up to date, two browsers", judgeBrowsers(browserFacts{Installed: []installedBrowser{firefox, chrome}}, nil), 2},
		{"self-updating, one browser", judgeBrowsers(browserFacts{Installed: []installedBrowser{chrome}, SelfUpdating: true}, nil), 1},
		{"self-updating, two browsers", judgeBrowsers(browserFacts{Installed: []installedBrowser{firefox, chrome}, SelfUpdating: true}, nil), 2},
		{"passwords in one browser's two profiles", judgeAutofill(autofillFacts{Saved: oneProfile}), 1},
		{"passwords in two browsers", judgeAutofill(autofillFacts{Saved: twoBrowsers}), 2},
		{"shared, passwords in one browser", judgeAutofill(autofillFacts{Saved: oneProfile, Shared: true}), 1},
		{"shared, passwords in two browsers", judgeAutofill(autofillFacts{Saved: twoBrowsers, Shared: true}), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.r.Status != monitor.OK && tc.r.Status != monitor.Warn {
				t.Fatalf("judged %s: %v", tc.r.Status, tc.r.Finding)
			}
			for _, lang := range []string{"en", "ja"} {
				p := cat.Printer(lang)
				text := p.T(tc.r.Finding.Key, tc.r.Finding.Args)
				if tc.r.Status == monitor.Warn {
					text += " " + p.T("advice."+tc.r.Advice+".fix", nil)
				}
				var plural []string // what says more than one browser
				switch lang {
				case "en":
					plural = []string{"browsers", "Browsers", "each browser"}
				case "ja":
					plural = []string{"種類", "各ブラウザー", "複数", "いずれも"}
				}
				said := ""
				for _, w := range plural {
					if strings.Contains(text, w) {
						said = w
						break
					}
				}
				if tc.browsers == 1 && said != "" {
					t.Errorf("%s: one browser, but %q: %s", lang, said, text)
				}
				if tc.browsers > 1 && said == "" {
					t.Errorf("%s: %d browsers, but the text speaks of one: %s", lang, tc.browsers, text)
				}
			}
		})
	}
}
