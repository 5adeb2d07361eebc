// Package logfmt writes the agent's log: one line per event, a time, a
// level, a message and key=value pairs, as log/slog's text handler writes
// them. It is what the resident agent needs of slog at a fraction of its
// size in the program (bench/RESULTS.md: the program's pages are most of
// the agent's resident memory).
package logfmt

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Logger writes lines to a writer, one Write per line. A nil *Logger
// writes nothing, so a component can be given none.
type Logger struct {
	w   io.Writer
	now func() time.Time

	mu  sync.Mutex
	buf []byte
}

// New returns a Logger that writes to w.
func New(w io.Writer) *Logger { return &Logger{w: w, now: time.Now} }

// Info logs an event worth keeping: a result, a window opened, the agent
// started.
func (l *Logger) Info(msg string, kv ...any) { l.log("INFO", msg, kv) }

// Warn logs something that did not work and was worked around.
func (l *Logger) Warn(msg string, kv ...any) { l.log("WARN", msg, kv) }

// Error logs something that did not work.
func (l *Logger) Error(msg string, kv ...any) { l.log("ERROR", msg, kv) }

func (l *Logger) log(level, msg string, kv []any) {
	if l == nil || l.w == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := append(l.buf[:0], "time="...)
	b = l.now().AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
	b = append(b, " level="...)
	b = append(b, level...)
	b = append(b, " msg="...)
	b = appendValue(b, msg)
	for i := 0; i < len(kv); i += 2 {
		b = append(b, ' ')
		if i+1 == len(kv) {
			// A value without its key, as slog writes it.
			b = append(b, "!BADKEY="...)
			b = appendValue(b, text(kv[i]))
			break
		}
		b = appendValue(b, text(kv[i]))
		b = append(b, '=')
		b = appendValue(b, text(kv[i+1]))
	}
	b = append(b, '\n')
	l.w.Write(b)
	if cap(b) <= 4<<10 {
		l.buf = b // kept for the next line; a rare long one is not
	}
}

// text is a value as the log shows it.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case error:
		return v.Error()
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// appendValue appends s, quoted when it is empty or holds anything but
// printable characters other than space, '=' and '"'. Values such as SSIDs
// and process names come from other people: quoting escapes the newlines
// and control characters that would forge a line of the log.
func appendValue(b []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

func needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return true
		}
		if r == '=' || r == '"' || r == ' ' || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
