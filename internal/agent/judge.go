package agent

import (
	"context"
	"errors"
	"io"
	"strconv"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/command"
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
	// Stderr hears the judge's log; nil discards it.
	Stderr io.Writer
}

// Judge runs the judge for event: the Agent's Judge.
func (p JudgeProgram) Judge(ctx context.Context, event []string, got func(wire.Op)) error {
	args := []string{"judge", "--state", p.StateDir}
	if p.EveryChange {
		args = append(args, "--every-change")
	}
	args = append(args, event...)
	stderr, err := command.RunOwn(ctx, p.Program, args, nil, func(out io.Reader) error { return wire.Read(out, got) })
	if stderr != "" && p.Stderr != nil {
		io.WriteString(p.Stderr, stderr)
	}
	return err
}

// BusNotes hears the clicks on notifications the judge showed through the
// session's notification server; the agent itself shows none there.
type BusNotes struct{ Conn *dbus.Conn }

// Listen hands each click to the judge, which believes only those on a
// notification it showed.
func (b BusNotes) Listen(ctx context.Context, onClick func(event []string)) error {
	return msg.Clicks(ctx, b.Conn, func(c msg.Click) {
		onClick([]string{"click", c.Server, strconv.FormatUint(uint64(c.ID), 10), c.Action})
	})
}

// Show is never asked of BusNotes: the judge talks to the server.
func (BusNotes) Show(context.Context, msg.Message) error { return errNotHere }

// Withdraw is never asked of BusNotes: the judge talks to the server.
func (BusNotes) Withdraw(context.Context, string) error { return errNotHere }

var errNotHere = errors.New("the judge shows notifications through the session's server")
