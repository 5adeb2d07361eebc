package worker

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Runner runs checks in worker processes: the monitor.Runner of the agent
// and of `mamori check`.
type Runner struct {
	// Program is the absolute path of the worker's program (Program,
	// beside the agent).
	Program string
	// Settings returns the settings the checks read, at each run.
	Settings func() config.Settings
	// Timeout bounds a check whose Spec sets none; zero is the engine's
	// default.
	Timeout time.Duration
	// Log hears of workers that failed; nil discards it.
	Log Logger
}

// Logger is where a Runner says that a worker failed. The agent's
// *logfmt.Logger fits.
type Logger interface {
	Warn(msg string, kv ...any)
}

var _ monitor.Runner = (*Runner)(nil)

// grace is how long past the longest deadline of its checks a worker may
// take to write its results and exit before it is killed. The worker
// itself answers at each check's deadline.
const grace = 3 * time.Second

// RunChecks runs specs in one worker. Should the worker die before every
// check answered (out of memory, a crash), each check without an answer
// runs once more in a worker of its own, so that the one check that
// brought the worker down is the only one that loses its run.
func (r *Runner) RunChecks(ctx context.Context, specs []monitor.Spec, deliver func(monitor.Result)) {
	left, end := r.run(ctx, specs, deliver)
	if end.crashed() && len(left) > 1 && ctx.Err() == nil {
		var wg sync.WaitGroup
		for _, s := range left {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if rest, end := r.run(ctx, []monitor.Spec{s}, deliver); len(rest) > 0 {
					r.failed(ctx, rest, end, deliver)
				}
			}()
		}
		wg.Wait()
		return
	}
	r.failed(ctx, left, end, deliver)
}

// ending is how a worker ended.
type ending struct {
	err      error  // what the run returned: an exit, a kill, a read error
	timedOut bool   // killed at its deadline
	stderr   string // the end of what it wrote to standard error
}

// crashed reports whether the worker died by itself, not at its deadline
// nor because the caller stopped waiting.
func (e ending) crashed() bool { return e.err != nil && !e.timedOut }

// run runs specs in one worker and delivers what it answers. It returns
// the specs that got no answer and how the worker ended.
func (r *Runner) run(ctx context.Context, specs []monitor.Spec, deliver func(monitor.Result)) ([]monitor.Spec, ending) {
	longest := time.Duration(0)
	ids := make([]string, len(specs))
	asked := make(map[string]bool, len(specs))
	for i, s := range specs {
		ids[i], asked[s.ID] = s.ID, true
		longest = max(longest, monitor.Timeout(s, r.Timeout))
	}
	var settings config.Settings
	if r.Settings != nil {
		settings = r.Settings()
	} else {
		settings = config.Defaults()
	}
	req, err := encodeRequest(Request{Checks: ids, Settings: settings})
	if err != nil {
		return specs, ending{err: fmt.Errorf("encoding the request: %w", err)}
	}
	wctx, cancel := context.WithTimeout(ctx, longest+grace)
	defer cancel()
	answered := map[string]bool{}
	stderr, err := command.RunOwn(wctx, r.Program, nil, req, func(out io.Reader) error {
		return readResults(out, func(r monitor.Result) {
			if asked[r.CheckID] && !answered[r.CheckID] {
				answered[r.CheckID] = true
				deliver(r)
			}
		})
	})
	end := ending{err: err, stderr: stderr, timedOut: wctx.Err() != nil && ctx.Err() == nil}
	var left []monitor.Spec
	for _, s := range specs {
		if !answered[s.ID] {
			left = append(left, s)
		}
	}
	if len(left) > 0 && r.Log != nil && ctx.Err() == nil {
		r.Log.Warn("a worker ended before every check answered", "checks", strings.Join(ids, ","), "err", err, "stderr", crashLine(stderr))
	}
	return left, end
}

// failed delivers, for each check that got no answer, why.
func (r *Runner) failed(ctx context.Context, specs []monitor.Spec, end ending, deliver func(monitor.Result)) {
	if ctx.Err() != nil {
		return // nobody is waiting: the engine records nothing
	}
	for _, s := range specs {
		deliver(failure(s, r.Timeout, end))
	}
}

