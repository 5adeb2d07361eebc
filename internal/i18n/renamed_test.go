package i18n

import (
	"strings"
	"testing"
)

// renamed is a name a desktop's newer versions show under another one
// (glossary.json systems.renamed).
type renamed struct {
	Old   string `json:"old"`
	New   string `json:"new"`
	EnOld string `json:"en-old"`
	EnNew string `json:"en-new"`
}

// olderVersions is how a text says that what follows is for older versions.
var olderVersions = map[string]string{"ja": "古いバージョン", "en": "older versions"}

// TestRenamedNamesComeWithTheNewOnes (the fourth ja review's M1 and M2):
// GNOME 46 and 48 and Plasma 6 renamed pages and labels that the texts
// were first written against in GNOME 43 and Plasma 5.27. A text shown on
// that desktop that names an old name also names the new one and says
// the old one is for older versions, so the person finds what it names
// on the version they have.
func TestRenamedNamesComeWithTheNewOnes(t *testing.T) {
	var g struct {
		Systems struct {
			Renamed struct {
				GNOME []renamed `json:"gnome"`
				KDE   []renamed `json:"kde"`
			}
		}
	}
	readGlossary(t, &g)
	bySystem := map[string][]renamed{"gnome": g.Systems.Renamed.GNOME, "kde": g.Systems.Renamed.KDE}
	if len(bySystem["gnome"]) < 5 || len(bySystem["kde"]) < 5 {
		t.Fatalf("glossary.json systems.renamed read as %+v; is it there?", g.Systems.Renamed)
	}
	gl := loadGlossary(t)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for sys, names := range bySystem {
		for _, lang := range Languages {
			t.Run(sys+"/"+lang, func(t *testing.T) {
				for k, text := range rendered(c, lang, testSystems[sys]) {
					if only := shownOn(gl, k); only != "" && only != "linux" {
						continue
					}
					for _, n := range names {
						old, new := "「"+n.Old+"」", "「"+n.New+"」"
						if n.New == "" {
							new = ""
						}
						if lang == "en" {
							old, new = n.EnOld, n.EnNew
						}
						if old == "" || !strings.Contains(text, old) {
							continue
						}
						if new != "" && !strings.Contains(text, new) {
							t.Errorf("on %s, %s names %s, which newer versions call %s, and not the new name: %s", sys, k, old, new, text)
						}
						if !strings.Contains(text, olderVersions[lang]) {
							t.Errorf("on %s, %s names %s without saying it is the older versions' name (%s): %s", sys, k, old, olderVersions[lang], text)
						}
					}
				}
			})
		}
	}
}
