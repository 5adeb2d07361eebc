package updates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

func FuzzParseAptSimulate(f *testing.F) {
	testenv.Seed(f, "testdata/apt/*")
	f.Fuzz(func(t *testing.T, out []byte) {
		ups, err := parseAptSimulate(out)
		if err != nil {
			return
		}
		for _, u := range ups {
			if u.Name == "" || u.To == "" || strings.ContainsAny(u.Name, " \n") {
				t.Errorf("bad update %+v", u)
			}
		}
	})
}

func FuzzParseAptConfig(f *testing.F) {
	testenv.Seed(f, "testdata/apt/*")
	f.Fuzz(func(t *testing.T, out []byte) {
		for _, v := range parseAptConfig(out) {
			aptPeriodicOn(v)
		}
	})
}

func FuzzParseOtherManagers(f *testing.F) {
	testenv.Seed(f, "testdata/dpkg/*")
	f.Add([]byte("firefox.x86_64    128.5.0-1.fc40    updates\nObsoleting Packages\n"))
	f.Add([]byte("v | Update | MozillaFirefox | 128.3 | 128.5 | x86_64\n"))
	f.Add([]byte("FEDORA-2024-1 Important/Sec. firefox-128.5.0-1.fc40.x86_64\n"))
	f.Fuzz(func(t *testing.T, out []byte) {
		parseDnfCheckUpdate(out)
		parseDnfSecurity(out)
		parsePacmanQu(out)
		parseZypperList(out)
		parseDpkgQuery(out)
		parseRpmQuery(out)
	})
}

// FuzzPackageStore reads whatever the shared answer file may hold (another
// process's, a truncated one, a planted one): never a panic, and an answer
// is taken from it only in the current format.
func FuzzPackageStore(f *testing.F) {
	f.Add([]byte(`{"format":2,"stamp":"x","report":{"Manager":"apt","Pending":[{"Name":"bash"}]}}`))
	f.Add([]byte(`{"format":1,"stamp":`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		store := filepath.Join(t.TempDir(), "packages.json")
		os.WriteFile(store, data, 0o600)
		c := &Cache{Store: store}
		if a, ok := c.load(); ok && (a.Format != storeFormat || a.Stamp == "") {
			t.Errorf("took %+v", a)
		}
	})
}