// failure is the result of a check whose worker ended without its answer.
func failure(s monitor.Spec, def time.Duration, end ending) monitor.Result {
	var res monitor.Result
	switch {
	case end.timedOut:
		res = monitor.TimedOut(s.ID, monitor.Timeout(s, def))
	case strings.Contains(end.stderr, "out of memory") || strings.Contains(end.stderr, "cannot allocate memory"):
		res = monitor.UnknownBecause(monitor.T("finding.unknown.memory"), s.ID, "the check ran out of the memory a worker may use: "+crashLine(end.stderr))
	default:
		reason := "the worker ended without an answer"
		if end.err != nil {
			reason += ": " + end.err.Error()
		}
		if why := crashLine(end.stderr); why != "" {
			reason += ": " + why
		}
		res = monitor.UnknownBecause(monitor.T("finding.unknown.crashed"), s.ID, reason)
	}
	res.CheckID = s.ID
	return res
}

// Declare asks a worker, program, for every check's declaration, in
// display order.
func Declare(ctx context.Context, program string) ([]monitor.Spec, error) {
	req, err := encodeRequest(Request{Declare: true, Settings: config.Defaults()})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, monitor.DefaultTimeout)
	defer cancel()
	var specs []monitor.Spec
	stderr, err := command.RunOwn(ctx, program, nil, req, func(out io.Reader) error {
		br := bufio.NewReaderSize(out, 64<<10)
		for {
			data, err := readLine(br)
			if len(data) > 0 {
				var d declaration
				if derr := json.Unmarshal(data, &d); derr != nil {
					return fmt.Errorf("reading a declaration: %w", derr)
				}
				specs = append(specs, monitor.Spec{ID: d.ID, Timeout: d.Timeout, Triggers: d.Triggers, Settle: d.Settle})
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("asking the worker for the checks: %w: %s", err, crashLine(stderr))
	}
	if len(specs) == 0 {
		return nil, errors.New("the worker declared no checks")
	}
	return specs, nil
}

// readResults reads the worker's lines and hands each result to got. A
// line longer than maxLine, or one that is not a result, ends the reading
// with an error: the worker is Mamori's own program, so either is a fault.
func readResults(out io.Reader, got func(monitor.Result)) error {
	br := bufio.NewReaderSize(out, 64<<10)
	for {
		data, err := readLine(br)
		if len(data) > 0 {
			var l line
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			if derr := dec.Decode(&l); derr != nil {
				return fmt.Errorf("reading a result: %w", derr)
			}
			l.Finding.Args = numbers(l.Finding.Args)
			got(monitor.Result{CheckID: l.Check, Status: l.Status, Finding: l.Finding, Advice: l.Advice, Evidence: l.Evidence, Duration: l.Duration, Fixable: l.Fixable, Trust: l.Trust})
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readLine reads one line of at most maxLine bytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := lines.Read(br, maxLine)
	if errors.Is(err, lines.ErrTooLong) {
		return nil, fmt.Errorf("a result longer than %d bytes", maxLine)
	}
	return line, err
}

// numbers gives a message's numbers back the type the check gave them: a
// whole number is an int, as the catalogues' plural rules expect.
func numbers(args map[string]any) map[string]any {
	for k, v := range args {
		if n, ok := v.(json.Number); ok {
			if i, err := n.Int64(); err == nil {
				args[k] = int(i)
			} else if f, err := n.Float64(); err == nil {
				args[k] = f
			} else {
				args[k] = n.String()
			}
		}
	}
	return args
}

// crashLine is the line of a worker's standard error that says why it
// died: Go's runtime writes "fatal error: …", "panic: …" or, for a signal
// in its own code (as when memory runs out under the limit), "SIGSEGV: …"
// before the stacks. Without one, the last line.
func crashLine(stderr string) string {
	lines := strings.FieldsFunc(stderr, func(r rune) bool { return r == '\n' || r == '\r' })
	for _, l := range lines {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "SIG") && strings.Contains(l, ": ") {
			return l
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return lines[len(lines)-1]
}
