package check

import (
	"context"
	"encoding/hex"
	"fmt"
	"net/netip"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// RemoteControl checks for remote-desktop and remote-support tools running
// or listening (ADVICE topics 24 and 5): support scammers talk people into
// installing one, and then move the money themselves.
type RemoteControl struct {
	Sys     host.System
	Catalog catalog.Remote
	// Expected returns the tools the person uses on purpose (settings).
	Expected func() []string
}

// Spec: "remote-control". Processes and sockets announce nothing: the
// interval and Check now re-run it.
func (*RemoteControl) Spec() monitor.Spec { return monitor.Spec{ID: "remote-control"} }

// listener is a TCP socket listening on a remote-control port.
type listener struct {
	Addr netip.AddrPort
	// Proc is the listening process's name, "" when it belongs to another
	// user (whose file descriptors cannot be read).
	Proc string
	PID  int32
}

// remoteFacts is what the readers found.
type remoteFacts struct {
	Scanned   int
	Procs     []host.Process
	Listeners []listener
	// ListenersRead: the listening sockets were looked at (Linux).
	ListenersRead bool
	// Windows: the names to match are Windows' program names.
	Windows bool
}

// readRemote lists the processes, and the sockets listening on a
// remote-control port where the system lets them be read.
func readRemote(ctx context.Context, sys host.System, cat catalog.Remote) (remoteFacts, error) {
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return remoteFacts{}, err
	}
	f := remoteFacts{Scanned: len(procs), Procs: procs, Windows: runtime.GOOS == "windows"}
	f.Listeners, f.ListenersRead = remoteListeners(sys, procs, cat)
	return f, nil
}

// Run lists the processes and the listening sockets.
func (c *RemoteControl) Run(ctx context.Context) monitor.Result {
	f, err := readRemote(ctx, c.Sys, c.Catalog)
	if err != nil {
		return unknown("remote-control", err)
	}
	var expected []string
	if c.Expected != nil {
		expected = c.Expected()
	}
	return judgeRemote(f, c.Catalog, expected)
}

// matchTool returns the catalogue's tool a process is, or nil.
func matchTool(p host.Process, tools []catalog.RemoteTool, windows bool) *catalog.RemoteTool {
	for i, t := range tools {
		names := t.Procs
		if windows {
			names = t.Windows
		}
		for _, n := range names {
			if procNamed(p, n, windows) {
				return &tools[i]
			}
		}
	}
	return nil
}

