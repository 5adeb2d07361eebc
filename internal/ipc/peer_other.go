//go:build !linux && !windows

package ipc

import "net"

// samePeer relies on the socket's file mode (0600 in a 0700 directory) where
// the peer's credentials cannot be read the Linux way.
func samePeer(net.Conn) bool { return true }
