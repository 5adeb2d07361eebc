//go:build !windows

package ipc

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
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

// TestTempFallbackCannotBeHijacked: with no runtime directory the socket
// goes under the temporary directory, where another user got there first:
// one name is their directory, the next a symlink to the person's home.
// The agent passes both over, changes neither, and its callers find it.
func TestTempFallbackCannotBeHijacked(t *testing.T) {
	tmp := t.TempDir()
	os.Chmod(tmp, 0o1777)
	t.Setenv("TMPDIR", tmp)
	addr := Address(func(string) string { return "" })
	base := filepath.Dir(addr)
	if filepath.Dir(base) != tmp {
		t.Fatalf("fallback address %s is not under TMPDIR", addr)
	}
	home := filepath.Join(t.TempDir(), "home")
	os.Mkdir(home, 0o755)
	if err := os.Mkdir(base, 0o777); err != nil { // someone else's
		t.Fatal(err)
	}
	if os.Getuid() == 0 {
		os.Chown(base, 65534, 65534)
	} else {
		os.Chmod(base, 0o777) // a mode the agent must not accept either
	}
	if err := os.Symlink(home, base+"-1"); err != nil {
		t.Fatal(err)
	}
	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) { reply(Response{OK: true}) })
	if _, err := Call(context.Background(), addr, Request{Cmd: CmdStatus}); err != nil {
		t.Fatalf("the caller did not find the agent: %v", err)
	}
	if fi, _ := os.Stat(home); fi.Mode().Perm() != 0o755 {
		t.Errorf("the person's home was changed to %v", fi.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(home, "agent.sock")); err == nil {
		t.Error("the socket went through the symlink")
	}
	if fi, err := os.Lstat(filepath.Join(base+"-2", "agent.sock")); err != nil || fi.Mode()&os.ModeSocket == 0 {
		t.Errorf("the socket is not in the next name of the series: %v", err)
	}
}

func TestAllNamesTakenIsRefused(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	addr := Address(func(string) string { return "" })
	for i := range dirNames {
		os.Mkdir(dirName(filepath.Dir(addr), i), 0o755) // not 0700
	}
	if _, err := Listen(addr); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("Listen = %v, want a refusal", err)
	}
}
