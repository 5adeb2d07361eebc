package agent

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"sync"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/atomicfile"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/notify/msg"
)

// JudgeProgram is the judge as the program it is: `mamori-worker judge`,
// a new process for each event, in a process group of its own, killed with
// what it started when the event's deadline passes (command.RunOwn).
type JudgeProgram struct {
	// Program is the worker's absolute path.
	Program string
	// StateDir is the judge's state directory.
	StateDir string
	// EveryChange lifts the repeat window and the hourly cap
	// (--notify-every-change, for benchmarks).
	EveryChange bool
	// Silent says that nothing can show a notification in this session:
	// the judge announces nothing, so that nothing counts as told.
	Silent bool
	// Stderr hears the judge's log; nil discards it.
	Stderr io.Writer
}

// Judge runs the judge for event: the Agent's Judge.
func (p JudgeProgram) Judge(ctx context.Context, event []string, got func(wire.Op)) error {
	args := []string{"judge", "--state", p.StateDir}
	if p.EveryChange {
		args = append(args, "--every-change")
	}
	if p.Silent {
		args = append(args, "--silent")
	}
	args = append(args, event...)
	log := &judgeLog{w: p.Stderr, left: maxJudgeLog}
	err := command.RunOwnLogged(ctx, p.Program, args, nil, func(out io.Reader) error { return wire.Read(out, got) }, log)
	log.flush()
	return err
}

// maxJudgeLog caps what one judge may write to the agent's log.
const maxJudgeLog = 1 << 20

// logMu keeps judges' lines whole in the agent's log: judges run side by
// side, and each line must reach it in one piece.
var logMu sync.Mutex

// judgeLog hands a judge's log to the agent's, a whole line at a time.
type judgeLog struct {
	w    io.Writer // nil discards
	buf  []byte
	left int
}

func (l *judgeLog) Write(p []byte) (int, error) {
	n := len(p)
	if l.w == nil || l.left <= 0 {
		return n, nil
	}
	p = p[:min(len(p), l.left)]
	l.left -= len(p)
	l.buf = append(l.buf, p...)
	if i := bytes.LastIndexByte(l.buf, '\n'); i >= 0 {
		logMu.Lock()
		l.w.Write(l.buf[:i+1])
		logMu.Unlock()
		l.buf = append(l.buf[:0], l.buf[i+1:]...)
	}
	return n, nil
}

// flush writes what is left of the last line.
func (l *judgeLog) flush() {
	if l.w != nil && len(l.buf) > 0 {
		logMu.Lock()
		l.w.Write(append(l.buf, '\n'))
		logMu.Unlock()
	}
}

// BusNotes shows the judge's notifications through the session's
// notification server, and hears the person's clicks on them. The agent,
// not the judge, is their sender: the judge's process exits at once, and
// GNOME Shell and Cinnamon close the notifications of a sender that left
// the bus, while dunst sends a click only to the sender.
type BusNotes struct {
	D *msg.DBus
	// Path is where what is on screen is kept across starts (OnScreen):
	// a new start replaces the notification an earlier one left instead
	// of stacking a copy, and Quit withdraws it. "" keeps nothing.
	Path string
	Log  *logfmt.Logger
}

// Listen hands each click on a notification Mamori showed to the judge: the
// client believes only the server it talked to, and only the actions that
// notification offered.
func (b BusNotes) Listen(ctx context.Context, onClick func(event []string)) error {
	return b.D.Listen(ctx, func(inv msg.Invoked) { onClick(invokedEvent(inv)) })
}

// invokedEvent is the judge's event for a click: the check, the action and,
// for Trust this network, the network the notification named (its name in
// hexadecimal: it is raw bytes).
func invokedEvent(inv msg.Invoked) []string {
	event := []string{"invoked", inv.Key, inv.Action}
	if n := inv.Network; n != nil {
		event = append(event, hex.EncodeToString(n.SSID), n.Security, n.BSSID)
	}
	return event
}

// Show shows m, and keeps what is on screen.
func (b BusNotes) Show(ctx context.Context, m msg.Message) error {
	err := b.D.Show(ctx, m)
	b.keep(ctx)
	return err
}

// Withdraw takes away the notification about key, and keeps what is on
// screen.
func (b BusNotes) Withdraw(ctx context.Context, key string) error {
	err := b.D.Withdraw(ctx, key)
	b.keep(ctx)
	return err
}

// Adopt takes over the notifications an earlier start left on screen.
func (b BusNotes) Adopt(ctx context.Context) {
	if b.Path == "" {
		return
	}
	data, err := atomicfile.Read(b.Path, maxOnScreen)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	var o msg.OnScreen
	if err == nil {
		o, err = decodeOnScreen(data)
	}
	if err == nil {
		var n int
		if n, err = b.D.Adopt(ctx, o); n > 0 {
			b.Log.Info("notifications of an earlier start taken over", "count", n)
		}
	}
	if err != nil {
		b.Log.Info("the notifications of an earlier start are not taken over", "err", err)
	}
}

// WithdrawAll closes every notification Mamori shows: the person quit.
func (b BusNotes) WithdrawAll(ctx context.Context) {
	if err := b.D.WithdrawAll(ctx); err != nil {
		b.Log.Warn("withdrawing the notifications", "err", err)
	}
	b.keep(ctx)
}

// maxOnScreen caps the file of what is on screen: a notification per check.
const maxOnScreen = 64 << 10

// keep writes what is on screen, for the next start.
func (b BusNotes) keep(ctx context.Context) {
	if b.Path == "" {
		return
	}
	o, err := b.D.OnScreen(ctx)
	if err != nil {
		return
	}
	err = atomicfile.Write(b.Path, encodeOnScreen(o), 0o600)
	if err != nil {
		b.Log.Warn("keeping which notifications are on screen", "err", err)
	}
}
