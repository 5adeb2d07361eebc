package check

import (
	"io/fs"
	"net/netip"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// remoteListeners reads the TCP sockets listening on a remote-control port
// (/proc/net/tcp and tcp6), each with its process where it is one of the
// user's own (another user's file descriptors cannot be read).
func remoteListeners(sys host.System, procs []host.Process, cat catalog.Remote) ([]listener, bool) {
	inodes := map[string]netip.AddrPort{}
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := sys.ReadFile(file)
		if err != nil {
			continue
		}
		for _, l := range parseProcNetTCP(data) {
			if remotePort(l.addr.Port(), cat.Ports) != "" {
				inodes[l.inode] = l.addr
			}
		}
	}
	var out []listener
	owners := socketOwners(sys, procs, inodes)
	for inode, addr := range inodes {
		l := listener{Addr: addr}
		if p, ok := owners[inode]; ok {
			l.Proc, l.PID = p.Name, p.PID
		}
		out = append(out, l)
	}
	return out, true
}

// socketOwners maps socket inodes to the processes holding them, among
// the processes whose /proc/<pid>/fd can be read.
func socketOwners(sys host.System, procs []host.Process, inodes map[string]netip.AddrPort) map[string]host.Process {
	out := map[string]host.Process{}
	for _, p := range procs {
		dir := "proc/" + strconv.Itoa(int(p.PID)) + "/fd"
		fds, err := fs.ReadDir(sys.FS, dir)
		if err != nil {
			continue
		}
		for _, fd := range fds {
			target, err := fs.ReadLink(sys.FS, dir+"/"+fd.Name())
			if err != nil || !strings.HasPrefix(target, "socket:[") {
				continue
			}
			inode := strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]")
			if _, ok := inodes[inode]; ok {
				out[inode] = p
			}
		}
		if len(out) == len(inodes) {
			break
		}
	}
	return out
}
