package wifi

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mdlayher/genetlink"
	"github.com/mdlayher/netlink"
	mwifi "github.com/mdlayher/wifi"
)

// NL80211 reads Wi-Fi state from the kernel, for systems without
// NetworkManager. Interfaces are decoded by mdlayher/wifi; the scan entry is
// decoded here because mdlayher/wifi's BSS has neither the privacy
// capability bit nor the WPA1 element, which tell WEP, WPA1 and open apart.
type NL80211 struct {
	// Dial opens a generic netlink connection; nil means the kernel's.
	// Tests pass genltest connections.
	Dial func() (*genetlink.Conn, error)
}

func (n *NL80211) dial() (*genetlink.Conn, genetlink.Family, error) {
	dial := n.Dial
	if dial == nil {
		dial = func() (*genetlink.Conn, error) { return genetlink.Dial(nil) }
	}
	c, err := dial()
	if err != nil {
		return nil, genetlink.Family{}, fmt.Errorf("opening generic netlink: %w", err)
	}
	fam, err := c.GetFamily("nl80211")
	if err != nil {
		c.Close()
		if errors.Is(err, os.ErrNotExist) {
			// No cfg80211 in the kernel: no Wi-Fi driver, no Wi-Fi hardware.
			return nil, genetlink.Family{}, fmt.Errorf("%w (the kernel has no nl80211: no Wi-Fi driver is loaded)", ErrNoDevice)
		}
		return nil, genetlink.Family{}, fmt.Errorf("finding nl80211: %w", err)
	}
	return c, fam, nil
}

// Current returns the network a station interface is associated with.
func (n *NL80211) Current(ctx context.Context) (Connection, error) {
	c, fam, err := n.dial()
	if err != nil {
		return Connection{}, err
	}
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		c.SetDeadline(dl)
	} else {
		c.SetDeadline(time.Now().Add(5 * time.Second))
	}
	msgs, err := c.Execute(genetlink.Message{Header: genetlink.Header{Command: nlCmdGetInterface, Version: fam.Version}},
		fam.ID, netlink.Request|netlink.Dump)
	if err != nil {
		return Connection{}, fmt.Errorf("listing Wi-Fi interfaces: %w", err)
	}
	ifis, err := mwifi.ParseInterfaces(msgs)
	if err != nil {
		return Connection{}, fmt.Errorf("decoding Wi-Fi interfaces: %w", err)
	}
	stations := 0
	for _, ifi := range ifis {
		if ifi.Type != mwifi.InterfaceTypeStation || ifi.Index == 0 {
			continue
		}
		stations++
		ae := netlink.NewAttributeEncoder()
		ae.Uint32(nlAttrIfindex, uint32(ifi.Index))
		data, err := ae.Encode()
		if err != nil {
			return Connection{}, err
		}
		msgs, err := c.Execute(genetlink.Message{Header: genetlink.Header{Command: nlCmdGetScan, Version: fam.Version}, Data: data},
			fam.ID, netlink.Request|netlink.Dump)
		if err != nil {
			return Connection{}, fmt.Errorf("reading scan results of %s: %w", ifi.Name, err)
		}
		bsses, err := decodeScan(msgs)
		if err != nil {
			return Connection{}, err
		}
		for _, b := range bsses {
			if b.Status == nlBSSStatusAssociated {
				return bssConnection(ifi.Name, b)
			}
		}
	}
	if stations == 0 {
		return Connection{}, fmt.Errorf("%w (nl80211 lists no Wi-Fi client interface)", ErrNoDevice)
	}
	return Connection{}, ErrNotConnected
}

func native() Native { return &NL80211{} }
