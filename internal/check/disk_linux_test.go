package check

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"golang.org/x/sys/unix"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// laptop is the sysfs and /proc of a Debian laptop installed with "Guided
// - use entire disk and set up encrypted LVM": nvme0n1p3 → dm-0 (LUKS,
// CRYPT-LUKS2-…) → dm-1 (LVM root) and dm-2 (LVM swap); /boot/efi plain.
func laptop(swapOnDisk bool) fstest.MapFS {
	m := fstest.MapFS{
		"proc/self/mountinfo": {Data: []byte(`22 1 254:1 / / rw,relatime - ext4 /dev/mapper/laptop--vg-root rw,errors=remount-ro
23 22 259:1 / /boot/efi rw,relatime - vfat /dev/nvme0n1p1 rw
24 22 0:21 / /proc rw,relatime - proc proc rw
`)},
		"proc/swaps":                           {Data: []byte("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/dm-2                               partition\t999420\t\t0\t\t-2\n")},
		"dev/mapper/laptop--vg-root":           {Data: []byte("../dm-1"), Mode: fs.ModeSymlink},
		"sys/class/block/dm-0/dev":             {Data: []byte("254:0\n")},
		"sys/class/block/dm-1/dev":             {Data: []byte("254:1\n")},
		"sys/class/block/dm-2/dev":             {Data: []byte("254:2\n")},
		"sys/class/block/nvme0n1p3/dev":        {Data: []byte("259:3\n")},
		"sys/dev/block/254:0/dm/uuid":          {Data: []byte("CRYPT-LUKS2-0b6a1c6e8f0d4c3b9a1e2d3c4b5a6978-nvme0n1p3_crypt\n")},
		"sys/dev/block/254:0/slaves/nvme0n1p3": {},
		"sys/dev/block/254:1/dm/uuid":          {Data: []byte("LVM-AbCdEfGhIjKlMnOpQrStUvWxYz012345abcdefghijklmnopqrstuvwxyz0123\n")},
		"sys/dev/block/254:1/slaves/dm-0":      {},
		"sys/dev/block/254:2/dm/uuid":          {Data: []byte("LVM-AbCdEfGhIjKlMnOpQrStUvWxYz012345zyxwvutsrqponmlkjihgfedcba9876\n")},
		"sys/dev/block/254:2/slaves/dm-0":      {},
		"sys/dev/block/259:3/partition":        {Data: []byte("3\n")},
	}
	if swapOnDisk {
		// Swap on its own partition, beside the encrypted one.
		m["proc/swaps"] = &fstest.MapFile{Data: []byte("Filename\tType\tSize\tUsed\tPriority\n/dev/nvme0n1p2\tpartition\t999420\t0\t-2\n")}
		m["sys/class/block/nvme0n1p2/dev"] = &fstest.MapFile{Data: []byte("259:2\n")}
		m["sys/dev/block/259:2/partition"] = &fstest.MapFile{Data: []byte("2\n")}
	}
	return m
}

