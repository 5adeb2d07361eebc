package check

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestRemoteControlRealProcesses runs real processes and real sockets: a
// program named x11vnc, and this test listening for VNC on the loopback
// (listed, not judged) and on every address (a warning that names this
// process, found through its own /proc/<pid>/fd).
func TestRemoteControlRealProcesses(t *testing.T) {
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	var expected []string
	// A new System each run: one shares its process list within a sweep.
	run := func() monitor.Result {
		check := &RemoteControl{Sys: host.Local(), Catalog: cat, Expected: func() []string { return expected }}
		return check.Run(context.Background())
	}
	if r := run(); r.Status != monitor.OK {
		testenv.Unavailable(t, "this machine already runs a remote-control tool or listens on its ports: %v", r.Evidence)
	}
	lo := listenTCP(t, "127.0.0.1:5907")
	r := run()
	if r.Status != monitor.OK || !strings.Contains(r.Get("listening-locally"), fmt.Sprintf("VNC on %s", lo.Addr())) {
		t.Errorf("VNC on the loopback: %s %v", r.Status, r.Evidence)
	}
	any := listenTCP(t, ":5908") // every address, IPv4 and IPv6
	r = run()
	if r.Status != monitor.Warn || r.Finding.Key != "finding.remote-control.listening" || !strings.Contains(r.Get("listening"), ":5908") || !strings.Contains(r.Get("listening"), "pid") {
		t.Errorf("VNC on every address: %s %v", r.Status, r.Evidence)
	}
	any.Close()

	startNamed(t, t.TempDir(), "x11vnc")
	r = run()
	if r.Status != monitor.Warn || r.Finding.Key != "finding.remote-control.running" || !strings.Contains(r.Get("running"), "x11vnc") {
		t.Errorf("x11vnc running: %s %v", r.Status, r.Evidence)
	}
	expected = []string{"x11vnc"}
	if r := run(); r.Status != monitor.OK || !strings.Contains(r.Get("expected"), "x11vnc") {
		t.Errorf("x11vnc, expected: %s %v", r.Status, r.Evidence)
	}
}

// TestRemoteToolNamedWithCapitals runs real programs (copies of sleep)
// under catalogued names written with other capitals, and listens on
// AnyDesk's port on the loopback: each is recognised, and the finding
// never says nothing listens while its evidence names a listener.
func TestRemoteToolNamedWithCapitals(t *testing.T) {
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	run := func() monitor.Result {
		return (&RemoteControl{Sys: host.Local(), Catalog: cat}).Run(context.Background())
	}
	if r := run(); r.Status != monitor.OK {
		testenv.Unavailable(t, "this machine already runs a remote-control tool or listens on its ports: %v", r.Evidence)
	}
	listenTCP(t, "127.0.0.1:7070")
	if r := run(); r.Get("listening-locally") == "" || r.Finding.Key == "finding.remote-control.ok" {
		t.Errorf("a listener on the loopback: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	for _, name := range []string{"AnyDesk", "srstreamer"} { // catalogue: anydesk, SRStreamer
		t.Run(name, func(t *testing.T) {
			cmd, _ := startNamed(t, t.TempDir(), name)
			r := run()
			if r.Status != monitor.Warn || r.Finding.Key != "finding.remote-control.running" || !strings.Contains(r.Get("running"), fmt.Sprintf("%s, pid %d", name, cmd.Process.Pid)) {
				t.Errorf("%s running: %s %v %v", name, r.Status, r.Finding, r.Evidence)
			}
		})
	}
}
