//go:build !linux

package host

import (
	"context"
	"fmt"

	"github.com/shirou/gopsutil/v4/process"
)

// GopsutilProcesses lists processes through gopsutil, on the systems
// where Mamori has no reader of its own.
type GopsutilProcesses struct{}

var _ ProcessLister = GopsutilProcesses{}

// Processes lists the running processes. A process that exits while it is
// being read is skipped; other users' executables may be unreadable and are
// left empty.
func (GopsutilProcesses) Processes(ctx context.Context) ([]Process, error) {
	ps, err := process.ProcessesWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	out := make([]Process, 0, len(ps))
	for _, p := range ps {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		name, err := p.NameWithContext(ctx)
		if err != nil {
			continue // gone
		}
		exe, _ := p.ExeWithContext(ctx)
		var args0 string
		if args, err := p.CmdlineSliceWithContext(ctx); err == nil && len(args) > 0 {
			args0 = args[0]
		}
		out = append(out, Process{PID: p.Pid, Name: name, Exe: exe, Args0: args0})
	}
	return out, nil
}

// localProcesses is the process list of this system.
func localProcesses() ProcessLister { return GopsutilProcesses{} }
