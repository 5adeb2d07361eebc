package agent

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/judge"
	"github.com/mamori-project/mamori/internal/judge/judgetest"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/watch"
)

// here is an agent whose judge runs in the test's process
// (internal/judge/judgetest): the agent's and the judge's logic together.
type here struct {
	*Agent
	judges *judgetest.Judges
}

// hereOptions is what a test gives the agent and its judges.
type hereOptions struct {
	Checks      []monitor.Check
	Settings    config.Store
	Log         *logfmt.Logger
	Export      func([]monitor.Result)
	Sources     map[monitor.Source]watch.Func
	PolicyPaths []string
	PolicyKeys  []string
	// Judge, when set, finishes each new Judge (a notification bus).
	Judge func(*judge.Judge)
	// Address is the agent's; "" is a socket in a directory of the
	// test's.
	Address string
}

func newHere(t *testing.T, o hereOptions) *here {
	t.Helper()
	// Not t.TempDir: its removal fails under Wine ("Invalid function"
	// from os.RemoveAll's POSIX deletion); what is left is in the prefix.
	dir, err := os.MkdirTemp("", "mamori-agent-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	run := filepath.Join(dir, "run")
	os.Mkdir(run, 0o700)
	if o.Address == "" {
		o.Address = filepath.Join(run, "agent.sock")
	}
	if o.Log == nil {
		o.Log = logfmt.New(io.Discard)
	}
	judges := judgetest.New(t, dir, judgetest.Options{Checks: o.Checks, Settings: o.Settings, Log: o.Log, Export: o.Export,
		PolicyPaths: o.PolicyPaths, PolicyKeys: o.PolicyKeys, Finish: o.Judge})
	a := &Agent{StateDir: judges.Dir, Address: o.Address, Log: o.Log, Sources: o.Sources, Judge: judges.Judge}
	return &here{Agent: a, judges: judges}
}

// CurrentSettings are the settings the latest event's judge read.
func (h *here) CurrentSettings() config.Settings { return h.judges.CurrentSettings() }

// state is what the judges keep, as the latest one left it.
func (h *here) state(t *testing.T) judge.State { return h.judges.State(t) }

// run runs the agent until the test ends.
func (h *here) run(t *testing.T) <-chan error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		for range done {
		}
	})
	return done
}
