package check

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

var procGetExtendedTcpTable = windows.NewLazySystemDLL("iphlpapi.dll").NewProc("GetExtendedTcpTable")

// remoteListeners reads Windows' listening TCP sockets with their owning
// processes (GetExtendedTcpTable: every user's, without administrator
// rights) and keeps those on a remote-control port, named by the process
// list.
func remoteListeners(_ host.System, procs []host.Process, cat catalog.Remote) ([]listener, bool) {
	names := make(map[int32]string, len(procs))
	for _, p := range procs {
		names[p.PID] = p.Name
	}
	var out []listener
	for _, v6 := range []bool{false, true} {
		all, err := listeningSockets(v6)
		if err != nil {
			return nil, false
		}
		for _, l := range all {
			if remotePort(l.Addr.Port(), cat.Ports) == "" {
				continue
			}
			l.Proc = names[l.PID]
			out = append(out, l)
		}
	}
	return out, true
}

// listeningSockets asks for one address family's table, growing the
// buffer as the call says (sockets may open between the two calls).
func listeningSockets(v6 bool) ([]listener, error) {
	const tcpTableOwnerPIDListener = 3
	family := uintptr(windows.AF_INET)
	if v6 {
		family = windows.AF_INET6
	}
	size := uint32(4096)
	for try := 0; try < 5; try++ {
		buf := make([]byte, size)
		r, _, _ := procGetExtendedTcpTable.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)), 0, family, tcpTableOwnerPIDListener, 0)
		switch windows.Errno(r) {
		case 0:
			return parseTCPTable(buf[:min(int(size), len(buf))], v6)
		case windows.ERROR_INSUFFICIENT_BUFFER:
			continue
		default:
			return nil, fmt.Errorf("GetExtendedTcpTable: %w", windows.Errno(r))
		}
	}
	return nil, fmt.Errorf("GetExtendedTcpTable: the table kept growing")
}
