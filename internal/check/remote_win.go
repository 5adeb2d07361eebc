package check

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// The rows of Windows' listening-socket tables (iphlpapi's
// GetExtendedTcpTable, TCP_TABLE_OWNER_PID_LISTENER; tcpmib.h): a count,
// then MIB_TCPROW_OWNER_PID (six DWORDs) or MIB_TCP6ROW_OWNER_PID
// (address, scope, port, remote address, scope, port, state, PID). Ports
// are in network byte order in a DWORD's first two bytes; addresses are
// bytes in network order.
const (
	tcpRowSize  = 24
	tcp6RowSize = 56
)

// parseTCPTable decodes a table GetExtendedTcpTable wrote: each listening
// socket's local address and owning process.
func parseTCPTable(b []byte, v6 bool) ([]listener, error) {
	if len(b) < 4 {
		return nil, fmt.Errorf("TCP table: %d bytes", len(b))
	}
	n := int(binary.LittleEndian.Uint32(b))
	size, first := tcpRowSize, 4
	if v6 {
		size = tcp6RowSize
	}
	if n > (len(b)-first)/size {
		return nil, fmt.Errorf("TCP table: %d rows in %d bytes", n, len(b))
	}
	out := make([]listener, 0, n)
	for i := 0; i < n; i++ {
		row := b[first+i*size : first+(i+1)*size]
		var l listener
		if v6 {
			addr := netip.AddrFrom16([16]byte(row[0:16]))
			l.Addr = netip.AddrPortFrom(addr.Unmap(), binary.BigEndian.Uint16(row[20:22]))
			l.PID = int32(binary.LittleEndian.Uint32(row[52:56]))
		} else {
			l.Addr = netip.AddrPortFrom(netip.AddrFrom4([4]byte(row[4:8])), binary.BigEndian.Uint16(row[8:10]))
			l.PID = int32(binary.LittleEndian.Uint32(row[20:24]))
		}
		out = append(out, l)
	}
	return out, nil
}
