//go:build unix

package policy

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestUnlistableDirectoryIsAProblem (finding 7 of the red team's
// review): a managed directory the agent cannot list (root's, 0711 or
// 0700 from umask 077) was read as no policy, with no word; it is now a
// problem `policy show` lists. Played as nobody, reading root's files.
func TestUnlistableDirectoryIsAProblem(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux's policy files")
	}
	if os.Getenv("MAMORI_POLICY_DIR") != "" {
		// The child: nobody reading root's directory.
		values, problems := Files{Dir: os.Getenv("MAMORI_POLICY_DIR"), Owner: 0}.Read()
		if len(values) != 0 || len(problems) != 1 || !strings.Contains(problems[0].Error(), "could not be listed") {
			t.Fatalf("values %v, problems %v; want one problem saying it could not be listed", values, problems)
		}
		return
	}
	if os.Getuid() != 0 {
		testenv.Unavailable(t, "reading root's directory as another account needs root")
	}
	top := t.TempDir()
	os.Chmod(filepath.Dir(top), 0o755)
	os.Chmod(top, 0o755)
	dir := filepath.Join(top, "policies")
	writePolicy(t, dir, Managed, "p.json", `{"ScreenLockMinutes": 2}`)
	test, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary, where nobody can run it.
	bin := filepath.Join(top, "policy.test")
	data, _ := os.ReadFile(test)
	os.WriteFile(bin, data, 0o755)
	for _, mode := range []os.FileMode{0o711, 0o700} {
		t.Run(mode.String(), func(t *testing.T) {
			os.Chmod(filepath.Join(dir, "managed"), mode)
			cmd := exec.Command(bin, "-test.run", "^TestUnlistableDirectoryIsAProblem$", "-test.count=1")
			cmd.Env = append(os.Environ(), "MAMORI_POLICY_DIR="+dir, "HOME=/", "GOCOVERDIR=")
			cmd.Dir = "/"
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("as nobody, mode %v: %v\n%s", mode, err, out)
			}
		})
	}
}

// TestPolicyFileIsReadAsChecked (finding 12): the file is opened once and
// judged as opened. A FIFO in its place passed the check by name, and the
// read then waited for a writer for ever.
func TestPolicyFileIsReadAsChecked(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Linux's and macOS's policy files")
	}
	dir := policyRoot(t)
	writePolicy(t, dir, Managed, "10.json", `{"ScreenLockMinutes": 2}`)
	if err := syscall.Mkfifo(filepath.Join(dir, "managed", "20.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan Set, 1)
	go func() { done <- Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read}.Set() }()
	select {
	case set := <-done:
		if _, ok := set.value("ScreenLockMinutes", Managed); !ok {
			t.Errorf("the good file was not read: %v", set)
		}
		if len(set.Problems) != 1 || !strings.Contains(set.Problems[0].Error(), "not a regular file") {
			t.Errorf("problems %v, want one saying 20.json is not a file", set.Problems)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading the policy hung on a FIFO")
	}

	// Swapped for a file others can write to once opened: what was
	// judged is what is read.
	writePolicy(t, dir, Recommended, "10.json", `{"IdleSleepMinutes": 15}`)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"IdleSleepMinutes": 90}`), 0o666)
	os.Chmod(bad, 0o666)
	old := opened
	opened = func(path string) {
		if strings.HasSuffix(path, filepath.Join("recommended", "10.json")) {
			os.Rename(bad, path)
		}
	}
	t.Cleanup(func() { opened = old })
	set := Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read}.Set()
	if v, ok := set.value("IdleSleepMinutes", Recommended); !ok || v.Raw != 15 {
		t.Errorf("IdleSleepMinutes %v, want 15 from the file that was judged", v.Raw)
	}
}
