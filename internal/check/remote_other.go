//go:build !linux

package check

import (
	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// remoteListeners: Windows' listening sockets (GetExtendedTcpTable) and
// macOS's are not read yet; the check says so.
func remoteListeners(host.System, []host.Process, catalog.Remote) ([]listener, bool) {
	return nil, false
}
