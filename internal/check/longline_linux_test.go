package check

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestLongLineHidesNothing puts a line longer than bufio.Scanner's buffer
// (a 70 KB comment; in a deb822 file, 2 MB) before what matters in each
// file a check reads, and the program that reads the file for real shows
// it still sees what follows: glibc's resolver (its lines have no length
// limit: internal_getent grows its buffer on ERANGE), apt (which is asked
// for the URIs it would fetch) and the shell that sources
// /etc/default/ufw. So must the check.
func TestLongLineHidesNothing(t *testing.T) {
	comment := "# " + strings.Repeat("x", 70<<10) + "\n"
	newSys := func(root string) host.System {
		sys := host.Local()
		sys.FS = os.DirFS(root)
		return sys
	}

	t.Run("a redirect in the hosts file", func(t *testing.T) {
		sites, err := catalog.SiteList()
		if err != nil {
			t.Fatal(err)
		}
		root := t.TempDir()
		writeUnder(t, root, "etc/hosts", []byte("127.0.0.1 localhost\n"+comment+"198.51.100.9 trade.rakuten-sec.co.jp\n"))
		r := (&SiteRedirects{Sys: newSys(root), Sites: sites}).Run(context.Background())
		if r.Status != monitor.Critical || !strings.Contains(r.Get("redirected"), "trade.rakuten-sec.co.jp → 198.51.100.9") {
			t.Errorf("a broker after a 70 KB line: %s %v", r.Status, r.Evidence)
		}
	})

	t.Run("an apt source", func(t *testing.T) {
		testenv.Require(t, "apt-get")
		for _, tc := range []struct{ file, text string }{
			{"etc/apt/sources.list", comment + "deb http://deb.anydesk.com/ all main\n"},
			{"etc/apt/sources.list.d/anydesk.sources", "Types: deb\n#" + strings.Repeat("x", 2<<20) + "\nURIs: http://deb.anydesk.com/\nSuites: all\nComponents: main\n"},
		} {
			t.Run(filepath.Base(tc.file), func(t *testing.T) {
				root := t.TempDir()
				writeUnder(t, root, "etc/apt/sources.list", nil)
				writeUnder(t, root, "etc/apt/sources.list.d/.keep", nil)
				writeUnder(t, root, tc.file, []byte(tc.text))
				writeUnder(t, root, "lists/partial/.keep", nil)
				// apt itself, on these files alone: the URIs it would fetch.
				out, err := exec.Command("apt-get", "-o", "Dir::Etc::SourceList="+filepath.Join(root, aptSourcesList),
					"-o", "Dir::Etc::SourceParts="+filepath.Join(root, aptSourcesDir), "-o", "Dir::State::Lists="+filepath.Join(root, "lists"),
					"-o", "Debug::NoLocking=1", "--print-uris", "update").CombinedOutput()
				if err != nil || !strings.Contains(string(out), "http://deb.anydesk.com/dists/all/InRelease") {
					t.Fatalf("apt does not read the source after the long line (%v): %.300s", err, out)
				}
				r := (&AppSources{Sys: newSys(root)}).Run(context.Background())
				if r.Status != monitor.Warn || !strings.Contains(r.Get("third-party"), "deb.anydesk.com") {
					t.Errorf("a source apt reads: %s %v", r.Status, r.Evidence)
				}
			})
		}
	})

	t.Run("ufw's default policy", func(t *testing.T) {
		testenvRequireFiles(t, ufwDefaults)
		defaults, err := os.ReadFile(ufwDefaults)
		if err != nil {
			t.Fatal(err)
		}
		root := t.TempDir()
		writeUnder(t, root, ufwConf[1:], []byte("ENABLED=yes\n"))
		// Debian's file as installed, and at its end a long comment and
		// the input policy set to let everything in.
		file := filepath.Join(root, ufwDefaults)
		writeUnder(t, root, ufwDefaults[1:], []byte(string(defaults)+comment+"DEFAULT_INPUT_POLICY=\"ACCEPT\"\n"))
		// ufw-init sources the file with /bin/sh.
		out, err := exec.Command("sh", "-c", `. "$1" && printf %s "$DEFAULT_INPUT_POLICY"`, "sh", file).Output()
		if err != nil || string(out) != "ACCEPT" {
			t.Fatalf("the shell reads %q (%v)", out, err)
		}
		r := (&Firewall{Sys: newSys(root)}).Run(context.Background())
		if r.Status != monitor.Warn || r.Finding.Key != "finding.firewall.open" {
			t.Errorf("ufw on, letting everything in: %s %v %v", r.Status, r.Finding, r.Evidence)
		}
	})
}
