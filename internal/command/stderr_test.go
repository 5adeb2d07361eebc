//go:build !windows

package command

import (
	"context"
	"testing"
)

// sysadminctl logs its answer on standard error: Run hands it on after
// standard output; another program's standard error stays out.
func TestAnswerOnStderr(t *testing.T) {
	body := "echo out; echo '2024-03-01 10:15:42.123 sysadminctl[812:12345] screenLock delay is immediate' >&2"
	e := &Exec{Paths: map[Name][]string{Sysadminctl: {script(t, body)}, "prog": {script(t, body)}}}
	out, err := e.Run(context.Background(), Sysadminctl, "-screenLock", "status")
	if want := "out\n2024-03-01 10:15:42.123 sysadminctl[812:12345] screenLock delay is immediate\n"; err != nil || string(out) != want {
		t.Errorf("sysadminctl: %q, %v; want %q", out, err, want)
	}
	out, err = e.Run(context.Background(), "prog")
	if err != nil || string(out) != "out\n" {
		t.Errorf("another program: %q, %v; want only its standard output", out, err)
	}
}
