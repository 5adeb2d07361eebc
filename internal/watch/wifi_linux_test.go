package watch

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestKernelWiFiEvents plays the kernel's side of nl80211's mlme group
// over a real datagram socket: connect, a scan, roam and disconnect in one
// datagram. Each change of network is told; the scan is not; a socket
// that fails ends the watch with an error.
func TestKernelWiFiEvents(t *testing.T) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	kernel, agent := os.NewFile(uintptr(fds[0]), "kernel"), os.NewFile(uintptr(fds[1]), "agent")
	defer agent.Close()
	for _, d := range [][]byte{
		genlEvents(0x1c, 0x2e),       // connect
		genlEvents(0x1c, 0x22),       // new scan results: changes nothing
		genlEvents(0x1c, 0x2f, 0x30), // roam, disconnect
	} {
		if _, err := kernel.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	defer kernel.Close()
	changes := 0
	if err := mlmeEvents(context.Background(), &failAfter{agent, 3}, func() { changes++ }); err == nil {
		t.Fatal("the watch ended without an error when the socket ended")
	}
	if changes != 3 {
		t.Errorf("%d changes told, want 3 (connect, roam, disconnect; not the scan)", changes)
	}
}

// failAfter is a socket that fails after n datagrams.
type failAfter struct {
	*os.File
	n int
}

func (f *failAfter) Read(b []byte) (int, error) {
	if f.n == 0 {
		return 0, errors.New("socket closed")
	}
	f.n--
	return f.File.Read(b)
}

// TestKernelWiFiEventsEndWithContext: a watch waiting for an event ends
// when its context does.
func TestKernelWiFiEventsEndWithContext(t *testing.T) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	kernel, agent := os.NewFile(uintptr(fds[0]), "kernel"), os.NewFile(uintptr(fds[1]), "agent")
	defer kernel.Close()
	defer agent.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- mlmeEvents(ctx, agent, func() {}) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("the watch ended with %v, want its context's end", err)
	}
}

// TestJoinGroupOnThisKernel asks this machine's kernel, as kernelWiFi
// asks for nl80211's mlme group, for the family every kernel has (the
// controller, nlctrl, and its notify group), and for one it has not.
func TestJoinGroupOnThisKernel(t *testing.T) {
	sock, err := joinGroup("nlctrl", "notify")
	if errors.Is(err, syscall.EAFNOSUPPORT) || errors.Is(err, syscall.EPERM) {
		testenv.Unavailable(t, "no generic netlink here: %v", err)
	}
	if err != nil {
		t.Fatalf("joining nlctrl's notify group: %v", err)
	}
	sock.Close()
	if _, err := joinGroup("nlctrl", "no-such-group"); err == nil {
		t.Error("a group the family lacks was joined")
	}
	if _, err := joinGroup("no-such-family", "mlme"); !errors.Is(err, syscall.ENOENT) {
		t.Errorf("a family the kernel lacks: %v, want ENOENT", err)
	}
}
