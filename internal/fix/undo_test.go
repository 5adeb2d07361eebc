package fix

import (
	"path/filepath"
	"testing"
)

func TestUndosSurviveAndForget(t *testing.T) {
	u := Undos{Path: filepath.Join(t.TempDir(), "undo.json")}
	if _, ok := u.Get("screen-lock"); ok {
		t.Fatal("a plan to undo before any fix")
	}
	plan := Plan{Check: "screen-lock", Changes: []Change{{Schema: "s", Key: "lock-enabled", From: "false", To: "true", Kind: Switch, Text: "fix.lock-enabled"}}}
	if err := u.Keep(plan); err != nil {
		t.Fatal(err)
	}
	// Another window process, later.
	got, ok := Undos{Path: u.Path}.Get("screen-lock")
	if !ok || len(got.Changes) != 1 || got.Changes[0] != plan.Changes[0] {
		t.Fatalf("got %+v %v", got, ok)
	}
	if err := u.Forget("screen-lock"); err != nil {
		t.Fatal(err)
	}
	if _, ok := u.Get("screen-lock"); ok {
		t.Error("a forgotten plan is still offered")
	}
}
