package agent

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/mamori-project/mamori/internal/report"
)

// The agent listens on a Unix socket that only its user can reach (mode
// 0600 in a 0700 directory, and the peer's user checked on Linux). There is
// no TCP port. Each request and reply is one line of JSON.

// Request is a command to the running agent.
type Request struct {
	Cmd   string `json:"cmd"`
	Check string `json:"check,omitempty"`
}

// The commands.
const (
	CmdStatus       = "status"        // reply with the latest results
	CmdCheckNow     = "check-now"     // run every check now
	CmdReload       = "reload"        // the settings file changed
	CmdShowStatus   = "show-status"   // open the status window (a second start)
	CmdShowSettings = "show-settings" // open the settings window
	CmdStats        = "stats"         // the agent's own resource use (benchmarks)
)

// Response is the agent's reply.
type Response struct {
	OK     bool             `json:"ok"`
	Error  string           `json:"error,omitempty"`
	Status *report.Document `json:"status,omitempty"`
	Stats  *Stats           `json:"stats,omitempty"`
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

// SocketPath is $XDG_RUNTIME_DIR/mamori/agent.sock, or a per-user
// directory under the temporary directory where there is no runtime dir.
func SocketPath(getenv func(string) string) string {
	if d := getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		return filepath.Join(d, "mamori", "agent.sock")
	}
	return filepath.Join(os.TempDir(), "mamori-"+strconv.Itoa(os.Getuid()), "agent.sock")
}

// ErrRunning means another agent answers on the socket.
var ErrRunning = errors.New("Mamori is already running")

// listen opens the socket, removing a stale one left by a crash.
func listen(path string) (net.Listener, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(path); err == nil {
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, ErrRunning
		}
		os.Remove(path) // stale
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// Call sends one request to the agent at path.
func Call(ctx context.Context, path string, req Request) (Response, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return Response{}, fmt.Errorf("reaching the agent: %w", err)
	}
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		c.SetDeadline(dl)
	} else {
		c.SetDeadline(time.Now().Add(10 * time.Second))
	}
	if err := json.NewEncoder(c).Encode(req); err != nil {
		return Response{}, fmt.Errorf("asking the agent: %w", err)
	}
	var resp Response
	if err := json.NewDecoder(bufio.NewReader(c)).Decode(&resp); err != nil {
		return Response{}, fmt.Errorf("reading the agent's answer: %w", err)
	}
	if !resp.OK {
		return resp, fmt.Errorf("the agent says: %s", resp.Error)
	}
	return resp, nil
}

// serve answers requests on l with handle until l is closed.
func serve(l net.Listener, handle func(Request) Response) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			if !samePeer(c) {
				return
			}
			c.SetDeadline(time.Now().Add(10 * time.Second))
			// Requests are tiny; anything longer is not ours.
			r := bufio.NewReader(&limited{c: c, n: 4096})
			var req Request
			if err := json.NewDecoder(r).Decode(&req); err != nil {
				json.NewEncoder(c).Encode(Response{Error: "bad request"})
				return
			}
			json.NewEncoder(c).Encode(handle(req))
		}()
	}
}

type limited struct {
	c net.Conn
	n int
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("request too long")
	}
	if len(p) > l.n {
		p = p[:l.n]
	}
	n, err := l.c.Read(p)
	l.n -= n
	return n, err
}
