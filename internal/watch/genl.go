package watch

import (
	"encoding/binary"
	"errors"
	"fmt"
	"syscall"
)

// Generic netlink, as much as the agent's Wi-Fi watch needs: ask the
// kernel for a family's multicast groups, and read the command of each
// event it then sends. The agent links no netlink library for it (its code
// and tables cost resident memory; bench/RESULTS.md): the messages are
// fixed headers and attributes (linux/netlink.h, linux/genetlink.h), and
// these readers are tested on every system against recorded and built
// messages. The worker's readers of Wi-Fi state use mdlayher's libraries
// (internal/wifi).

const (
	nlmsgHdrLen          = 16 // struct nlmsghdr
	genlHdrLen           = 4  // struct genlmsghdr
	nlaHdrLen            = 4  // struct nlattr
	nlmsgError           = 0x2
	nlmsgDone            = 0x3
	nlmFRequest          = 0x1
	genlIDCtrl           = 0x10 // the controller family, nlctrl
	ctrlCmdGetFamily     = 3
	ctrlAttrFamilyName   = 2
	ctrlAttrMcastGroups  = 7
	ctrlAttrMcastGrpName = 1
	ctrlAttrMcastGrpID   = 2
	nlaTypeMask          = 0x3fff // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
)

// le is the byte order of netlink's headers and numbers: the host's.
var le = binary.NativeEndian

// genlMessage is one generic netlink message of a datagram: its netlink
// type and its generic netlink command and attributes.
type genlMessage struct {
	typ   uint16
	cmd   uint8
	attrs []byte
}

// familyRequest is CTRL_CMD_GETFAMILY for name, with sequence number seq.
func familyRequest(name string, seq uint32) []byte {
	attr := nlAttr(ctrlAttrFamilyName, append([]byte(name), 0))
	b := make([]byte, nlmsgHdrLen+genlHdrLen, nlmsgHdrLen+genlHdrLen+len(attr))
	b = append(b, attr...)
	le.PutUint32(b[0:], uint32(len(b)))
	le.PutUint16(b[4:], genlIDCtrl)
	le.PutUint16(b[6:], nlmFRequest)
	le.PutUint32(b[8:], seq)
	b[nlmsgHdrLen] = ctrlCmdGetFamily
	b[nlmsgHdrLen+1] = 1 // version
	return b
}

// nlAttr encodes one attribute, padded to four bytes.
func nlAttr(typ uint16, data []byte) []byte {
	b := make([]byte, nlaHdrLen, align4(nlaHdrLen+len(data)))
	le.PutUint16(b[0:], uint16(nlaHdrLen+len(data)))
	le.PutUint16(b[2:], typ)
	b = append(b, data...)
	return b[:cap(b)]
}

func align4(n int) int { return (n + 3) &^ 3 }

// genlMessages splits a datagram into its messages. A kernel error
// (NLMSG_ERROR with a code) is returned as that errno.
func genlMessages(b []byte) ([]genlMessage, error) {
	var msgs []genlMessage
	for len(b) > 0 {
		if len(b) < nlmsgHdrLen {
			return nil, fmt.Errorf("netlink: %d bytes left, shorter than a header", len(b))
		}
		n := int(le.Uint32(b[0:]))
		if n < nlmsgHdrLen || n > len(b) {
			return nil, fmt.Errorf("netlink: a message says it has %d bytes, %d are left", n, len(b))
		}
		typ, body := le.Uint16(b[4:]), b[nlmsgHdrLen:n]
		switch {
		case typ == nlmsgError:
			if len(body) < 4 {
				return nil, errors.New("netlink: an error message without its code")
			}
			if code := int32(le.Uint32(body)); code != 0 {
				return nil, syscall.Errno(-code)
			}
		case typ == nlmsgDone:
		case len(body) < genlHdrLen:
			return nil, fmt.Errorf("netlink: a message of type %d without its generic header", typ)
		default:
			msgs = append(msgs, genlMessage{typ: typ, cmd: body[0], attrs: body[genlHdrLen:]})
		}
		b = b[min(align4(n), len(b)):]
	}
	return msgs, nil
}

// nlAttrs calls f with each attribute's type (without its flags) and data.
func nlAttrs(b []byte, f func(typ uint16, data []byte) error) error {
	for len(b) > 0 {
		if len(b) < nlaHdrLen {
			return fmt.Errorf("netlink: %d bytes left, shorter than an attribute", len(b))
		}
		n := int(le.Uint16(b[0:]))
		if n < nlaHdrLen || n > len(b) {
			return fmt.Errorf("netlink: an attribute says it has %d bytes, %d are left", n, len(b))
		}
		if err := f(le.Uint16(b[2:])&nlaTypeMask, b[nlaHdrLen:n]); err != nil {
			return err
		}
		b = b[min(align4(n), len(b)):]
	}
	return nil
}

// familyGroup reads the kernel's answer to familyRequest and returns the
// ID of the family's multicast group named group, with ok false when the
// family has no such group.
func familyGroup(reply []byte, group string) (id uint32, ok bool, err error) {
	msgs, err := genlMessages(reply)
	if err != nil {
		return 0, false, err
	}
	for _, m := range msgs {
		err := nlAttrs(m.attrs, func(typ uint16, data []byte) error {
			if typ != ctrlAttrMcastGroups {
				return nil
			}
			return nlAttrs(data, func(_ uint16, grp []byte) error {
				var name string
				var gid uint32
				var hasID bool
				err := nlAttrs(grp, func(typ uint16, data []byte) error {
					switch {
					case typ == ctrlAttrMcastGrpName:
						name = string(trimNUL(data))
					case typ == ctrlAttrMcastGrpID && len(data) == 4:
						gid, hasID = le.Uint32(data), true
					}
					return nil
				})
				if err == nil && hasID && name == group && !ok {
					id, ok = gid, true
				}
				return err
			})
		})
		if err != nil {
			return 0, false, err
		}
	}
	return id, ok, nil
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}
