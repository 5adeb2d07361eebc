package catalog

import (
	"encoding/json"
	"os"
	"path"
	"regexp"
	"slices"
	"testing"
	"time"
)

var id = regexp.MustCompile(`^[a-z0-9]+$`)

func TestAntivirusCatalogue(t *testing.T) {
	products, err := AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	if len(products) < 15 {
		t.Fatalf("only %d products", len(products))
	}
	seenID, seenProc := map[string]bool{}, map[string]string{}
	for _, p := range products {
		if !id.MatchString(p.ID) || seenID[p.ID] || p.Name == "" || len(p.Procs) == 0 {
			t.Errorf("bad or duplicate product %+v", p)
		}
		seenID[p.ID] = true
		for _, n := range p.Procs {
			if len(n) < 4 {
				t.Errorf("%s: process name %q is too short to be recognised safely", p.ID, n)
			}
			if other, dup := seenProc[n]; dup {
				t.Errorf("process %q claimed by %s and %s", n, other, p.ID)
			}
			seenProc[n] = p.ID
		}
	}
	for _, must := range []string{"clamd", "freshclam", "clamonacc", "mdatp", "wdavdaemon", "falcon-sensor"} {
		if seenProc[must] == "" {
			t.Errorf("catalogue lacks %s", must)
		}
	}
}

func TestBrowserCatalogue(t *testing.T) {
	browsers, err := Browsers()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"firefox": true, "chromium": true, "chrome": true, "edge": true, "brave": true, "vivaldi": true, "opera": true}
	for _, b := range browsers {
		delete(want, b.ID)
		if b.Name == "" || len(b.Packages) == 0 || len(b.Exes) == 0 || len(b.Procs) == 0 {
			t.Errorf("incomplete entry %+v", b)
		}
		for _, e := range b.Exes {
			if !path.IsAbs(e) {
				t.Errorf("%s: %q is not absolute", b.ID, e)
			}
		}
		for _, p := range b.Procs {
			if len(p) > 15 {
				t.Errorf("%s: process name %q is longer than the kernel keeps (15)", b.ID, p)
			}
		}
	}
	for id := range want {
		t.Errorf("catalogue lacks %s", id)
	}
}

// TestRemoteNamesFollowTheGlossary: a remote-control tool's Japanese name
// is one someone read where its maker or its package spells it, never a
// translation of our own. internal/i18n/glossary.json products.remote
// lists each Japanese name with its source; every other tool is listed
// under products.latin, so a tool added to the catalogue is looked at.
func TestRemoteNamesFollowTheGlossary(t *testing.T) {
	var g struct {
		Products struct {
			Remote []struct {
				ID, En, Ja, Source string
			}
			Latin struct {
				IDs []string
			}
		}
	}
	data, err := os.ReadFile("../../i18n/glossary.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Products.Remote) == 0 || len(g.Products.Latin.IDs) == 0 {
		t.Fatalf("glossary.json products read as %+v; is it there?", g.Products)
	}
	remote, err := RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	tools := map[string]RemoteTool{}
	for _, tool := range remote.Tools {
		tools[tool.ID] = tool
	}
	read := map[string]bool{}
	for _, p := range g.Products.Remote {
		read[p.ID] = true
		tool, ok := tools[p.ID]
		switch {
		case !ok:
			t.Errorf("glossary.json products.remote lists %s, which remote.json does not", p.ID)
		case p.Source == "":
			t.Errorf("glossary.json products.remote %s: 「%s」 has no source", p.ID, p.Ja)
		case tool.Name != p.En || tool.NameJa != p.Ja:
			t.Errorf("remote.json %s is named %q / %q; glossary.json products.remote read %q / %q", p.ID, tool.Name, tool.NameJa, p.En, p.Ja)
		}
	}
	for _, tool := range remote.Tools {
		latin := slices.Contains(g.Products.Latin.IDs, tool.ID)
		switch {
		case read[tool.ID] && latin:
			t.Errorf("glossary.json lists %s both with a Japanese name and as keeping its Latin one", tool.ID)
		case !read[tool.ID] && !latin:
			t.Errorf("remote.json %s (%s) is in neither glossary.json products.remote nor products.latin: read how a Japanese system names it, or list it as Latin", tool.ID, tool.Name)
		case !read[tool.ID] && tool.NameJa != "":
			t.Errorf("remote.json %s has the Japanese name %q, which glossary.json gives no source for", tool.ID, tool.NameJa)
		}
		if tool.DisplayName("ja") == "" || tool.DisplayName("en") != tool.Name {
			t.Errorf("%s: DisplayName gives %q in Japanese and %q in English", tool.ID, tool.DisplayName("ja"), tool.DisplayName("en"))
		}
	}
}

// TestOSSupportCatalogue: every entry has a last day that is a date and a
// source; Windows entries name editions and a build range, and no build
// and edition is claimed twice.
func TestOSSupportCatalogue(t *testing.T) {
	s, err := OSSupportList()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Windows) == 0 || len(s.Linux) == 0 {
		t.Fatalf("empty catalogue: %+v", s)
	}
	dated := func(name, day, bought string, sources []string) {
		last, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Errorf("%s: last_day %q is not a date", name, day)
		}
		if b, err := time.Parse(time.DateOnly, bought); bought != "" && (err != nil || !b.After(last)) {
			t.Errorf("%s: bought_last_day %q is not a date after %s", name, bought, day)
		}
		if len(sources) == 0 {
			t.Errorf("%s: no source", name)
		}
	}
	type claim struct {
		build   int
		edition string
	}
	claimed := map[claim]string{}
	for _, w := range s.Windows {
		name := w.Name + " " + w.Version
		dated(name, w.LastDay, w.BoughtLastDay, w.Sources)
		// Microsoft ends a version's servicing on a Patch Tuesday.
		if day, err := time.Parse(time.DateOnly, w.LastDay); err == nil && day.Weekday() != time.Tuesday {
			t.Errorf("%s: last_day %s is a %s, not a Patch Tuesday", name, w.LastDay, day.Weekday())
		}
		if w.MinBuild <= 0 || w.MaxBuild < w.MinBuild || len(w.Editions) == 0 {
			t.Errorf("%s: builds %d–%d, editions %v", name, w.MinBuild, w.MaxBuild, w.Editions)
		}
		for _, e := range w.Editions {
			for _, b := range slices.Compact([]int{w.MinBuild, w.MaxBuild}) {
				if other, dup := claimed[claim{b, e}]; dup {
					t.Errorf("build %d, %s: in %s and %s", b, e, other, name)
				}
				claimed[claim{b, e}] = name
			}
		}
	}
	seen := map[string]bool{}
	for _, r := range s.Linux {
		dated(r.Name, r.LastDay, r.BoughtLastDay, r.Sources)
		if r.ID == "" || r.VersionID == "" || r.Name == "" || seen[r.ID+" "+r.VersionID] {
			t.Errorf("bad or duplicate release %+v", r)
		}
		seen[r.ID+" "+r.VersionID] = true
	}
}
