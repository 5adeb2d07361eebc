// Package ipc is how Mamori's processes talk: the resident agent listens,
// the window process and a second start of the agent call it. One JSON
// object per line each way, over a channel only the same user can open: a
// Unix socket in a private directory on Linux and macOS, a named pipe with
// an access list naming only the user on Windows. There is no TCP port.
// The listener is also what makes the agent a single instance.
//
// The package is a leaf: the messages are plain data, and the status a
// reply carries is passed through as raw JSON. The agent's side (Serve,
// Ask) writes and reads its lines without encoding/json (codec.go), so
// that the resident agent links none of it; the windows' side (Call,
// Subscribe) reads replies with encoding/json.
package ipc

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/jsonv"
	"github.com/mamori-project/mamori/internal/lines"
)

// Request is a command to the running agent.
type Request struct {
	Cmd   string `json:"cmd"`
	Check string `json:"check,omitempty"`
	// Fix, with CmdShowStatus, asks the window to offer the fix of Check
	// at once (a notification's Fix it).
	Fix bool `json:"fix,omitempty"`
}

// The commands.
const (
	CmdStatus       = "status"        // reply with the latest results
	CmdWatch        = "watch"         // reply with the results now and after every run, until the caller hangs up
	CmdCheckNow     = "check-now"     // run every check now
	CmdUndoing      = "undoing"       // the person is undoing the fix of Check: its change that follows is theirs, not news
	CmdReload       = "reload"        // the settings file changed
	CmdShowStatus   = "show-status"   // open the status window (a second start)
	CmdShowSettings = "show-settings" // open the settings window
	CmdStats        = "stats"         // the agent's own resource use (benchmarks)
	// CmdQuit ends the agent as Quit in its menu does, its icon withdrawn
	// and its windows closed: the uninstaller asks it before it removes
	// the programs. The reply carries the agent's process ID, so the
	// caller can wait until the process is gone.
	CmdQuit = "quit"
)

// Response is the agent's reply.
type Response struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	// Warning is something the person should know though the request was
	// served (settings values that could not be used).
	Warning string `json:"warning,omitempty"`
	// Status is the results as a report document (internal/report).
	Status json.RawMessage `json:"status,omitempty"`
	Stats  *Stats          `json:"stats,omitempty"`
	// Show, on a watch stream, asks the open status window to come to the
	// front at a check (the person asked for the window again).
	Show *Show `json:"show,omitempty"`
	// Quit, the last line of a watch stream, says the person quit Mamori:
	// its windows close with it.
	Quit bool `json:"quit,omitempty"`
	// PID is the agent's process ID, in the reply to CmdQuit.
	PID int `json:"pid,omitempty"`
}

// Show is a request to the open status window: come to the front, scroll
// to Check with its Details open, and with Fix offer its fix at once.
type Show struct {
	Check string `json:"check,omitempty"`
	Fix   bool   `json:"fix,omitempty"`
}

// Stats is the agent's own resource use.
type Stats struct {
	Goroutines int    `json:"goroutines"`
	HeapAlloc  uint64 `json:"heap_alloc"`
	HeapSys    uint64 `json:"heap_sys"`
	// Memory is the runtime's account of the memory it holds, in bytes, by
	// class (runtime/metrics' /memory/classes/, without the prefix).
	Memory map[string]uint64 `json:"memory,omitempty"`
}

// ErrRunning means another agent already answers at the address.
var ErrRunning = errors.New("Mamori is already running")

// maxRequest caps one request line: requests are tiny.
const maxRequest = 4 << 10

// MaxReply caps one reply line, and so the status document the window
// reads: a document is a few kilobytes, and report.Build bounds what one
// check's evidence may add (monitor.Result.Bounded).
const MaxReply = 4 << 20

// Call sends one request to the agent at addr and returns its reply. A
// reply with OK false is returned with an error carrying its message.
func Call(ctx context.Context, addr string, req Request) (Response, error) {
	var resp Response
	err := exchange(ctx, addr, req, decode(func(r Response) error {
		resp = r
		return io.EOF
	}))
	if err != nil {
		return resp, err
	}
	if !resp.OK {
		return resp, fmt.Errorf("the agent says: %s", resp.Error)
	}
	return resp, nil
}

// Ask sends one request to the agent at addr and returns whether it was
// served: Call without the reply's contents, for the resident agent, which
// reads the one answer it needs with internal/jsonv and links no
// encoding/json (a second agent handing over to the first).
func Ask(ctx context.Context, addr string, req Request) error {
	return exchange(ctx, addr, req, func(line []byte) error {
		v, err := jsonv.Parse(line)
		if err != nil {
			return fmt.Errorf("reading the agent's answer: %w", err)
		}
		o, err := jsonv.AsObject(v)
		if err != nil {
			return fmt.Errorf("reading the agent's answer: %w", err)
		}
		var g jsonv.Getter
		ok, msg := g.Bool(o, "ok"), g.String(o, "error")
		switch {
		case g.Err != nil:
			return fmt.Errorf("reading the agent's answer: %w", g.Err)
		case !ok:
			return fmt.Errorf("the agent says: %s", msg)
		}
		return io.EOF
	})
}

