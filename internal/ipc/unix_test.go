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
