// Package packaging holds the files that install Mamori into a desktop; its
// test keeps them in step with FyneApp.toml.
package packaging

import (
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori"
)

func TestDesktopEntryMatchesApp(t *testing.T) {
	info := mamori.App()
	data, err := os.ReadFile("linux/" + info.ID + ".desktop")
	if err != nil {
		t.Fatalf("the desktop entry must be named after the app ID in FyneApp.toml: %v", err)
	}
	for _, want := range []string{"Name=" + info.Name + "\n", "Icon=" + info.ID + "\n", "StartupWMClass=" + info.Name + "\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("desktop entry lacks %q", strings.TrimSpace(want))
		}
	}
}
