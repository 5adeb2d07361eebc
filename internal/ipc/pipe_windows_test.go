package ipc

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// testAddress is a fresh pipe name for this test's own listener: the
// agent's, with a random tail.
func testAddress(t *testing.T) string {
	t.Helper()
	return fmt.Sprintf("%s-test-%x", Address(nil), rand.Text()[:8])
}

// The pipe lets only this user in: its access list is protected and has one
// entry, for the user's SID.
func TestPipeAccessListWindows(t *testing.T) {
	addr := testAddress(t)
	l, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	sd, err := windows.GetSecurityInfo(l.(*pipeListener).next, windows.SE_KERNEL_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	sid, err := userSID()
	if err != nil {
		t.Fatal(err)
	}
	got := sd.String()
	if want := "D:P(A;;FA;;;" + sid.String() + ")"; got != want && !strings.HasPrefix(got, "D:P(A;;GA;;;"+sid.String()+")") {
		t.Errorf("the pipe's access list is %s, want %s", got, want)
	}
}

// A client believes only a pipe this user's process serves.
func TestDialChecksTheServerWindows(t *testing.T) {
	addr := testAddress(t)
	l, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		if c, err := l.Accept(); err == nil {
			c.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := dial(ctx, addr)
	if err != nil {
		t.Fatalf("dialling our own pipe: %v", err)
	}
	c.Close()
	if _, err := dial(ctx, addr+"-nobody"); err == nil || errors.Is(err, errNotOurs) {
		t.Errorf("dialling a pipe nobody serves: %v", err)
	}
}

// Closing the listener ends a waiting Accept.
func TestCloseEndsAcceptWindows(t *testing.T) {
	l, err := Listen(testAddress(t))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := l.Accept(); done <- err }()
	time.Sleep(50 * time.Millisecond)
	l.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("Accept after Close: %v, want net.ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Accept still waits after Close")
	}
}
