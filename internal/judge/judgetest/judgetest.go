// Package judgetest runs the judge in a test's own process: a new Judge
// for each event, as `mamori-worker judge` is a new process, over a state
// directory of the test's, with checks that are functions and the settings
// and policy where the test puts them. Its Judge method is an agent's
// Judge (internal/agent), so a test runs the agent's and the judge's
// logic together.
package judgetest

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
)

// Options are what the judges are given.
type Options struct {
	Checks      []monitor.Check
	Settings    config.Store
	Log         *logfmt.Logger // nil discards it
	Export      func([]monitor.Result)
	PolicyPaths []string
	PolicyKeys  []string
	// Finish, when set, finishes each new Judge (a notification bus).
	Finish func(*judge.Judge)
}

// Judges makes a judge for each event.
type Judges struct {
	// Dir is the state directory.
	Dir  string
	o    Options
	cat  *i18n.Catalog
	last atomic.Pointer[judge.Judge]
}

// New makes the judges of a test, over a state directory in dir.
func New(t testing.TB, dir string, o Options) *Judges {
	t.Helper()
	if o.Log == nil {
		o.Log = logfmt.New(io.Discard)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &Judges{Dir: filepath.Join(dir, "state"), o: o, cat: cat}
}

// Judge decides event in this process and hands each op to got: an
// agent's Judge.
func (h *Judges) Judge(ctx context.Context, event []string, got func(wire.Op)) error {
	o := h.o
	j := &judge.Judge{
		App: report.App{Name: "Mamori", Version: "test"}, Checks: o.Checks, Settings: o.Settings,
		Catalog: h.cat, Getenv: func(string) string { return "" }, Export: o.Export, Log: o.Log,
		PolicyPaths: o.PolicyPaths, PolicyKeys: o.PolicyKeys,
	}
	if o.Finish != nil {
		o.Finish(j)
	}
	h.last.Store(j)
	r, w := io.Pipe()
	j.Out = wire.NewEncoder(w)
	done := make(chan int, 1)
	go func() {
		code := judge.Main(ctx, j, append([]string{"--state", h.Dir}, event...))
		w.Close()
		done <- code
	}()
	err := wire.Read(r, got)
	io.Copy(io.Discard, r)
	if code := <-done; code != 0 {
		return fmt.Errorf("the judge of %v exited %d", event, code)
	}
	return err
}

// CurrentSettings are the settings the latest event's judge read.
func (h *Judges) CurrentSettings() config.Settings {
	if j := h.last.Load(); j != nil {
		return j.CurrentSettings()
	}
	return config.Defaults()
}

// State is what the judges keep, as the latest one left it.
func (h *Judges) State(t testing.TB) judge.State {
	t.Helper()
	var st judge.State
	data, err := os.ReadFile(filepath.Join(h.Dir, "agent.json"))
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return st
}
