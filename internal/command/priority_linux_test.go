package command

import (
	"context"
	"strings"
	"testing"
)

// TestPackageManagersRunInTheBackground runs a stand-in for apt-get that
// reports its own CPU and IO priority once it has been started, and one for
// gsettings, which must keep the normal priority.
func TestPackageManagersRunInTheBackground(t *testing.T) {
	body := `sleep 0.3; cut -d' ' -f19 /proc/$$/stat; cat /proc/$$/io >/dev/null 2>&1; ionice -p $$ 2>/dev/null || echo no-ionice`
	e := &Exec{Paths: map[Name][]string{AptGet: {script(t, body)}, Gsettings: {script(t, body)}}}
	out, err := e.Run(context.Background(), AptGet)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(out))
	if len(lines) < 2 || lines[0] != "19" {
		t.Errorf("apt-get ran at nice %q, want 19", out)
	}
	if !strings.Contains(string(out), "idle") && !strings.Contains(string(out), "no-ionice") {
		t.Errorf("apt-get's IO class: %q, want idle", out)
	}
	out, err = e.Run(context.Background(), Gsettings)
	if err != nil {
		t.Fatal(err)
	}
	if f := strings.Fields(string(out)); len(f) == 0 || f[0] != "0" {
		t.Errorf("gsettings ran at nice %q, want 0", out)
	}
}
