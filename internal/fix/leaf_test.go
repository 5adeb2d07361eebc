package fix

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestFixKnowsNoCheck: the checks declare their fixes and import this
// package; this package takes them as handed in (Fixes) and never
// imports the checks, on any system, so that a new check's fix touches
// only the check's own files.
func TestFixKnowsNoCheck(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		testenv.Unavailable(t, "no go tool to list dependencies with")
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		t.Run(goos, func(t *testing.T) {
			cmd := exec.Command(goTool, "list", "-deps", ".")
			cmd.Env = append(os.Environ(), "GOOS="+goos, "CGO_ENABLED=0")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list: %v", err)
			}
			for _, dep := range strings.Fields(string(out)) {
				if strings.HasPrefix(dep, "github.com/mamori-project/mamori/internal/check") {
					t.Errorf("the fix machinery depends on %s", dep)
				}
			}
		})
	}
}
