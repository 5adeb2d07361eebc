package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/judge"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/watch"
)

// here is an agent whose judge runs in the test's process, a new Judge for
// each event as `mamori-worker judge` would be, over a state directory of
// the test's own: the agent's and the judge's logic together, with checks
// that are functions and the settings and policy where the test puts them.
type here struct {
	*Agent
	last atomic.Pointer[judge.Judge] // the judge of the latest event
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
	// Ended, when set, is called with each Judge once its event is
	// decided, as its process would exit (closing its bus connection).
	Ended func(*judge.Judge)
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
	state := filepath.Join(dir, "state")
	os.Mkdir(run, 0o700)
	if o.Address == "" {
		o.Address = filepath.Join(run, "agent.sock")
	}
	if o.Log == nil {
		o.Log = logfmt.New(io.Discard)
	}
	h := &here{}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	h.Agent = &Agent{
		StateDir: state,
		Address:  o.Address,
		Log:      o.Log,
		Sources:  o.Sources,
		Judge: func(ctx context.Context, event []string, got func(wire.Op)) error {
			j := &judge.Judge{
				App: report.App{Name: "Mamori", Version: "test"}, Checks: o.Checks, Settings: o.Settings,
				Catalog: cat, Getenv: func(string) string { return "" }, Export: o.Export, Log: o.Log,
				PolicyPaths: o.PolicyPaths, PolicyKeys: o.PolicyKeys,
			}
			if o.Judge != nil {
				o.Judge(j)
			}
			h.last.Store(j)
			r, w := io.Pipe()
			j.Out = wire.NewEncoder(w)
			done := make(chan int, 1)
			go func() {
				code := judge.Main(ctx, j, append([]string{"--state", state}, event...))
				if o.Ended != nil {
					o.Ended(j)
				}
				w.Close()
				done <- code
			}()
			err := wire.Read(r, got)
			io.Copy(io.Discard, r)
			if code := <-done; code != 0 {
				return fmt.Errorf("the judge of %v exited %d", event, code)
			}
			return err
		},
	}
	return h
}

// CurrentSettings are the settings the latest event's judge read.
func (h *here) CurrentSettings() config.Settings {
	if j := h.last.Load(); j != nil {
		return j.CurrentSettings()
	}
	return config.Defaults()
}

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

// state is what the judges keep, as the latest one left it.
func (h *here) state(t *testing.T) judge.State {
	t.Helper()
	var st judge.State
	data, err := os.ReadFile(filepath.Join(h.StateDir, "agent.json"))
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return st
}
