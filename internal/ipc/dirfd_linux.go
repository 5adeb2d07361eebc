package ipc

import (
	"fmt"
	"os"
	"path/filepath"
)

// maxSocketPath is the longest path a Unix socket address holds on Linux
// (sun_path's 108 bytes, less the terminating NUL).
const maxSocketPath = 107

// socketPath is the path to bind or dial for the socket addr in the open
// directory d: addr itself when it fits a socket address, or else the same
// socket reached through d's descriptor (/proc/self/fd/N/agent.sock, which
// the kernel resolves to d itself, wherever it lies). A deep home directory
// thus keeps the socket where only the user can write, not somewhere
// shorter that others could take first.
func socketPath(d *os.File, addr string) (string, error) {
	if len(addr) <= maxSocketPath {
		return addr, nil
	}
	p := fmt.Sprintf("/proc/self/fd/%d/%s", d.Fd(), filepath.Base(addr))
	if _, err := os.Stat(fmt.Sprintf("/proc/self/fd/%d", d.Fd())); err != nil {
		return "", fmt.Errorf("the socket's path %s is longer than the %d bytes a socket address holds, and /proc is not there to shorten it: %w", addr, maxSocketPath, err)
	}
	return p, nil
}