// procNamed reports whether a process is the program a catalogue names.
// Names are compared without case on every system: Windows and macOS file
// systems ignore case, so "AnyDesk.exe" is anydesk.exe; on Linux a file
// named "AnyDesk" is another file than "anydesk", but a catalogue names
// programs, not files, and a copy of AnyDesk saved as "AnyDesk" is still
// AnyDesk (no other program is plausibly named a catalogued one in other
// capitals, and whoever wants to hide one renames it anyway). Linux keeps
// 15 bytes of a process name: a longer name matches on that prefix.
// (The antivirus check stays exact: there a name is a claim of
// protection, and only the product's own file is believed.)
func procNamed(p host.Process, n string, windows bool) bool {
	if windows {
		exe := path.Base(strings.ReplaceAll(p.Exe, `\`, "/"))
		return strings.EqualFold(exe, n) || strings.EqualFold(p.Name, n)
	}
	return strings.EqualFold(p.Name, n) || len(n) > 15 && strings.EqualFold(p.Name, n[:15]) ||
		p.Exe != "" && strings.EqualFold(path.Base(p.Exe), n)
}

// remotePort names what a port is for, or "".
func remotePort(port uint16, ports []catalog.RemotePorts) string {
	for _, p := range ports {
		last := p.Last
		if last == 0 {
			last = p.Port
		}
		if int(port) >= p.Port && int(port) <= last {
			return p.What
		}
	}
	return ""
}

// judgeRemote: a tool running that the person has not marked as expected,
// or anything listening for remote-control connections from the network,
// is a warning. Listening on the machine itself only (a tunnel's end) is
// listed, not judged.
func judgeRemote(f remoteFacts, cat catalog.Remote, expected []string) monitor.Result {
	if f.Scanned == 0 {
		return monitor.Unknownf("remote-control", "process list: empty")
	}
	r := monitor.Result{Status: monitor.OK, Advice: "remote-control", Finding: monitor.T("finding.remote-control.ok")}
	if !f.ListenersRead {
		r.Finding = monitor.T("finding.remote-control.ok-running")
	}
	r.Add("processes-scanned", f.Scanned)
	var running, expectedRunning, runningJa, expectedJa []string
	seen := map[string]bool{}
	for _, p := range f.Procs {
		t := matchTool(p, cat.Tools, f.Windows)
		if t == nil {
			continue
		}
		line := fmt.Sprintf("%s (%s, pid %d)", t.Name, monitor.Cut(p.Name, 40), p.PID)
		if slices.Contains(expected, t.ID) {
			r.Add("expected", line)
			if !slices.Contains(expectedRunning, t.Name) {
				expectedRunning = append(expectedRunning, t.Name)
				expectedJa = append(expectedJa, t.DisplayName("ja"))
			}
			continue
		}
		r.Add("running", line)
		if !seen[t.ID] {
			seen[t.ID] = true
			running = append(running, t.Name)
			runningJa = append(runningJa, t.DisplayName("ja"))
		}
	}
	var open, local []string
	for _, l := range f.Listeners {
		what := remotePort(l.Addr.Port(), cat.Ports)
		if what == "" {
			continue
		}
		// Linux names only the person's own processes' sockets; Windows
		// names every owner, but Wine reports none (PID 0, which on
		// Windows owns no socket).
		owner := "another user's process"
		switch {
		case l.Proc == "" && l.PID != 0:
			owner = fmt.Sprintf("pid %d", l.PID)
		case l.Proc == "" && f.Windows:
			owner = "owner unknown"
		}
		if l.Proc != "" {
			owner = fmt.Sprintf("%s, pid %d", monitor.Cut(l.Proc, 40), l.PID)
			if t := matchTool(host.Process{Name: l.Proc}, cat.Tools, f.Windows); t != nil && slices.Contains(expected, t.ID) {
				r.Add("expected", fmt.Sprintf("%s listening on %s", t.Name, l.Addr))
				if !slices.Contains(expectedRunning, t.Name) {
					expectedRunning = append(expectedRunning, t.Name)
					expectedJa = append(expectedJa, t.DisplayName("ja"))
				}
				continue
			}
		}
		line := fmt.Sprintf("%s on %s (%s)", what, l.Addr, owner)
		if l.Addr.Addr().IsLoopback() {
			r.Add("listening-locally", line)
			local = append(local, fmt.Sprintf("%s (%d)", what, l.Addr.Port()))
			continue
		}
		r.Add("listening", line)
		open = append(open, fmt.Sprintf("%s (%d)", what, l.Addr.Port()))
	}
	switch {
	case len(running) > 0:
		r.Status = monitor.Warn
		// Names@ja: the names a Japanese system shows (i18n: an argument
		// written for the printer's language stands in for its own).
		r.Finding = monitor.T("finding.remote-control.running", "Names", running, "Names@ja", runningJa, "Count", len(running))
	case len(open) > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.remote-control.listening", "Ports", open, "Count", len(open))
	// OK from here on; the finding says no more than the evidence allows:
	// not "nothing listening" beside a listener it lists, not "nothing
	// running" beside a tool the person expects.
	case len(local) > 0:
		r.Finding = monitor.T("finding.remote-control.ok-local", "Ports", local, "Count", len(local))
	case len(expectedRunning) > 0:
		r.Finding = monitor.T("finding.remote-control.ok-expected", "Names", expectedRunning, "Names@ja", expectedJa, "Count", len(expectedRunning))
	}
	return r
}

type procListener struct {
	addr  netip.AddrPort
	inode string
}

// parseProcNetTCP reads the listening sockets of /proc/net/tcp or tcp6:
// "sl local_address rem_address st … inode", the address as hex in the
// kernel's byte order (each 32-bit word little-endian), state 0A LISTEN.
func parseProcNetTCP(data []byte) []procListener {
	var out []procListener
	for line := range lines.All(data) {
		f := strings.Fields(line)
		if len(f) < 10 || f[3] != "0A" {
			continue
		}
		ipHex, portHex, ok := strings.Cut(f[1], ":")
		if !ok {
			continue
		}
		raw, err := hex.DecodeString(ipHex)
		if err != nil || (len(raw) != 4 && len(raw) != 16) {
			continue
		}
		for i := 0; i+4 <= len(raw); i += 4 {
			raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
		}
		port, err := strconv.ParseUint(portHex, 16, 16)
		if err != nil {
			continue
		}
		addr, _ := netip.AddrFromSlice(raw)
		out = append(out, procListener{addr: netip.AddrPortFrom(addr.Unmap(), uint16(port)), inode: f[9]})
	}
	return out
}
