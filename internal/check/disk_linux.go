package check

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
)

// readDisks follows the root file system, the one the person's home
// directory lies on, and each swap area down the kernel's device stack in
// sysfs (device-mapper's slaves: LVM over LUKS and the like) to whether a
// dm-crypt device (dm/uuid "CRYPT-…") is under it. A file (the home, a
// swap file) is followed to the file system it really lies on: the
// longest mount point that holds its path, symlinks resolved. Everything
// read is world-readable.
func readDisks(sys host.System) (diskFacts, error) {
	data, err := sys.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return diskFacts{}, err
	}
	mounts := parseMountinfo(data)
	root, ok := mounts["/"]
	if !ok {
		return diskFacts{}, fmt.Errorf("/proc/self/mountinfo has no root file system")
	}
	f := diskFacts{Root: mountState(sys, "/", root)}
	home := sys.Home
	if !path.IsAbs(home) {
		home = "/home" // whoever's it is: the usual place
	}
	if h := fileState(sys, mounts, "home", home); h.Source != root.Source || h.Why != "" {
		f.Home = &h
	}
	if swaps, err := sys.ReadFile("/proc/swaps"); err == nil {
		for line := range lines.All(swaps) {
			fields := strings.Fields(line)
			if len(fields) < 2 || fields[0] == "Filename" {
				continue
			}
			name := unescapeMount(fields[0])
			s := diskState{What: "swap", Source: name, Scheme: "dm-crypt"}
			switch {
			case fields[1] == "file":
				// A swap file is as encrypted as the file system it
				// lies on, which need not be the root's.
				s = fileState(sys, mounts, "swap", name)
			case strings.HasPrefix(path.Base(name), "zram"):
				s.Memory = true
			default:
				s.Encrypted, s.Why = deviceEncrypted(sys, name)
			}
			f.Swaps = append(f.Swaps, s)
		}
	}
	return f, nil
}

// fileState says whether the file system a file lies on sits on dm-crypt.
func fileState(sys host.System, mounts map[string]mountEntry, what, file string) diskState {
	real, err := resolvePath(sys.FS, file)
	if err != nil {
		return diskState{What: what, Source: file, Why: err.Error()}
	}
	m, ok := containingMount(mounts, real)
	if !ok {
		return diskState{What: what, Source: file, Why: fmt.Sprintf("%s: on no mounted file system", real)}
	}
	d := mountState(sys, what, m)
	d.File, d.Mount = file, m.Mount
	return d
}

// mountState says whether a mounted file system sits on dm-crypt.
func mountState(sys host.System, what string, m mountEntry) diskState {
	d := diskState{What: what, Source: m.Source, Scheme: "dm-crypt"}
	if !strings.HasPrefix(m.MajMin, "0:") {
		d.Encrypted, d.Why = stackEncrypted(sys, m.MajMin, map[string]bool{})
		return d
	}
	// btrfs and others report an anonymous device: follow the source.
	if strings.HasPrefix(m.Source, "/dev/") {
		d.Encrypted, d.Why = deviceEncrypted(sys, m.Source)
		return d
	}
	// (Reasons are shown as the system's words: data, not sentences.)
	d.Why = fmt.Sprintf("%s: %s file system, source '%s'", what, m.FSType, m.Source)
	return d
}

// deviceEncrypted follows a /dev path (a /dev/mapper name is a symlink to
// its dm-N) to its device numbers.
func deviceEncrypted(sys host.System, dev string) (bool, string) {
	name := path.Base(dev)
	if target, err := fs.ReadLink(sys.FS, host.Rel(dev)); err == nil {
		name = path.Base(target)
	}
	majmin, err := sys.ReadFile("/sys/class/block/" + name + "/dev")
	if err != nil {
		return false, fmt.Sprintf("%s: missing in sysfs (/sys/class/block/%s)", dev, name)
	}
	return stackEncrypted(sys, strings.TrimSpace(string(majmin)), map[string]bool{})
}

// stackEncrypted walks a block device and the devices under it.
func stackEncrypted(sys host.System, majmin string, seen map[string]bool) (bool, string) {
	if seen[majmin] || len(seen) > 32 {
		return false, ""
	}
	seen[majmin] = true
	dir := "/sys/dev/block/" + majmin
	if !sys.Exists(dir) {
		return false, "missing in sysfs: " + dir
	}
	if uuid, err := sys.ReadFile(dir + "/dm/uuid"); err == nil && strings.HasPrefix(strings.TrimSpace(string(uuid)), "CRYPT-") {
		return true, ""
	}
	slaves, _ := sys.ReadDir(dir + "/slaves")
	for _, s := range slaves {
		mm, err := sys.ReadFile("/sys/class/block/" + s.Name() + "/dev")
		if err != nil {
			continue
		}
		if enc, _ := stackEncrypted(sys, strings.TrimSpace(string(mm)), seen); enc {
			return true, ""
		}
	}
	return false, ""
}
