package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/judge/judgetest"
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

	a := startAgent(t, store, addr)
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

// startAgent runs an agent with three checks that pass, answering at addr,
// its judge in this process; it returns the judges, which say what the
// latest one read.
func startAgent(t *testing.T, store config.Store, addr string) *judgetest.Judges {
	t.Helper()
	var checks []monitor.Check
	for _, id := range []string{"wifi", "browsers", "firewall"} {
		checks = append(checks, monitor.Func{Def: monitor.Spec{ID: id}, Fn: func(context.Context) monitor.Result {
			return monitor.Result{Status: monitor.OK}
		}})
	}
	judges := judgetest.New(t, t.TempDir(), judgetest.Options{Checks: checks, Settings: store})
	a := &agent.Agent{Judge: judges.Judge, StateDir: judges.Dir, Address: addr, Log: logfmt.New(io.Discard)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return judges
}

// TestSaveAfterAPolicyLocksWhatWasEdited: the window opened before a
// managed TrustedNetworks came; the person removed their network and
// changed the interval. The interval is saved and reaches the agent; the
// list is kept as the person's file had it, and save says so
// (config.ErrLocked, which the window words for the person).
func TestSaveAfterAPolicyLocksWhatWasEdited(t *testing.T) {
	dir := t.TempDir()
	policies := filepath.Join(dir, "mamori", "policies")
	os.MkdirAll(filepath.Join(policies, "managed"), 0o755)
	person := filepath.Join(dir, "settings.json")
	os.WriteFile(person, []byte(`{"trusted_networks": [{"ssid": "Home", "security": "wpa3-personal"}]}`), 0o600)
	run := filepath.Join(dir, "run")
	os.Mkdir(run, 0o700)
	addr := filepath.Join(run, "agent.sock")
	store := config.Store{Path: person, Policy: policy.Channel{Read: policy.Files{Dir: policies, Owner: os.Getuid()}.Read}}
	a := startAgent(t, store, addr)

	orig, err := store.Load() // the window opens
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(policies, "managed", "corp.json"), []byte(`{"TrustedNetworks": [{"ssid": "Office", "security": "enterprise"}]}`), 0o644)
	edit := orig
	edit.TrustedNetworks = []config.TrustedNetwork{}
	edit.IntervalMinutes = 30
	err = save(store, config.Autostart{}, nil, orig, edit, addr)
	if !errors.Is(err, config.ErrLocked) {
		t.Errorf("save: %v, want ErrLocked", err)
	}
	own, _ := config.Store{Path: person}.Load()
	if own.IntervalMinutes != 30 || len(own.TrustedNetworks) != 1 || own.TrustedNetworks[0].SSID != "Home" {
		t.Errorf("the person's file: interval %d, trusted %+v", own.IntervalMinutes, own.TrustedNetworks)
	}
	deadline := time.Now().Add(10 * time.Second)
	for st := a.CurrentSettings(); st.IntervalMinutes != 30 || len(st.TrustedNetworks) != 1 || st.TrustedNetworks[0].SSID != "Office"; st = a.CurrentSettings() {
		if time.Now().After(deadline) {
			t.Fatalf("the agent was not told: interval %d, trusted %+v", st.IntervalMinutes, st.TrustedNetworks)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
