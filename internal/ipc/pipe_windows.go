package ipc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Address is a named pipe whose name carries the user's SID, so that each
// user on the machine has their own: \\.\pipe\mamori-<SID>.
func Address(func(string) string) string {
	sid, err := userSID()
	if err != nil {
		return `\\.\pipe\mamori`
	}
	return `\\.\pipe\mamori-` + sid.String()
}

// userSID is the current user's security identifier.
func userSID() (*windows.SID, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("reading the user's SID: %w", err)
	}
	return u.User.Sid, nil
}

// The pipe is a byte stream served by any number of instances, from this
// machine only. Each side opens its handle for overlapped I/O and hands it
// to os.NewFile, which puts it on the Go runtime's completion port: reads
// and writes then block no thread and honour deadlines, as a socket's do.
// (go-winio's pipes did the same with a completion port of their own,
// whose completions Wine 8 never delivered.)
const (
	pipeMode   = windows.PIPE_TYPE_BYTE | windows.PIPE_READMODE_BYTE | windows.PIPE_WAIT | windows.PIPE_REJECT_REMOTE_CLIENTS
	pipeBuffer = 64 << 10
)

// Listen creates the pipe at addr with an access list that lets only this
// user open it. It returns ErrRunning when an agent of this user's answers
// there, and an error naming the squatter when another user holds the name.
func Listen(addr string) (net.Listener, error) {
	sid, err := userSID()
	if err != nil {
		return nil, err
	}
	// Protected DACL: full access for this user, nobody else.
	sd, err := windows.SecurityDescriptorFromString("D:P(A;;GA;;;" + sid.String() + ")")
	if err != nil {
		return nil, fmt.Errorf("the pipe's access list: %w", err)
	}
	l := &pipeListener{addr: addr, sa: &windows.SecurityAttributes{
		Length:             uint32(unsafe.Sizeof(windows.SecurityAttributes{})),
		SecurityDescriptor: sd,
	}}
	// Is an agent, or someone else, serving the name already? Windows
	// refuses a first instance of a taken name (below); Wine 8 ignores that
	// flag and would let two agents share the name, so ask first.
	if err := answered(addr); err != nil {
		return nil, err
	}
	l.closed, err = windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return nil, fmt.Errorf("creating the pipe %s: %w", addr, err)
	}
	l.next, err = l.instance(windows.FILE_FLAG_FIRST_PIPE_INSTANCE)
	if err != nil {
		windows.CloseHandle(l.closed)
		if aerr := answered(addr); aerr != nil {
			return nil, aerr
		}
		return nil, fmt.Errorf("creating the pipe %s: %w", addr, err)
	}
	return l, nil
}

// answered is ErrRunning when this user's agent serves addr, an error
// naming the squatter when another user's process does, and nil when
// nobody does.
func answered(addr string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c, err := dial(ctx, addr)
	switch {
	case err == nil:
		c.Close()
		return ErrRunning
	case errors.Is(err, errNotOurs):
		return err
	}
	return nil
}

type pipeListener struct {
	addr   string
	sa     *windows.SecurityAttributes
	closed windows.Handle // an event, set by Close

	mu   sync.Mutex
	next windows.Handle // the instance the next client connects to
	done bool
}

func (l *pipeListener) instance(flags uint32) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(l.addr)
	if err != nil {
		return windows.InvalidHandle, err
	}
	return windows.CreateNamedPipe(name,
		windows.PIPE_ACCESS_DUPLEX|windows.FILE_FLAG_OVERLAPPED|flags,
		pipeMode, windows.PIPE_UNLIMITED_INSTANCES, pipeBuffer, pipeBuffer, 0, l.sa)
}

// Accept waits for a client on the waiting instance, then puts a new
// instance in its place for the next one.
func (l *pipeListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	h := l.next
	l.next = windows.InvalidHandle
	done := l.done
	l.mu.Unlock()
	if done {
		return nil, net.ErrClosed
	}
	if h == windows.InvalidHandle {
		var err error
		if h, err = l.instance(0); err != nil {
			return nil, fmt.Errorf("opening another instance of %s: %w", l.addr, err)
		}
	}
	if err := l.connect(h); err != nil {
		windows.CloseHandle(h)
		return nil, err
	}
	l.mu.Lock()
	if !l.done {
		l.next, _ = l.instance(0) // on failure, the next Accept tries again
	}
	l.mu.Unlock()
	return newPipeConn(h, l.addr), nil
}

