// Package wire is what the judge tells the resident agent: one JSON line
// per Op on the judge's standard output. The judge (internal/judge, run as
// `mamori-worker judge`) decides, words and remembers; the agent
// (internal/agent) only keeps watch and does what the ops say: it shows a
// tray state, opens a window, runs checks, tells the status windows that
// there is news. Nothing here is for people to read.
package wire

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
	"github.com/mamori-project/mamori/internal/tray"
)

// Op is one thing the judge asks of the agent. Any number of its fields may
// be set; the agent does them in the order they are declared.
type Op struct {
	// Seq orders the judges' tray states and status documents: judges run
	// side by side, and the agent shows none older than one it showed.
	Seq uint64 `json:"seq,omitempty"`
	// Plan is the checks as the settings and the organisation's policy
	// have them now: at the start, and whenever they changed.
	Plan *Plan `json:"plan,omitempty"`
	// Tray is what the tray icon shows now.
	Tray *tray.State `json:"tray,omitempty"`
	// Publish says the status document (StatusFile) was written anew:
	// the status windows following the results read it.
	Publish bool `json:"publish,omitempty"`
	// Answered are the checks of this run that have their result now.
	Answered []string `json:"answered,omitempty"`
	// Run asks for these checks to run soon, every check when RunAll.
	Run    []string `json:"run,omitempty"`
	RunAll bool     `json:"run_all,omitempty"`
	// RunNow asks for every check at once, without gathering events: the
	// person clicked Check now.
	RunNow bool `json:"run_now,omitempty"`
	// Open opens a window, or brings the status window to the front.
	Open *Open `json:"open,omitempty"`
	// Show and Withdraw are notifications the agent itself shows (the tray
	// icon's balloon on Windows); where a notification server runs, the
	// judge talks to it itself.
	Show     *msg.Message `json:"show,omitempty"`
	Withdraw string       `json:"withdraw,omitempty"`
	// Again asks the agent to call the judge's "redraw" then: a snooze
	// ends, and the menu must stop saying it lasts.
	Again time.Time `json:"again,omitzero"`
	// Warning is what in the settings could not be used, for a reload.
	Warning string `json:"warning,omitempty"`
}

// Open names a window: "status", "fix" (the status window asking to fix
// Check), "settings" or "welcome".
type Open struct {
	Which string `json:"which"`
	Check string `json:"check,omitempty"`
}

// Plan is what the agent schedules and watches.
type Plan struct {
	// Checks are every check Mamori has, for their triggers; Enabled are
	// those that run, with Interval between runs.
	Checks   []monitor.Spec `json:"checks"`
	Enabled  []string       `json:"enabled"`
	Interval time.Duration  `json:"interval"`
	// PolicyPaths and PolicyKeys are the organisation's policy files and
	// registry keys: a change of one asks the judge whether the policy
	// changed.
	PolicyPaths []string `json:"policy_paths,omitempty"`
	PolicyKeys  []string `json:"policy_keys,omitempty"`
	// Lang is the language of the windows the agent opens ("en", "ja").
	Lang string `json:"lang"`
	// WindowEnv is the environment the windows start with beyond the
	// agent's own (the locale Fyne reads before a window's main runs).
	WindowEnv []string `json:"window_env,omitempty"`
}

// MaxOp bounds one line: a tray state and a plan are a few kilobytes.
const MaxOp = 1 << 20

// StateDir is where the judge keeps what it keeps between events:
// $XDG_STATE_HOME/mamori, or ~/.local/state/mamori (a relative
// XDG_STATE_HOME is ignored, as the XDG base directory specification says);
// %LOCALAPPDATA%\mamori on Windows; the user's configuration directory on
// macOS.
func StateDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LOCALAPPDATA"); filepath.IsAbs(d) {
			return filepath.Join(d, "mamori"), nil
		}
		return "", errors.New("finding the state directory: LOCALAPPDATA is not set")
	case "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("finding the state directory: %w", err)
		}
		return filepath.Join(d, "mamori"), nil
	}
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "mamori"), nil
	}
	if home := getenv("HOME"); filepath.IsAbs(home) {
		return filepath.Join(home, ".local", "state", "mamori"), nil
	}
	return "", errors.New("finding the state directory: neither XDG_STATE_HOME nor HOME is set")
}

// StatusFile is where the judge keeps the status document, in the state
// directory: the agent hands it to the status windows as it is.
func StatusFile(stateDir string) string { return filepath.Join(stateDir, "status.json") }

// Encoder writes ops.
type Encoder struct{ enc *json.Encoder }

// NewEncoder writes ops to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{json.NewEncoder(w)} }

// Send writes one op.
func (e *Encoder) Send(op Op) error { return e.enc.Encode(op) }

// Read calls got with each op read from r, until r ends; a line that is
// not an op ends the reading with an error.
func Read(r io.Reader, got func(Op)) error {
	br := bufio.NewReaderSize(r, 4096)
	for {
		line, err := lines.Read(br, MaxOp)
		if len(line) > 0 {
			op, derr := decode(line)
			if derr != nil {
				return fmt.Errorf("reading the judge's answer: %w", derr)
			}
			got(op)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
