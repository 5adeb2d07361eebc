package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mdlayher/genetlink"
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
	c, err := genetlink.Dial(nil)
	if err != nil {
		return fmt.Errorf("opening generic netlink: %w", err)
	}
	defer c.Close()
	fam, err := c.GetFamily("nl80211")
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("this computer has no Wi-Fi device (the kernel has no nl80211: no Wi-Fi driver is loaded)")
	}
	if err != nil {
		return fmt.Errorf("finding nl80211: %w", err)
	}
	group, err := mlmeGroup(fam)
	if err != nil {
		return err
	}
	if err := c.JoinGroup(group); err != nil {
		return fmt.Errorf("joining nl80211 mlme events: %w", err)
	}
	ready()
	return mlmeEvents(ctx, c, changed)
}

// mlmeGroup finds the multicast group of connect and disconnect events.
func mlmeGroup(fam genetlink.Family) (uint32, error) {
	for _, g := range fam.Groups {
		if g.Name == "mlme" {
			return g.ID, nil
		}
	}
	return 0, errors.New("nl80211 has no mlme multicast group")
}

// mlmeEvents reads multicast messages from c until ctx is done or the
// socket fails, calling changed for each that can change the network.
func mlmeEvents(ctx context.Context, c *genetlink.Conn, changed func()) error {
	go func() {
		<-ctx.Done()
		c.SetReadDeadline(time.Now()) // wakes Receive
	}()
	for {
		msgs, _, err := c.Receive()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return fmt.Errorf("receiving nl80211 events: %w", err)
		}
		for _, m := range msgs {
			if mlmeChanges[m.Header.Command] {
				changed()
			}
		}
	}
}
