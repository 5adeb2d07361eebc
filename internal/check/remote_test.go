package check

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func TestJudgeRemote(t *testing.T) {
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	bash := host.Process{PID: 1, Name: "bash", Exe: "/usr/bin/bash"}
	anydesk := host.Process{PID: 7, Name: "anydesk", Exe: "/usr/bin/anydesk"}
	// The kernel keeps 15 bytes of a name.
	crd := host.Process{PID: 8, Name: "chrome-remote-d"}
	vnc := netip.MustParseAddrPort("0.0.0.0:5900")
	local := netip.MustParseAddrPort("127.0.0.1:5901")
	for _, tt := range []struct {
		name     string
		f        remoteFacts
		expected []string
		want     monitor.Status
		finding  string
	}{
		{"nothing listed", remoteFacts{}, nil, monitor.Unknown, "finding.unknown"},
		{"no tool", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{bash}}, nil, monitor.OK, "finding.remote-control.ok"},
		{"AnyDesk", remoteFacts{ListenersRead: true, Scanned: 2, Procs: []host.Process{bash, anydesk}}, nil, monitor.Warn, "finding.remote-control.running"},
		{"AnyDesk, expected", remoteFacts{ListenersRead: true, Scanned: 2, Procs: []host.Process{bash, anydesk}}, []string{"anydesk"}, monitor.OK, "finding.remote-control.ok-expected"},
		{"a truncated name", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{crd}}, nil, monitor.Warn, "finding.remote-control.running"},
		{"VNC from the network", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{bash}, Listeners: []listener{{Addr: vnc}}}, nil, monitor.Warn, "finding.remote-control.listening"},
		{"VNC on the machine only", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{bash}, Listeners: []listener{{Addr: local, Proc: "ssh", PID: 9}}}, nil, monitor.OK, "finding.remote-control.ok-local"},
		{"an expected tool's port", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{bash}, Listeners: []listener{{Addr: vnc, Proc: "x11vnc", PID: 3}}}, []string{"x11vnc"}, monitor.OK, "finding.remote-control.ok-expected"},
		{"a name in other capitals", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{{PID: 6, Name: "AnyDesk"}}}, nil, monitor.Warn, "finding.remote-control.running"},
		{"a catalogued capital name in lower case", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{{PID: 6, Name: "zohours", Exe: "/opt/zoho/zohours"}}}, nil, monitor.Warn, "finding.remote-control.running"},
		{"Windows: a program in other capitals", remoteFacts{Windows: true, Scanned: 1, Procs: []host.Process{{PID: 4, Exe: `C:\Users\taro\Downloads\AnyDesk.EXE`}}}, nil, monitor.Warn, "finding.remote-control.running"},
		{"Windows: TeamViewer's service", remoteFacts{Windows: true, Scanned: 1, Procs: []host.Process{{PID: 4, Name: "TeamViewer_Service.exe", Exe: `C:\Program Files\TeamViewer\TeamViewer_Service.exe`}}}, nil, monitor.Warn, "finding.remote-control.running"},
		{"Windows: nothing running, sockets not read", remoteFacts{Windows: true, Scanned: 1, Procs: []host.Process{{PID: 1, Name: "explorer.exe"}}}, nil, monitor.OK, "finding.remote-control.ok-running"},
		{"Windows: Quick Assist", remoteFacts{Windows: true, Scanned: 1, Procs: []host.Process{{PID: 5, Name: "QuickAssist.exe"}}}, nil, monitor.Warn, "finding.remote-control.running"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeRemote(tt.f, cat, tt.expected)
			if r.Status != tt.want || r.Finding.Key != tt.finding {
				t.Errorf("got %s %s %v", r.Status, r.Finding.Key, r.Evidence)
			}
			// "Nothing running or listening" never stands beside evidence
			// of a tool or a listener.
			for _, k := range []string{"running", "expected", "listening", "listening-locally"} {
				if r.Finding.Key == "finding.remote-control.ok" && r.Get(k) != "" {
					t.Errorf("finding %s with %s: %s", r.Finding.Key, k, r.Get(k))
				}
			}
		})
	}
}

