package host

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// ProcFS lists processes from /proc, reading for each only what the checks
// use: its name (comm), the target of its exe link, and, only where that
// link cannot be read (another user's process), the first word of its
// command line. A general process library reads and parses several files
// per process; at 5,000 processes that cost the antivirus check most of a
// second.
type ProcFS struct {
	// Root is the proc file system; "" means /proc.
	Root string
}

var _ ProcessLister = ProcFS{}

// localProcesses is the process list of this system.
func localProcesses() ProcessLister { return ProcFS{} }

// Processes lists the running processes. A process that exits while it is
// being read is skipped; other users' executables cannot be read and are
// left empty.
func (p ProcFS) Processes(ctx context.Context) ([]Process, error) {
	root := p.Root
	if root == "" {
		root = "/proc"
	}
	d, err := os.Open(root)
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	names, err := d.Readdirnames(-1)
	d.Close()
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	out := make([]Process, 0, len(names))
	buf := make([]byte, 4096)
	link := make([]byte, unix.PathMax)
	for i, name := range names {
		pid, err := strconv.ParseInt(name, 10, 32)
		if err != nil || pid <= 0 {
			continue // not a process
		}
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		dir := root + "/" + name + "/"
		comm, ok := readSmall(dir+"comm", buf)
		if !ok {
			continue // gone
		}
		proc := Process{PID: int32(pid), Name: string(bytes.TrimSuffix(comm, []byte("\n")))}
		if n, err := unix.Readlink(dir+"exe", link); err == nil {
			proc.Exe = string(link[:n])
		} else if cmdline, ok := readSmall(dir+"cmdline", buf); ok {
			if i := bytes.IndexByte(cmdline, 0); i >= 0 {
				cmdline = cmdline[:i]
			}
			proc.Args0 = string(cmdline)
		}
		out = append(out, proc)
	}
	return out, nil
}

// readSmall reads the start of a small /proc file into buf, with no
// allocation of its own.
func readSmall(path string, buf []byte) ([]byte, bool) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	for {
		n, err := unix.Read(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, false
		}
		return buf[:n], true
	}
}
