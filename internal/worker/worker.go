// Package worker runs checks in a short-lived process of Mamori's own, so
// that the process that keeps watch never parses what others wrote.
//
// The resident agent (and `mamori check`) starts `mamori-worker` for each
// run of the checks a trigger names, writes it a Request on its standard
// input, and reads one JSON line per result from its standard output as
// each check finishes. The worker limits itself before it reads anything
// (memory and CPU time: limits_*.go) and runs the checks with the engine's
// Local runner, each under its deadline; it exits when every check has a
// result, taking with it any check that overran its deadline. A crash, a
// hang or a runaway in a check costs that run of that check, an honest
// unknown with the reason, never the agent and never a later run: each run
// is a new process.
package worker

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Program is the worker's program, beside the agent's (cmd/worker).
const Program = "mamori-worker"

// Request is what the worker is asked to do: the checks to run, and the
// settings they read (trusted networks, the remote-control tools the person
// uses, whether password-files may look inside files).
type Request struct {
	Checks   []string        `json:"checks"`
	Settings config.Settings `json:"settings"`
	// Declare asks for every check's declaration instead of a run: the
	// agent learns from the worker what the checks are, and so never
	// runs (or maps into memory) the checks' own code.
	Declare bool `json:"declare,omitempty"`
}

// declaration is one check's Spec as the worker writes it.
type declaration struct {
	ID       string            `json:"id"`
	Timeout  time.Duration     `json:"timeout_ns,omitempty"`
	Triggers []monitor.Trigger `json:"triggers,omitempty"`
	Settle   time.Duration     `json:"settle_ns,omitempty"`
}

// line is one result as the worker writes it.
type line struct {
	Check    string               `json:"check"`
	Status   monitor.Status       `json:"status"`
	Finding  monitor.Text         `json:"finding"`
	Advice   string               `json:"advice,omitempty"`
	Evidence []monitor.Evidence   `json:"evidence,omitempty"`
	Duration time.Duration        `json:"duration_ns"`
	Fixable  bool                 `json:"fixable,omitempty"`
	Trust    *monitor.WiFiNetwork `json:"trust,omitempty"`
}

// Limits on what crosses between the processes. A request is the checks'
// names and the settings (the file is at most config.MaxSize; encoded
// without HTML escaping a string grows at most sixfold, \u0001 for a
// control byte); a result is bounded by monitor.Result.Bounded well under
// maxLine.
const (
	maxRequest = 6*config.MaxSize + 64<<10
	maxLine    = 1 << 20
)

// maxRun bounds a worker's CPU time: more than any check declares (the
// package manager's checks, 2 minutes) and than the agent lets it run.
const maxRun = 10 * time.Minute

// encodeRequest writes a request as the worker reads it, without the
// HTML escaping (<, > and & as six bytes each) json.Marshal adds.
func encodeRequest(req Request) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(req); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Build makes the checks a worker runs, wired to the real system and to
// the settings in the request, and says of a result whether Mamori can
// offer to fix it here (fix.Offered; nil: never).
type Build func(settings config.Settings) (checks []monitor.Check, fixable func(monitor.Result) bool, err error)

// Log is where the worker says what went wrong: cmd/worker's *slog.Logger
// on its standard error. (An interface, so that the agent, which imports
// this package for the Runner, does not link log/slog.)
type Log interface {
	Error(msg string, kv ...any)
	Warn(msg string, kv ...any)
}

// Serve is the worker: it limits this process, reads the request from in,
// runs the checks it names and writes each result to out as one line as
// soon as it has it; log (its standard error, which the agent reads) hears
// what went wrong. It returns the process's exit code: 0 when every check
// named has a result (whatever the verdicts), 70 when the request could
// not be read or the checks not built.
func Serve(ctx context.Context, in io.Reader, out io.Writer, log Log, build Build) int {
	fail := func(format string, args ...any) int {
		log.Error(fmt.Sprintf(format, args...))
		return 70
	}
	// Limited before it reads anything, the request included. The CPU
	// bound is the longest any run may take; the agent's kill at the
	// longest deadline of the checks it asked for is the tighter one.
	if err := limit(maxRun); err != nil {
		// The deadline still holds: the agent kills a worker that
		// outlives it. Say so for whoever reads the log.
		log.Warn("limiting this process", "err", err)
	}
	data, err := io.ReadAll(io.LimitReader(in, maxRequest+1))
	if err != nil {
		return fail("reading the request: %v", err)
	}
	if len(data) > maxRequest {
		return fail("the request is larger than %d bytes", maxRequest)
	}
	var req Request
	if err := json.Unmarshal(data, &req); err != nil {
		return fail("reading the request: %v", err)
	}
	checks, fixable, err := build(req.Settings)
	if err != nil {
		return fail("building the checks: %v", err)
	}
	if req.Declare {
		for _, c := range checks {
			s := c.Spec()
			b, err := json.Marshal(declaration{ID: s.ID, Timeout: s.Timeout, Triggers: s.Triggers, Settle: s.Settle})
			if err != nil {
				return fail("encoding %s's declaration: %v", s.ID, err)
			}
			if _, err := out.Write(append(b, '\n')); err != nil {
				return fail("writing the declarations: %v", err)
			}
		}
		return 0
	}
	byID := map[string]monitor.Check{}
	for _, c := range checks {
		byID[c.Spec().ID] = c
	}
	var specs []monitor.Spec
	for _, id := range req.Checks {
		if c := byID[id]; c != nil {
			specs = append(specs, c.Spec())
		}
	}
	var mu sync.Mutex
	var werr error
	monitor.NewLocal(checks, 0, 0, log).RunChecks(ctx, specs, func(r monitor.Result) {
		// Bounded here too: a result crosses to the agent in one line
		// of at most maxLine.
		r = r.Bounded()
		if fixable != nil {
			r.Fixable = fixable(r)
		}
		b, err := json.Marshal(line{Check: r.CheckID, Status: r.Status, Finding: r.Finding, Advice: r.Advice, Evidence: r.Evidence, Duration: r.Duration, Fixable: r.Fixable, Trust: r.Trust})
		if err != nil {
			b, _ = json.Marshal(line{Check: r.CheckID, Status: monitor.Unknown, Finding: monitor.T("finding.unknown"),
				Evidence: []monitor.Evidence{{Key: "reason", Value: "encoding the result: " + err.Error()}}})
		}
		mu.Lock()
		defer mu.Unlock()
		if werr == nil {
			_, werr = out.Write(append(b, '\n'))
		}
	})
	if werr != nil {
		return fail("writing the results: %v", werr)
	}
	return 0
}