// /proc/net/tcp and tcp6 as Linux writes them: VNC on every address, RDP
// on the loopback, an established connection (not listening), IPv6 VNC.
func TestParseProcNetTCP(t *testing.T) {
	tcp := []byte(`  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:170C 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41234 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0D3D 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41235 1 0000000000000000 100 0 0 10 0
   2: 0F02000A:A4B2 22D8B85D:01BB 01 00000000:00000000 02:000A7A4D 00000000  1000        0 41236 2 0000000000000000 20 4 30 10 -1
`)
	got := parseProcNetTCP(tcp)
	if len(got) != 2 || got[0].addr.String() != "0.0.0.0:5900" || got[0].inode != "41234" || got[1].addr.String() != "127.0.0.1:3389" {
		t.Errorf("tcp: %+v", got)
	}
	tcp6 := []byte(`  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:170D 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:170E 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51235 1 0000000000000000 100 0 0 10 0
`)
	got = parseProcNetTCP(tcp6)
	if len(got) != 2 || got[0].addr.String() != "[::]:5901" || got[1].addr.String() != "[::1]:5902" || !got[1].addr.Addr().IsLoopback() {
		t.Errorf("tcp6: %+v", got)
	}
}

func FuzzParseProcNetTCP(f *testing.F) {
	f.Add([]byte("   0: 00000000:170C 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41234 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range parseProcNetTCP(data) {
			if !l.addr.IsValid() {
				t.Errorf("invalid address from %q", data)
			}
		}
	})
}

// TestParseTCPTable decodes tables in the layout GetExtendedTcpTable
// writes (tcpmib.h): Remote Desktop on every address (svchost, PID 1108),
// TeamViewer on the loopback, and the IPv6 table's Remote Desktop.
func TestParseTCPTable(t *testing.T) {
	le := binary.LittleEndian
	v4 := le.AppendUint32(nil, 2)
	row := func(addr [4]byte, port uint16, pid uint32) {
		v4 = le.AppendUint32(v4, 2) // MIB_TCP_STATE_LISTEN
		v4 = append(v4, addr[:]...)
		v4 = binary.BigEndian.AppendUint16(v4, port)
		v4 = append(v4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) // the port's upper half, the remote address and port
		v4 = le.AppendUint32(v4, pid)
	}
	row([4]byte{0, 0, 0, 0}, 3389, 1108)
	row([4]byte{127, 0, 0, 1}, 5939, 4321)
	got, err := parseTCPTable(v4, false)
	if err != nil || fmt.Sprint(got) != "[{0.0.0.0:3389  1108} {127.0.0.1:5939  4321}]" {
		t.Errorf("IPv4: %v %v", got, err)
	}

	v6 := le.AppendUint32(nil, 1)
	v6 = append(v6, make([]byte, 16)...) // ::
	v6 = le.AppendUint32(v6, 0)          // scope
	v6 = binary.BigEndian.AppendUint16(v6, 3389)
	v6 = append(v6, 0, 0)
	v6 = append(v6, make([]byte, 16+4+4)...) // remote address, scope, port
	v6 = le.AppendUint32(v6, 2)              // listening
	v6 = le.AppendUint32(v6, 1108)
	got, err = parseTCPTable(v6, true)
	if err != nil || fmt.Sprint(got) != "[{[::]:3389  1108}]" {
		t.Errorf("IPv6: %v %v", got, err)
	}

	for _, bad := range [][]byte{nil, v4[:30], le.AppendUint32(nil, 1<<30)} {
		if _, err := parseTCPTable(bad, false); err == nil {
			t.Errorf("%d bytes read without an error", len(bad))
		}
	}
}

// TestRemoteListenerOwners: Windows names a socket's owner by PID even
// when the process has gone from the list; PID 0 (Wine) is unknown.
func TestRemoteListenerOwners(t *testing.T) {
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	rdp := netip.MustParseAddrPort("0.0.0.0:3389")
	for _, c := range []struct {
		l    listener
		want string
	}{
		{listener{Addr: rdp, Proc: "svchost.exe", PID: 1108}, "(svchost.exe, pid 1108)"},
		{listener{Addr: rdp, PID: 1108}, "(pid 1108)"},
		{listener{Addr: rdp}, "(owner unknown)"},
	} {
		f := remoteFacts{Scanned: 1, Procs: []host.Process{{PID: 1, Name: "explorer.exe"}}, Listeners: []listener{c.l}, ListenersRead: true, Windows: true}
		if r := judgeRemote(f, cat, nil); r.Status != monitor.Warn || !strings.HasSuffix(r.Get("listening"), c.want) {
			t.Errorf("%+v: %s %v, want %s", c.l, r.Status, r.Evidence, c.want)
		}
	}
}
