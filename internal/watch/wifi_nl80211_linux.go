package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// nl80211's commands that change which network an interface is on, as the
// kernel announces them in its "mlme" multicast group (linux/nl80211.h).
var mlmeChanges = map[uint8]bool{
	0x26: true, // NL80211_CMD_ASSOCIATE
	0x27: true, // NL80211_CMD_DEAUTHENTICATE
	0x28: true, // NL80211_CMD_DISASSOCIATE
	0x2e: true, // NL80211_CMD_CONNECT
	0x2f: true, // NL80211_CMD_ROAM
	0x30: true, // NL80211_CMD_DISCONNECT
}

// kernelWiFi calls changed on every connect, disconnect or roam the kernel
// reports, until ctx is done.
func kernelWiFi(ctx context.Context, ready, changed func()) error {
	sock, err := joinGroup("nl80211", "mlme")
	if errors.Is(err, syscall.ENOENT) {
		return errors.New("this computer has no Wi-Fi device (the kernel has no nl80211: no Wi-Fi driver is loaded)")
	}
	if err != nil {
		return err
	}
	defer sock.Close()
	ready()
	return mlmeEvents(ctx, sock, changed)
}

// joinGroup opens a generic netlink socket that receives family's
// multicast group. The socket is non-blocking and on the runtime's
// poller, so a read deadline wakes a read.
func joinGroup(family, group string) (*os.File, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, unix.NETLINK_GENERIC)
	if err != nil {
		return nil, fmt.Errorf("opening generic netlink: %w", err)
	}
	sock := os.NewFile(uintptr(fd), "genetlink")
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		sock.Close()
		return nil, fmt.Errorf("opening generic netlink: %w", err)
	}
	id, err := groupID(sock, family, group)
	if err != nil {
		sock.Close()
		return nil, err
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_ADD_MEMBERSHIP, int(id)); err != nil {
		sock.Close()
		return nil, fmt.Errorf("joining %s %s events: %w", family, group, err)
	}
	return sock, nil
}

// groupID asks the kernel for family's multicast group named group. The
// kernel answers ENOENT for a family it does not have.
func groupID(sock *os.File, family, group string) (uint32, error) {
	if _, err := sock.Write(familyRequest(family, 1)); err != nil {
		return 0, fmt.Errorf("finding %s: %w", family, err)
	}
	sock.SetReadDeadline(time.Now().Add(5 * time.Second))
	defer sock.SetReadDeadline(time.Time{})
	buf := make([]byte, 16<<10)
	n, err := sock.Read(buf)
	if err != nil {
		return 0, fmt.Errorf("finding %s: %w", family, err)
	}
	id, ok, err := familyGroup(buf[:n], group)
	if err != nil {
		return 0, fmt.Errorf("finding %s: %w", family, err)
	}
	if !ok {
		return 0, fmt.Errorf("%s has no %s multicast group", family, group)
	}
	return id, nil
}

// datagrams is a socket read one datagram at a time, with a deadline.
type datagrams interface {
	io.Reader
	SetReadDeadline(time.Time) error
}

// mlmeEvents reads multicast messages from c until ctx is done or the
// socket fails, calling changed for each that can change the network.
func mlmeEvents(ctx context.Context, c datagrams, changed func()) error {
	stop := context.AfterFunc(ctx, func() { c.SetReadDeadline(time.Now()) }) // wakes Read
	defer stop()
	buf := make([]byte, 32<<10) // nl80211's events are small; a scan's results are not sent to this group
	for {
		n, err := c.Read(buf)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return fmt.Errorf("receiving nl80211 events: %w", err)
		}
		msgs, err := genlMessages(buf[:n])
		if err != nil {
			return fmt.Errorf("receiving nl80211 events: %w", err)
		}
		for _, m := range msgs {
			if mlmeChanges[m.cmd] {
				changed()
			}
		}
	}
}
