package monitor

import (
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestEngineIsALeaf keeps the engine free of the project's other packages
// and of D-Bus, netlink and process libraries: whatever uses results (the
// report, the tray, the window) must not pull them in.
func TestEngineIsALeaf(t *testing.T) {
	for _, dep := range testenv.Deps(t, ".") {
		if strings.Contains(dep, ".") && dep != "github.com/mamori-project/mamori/internal/monitor" {
			t.Errorf("the engine depends on %s", dep)
		}
	}
}
