package check

import (
	"context"
	"fmt"
	"io/fs"
	"path"
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
	What   string // "/", "home", or "swap"
	Source string // the device or file
	// File and Mount, for a file followed to its file system (a swap
	// file, the home directory): the file, and where Source is mounted.
	File, Mount string
	Encrypted   bool
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
	// Pending: encryption turned on, but it begins only when the machine
	// restarts (FileVault deferred, as MDM often turns it on): not
	// encrypted yet, and it may stay so for weeks.
	Pending bool
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
	Root diskState
	// Home is the file system the person's home directory lies on; nil
	// when it is the root file system.
	Home  *diskState
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
		case d.Pending:
			state = "not encrypted yet: " + d.Scheme + " begins at the next restart"
		case d.Paused:
			state = "encrypted, key kept in the clear (" + d.Scheme + " suspended or not activated)"
		case d.Encrypting:
			state = "being encrypted (" + d.Scheme + ")"
		case d.Encrypted:
			state = "encrypted (" + d.Scheme + ")"
		}
		on := d.Source
		if d.File != "" {
			on = d.File + " on " + d.Source + " (" + d.Mount + ")"
		}
		r.Add(d.What, on+": "+state)
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
	case f.Root.Pending:
		// Only a Mac tells this (fdesetup).
		r.Status, r.Advice = monitor.Warn, "disk-encryption.darwin-restart"
		r.Finding = monitor.T("finding.disk-encryption.darwin-restart")
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

// containingMount is the mount that holds the absolute, resolved path p:
// the longest mount point that is p or one of its parents.
func containingMount(mounts map[string]mountEntry, p string) (mountEntry, bool) {
	var best mountEntry
	found := false
	for point, m := range mounts {
		if point == "/" || p == point || strings.HasPrefix(p, point+"/") {
			if !found || len(point) > len(best.Mount) {
				best, found = m, true
			}
		}
	}
	return best, found
}

// maxSymlinks is how many symlinks the kernel follows in one path before
// it gives up (ELOOP).
const maxSymlinks = 40

// resolvePath resolves the symlinks in the absolute path p as the kernel
// does, one component at a time: ".." after a symlink goes up from where
// the link led. Components that do not exist are kept as they are (they
// cannot be links).
func resolvePath(fsys fs.FS, p string) (string, error) {
	if !path.IsAbs(p) {
		return "", fmt.Errorf("%q is not an absolute path", p)
	}
	resolved := "/"
	rest := strings.Split(p, "/")
	for links := 0; len(rest) > 0; {
		c := rest[0]
		rest = rest[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			resolved = path.Dir(resolved)
			continue
		}
		next := path.Join(resolved, c)
		fi, err := fs.Lstat(fsys, host.Rel(next))
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			resolved = next
			continue
		}
		if links++; links > maxSymlinks {
			return "", fmt.Errorf("%s: too many levels of symbolic links", p)
		}
		target, err := fs.ReadLink(fsys, host.Rel(next))
		if err != nil {
			return "", fmt.Errorf("resolving %s: %w", p, err)
		}
		if path.IsAbs(target) {
			resolved = "/"
		}
		rest = append(strings.Split(target, "/"), rest...)
	}
	return resolved, nil
}
