//go:build !linux && !windows

package ipc

import (
	"fmt"
	"os"
)

// maxSocketPath is the longest path a Unix socket address holds on the BSDs
// and macOS (sun_path's 104 bytes, less the terminating NUL).
const maxSocketPath = 103

// socketPath is addr, which must fit a socket address: these systems have
// no /proc/self/fd to reach the directory through, and a shorter place
// elsewhere could be one another account takes first.
func socketPath(d *os.File, addr string) (string, error) {
	if len(addr) > maxSocketPath {
		return "", fmt.Errorf("the socket's path %s is longer than the %d bytes a socket address holds: set XDG_RUNTIME_DIR or XDG_CACHE_HOME to a shorter directory of this user's", addr, maxSocketPath)
	}
	return addr, nil
}
