package testenv

import (
	"os/exec"
	"strings"
	"testing"
)

// Deps lists the packages the package in dir links, itself included, as
// `go list -deps` does. Without the go tool it is Unavailable.
func Deps(t testing.TB, dir string) []string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		Unavailable(t, "no go tool to list dependencies with")
	}
	cmd := exec.Command(goTool, "list", "-deps", ".")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps in %s: %v", dir, err)
	}
	return strings.Fields(string(out))
}
