package check

import (
	"net"
	"os"
	"path/filepath"
	"testing"
)

// writeUnder writes data at rel under root (a test's stand-in for "/"),
// making the folders on the way.
func writeUnder(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// listenTCP listens on addr until the test ends; a port this machine has
// taken skips the test.
func listenTCP(t *testing.T, addr string) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}
