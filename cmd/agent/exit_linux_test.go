package main

import (
	"errors"
	"os/exec"
	"testing"

	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestRuntimeFailureIsNoVerdict runs the built `mamori check` under a real
// address-space limit too small for Go's runtime (prlimit --as): the
// runtime fails with its own exit status, which must not read as any
// verdict (it was 2, "critical").
func TestRuntimeFailureIsNoVerdict(t *testing.T) {
	testenv.Require(t, "prlimit")
	prlimit, _ := exec.LookPath("prlimit")
	dir := t.TempDir()
	bin, err := testenv.Build(dir, "mamori", "../../cmd/agent") // with its worker beside it
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []string{"50000000", "100000000", "200000000"} {
		t.Run(limit, func(t *testing.T) {
			cmd := exec.Command(prlimit, "--as="+limit, "--", bin, "check", "--json")
			cmd.Env = []string{"HOME=" + dir, "PATH=/usr/bin:/bin", "LANG=C.UTF-8"}
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("mamori check under an address-space limit of %s: %v\n%s", limit, err, out)
			}
			code := ee.ExitCode()
			t.Logf("exit %d: %.60q", code, out)
			if s, ok := report.Verdict(code); ok {
				t.Errorf("the runtime's failure (exit %d) reads as the verdict %q:\n%.400s", code, s, out)
			}
		})
	}
}
