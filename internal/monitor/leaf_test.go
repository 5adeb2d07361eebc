package monitor

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestEngineIsALeaf keeps the engine free of the project's other packages
// and of D-Bus, netlink and process libraries: whatever uses results (the
// report, the tray, the window) must not pull them in.
func TestEngineIsALeaf(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		testenv.Unavailable(t, "no go tool to list dependencies with")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, ".") && dep != "github.com/mamori-project/mamori/internal/monitor" {
			t.Errorf("the engine depends on %s", dep)
		}
	}
}
