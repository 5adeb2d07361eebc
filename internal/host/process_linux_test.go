package host

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestProcFSTree reads a /proc-shaped tree: a process whose exe link is
// readable, one whose link is not (another user's: only its command line
// names it), one that exits between the listing and the read, and entries
// that are not processes.
func TestProcFSTree(t *testing.T) {
	root := t.TempDir()
	mk := func(pid, comm, exe, cmdline string) {
		dir := filepath.Join(root, pid)
		os.MkdirAll(dir, 0o755)
		if comm != "" {
			os.WriteFile(filepath.Join(dir, "comm"), []byte(comm+"\n"), 0o644)
		}
		if exe != "" {
			os.Symlink(exe, filepath.Join(dir, "exe"))
		}
		os.WriteFile(filepath.Join(dir, "cmdline"), []byte(cmdline), 0o644)
	}
	mk("1", "systemd", "", "/sbin/init\x00splash\x00")
	mk("42", "clamd", "/usr/sbin/clamd", "clamd\x00--foreground\x00")
	mk("77", "", "", "") // exited: no comm
	mk("self", "x", "", "")
	os.WriteFile(filepath.Join(root, "uptime"), []byte("1 2\n"), 0o644)

	procs, err := ProcFS{Root: root}.Processes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int32]Process{
		1:  {PID: 1, Name: "systemd", Args0: "/sbin/init"},
		42: {PID: 42, Name: "clamd", Exe: "/usr/sbin/clamd"},
	}
	if len(procs) != len(want) {
		t.Fatalf("got %+v", procs)
	}
	for _, p := range procs {
		if p != want[p.PID] {
			t.Errorf("pid %d: got %+v, want %+v", p.PID, p, want[p.PID])
		}
	}
}

// TestProcFSReal finds a real process by the name the kernel keeps.
func TestProcFSReal(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "mamori-named")
	data, err := os.ReadFile("/bin/sleep")
	if err != nil {
		testenv.Unavailable(t, "no /bin/sleep")
	}
	os.WriteFile(bin, data, 0o755)
	cmd := exec.Command(bin, "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	procs, err := ProcFS{}.Processes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range procs {
		if int(p.PID) == cmd.Process.Pid {
			if p.Name != "mamori-named" || p.Exe != bin {
				t.Errorf("got %+v", p)
			}
			return
		}
	}
	t.Fatalf("pid %d not among %d processes", cmd.Process.Pid, len(procs))
}
