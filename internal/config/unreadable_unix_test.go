//go:build unix

package config

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUnreadableFileIsNeverReplaced: settings.json with mode 000. Loading
// reports it; trusting a network (an Update) fails and the file, with
// whatever it holds, stays. Root reads any file, so as root the check runs
// again as the user nobody, on a file nobody owns.
func TestUnreadableFileIsNeverReplaced(t *testing.T) {
	if os.Getuid() != 0 {
		checkUnreadable(t, filepath.Join(t.TempDir(), "settings.json"))
		return
	}
	dir, err := os.MkdirTemp("", "mamori-unreadable")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	self, _ := os.Executable()
	bin := filepath.Join(dir, "config.test")
	if err := copyFile(self, bin); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	os.Mkdir(home, 0o700)
	os.Chown(home, 65534, 65534)
	cmd := exec.Command(bin, "-test.run=^TestUnreadableHelper$", "-test.v")
	cmd.Env = []string{"MAMORI_UNREADABLE_DIR=" + home, "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestUnreadableHelper") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}

// TestUnreadableHelper is TestUnreadableFileIsNeverReplaced's half that
// runs as another user.
func TestUnreadableHelper(t *testing.T) {
	dir := os.Getenv("MAMORI_UNREADABLE_DIR")
	if dir == "" {
		t.Skip("runs only inside TestUnreadableFileIsNeverReplaced")
	}
	checkUnreadable(t, filepath.Join(dir, "settings.json"))
}

func checkUnreadable(t *testing.T, path string) {
	t.Helper()
	const content = `{"trusted_networks": [{"ssid": "Home", "security": "wpa2-personal"}]}`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0)
	s := Store{Path: path}
	if _, err := s.Load(); err == nil {
		t.Fatal("Load read a file with mode 000")
	}
	if _, err := s.Update(func(st *Settings) { st.Trust(NewTrusted([]byte("Evil"), "open", "")) }); err == nil {
		t.Fatal("Update replaced a file it could not read")
	}
	os.Chmod(path, 0o600)
	data, err := os.ReadFile(path)
	if err != nil || string(data) != content {
		t.Errorf("the file now holds %q (%v)", data, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), "broken") {
			t.Errorf("the file was set aside as %s", e.Name())
		}
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// TestFileThatCannotBeReadIsNeverReplaced: a FIFO, a directory and a file
// too large stand where settings.json should be. Loading says so at once
// (no hang) and changing the settings fails without touching them.
func TestFileThatCannotBeReadIsNeverReplaced(t *testing.T) {
	for name, create := range map[string]func(path string) error{
		"FIFO":      func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"directory": func(p string) error { return os.Mkdir(p, 0o700) },
		"too large": func(p string) error { return os.WriteFile(p, bytes.Repeat([]byte(" "), MaxSize+1), 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			s := Store{Path: filepath.Join(t.TempDir(), "settings.json")}
			if err := create(s.Path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Lstat(s.Path)
			done := make(chan error, 1)
			go func() {
				_, err := s.Load()
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Error("Load said nothing")
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Load hangs")
			}
			if _, err := s.Update(func(st *Settings) { st.Language = "ja" }); err == nil {
				t.Error("Update wrote over a file it could not read")
			}
			after, err := os.Lstat(s.Path)
			if err != nil || after.Mode() != before.Mode() || after.Size() != before.Size() {
				t.Errorf("the file was touched: %v %v", after, err)
			}
		})
	}
}