func TestDiskEncryptionLayouts(t *testing.T) {
	run := func(fsys fs.FS) monitor.Result {
		return (&DiskEncryption{Sys: host.System{FS: fsys}}).Run(context.Background())
	}
	if r := run(laptop(false)); r.Status != monitor.OK || !strings.Contains(r.Get("/"), "encrypted (dm-crypt)") || !strings.Contains(r.Get("swap"), "encrypted") {
		t.Errorf("encrypted LVM: %s %v", r.Status, r.Evidence)
	}
	if r := run(laptop(true)); r.Status != monitor.Warn || r.Finding.Key != "finding.disk-encryption.swap" {
		t.Errorf("swap outside LUKS: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// Swap on a device sysfs does not know: not ok, cannot tell.
	lost := laptop(false)
	lost["proc/swaps"] = &fstest.MapFile{Data: []byte("Filename\tType\tSize\tUsed\tPriority\n/dev/sdz9\tpartition\t999420\t0\t-2\n")}
	if r := run(lost); r.Status != monitor.Unknown || !strings.Contains(r.Get("reason"), "sdz9") {
		t.Errorf("swap on an unknown device: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	plain := laptop(false)
	plain["sys/dev/block/254:0/dm/uuid"] = &fstest.MapFile{Data: []byte("LVM-plain\n")}
	if r := run(plain); r.Status != monitor.Warn || r.Finding.Key != "finding.disk-encryption.off" {
		t.Errorf("LVM without LUKS: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	container := fstest.MapFS{"proc/self/mountinfo": {Data: []byte("1 0 0:45 / / rw - overlay overlay rw,lowerdir=/l\n")}}
	if r := run(container); r.Status != monitor.Unknown || !strings.Contains(r.Get("reason"), "overlay") {
		t.Errorf("a container's overlay: %s %v", r.Status, r.Evidence)
	}
	if got := unescapeMount(`/media/my\040disk`); got != "/media/my disk" {
		t.Errorf("unescapeMount = %q", got)
	}
}

// TestDiskEncryptionThisMachine follows this machine's real root file
// system down its real sysfs: the answer must be definite (this machine's
// disk is what it is), and name the device mountinfo gives.
func TestDiskEncryptionThisMachine(t *testing.T) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		testenv.Unavailable(t, "no /proc")
	}
	root := parseMountinfo(data)["/"]
	r := (&DiskEncryption{Sys: host.Local()}).Run(context.Background())
	if strings.HasPrefix(root.MajMin, "0:") && !strings.HasPrefix(root.Source, "/dev/") {
		if r.Status != monitor.Unknown {
			t.Errorf("root on %s %s: %s %v", root.FSType, root.Source, r.Status, r.Evidence)
		}
		return
	}
	if r.Status == monitor.Unknown || !strings.Contains(r.Get("/"), path.Base(root.Source)) {
		t.Errorf("root on %s (%s): %s %v %v", root.Source, root.MajMin, r.Status, r.Finding, r.Evidence)
	}
	t.Logf("this machine: %s %v", r.Status, r.Evidence)
}

// TestDiskEncryptionFollowsTheRealDisks: a swap file and the person's home
// are as safe as the file system they really lie on: the longest mount
// point holding their path, symlinks resolved as the kernel resolves
// them, whatever that mount point is called. The laptop's root is
// encrypted; /dev/sda1 is a plain second disk.
func TestDiskEncryptionFollowsTheRealDisks(t *testing.T) {
	plainDisk := func(m fstest.MapFS, mount string) fstest.MapFS {
		m["proc/self/mountinfo"].Data = append(m["proc/self/mountinfo"].Data, []byte("40 22 8:1 / "+mount+" rw,relatime - ext4 /dev/sda1 rw\n")...)
		m["sys/class/block/sda1/dev"] = &fstest.MapFile{Data: []byte("8:1\n")}
		m["sys/dev/block/8:1/partition"] = &fstest.MapFile{Data: []byte("1\n")}
		return m
	}
	swapFile := func(m fstest.MapFS, file string) fstest.MapFS {
		m["proc/swaps"] = &fstest.MapFile{Data: []byte("Filename\tType\tSize\tUsed\tPriority\n" + file + "\tfile\t999420\t0\t-2\n")}
		return m
	}
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		home    string
		want    monitor.Status
		finding string
		key     string // the evidence that names the file system
		on      string // in it
	}{
		{"swap file on the encrypted root", swapFile(plainDisk(laptop(false), "/data"), "/swapfile"), "/home/taro",
			monitor.OK, "finding.disk-encryption.ok", "swap", "/swapfile on /dev/mapper/laptop--vg-root (/): encrypted"},
		{"swap file on a plain disk", swapFile(plainDisk(laptop(false), "/data"), "/data/swapfile"), "/home/taro",
			monitor.Warn, "finding.disk-encryption.swap", "swap", "/data/swapfile on /dev/sda1 (/data): not encrypted"},
		{"swap file beside a mount whose name begins the same", swapFile(plainDisk(laptop(false), "/data"), "/database/swapfile"), "/home/taro",
			monitor.OK, "finding.disk-encryption.ok", "swap", "encrypted"},
		{"home on a plain disk mounted at the home itself", plainDisk(laptop(false), "/home/taro"), "/home/taro",
			monitor.Warn, "finding.disk-encryption.home", "home", "/home/taro on /dev/sda1 (/home/taro): not encrypted"},
		{"home through a symlink to a plain disk", func() fstest.MapFS {
			m := plainDisk(laptop(false), "/var")
			m["home"] = &fstest.MapFile{Data: []byte("var/home"), Mode: fs.ModeSymlink}
			return m
		}(), "/home/taro", monitor.Warn, "finding.disk-encryption.home", "home", "/home/taro on /dev/sda1 (/var): not encrypted"},
		{"home elsewhere than a plain /home", plainDisk(laptop(false), "/home"), "/srv/users/taro",
			monitor.OK, "finding.disk-encryption.ok", "/", "encrypted"},
		{"home in a symlink loop", func() fstest.MapFS {
			m := laptop(false)
			m["home"] = &fstest.MapFile{Data: []byte("/home"), Mode: fs.ModeSymlink}
			return m
		}(), "/home/taro", monitor.Unknown, "finding.disk-encryption.unknown", "home", "too many levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := (&DiskEncryption{Sys: host.System{FS: tt.fsys, Home: tt.home}}).Run(context.Background())
			if r.Status != tt.want || r.Finding.Key != tt.finding || !strings.Contains(r.Get(tt.key), tt.on) {
				t.Errorf("got %s %s %v, want %s %s with %s: …%s…", r.Status, r.Finding.Key, r.Evidence, tt.want, tt.finding, tt.key, tt.on)
			}
		})
	}
}

// TestMountOfThisMachine follows real paths on this machine, symlinks
// included, to the mount that holds them in its real mountinfo: its
// device must be the one the kernel gives for the path (stat).
func TestMountOfThisMachine(t *testing.T) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		testenv.Unavailable(t, "no /proc")
	}
	mounts := parseMountinfo(data)
	dir := t.TempDir()
	if err := os.Symlink("/dev/shm", filepath.Join(dir, "shm")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../"+filepath.Base(dir)+"/shm/..", filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	home, _ := os.UserHomeDir()
	for _, p := range []string{dir, filepath.Join(dir, "shm"), filepath.Join(dir, "up"), "/proc/self", "/sys/fs/cgroup", "/dev/shm", home} {
		var st syscall.Stat_t
		if p == "" || syscall.Stat(p, &st) != nil {
			continue
		}
		real, err := resolvePath(os.DirFS("/"), p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if want, _ := filepath.EvalSymlinks(p); real != want {
			t.Errorf("%s resolves to %s, want %s", p, real, want)
		}
		m, ok := containingMount(mounts, real)
		want := fmt.Sprintf("%d:%d", unix.Major(st.Dev), unix.Minor(st.Dev))
		if !ok || m.MajMin != want && !strings.HasPrefix(m.MajMin, "0:") {
			t.Errorf("%s (%s): mount %q on %s, want device %s", p, real, m.Mount, m.MajMin, want)
		} else if m.MajMin != want {
			t.Logf("%s: mount %s reports %s, stat %s (an anonymous device)", p, m.Mount, m.MajMin, want)
		}
	}
}
