package ipc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/Microsoft/go-winio"
	"golang.org/x/sys/windows"
)

// Address is a named pipe whose name carries the user's SID, so that each
// user on the machine has their own: \\.\pipe\mamori-<SID>.
func Address(func(string) string) string {
	sid, err := userSID()
	if err != nil {
		return `\\.\pipe\mamori`
	}
	return `\\.\pipe\mamori-` + sid
}

// userSID is the current user's security identifier, as text.
func userSID() (string, error) {
	tok := windows.GetCurrentProcessToken()
	u, err := tok.GetTokenUser()
	if err != nil {
		return "", fmt.Errorf("reading the user's SID: %w", err)
	}
	return u.User.Sid.String(), nil
}

// Listen creates the pipe at addr with an access list that lets only this
// user open it. It returns ErrRunning when an agent answers there.
func Listen(addr string) (net.Listener, error) {
	sid, err := userSID()
	if err != nil {
		return nil, err
	}
	l, err := winio.ListenPipe(addr, &winio.PipeConfig{
		// Protected DACL: full access for this user, nobody else.
		SecurityDescriptor: "D:P(A;;GA;;;" + sid + ")",
	})
	if err == nil {
		return l, nil
	}
	// The first instance exists already: is an agent behind it?
	timeout := time.Second
	if c, derr := winio.DialPipe(addr, &timeout); derr == nil {
		c.Close()
		return nil, ErrRunning
	}
	return nil, fmt.Errorf("creating the pipe %s: %w", addr, err)
}

func dial(ctx context.Context, addr string) (net.Conn, error) {
	c, err := winio.DialPipeContext(ctx, addr)
	if errors.Is(err, winio.ErrTimeout) {
		return nil, fmt.Errorf("the pipe %s is busy: %w", addr, err)
	}
	return c, err
}

// samePeer relies on the pipe's access list, which names only this user.
func samePeer(net.Conn) bool { return true }
