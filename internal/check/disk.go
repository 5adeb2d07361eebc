package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// DiskEncryption checks that what a lost or stolen laptop holds cannot be
// read without the password (ADVICE topic 15): the system and home file
// systems on an encrypted device (dm-crypt/LUKS), and swap, which holds
// pieces of memory, encrypted or absent.
type DiskEncryption struct {
	Sys host.System
}

// Spec: "disk-encryption". Disks change only when the person reinstalls
// or repartitions: the interval re-runs it.
func (*DiskEncryption) Spec() monitor.Spec { return monitor.Spec{ID: "disk-encryption"} }

// diskState is one file system or swap area and what it sits on.
type diskState struct {
	What      string // "/", "/home", or a swap area's name
	Source    string // the device or file
	Encrypted bool
	// Why is set when it could not be told.
	Why string
	// Memory: a swap area in memory (zram), which reaches no disk.
	Memory bool
	// Scheme is what encrypts it: "dm-crypt", "BitLocker".
	Scheme string
	// Encrypting: being encrypted now (it counts as encrypted: the person
	// has done what is asked). Paused: encrypted, but the key is kept in
	// the clear on the disk (BitLocker suspended, or Windows' device
	// encryption waiting for activation), which protects nothing.
	Encrypting, Paused bool
}

// bitLockerState reads the shell's System.Volume.BitLockerProtection of
// the system drive. The values are those Windows Explorer shows: 1 on, 2
// off, 3 encrypting, 4 decrypting, 5 suspended, 6 on and locked, 8
// waiting for activation; others (0 on a drive BitLocker cannot cover,
// 7) cannot be told.
func bitLockerState(drive string, v int) diskState {
	d := diskState{What: "/", Source: drive, Scheme: "BitLocker"}
	switch v {
	case 1, 6:
		d.Encrypted = true
	case 3:
		d.Encrypted, d.Encrypting = true, true
	case 5, 8:
		d.Encrypted, d.Paused = true, true
	case 2, 4:
	default:
		d.Why = fmt.Sprintf("BitLockerProtection: %d", v)
	}
	return d
}

type diskFacts struct {
	Root  diskState
	Home  *diskState // nil when /home is on the root file system
	Swaps []diskState
}

// Run reads the mounts, the swap areas and the device stack under them.
func (c *DiskEncryption) Run(ctx context.Context) monitor.Result {
	f, err := readDisks(c.Sys)
	if err != nil {
		return unknown("disk-encryption", err)
	}
	return judgeDisks(f)
}

// judgeDisks: an unencrypted system or home file system, or swap on disk
// unencrypted, is a warning; what cannot be followed to a disk cannot be
// told.
func judgeDisks(f diskFacts) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "disk-encryption", Finding: monitor.T("finding.disk-encryption.ok")}
	all := append([]diskState{f.Root}, f.Swaps...)
	if f.Home != nil {
		all = append(all, *f.Home)
	}
	for _, d := range all {
		state := "not encrypted"
		switch {
		case d.Why != "":
			state = "cannot tell: " + d.Why
		case d.Memory:
			state = "in memory (zram): nothing reaches the disk"
		case d.Paused:
			state = "encrypted, key kept in the clear (" + d.Scheme + " suspended or not activated)"
		case d.Encrypting:
			state = "being encrypted (" + d.Scheme + ")"
		case d.Encrypted:
			state = "encrypted (" + d.Scheme + ")"
		}
		r.Add(d.What, d.Source+": "+state)
	}
	switch {
	case f.Root.Why != "" && f.Root.Scheme == "BitLocker":
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.disk-encryption.unknown-bitlocker")
		r.Add("reason", f.Root.Why)
	case f.Root.Why != "":
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.disk-encryption.unknown")
		r.Add("reason", f.Root.Why)
	case f.Root.Paused:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.disk-encryption.paused")
	case !f.Root.Encrypted:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.disk-encryption.off")
	case f.Home != nil && f.Home.Why == "" && !f.Home.Encrypted:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.disk-encryption.home")
	case f.Home != nil && f.Home.Why != "":
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.disk-encryption.unknown")
		r.Add("reason", f.Home.Why)
	case f.Root.Encrypting:
		r.Finding = monitor.T("finding.disk-encryption.encrypting")
		fallthrough
	default:
		for _, s := range f.Swaps {
			switch {
			case s.Why != "":
				r.Status = monitor.Unknown
				r.Finding = monitor.T("finding.disk-encryption.unknown")
				r.Add("reason", s.Why)
			case !s.Memory && !s.Encrypted:
				r.Status = monitor.Warn
				r.Finding = monitor.T("finding.disk-encryption.swap")
			default:
				continue
			}
			break
		}
	}
	return r
}

// mountEntry is a line of /proc/self/mountinfo.
type mountEntry struct {
	MajMin, Mount, FSType, Source string
}

// parseMountinfo reads /proc/self/mountinfo: "id parent maj:min root
// mountpoint options [optional…] - fstype source superoptions". A mount
// point mounted over again is the last entry for it.
func parseMountinfo(data []byte) map[string]mountEntry {
	out := map[string]mountEntry{}
	for line := range lines.All(data) {
		f := strings.Fields(line)
		sep := -1
		for i, x := range f {
			if x == "-" {
				sep = i
				break
			}
		}
		if sep < 6 || sep+2 >= len(f) {
			continue
		}
		out[unescapeMount(f[4])] = mountEntry{MajMin: f[2], Mount: unescapeMount(f[4]), FSType: f[sep+1], Source: unescapeMount(f[sep+2])}
	}
	return out
}

// unescapeMount undoes the kernel's octal escapes (\040 for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			var c byte
			if _, err := fmt.Sscanf(s[i+1:i+4], "%03o", &c); err == nil {
				b.WriteByte(c)
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
