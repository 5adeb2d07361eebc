package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestAppSourcesThisMachine reads this machine's own apt sources (copied
// under a test root), which are Debian's, then with a vendor's source
// added as its install guide writes it.
func TestAppSourcesThisMachine(t *testing.T) {
	if _, err := os.Stat(aptSourcesDir); err != nil {
		testenv.Unavailable(t, "not an apt system")
	}
	root := t.TempDir()
	copied := 0
	for _, f := range append([]string{aptSourcesList}, mustGlob(aptSourcesDir+"/*")...) {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		p := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
		copied++
	}
	sys := host.Local()
	sys.FS = os.DirFS(root)
	check := &AppSources{Sys: sys}
	r := check.Run(context.Background())
	if r.Status == monitor.Unknown {
		t.Fatalf("this machine's sources (%d files): %v", copied, r.Evidence)
	}
	t.Logf("this machine: %s %v", r.Status, r.Evidence)
	os.WriteFile(filepath.Join(root, aptSourcesDir, "anydesk-stable.list"), []byte("deb http://deb.anydesk.com/ all main\n"), 0o644)
	r = check.Run(context.Background())
	if r.Status != monitor.Warn || !strings.Contains(fmt.Sprint(r.Finding.Args["Names"]), "deb.anydesk.com") {
		t.Errorf("with AnyDesk's source: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}

func mustGlob(pattern string) []string {
	m, _ := filepath.Glob(pattern)
	return m
}