// decode hands each reply line to each as a Response.
func decode(each func(Response) error) func([]byte) error {
	return func(line []byte) error {
		var resp Response
		if err := json.Unmarshal(line, &resp); err != nil {
			return fmt.Errorf("reading the agent's answer: %w", err)
		}
		return each(resp)
	}
}

// Subscribe sends req (CmdWatch) and calls each with every reply until ctx
// is done, each returns an error, or the agent hangs up. It returns nil
// when ctx ends it, and an error when the agent cannot be reached or goes
// away.
func Subscribe(ctx context.Context, addr string, req Request, each func(Response) error) error {
	err := exchange(ctx, addr, req, decode(each))
	if ctx.Err() != nil {
		return nil
	}
	if err == nil {
		return errors.New("the agent hung up")
	}
	return err
}

// exchange sends req and hands each reply line to each until it returns an
// error (io.EOF ends quietly) or the connection ends.
func exchange(ctx context.Context, addr string, req Request, each func(line []byte) error) error {
	c, err := dial(ctx, addr)
	if err != nil {
		return fmt.Errorf("reaching the agent: %w", err)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.SetDeadline(time.Now()) })
	defer stop()
	if dl, ok := ctx.Deadline(); ok {
		c.SetDeadline(dl)
	}
	if _, err := c.Write(req.encode()); err != nil {
		return fmt.Errorf("asking the agent: %w", err)
	}
	sc := bufio.NewScanner(c)
	sc.Buffer(make([]byte, 0, 64<<10), MaxReply)
	for sc.Scan() {
		if err := each(sc.Bytes()); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the agent's answer: %w", err)
	}
	return io.ErrUnexpectedEOF
}

// Handler answers one request. reply sends one line back; a handler that
// streams (CmdWatch) calls it repeatedly and returns when ctx is done or
// reply fails.
type Handler func(ctx context.Context, req Request, reply func(Response) error)

// Server answers requests on a listener.
type Server struct {
	Handler Handler
	// MaxConns caps the connections served at once; zero means 32. A
	// connection beyond it is closed at once: nothing of Mamori's opens
	// more than a few.
	MaxConns int
	// Log receives accept errors; nil drops them.
	Log Logger
	// Idle, when set, is called each time the last open connection has
	// been served and closed (the agent returns the memory a burst of
	// calls used).
	Idle func()

	mu   sync.Mutex
	open int
}

// Logger is where a Server reports accept errors. The agent's
// *logfmt.Logger fits, and so does a *slog.Logger.
type Logger interface {
	Warn(msg string, kv ...any)
}

// Serve answers requests on l until l is closed. Each connection carries
// one request; a connection from another user, or one that sends no request
// within 10 seconds or more than 4 KiB, is dropped. An accept error that is
// not the listener closing (no file descriptors left, say) is logged and
// retried with a growing pause, so the agent stays reachable once it clears.
func (s *Server) Serve(l net.Listener) error {
	limit := s.MaxConns
	if limit <= 0 {
		limit = 32
	}
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	defer wg.Wait()
	pause := time.Duration(0)
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			pause = min(max(2*pause, 5*time.Millisecond), time.Second)
			if s.Log != nil {
				s.Log.Warn("accepting a connection", "err", err, "retry-in", pause)
			}
			time.Sleep(pause)
			continue
		}
		pause = 0
		select {
		case sem <- struct{}{}:
		default:
			c.Close()
			continue
		}
		wg.Add(1)
		s.mu.Lock()
		s.open++
		s.mu.Unlock()
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			defer s.closed()
			serveConn(c, s.Handler)
		}()
	}
}

// closed counts a connection out, and calls Idle when it was the last.
func (s *Server) closed() {
	s.mu.Lock()
	s.open--
	idle := s.open == 0
	s.mu.Unlock()
	if idle && s.Idle != nil {
		s.Idle()
	}
}

func serveConn(c net.Conn, h Handler) {
	defer c.Close()
	if !samePeer(c) {
		return
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := lines.Read(bufio.NewReaderSize(io.LimitReader(c, maxRequest+1), 512), maxRequest)
	req, perr := parseRequest(line)
	if err != nil && (!errors.Is(err, io.EOF) || len(line) == 0) || perr != nil {
		c.Write(Response{Error: "bad request"}.encode())
		return
	}
	c.SetReadDeadline(time.Time{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The caller hanging up ends a stream: a read returns then.
	go func() {
		io.Copy(io.Discard, c)
		cancel()
	}()
	var mu sync.Mutex
	h(ctx, req, func(r Response) error {
		mu.Lock()
		defer mu.Unlock()
		c.SetWriteDeadline(time.Now().Add(10 * time.Second))
		_, err := c.Write(r.encode())
		return err
	})
}
