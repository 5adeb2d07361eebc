package logfmt

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	at := time.Date(2026, 11, 26, 2, 30, 0, 123e6, time.UTC)
	tests := []struct {
		name string
		log  func(*Logger)
		want string
	}{
		{"plain", func(l *Logger) { l.Info("agent started", "checks", 6, "address", "/run/user/1000/mamori/agent.sock") },
			`time=2026-11-26T02:30:00.123Z level=INFO msg="agent started" checks=6 address=/run/user/1000/mamori/agent.sock`},
		{"error and duration", func(l *Logger) {
			l.Warn("accepting a connection", "err", errors.New("too many open files"), "retry-in", 5*time.Millisecond)
		}, `time=2026-11-26T02:30:00.123Z level=WARN msg="accepting a connection" err="too many open files" retry-in=5ms`},
		{"forged line in a network name", func(l *Logger) { l.Info("trusting", "ssid", "Cafe\ntime=x level=ERROR msg=pwned") },
			`time=2026-11-26T02:30:00.123Z level=INFO msg=trusting ssid="Cafe\ntime=x level=ERROR msg=pwned"`},
		{"control characters and bad UTF-8", func(l *Logger) { l.Error("x", "name", "a\x1b[31mb\xff") },
			`time=2026-11-26T02:30:00.123Z level=ERROR msg=x name="a\x1b[31mb\xff"`},
		{"empty and Japanese", func(l *Logger) { l.Info("x", "empty", "", "ssid", "カフェ") },
			`time=2026-11-26T02:30:00.123Z level=INFO msg=x empty="" ssid=カフェ`},
		{"value without key", func(l *Logger) { l.Info("x", "check", "wifi", "orphan") },
			`time=2026-11-26T02:30:00.123Z level=INFO msg=x check=wifi !BADKEY=orphan`},
		{"nil error", func(l *Logger) { var err error; l.Info("x", "err", err) },
			`time=2026-11-26T02:30:00.123Z level=INFO msg=x err=<nil>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			l := New(&out)
			l.now = func() time.Time { return at }
			tt.log(l)
			if got := out.String(); got != tt.want+"\n" {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestNilLoggerWritesNothing(t *testing.T) {
	var l *Logger
	l.Info("x", "k", "v") // must not panic
	l.Warn("x")
	l.Error("x")
}

func TestOneWritePerLine(t *testing.T) {
	var w countingWriter
	l := New(&w)
	l.Info("one", "k", strings.Repeat("v", 10000))
	l.Warn("two")
	if w.writes != 2 {
		t.Errorf("%d writes for 2 lines", w.writes)
	}
}

type countingWriter struct{ writes int }

func (w *countingWriter) Write(p []byte) (int, error) { w.writes++; return len(p), nil }
