package catalog

import (
	"path"
	"regexp"
	"testing"
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
