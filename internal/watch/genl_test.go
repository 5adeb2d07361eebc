package watch

import (
	"errors"
	"slices"
	"syscall"
	"testing"
)

// genlEvents builds one datagram of generic netlink messages with the
// given commands, as the kernel sends to a multicast group.
func genlEvents(typ uint16, cmds ...uint8) []byte {
	var b []byte
	for _, cmd := range cmds {
		m := make([]byte, nlmsgHdrLen+genlHdrLen)
		m = append(m, nlAttr(3, []byte{1, 0, 0, 0})...) // an interface index, as nl80211 sends
		le.PutUint32(m[0:], uint32(len(m)))
		le.PutUint16(m[4:], typ)
		m[nlmsgHdrLen] = cmd
		m[nlmsgHdrLen+1] = 1
		b = append(b, m...)
	}
	return b
}

// familyReply builds the controller's answer for a family with the given
// multicast groups (name → ID), as the kernel lays it out.
func familyReply(groups [][2]any) []byte {
	var list []byte
	for i, g := range groups {
		grp := append(nlAttr(ctrlAttrMcastGrpID, le.AppendUint32(nil, g[1].(uint32))), nlAttr(ctrlAttrMcastGrpName, append([]byte(g[0].(string)), 0))...)
		list = append(list, nlAttr(uint16(i+1)|0x8000, grp)...) // NLA_F_NESTED, as the kernel sets
	}
	attrs := append(nlAttr(ctrlAttrFamilyName, []byte("nl80211\x00")), nlAttr(ctrlAttrMcastGroups|0x8000, list)...)
	m := make([]byte, nlmsgHdrLen+genlHdrLen)
	m = append(m, attrs...)
	le.PutUint32(m[0:], uint32(len(m)))
	le.PutUint16(m[4:], genlIDCtrl)
	m[nlmsgHdrLen] = 1 // CTRL_CMD_NEWFAMILY
	return m
}

func nlError(code int32) []byte {
	m := make([]byte, nlmsgHdrLen+4+nlmsgHdrLen)
	le.PutUint32(m[0:], uint32(len(m)))
	le.PutUint16(m[4:], nlmsgError)
	le.PutUint32(m[nlmsgHdrLen:], uint32(code))
	return m
}

func TestFamilyGroup(t *testing.T) {
	nl80211 := familyReply([][2]any{{"config", uint32(5)}, {"scan", uint32(6)}, {"regulatory", uint32(7)}, {"mlme", uint32(8)}, {"vendor", uint32(9)}})
	tests := []struct {
		name, group string
		reply       []byte
		id          uint32
		ok          bool
		err         error
	}{
		{name: "nl80211's mlme", group: "mlme", reply: nl80211, id: 8, ok: true},
		{name: "a group it lacks", group: "nan", reply: nl80211},
		{name: "no groups", group: "mlme", reply: familyReply(nil)},
		{name: "no such family", group: "mlme", reply: nlError(-int32(syscall.ENOENT)), err: syscall.ENOENT},
		{name: "cut short", group: "mlme", reply: nl80211[:len(nl80211)-3], err: errAny},
		{name: "header cut short", group: "mlme", reply: nl80211[:10], err: errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, ok, err := familyGroup(tt.reply, tt.group)
			switch {
			case tt.err == errAny && err == nil, tt.err != errAny && !errors.Is(err, tt.err):
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if id != tt.id || ok != tt.ok {
				t.Errorf("group = %d, %v; want %d, %v", id, ok, tt.id, tt.ok)
			}
		})
	}
}

// errAny stands for any error in a table.
var errAny = errors.New("any error")

func TestGenlMessages(t *testing.T) {
	two := genlEvents(0x1c, 0x2e, 0x30)
	tests := []struct {
		name string
		in   []byte
		cmds []uint8
		err  bool
	}{
		{name: "two events", in: two, cmds: []uint8{0x2e, 0x30}},
		{name: "an acknowledgement", in: nlError(0)},
		{name: "an error", in: nlError(-int32(syscall.EPERM)), err: true},
		{name: "empty", in: nil},
		{name: "a length past the end", in: two[:len(two)-1], err: true},
		{name: "a length shorter than a header", in: append([]byte{4, 0, 0, 0}, make([]byte, 12)...), err: true},
		{name: "no generic header", in: append([]byte{16, 0, 0, 0, 0x1c, 0}, make([]byte, 10)...), err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := genlMessages(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want an error: %v", err, tt.err)
			}
			var cmds []uint8
			for _, m := range msgs {
				cmds = append(cmds, m.cmd)
			}
			if !slices.Equal(cmds, tt.cmds) {
				t.Errorf("commands %v, want %v", cmds, tt.cmds)
			}
		})
	}
}

func FuzzFamilyGroup(f *testing.F) {
	f.Add(familyReply([][2]any{{"mlme", uint32(8)}}))
	f.Add(genlEvents(0x1c, 0x2e, 0x30))
	f.Add(nlError(-2))
	f.Fuzz(func(t *testing.T, b []byte) {
		familyGroup(b, "mlme") // must not panic or loop
		genlMessages(b)
	})
}
