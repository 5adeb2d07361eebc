package watch

import (
	"context"
	"errors"
	"testing"

	"github.com/mdlayher/genetlink"
	"github.com/mdlayher/genetlink/genltest"
	"github.com/mdlayher/netlink"
)

// TestKernelWiFiEvents plays the kernel's side of nl80211's mlme group
// (genltest, as mdlayher's own tests do; it cannot join groups, so the
// events arrive through Receive as they do after JoinGroup on a kernel
// socket): connect, a scan, roam and disconnect. Each change of network
// is told; the scan is not; a socket that fails ends the watch with an
// error.
func TestKernelWiFiEvents(t *testing.T) {
	event := func(cmd uint8) genetlink.Message {
		return genetlink.Message{Header: genetlink.Header{Command: cmd, Version: 1}}
	}
	script := [][]genetlink.Message{
		{event(0x2e)},              // connect
		{event(0x22)},              // new scan results: changes nothing
		{event(0x2f), event(0x30)}, // roam, disconnect
	}
	calls := 0
	conn := genltest.Dial(func(genetlink.Message, netlink.Message) ([]genetlink.Message, error) {
		if calls >= len(script) {
			return nil, errors.New("socket closed")
		}
		calls++
		return script[calls-1], nil
	})
	changes := 0
	if err := mlmeEvents(context.Background(), conn, func() { changes++ }); err == nil {
		t.Fatal("the watch ended without an error when the socket failed")
	}
	if changes != 3 {
		t.Errorf("%d changes told, want 3 (connect, roam, disconnect; not the scan)", changes)
	}
}

func TestMLMEGroup(t *testing.T) {
	if g, err := mlmeGroup(genetlink.Family{Groups: []genetlink.MulticastGroup{{ID: 7, Name: "mlme"}}}); err != nil || g != 7 {
		t.Errorf("mlme group = %d, %v; want 7", g, err)
	}
	if _, err := mlmeGroup(genetlink.Family{Name: "nl80211"}); err == nil {
		t.Error("a family without the mlme group was accepted")
	}
}
