package ipc

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func serve(t *testing.T, addr string, h Handler) {
	t.Helper()
	l, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- (&Server{Handler: h, MaxConns: 4}).Serve(l) }()
	t.Cleanup(func() {
		l.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
}

func TestCallAndSingleInstance(t *testing.T) {
	addr := testAddress(t)
	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) {
		switch req.Cmd {
		case CmdStatus:
			reply(Response{OK: true, Status: json.RawMessage(`{"worst":"ok"}`)})
		default:
			reply(Response{Error: "unknown command " + req.Cmd})
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := Call(ctx, addr, Request{Cmd: CmdStatus})
	if err != nil || string(resp.Status) != `{"worst":"ok"}` {
		t.Fatalf("status: %s %v", resp.Status, err)
	}
	if _, err := Call(ctx, addr, Request{Cmd: "nonsense"}); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("a refused request: %v", err)
	}
	if _, err := Listen(addr); !errors.Is(err, ErrRunning) {
		t.Errorf("a second listener: %v, want ErrRunning", err)
	}
}

func TestSubscribeStreamsUntilCancelled(t *testing.T) {
	addr := testAddress(t)
	ended := make(chan struct{})
	serve(t, addr, func(ctx context.Context, req Request, reply func(Response) error) {
		defer close(ended)
		for i := 0; ; i++ {
			if reply(Response{OK: true, Status: json.RawMessage(`{"n":` + string(rune('0'+i%10)) + `}`)}) != nil {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	var got atomic.Int32
	err := Subscribe(ctx, addr, Request{Cmd: CmdWatch}, func(Response) error {
		if got.Add(1) == 3 {
			cancel()
		}
		return nil
	})
	if err != nil || got.Load() < 3 {
		t.Fatalf("Subscribe: %v after %d replies", err, got.Load())
	}
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the server kept streaming after the caller hung up")
	}
}

// Idle is called when the last connection has closed, once per quiet
// moment, and not while a stream is open.
func TestIdleAfterLastConnection(t *testing.T) {
	addr := testAddress(t)
	var idle atomic.Int32
	streaming := make(chan struct{})
	l, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := &Server{Idle: func() { idle.Add(1) }, Handler: func(ctx context.Context, req Request, reply func(Response) error) {
		if req.Cmd == CmdWatch {
			close(streaming)
			reply(Response{OK: true})
			<-ctx.Done()
			return
		}
		reply(Response{OK: true})
	}}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	defer func() { l.Close(); <-done }()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	wait := func(want int32) {
		t.Helper()
		for idle.Load() != want && ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		if got := idle.Load(); got != want {
			t.Fatalf("Idle called %d times, want %d", got, want)
		}
	}
	if _, err := Call(ctx, addr, Request{Cmd: CmdStatus}); err != nil {
		t.Fatal(err)
	}
	wait(1)
	sctx, stop := context.WithCancel(ctx)
	go Subscribe(sctx, addr, Request{Cmd: CmdWatch}, func(Response) error { return nil })
	<-streaming
	if _, err := Call(ctx, addr, Request{Cmd: CmdStatus}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if got := idle.Load(); got != 1 {
		t.Fatalf("Idle called with a stream still open (%d calls)", got)
	}
	stop()
	wait(2)
}
