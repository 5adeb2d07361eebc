package agent

import (
	"reflect"
	"testing"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
)

// TestOnScreenReadAsWritten: what the agent keeps of the notifications
// on screen is read back whole at the next start, the network's raw name
// with it.
func TestOnScreenReadAsWritten(t *testing.T) {
	want := msg.OnScreen{Bus: "0123abcd", Server: ":1.42", Notes: map[string]msg.Note{
		"wifi":        {ID: 7, Actions: []string{"default", "snooze", "trust"}, Network: &monitor.WiFiNetwork{SSID: []byte{0xff, '"', 0}, Security: "open", BSSID: "02:00:00:00:00:01"}},
		"screen-lock": {ID: 4294967295, Actions: []string{"fix"}},
	}}
	got, err := decodeOnScreen(encodeOnScreen(want))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v %v, want %+v", got, err, want)
	}
	for _, bad := range []string{`{"notes":{"wifi":1}}`, `{"notes":{"wifi":{"id":-1}}}`, `[`, `{"notes":{"wifi":{"network":{"ssid_hex":"zz"}}}}`} {
		if _, err := decodeOnScreen([]byte(bad)); err == nil {
			t.Errorf("%s: read as notifications on screen", bad)
		}
	}
}
