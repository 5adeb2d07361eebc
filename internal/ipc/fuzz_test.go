package ipc

import (
	"context"
	"net"
	"testing"
	"time"
)

// FuzzRequestLine sends whatever a caller may send as a request line: the
// server must answer or hang up, never panic nor wait past its deadline.
func FuzzRequestLine(f *testing.F) {
	f.Add([]byte(`{"cmd":"status"}` + "\n"))
	f.Add([]byte(`{"cmd":"show-status","check":"wifi\u202e"}`))
	f.Add([]byte("\x00\xff{{{"))
	f.Fuzz(func(t *testing.T, line []byte) {
		server, client := net.Pipe()
		done := make(chan struct{})
		go func() {
			serveConn(server, func(ctx context.Context, req Request, reply func(Response) error) { reply(Response{OK: true}) })
			close(done)
		}()
		client.SetDeadline(time.Now().Add(2 * time.Second))
		client.Write(line)
		client.Close()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Fatal("serveConn did not return")
		}
	})
}