// connect waits until a client opens h or the listener is closed.
func (l *pipeListener) connect(h windows.Handle) error {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	ov := windows.Overlapped{HEvent: ev}
	switch err := windows.ConnectNamedPipe(h, &ov); {
	case err == nil, errors.Is(err, windows.ERROR_PIPE_CONNECTED):
		return nil
	case !errors.Is(err, windows.ERROR_IO_PENDING):
		return fmt.Errorf("waiting for a client on %s: %w", l.addr, err)
	}
	which, err := windows.WaitForMultipleObjects([]windows.Handle{ev, l.closed}, false, windows.INFINITE)
	if err != nil || which != windows.WAIT_OBJECT_0 {
		windows.CancelIoEx(h, &ov)
		var n uint32
		windows.GetOverlappedResult(h, &ov, &n, true)
		if err == nil {
			err = net.ErrClosed
		}
		return err
	}
	var n uint32
	if err := windows.GetOverlappedResult(h, &ov, &n, false); err != nil && !errors.Is(err, windows.ERROR_PIPE_CONNECTED) {
		return fmt.Errorf("waiting for a client on %s: %w", l.addr, err)
	}
	return nil
}

func (l *pipeListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return nil
	}
	l.done = true
	if l.next != windows.InvalidHandle {
		windows.CloseHandle(l.next)
		l.next = windows.InvalidHandle
	}
	// Wakes a waiting Accept. The event stays open: an Accept may still be
	// about to wait on it, and one handle is all it costs.
	return windows.SetEvent(l.closed)
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr(l.addr) }

type pipeAddr string

func (a pipeAddr) Network() string { return "pipe" }
func (a pipeAddr) String() string  { return string(a) }

// pipeConn is one end of a connected instance.
type pipeConn struct {
	*os.File
	addr pipeAddr
}

func newPipeConn(h windows.Handle, addr string) *pipeConn {
	return &pipeConn{File: os.NewFile(uintptr(h), addr), addr: pipeAddr(addr)}
}

func (c *pipeConn) LocalAddr() net.Addr  { return c.addr }
func (c *pipeConn) RemoteAddr() net.Addr { return c.addr }

// errNotOurs is a pipe of the name served by another user's process.
var errNotOurs = errors.New("the pipe is held by another user")

// dial opens the pipe, waiting while every instance is busy, and makes
// sure this user's process serves it: anyone may create a pipe of any
// name, and a reply from another user's would be believed.
func dial(ctx context.Context, addr string) (net.Conn, error) {
	name, err := windows.UTF16PtrFromString(addr)
	if err != nil {
		return nil, err
	}
	for {
		h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil,
			windows.OPEN_EXISTING, windows.FILE_FLAG_OVERLAPPED|windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
		if err == nil {
			if err := ownedByUs(h); err != nil {
				windows.CloseHandle(h)
				return nil, fmt.Errorf("%s: %w", addr, err)
			}
			return newPipeConn(h, addr), nil
		}
		if !errors.Is(err, windows.ERROR_PIPE_BUSY) {
			return nil, &os.PathError{Op: "open", Path: addr, Err: err}
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("the pipe %s is busy: %w", addr, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// ownedByUs checks that the process serving the pipe runs as this user.
func ownedByUs(h windows.Handle) error {
	var pid uint32
	if err := getNamedPipeServerProcessId(h, &pid); err != nil {
		return fmt.Errorf("asking who serves the pipe: %w", err)
	}
	p, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		// Another user's process cannot be opened this way.
		return fmt.Errorf("%w (process %d: %v)", errNotOurs, pid, err)
	}
	defer windows.CloseHandle(p)
	var tok windows.Token
	if err := windows.OpenProcessToken(p, windows.TOKEN_QUERY, &tok); err != nil {
		return fmt.Errorf("%w (process %d: %v)", errNotOurs, pid, err)
	}
	defer tok.Close()
	them, err := tok.GetTokenUser()
	if err != nil {
		return fmt.Errorf("%w (process %d: %v)", errNotOurs, pid, err)
	}
	us, err := userSID()
	if err != nil {
		return err
	}
	if !windows.EqualSid(them.User.Sid, us) {
		return fmt.Errorf("%w (%s, process %d)", errNotOurs, them.User.Sid, pid)
	}
	return nil
}

var procGetNamedPipeServerProcessId = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetNamedPipeServerProcessId")

func getNamedPipeServerProcessId(h windows.Handle, pid *uint32) error {
	r, _, err := procGetNamedPipeServerProcessId.Call(uintptr(h), uintptr(unsafe.Pointer(pid)))
	if r == 0 {
		return err
	}
	return nil
}

// samePeer: the pipe's access list names only this user, so whoever
// connected is this user.
func samePeer(net.Conn) bool { return true }
