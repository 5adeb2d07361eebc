package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/policy"
)

// TestSaveUnderManagedChecks: the settings window's save (save: the
// person's edit into their file, then the agent told to reload over IPC)
// with a managed Checks {"wifi": "off"}. The person turns off browsers:
// their file holds browsers alone, the agent runs neither wifi nor
// browsers, and once the policy is lifted (and the agent reloads) wifi
// runs again. A save with nothing changed leaves the file byte for byte.
// (Red team, session 3, finding 2: wifi: off was written into the
// person's file and stayed after the policy was lifted.)
func TestSaveUnderManagedChecks(t *testing.T) {
	dir := t.TempDir()
	policies := filepath.Join(dir, "mamori", "policies")
	managed := filepath.Join(policies, "managed", "corp.json")
	os.MkdirAll(filepath.Dir(managed), 0o755)
	if err := os.WriteFile(managed, []byte(`{"Checks": {"wifi": "off"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	const file = `{"language": "en", "disabled_checks": []}`
	person := filepath.Join(dir, "settings.json")
	os.WriteFile(person, []byte(file), 0o600)
	run := filepath.Join(dir, "run")
	os.Mkdir(run, 0o700)
	addr := filepath.Join(run, "agent.sock")
	store := config.Store{Path: person, Policy: policy.Channel{Read: policy.Files{Dir: policies, Owner: os.Getuid()}.Read}}

	var checks []monitor.Check
	for _, id := range []string{"wifi", "browsers", "firewall"} {
		checks = append(checks, monitor.Func{Def: monitor.Spec{ID: id}, Fn: func(context.Context) monitor.Result {
			return monitor.Result{Status: monitor.OK}
		}})
	}
	a := &agent.Agent{Checks: checks, Settings: store, Getenv: func(string) string { return "" }, Address: addr, Log: logfmt.New(io.Discard)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	off := func() []string { return a.CurrentSettings().DisabledChecks }
	waitFor := func(what string, want []string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !sameSet(off(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the agent turns off %v, want %v", what, off(), want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor("at start", []string{"wifi"})

	// The window opens and is saved unchanged.
	orig, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := save(store, config.Autostart{}, nil, orig, orig, addr); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(person); string(data) != file {
		t.Errorf("a save with no change rewrote the file:\n%s", data)
	}

	// The person turns off browsers.
	edit := orig
	edit.DisabledChecks = append(slices.Clone(orig.DisabledChecks), "browsers")
	if err := save(store, config.Autostart{}, nil, orig, edit, addr); err != nil {
		t.Fatal(err)
	}
	own, _ := config.Store{Path: person}.Load()
	if !slices.Equal(own.DisabledChecks, []string{"browsers"}) {
		data, _ := os.ReadFile(person)
		t.Errorf("the person's file turns off %v, want [browsers]:\n%s", own.DisabledChecks, data)
	}
	waitFor("after the save", []string{"wifi", "browsers"})

	// The organisation lifts the policy; the window is saved again
	// (unchanged), which makes the agent read the settings.
	os.Remove(managed)
	orig, _ = store.Load()
	if err := save(store, config.Autostart{}, nil, orig, orig, addr); err != nil {
		t.Fatal(err)
	}
	waitFor("once the policy is lifted", []string{"browsers"})
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
