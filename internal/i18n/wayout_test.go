package i18n

import (
	"strings"
	"testing"
)

// TestAppsDebianLacksHaveAWayOut (the second ja review's first fault): a
// text shown on a Linux desktop that sends the person to an app Debian
// does not ship (Ubuntu's Software Updater, Mint's Update Manager) also
// gives a way out, in each language: whom to ask, or where else to look.
// glossary.json systems.not-in-debian lists the apps and the ways out.
func TestAppsDebianLacksHaveAWayOut(t *testing.T) {
	var g struct {
		Systems struct {
			NotInDebian struct {
				Apps []struct {
					En, Ja string
					On     []string
				}
				WayOut map[string][]string `json:"way-out"`
			} `json:"not-in-debian"`
		}
	}
	readGlossary(t, &g)
	nd := g.Systems.NotInDebian
	if len(nd.Apps) == 0 || len(nd.WayOut["en"]) == 0 || len(nd.WayOut["ja"]) == 0 {
		t.Fatalf("glossary.json systems.not-in-debian read as %+v; is it there?", nd)
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for name, sys := range testSystems {
			if sys.OS != "linux" {
				continue
			}
			t.Run(lang+"/"+name, func(t *testing.T) {
				for k, text := range rendered(c, lang, sys) {
					for _, app := range nd.Apps {
						appName := map[string]string{"en": app.En, "ja": app.Ja}[lang]
						if !contains(app.On, name) || !strings.Contains(text, appName) {
							continue
						}
						out := false
						for _, w := range nd.WayOut[lang] {
							out = out || strings.Contains(text, w)
						}
						if !out {
							t.Errorf("on %s, %s sends the person to %q, which Debian does not ship, and gives no way out (one of %q): %s", name, k, appName, nd.WayOut[lang], text)
						}
					}
				}
			})
		}
	}
}
