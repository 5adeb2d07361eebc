package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/export"
	"github.com/mamori-project/mamori/internal/policy"
)

// TestPolicyShowSaysWhatIsWrongAroundIt: `policy show` lists a check ID a
// Checks policy names that Mamori does not have, and why the results
// export does not work for this person (here: their file there is not a
// file, as another account may leave it).
func TestPolicyShowSaysWhatIsWrongAroundIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mamori", "policies")
	os.MkdirAll(filepath.Join(dir, "managed"), 0o755)
	out := filepath.Join(t.TempDir(), "textfile")
	os.Mkdir(out, 0o755)
	os.Mkdir(filepath.Join(out, "mamori-1000.prom"), 0o755) // not a file
	os.WriteFile(filepath.Join(dir, "managed", "corp.json"), []byte(`{"Checks": {"wifii": "required"}, "PrometheusTextfileDirectory": "`+out+`"}`), 0o644)
	set := policy.Channel{Read: policy.Files{Dir: dir, Owner: os.Getuid()}.Read}.Set()
	store := config.Store{Path: filepath.Join(t.TempDir(), "settings.json"), Policy: set}
	e := set.Export()
	var stdout, stderr bytes.Buffer
	code := Policy([]string{"show"}, PolicyEnv{Stdout: &stdout, Stderr: &stderr, Set: set, Store: store,
		Checks: []string{"screen-lock", "wifi"},
		Export: export.Status(export.Targets{PrometheusDir: e.PrometheusDir, ResultsDir: e.ResultsDir}, "1000")})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{`"wifii" is not a check Mamori has`, filepath.Join(out, "mamori-1000.prom") + " is there but is not a file"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("no %q in\n%s", want, stdout.String())
		}
	}
}
