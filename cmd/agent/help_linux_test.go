package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestHelpNamesEveryOption runs the built `mamori --help`: it names
// check's options, --details among them.
func TestHelpNamesEveryOption(t *testing.T) {
	dir := t.TempDir()
	bin, err := testenv.Build(dir, "mamori", "../../cmd/agent")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--help").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"--json", "--lang ja|en", "--details", "--notify-every-change"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("mamori --help does not mention %s:\n%s", want, out)
		}
	}
}
