package desktop

import (
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

func FuzzParseGsettingsList(f *testing.F) {
	testenv.Seed(f, "testdata/gsettings/*")
	f.Fuzz(func(t *testing.T, out []byte) {
		vals, err := ParseGsettingsList("org.gnome.desktop.screensaver", out)
		if err == nil && len(vals) == 0 {
			t.Error("no error and no keys")
		}
		for _, v := range vals {
			GVBool(v)
			GVUint(v)
			GVString(v)
		}
	})
}

func FuzzParseKConfig(f *testing.F) {
	testenv.Seed(f, "testdata/kde/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		c := ParseKConfig(data)
		for g, kv := range c {
			for k := range kv {
				c.Bool(g, k)
				c.Int(g, k)
			}
		}
	})
}

func FuzzParseXfconf(f *testing.F) {
	testenv.Seed(f, "testdata/xfce/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		ch, err := ParseXfconf(data)
		if err != nil {
			return
		}
		for p := range ch {
			ch.Bool(p, false)
			ch.Int(p, 0)
		}
	})
}

func FuzzParseXfconfQuery(f *testing.F) {
	testenv.Seed(f, "testdata/xfconf-query/*")
	f.Fuzz(func(t *testing.T, out []byte) {
		ch := ParseXfconfQuery(out)
		for path := range ch {
			if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \n") {
				t.Errorf("property path %q", path)
			}
			ch.Bool(path, false)
			ch.Int(path, 0)
		}
	})
}
