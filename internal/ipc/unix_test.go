//go:build !windows

package ipc

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// testAddress is a fresh address for this test's own listener.
func testAddress(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	return Address(func(k string) string {
		if k == "XDG_RUNTIME_DIR" {
			return dir
		}
		return ""
	})
}

func TestStaleSocketIsReplaced(t *testing.T) {
	addr := testAddress(t)
	if err := os.MkdirAll(filepath.Dir(addr), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(addr, nil, 0o600); err != nil { // left by a crash
		t.Fatal(err)
	}
	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) { reply(Response{OK: true}) })
	if _, err := Call(context.Background(), addr, Request{Cmd: CmdStatus}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(addr)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode: %v %v", fi, err)
	}
	if di, err := os.Stat(filepath.Dir(addr)); err != nil || di.Mode().Perm() != 0o700 {
		t.Errorf("directory mode: %v %v", di, err)
	}
}

func TestOversizedAndIdleRequestsAreDropped(t *testing.T) {
	addr := testAddress(t)
	var handled atomic.Int32
	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) {
		handled.Add(1)
		reply(Response{OK: true})
	})
	c, err := net.Dial("unix", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte(`{"cmd":"` + strings.Repeat("x", 8<<10) + `"}` + "\n"))
	var resp Response
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if err := json.NewDecoder(c).Decode(&resp); err != nil || resp.OK || resp.Error != "bad request" {
		t.Errorf("oversized request: %+v %v", resp, err)
	}
	if handled.Load() != 0 {
		t.Error("an oversized request reached the handler")
	}
	// The connections beyond the cap are closed; the server still answers
	// once they are gone.
	var held []net.Conn
	for range 8 {
		c, err := net.Dial("unix", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for {
		if _, err := Call(ctx, addr, Request{Cmd: CmdStatus}); err == nil {
			break
		} else if ctx.Err() != nil {
			t.Fatalf("the server did not answer after idle connections left: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestNoRuntimeDirCannotBeTakenByAnotherUser: with no runtime directory,
// the real second account nobody creates, before the agent starts, every
// name it can where the socket went (the temporary directory's
// mamori-<uid>, mamori-<uid>-1, …) or may go (each directory on the way to
// the address, and the address itself), as directories and as symlinks.
// The agent still listens, where nobody could write, and its callers find
// it.
func TestNoRuntimeDirCannotBeTakenByAnotherUser(t *testing.T) {
	root := asNobodyDir(t)
	tmp, home := filepath.Join(root, "tmp"), filepath.Join(root, "home")
	os.Mkdir(tmp, 0o777)
	os.Chmod(tmp, 0o1777)
	os.Mkdir(home, 0o755) // the person's, as on Debian: others may look, not write
	t.Setenv("TMPDIR", tmp)
	getenv := func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}
	addr := Address(getenv)

	var names []string
	for i := range 10 {
		name := filepath.Join(tmp, "mamori-"+strconv.Itoa(os.Getuid()))
		if i > 0 {
			name += "-" + strconv.Itoa(i)
		}
		names = append(names, name)
	}
	for p := addr; p != home && p != tmp && p != "/"; p = filepath.Dir(p) {
		names = append(names, p)
	}
	// Deepest last, so a directory made on the way is used by the next.
	slices.Reverse(names[10:])
	script := `for p in "$@"; do mkdir -m 777 "$p" 2>/dev/null && echo "made $p"; ln -s / "$p.link" 2>/dev/null; ln -s / "$p" 2>/dev/null && echo "linked $p"; done; true`
	cmd := exec.Command("/bin/sh", append([]string{"-c", script, "sh"}, names...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "made "+names[9]) {
		t.Fatalf("nobody could not take the temporary directory's names; the attack was not played:\n%s", out)
	}
	t.Logf("nobody took:\n%s", out)

	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) { reply(Response{OK: true}) })
	if _, err := Call(context.Background(), addr, Request{Cmd: CmdStatus}); err != nil {
		t.Fatalf("the caller did not find the agent: %v", err)
	}
	fi, err := os.Lstat(addr)
	if err != nil || fi.Mode()&os.ModeSocket == 0 {
		t.Fatalf("no socket at %s: %v", addr, err)
	}
	if st := fi.Sys().(*syscall.Stat_t); int(st.Uid) != os.Getuid() {
		t.Errorf("the socket belongs to uid %d", st.Uid)
	}
	if strings.HasPrefix(addr, tmp) {
		t.Errorf("the socket %s is under the temporary directory", addr)
	}
}

// TestDeepHomeKeepsTheSocketThere: a home directory so deep that the
// socket's path is longer than a socket address holds. The socket is still
// made in the person's own directory (bound through it), and found there.
func TestDeepHomeKeepsTheSocketThere(t *testing.T) {
	home := filepath.Join(t.TempDir(), strings.Repeat("d", 60), strings.Repeat("e", 60))
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	addr := Address(func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	})
	if len(addr) <= maxSocketPath || !strings.HasPrefix(addr, home) {
		t.Fatalf("address %s (%d bytes) is not a long one in the home", addr, len(addr))
	}
	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) { reply(Response{OK: true}) })
	if _, err := Call(context.Background(), addr, Request{Cmd: CmdStatus}); err != nil {
		t.Fatalf("the caller did not find the agent: %v", err)
	}
	if fi, err := os.Lstat(addr); err != nil || fi.Mode()&os.ModeSocket == 0 {
		t.Errorf("no socket at %s: %v", addr, err)
	}
}

// TestDirectoryNotTheUsersIsRefused: the socket's directory exists with a
// mode that is not 0700, or as a symlink; the agent refuses it and changes
// nothing.
func TestDirectoryNotTheUsersIsRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(dir string) error
	}{
		{"mode 0755", func(dir string) error { return os.Mkdir(dir, 0o755) }},
		{"a symlink", func(dir string) error { return os.Symlink(t.TempDir(), dir) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := testAddress(t)
			dir := filepath.Dir(addr)
			if err := tc.make(dir); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Lstat(dir)
			if _, err := Listen(addr); err == nil || !strings.Contains(err.Error(), "refusing") {
				t.Errorf("Listen = %v, want a refusal", err)
			}
			if after, _ := os.Lstat(dir); after.Mode() != before.Mode() {
				t.Errorf("the directory changed from %v to %v", before.Mode(), after.Mode())
			}
		})
	}
}

// asNobodyDir is a fresh directory that the user nobody can reach (the
// test's own temporary directories cannot be), removed after the test. The
// test is skipped where it cannot run a process as nobody.
func asNobodyDir(t *testing.T) string {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("needs root to run a process as the user nobody")
	}
	dir, err := os.MkdirTemp("", "mamori-ipc-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	return dir
}
