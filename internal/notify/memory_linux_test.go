//go:build linux

package notify

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

// TestMemoryAcrossStarts plays two starts of the agent: what the first
// showed, kept in the file, silences the second for 24 hours and counts
// against its hourly cap.
func TestMemoryAcrossStarts(t *testing.T) {
	c := &clock{time.Date(2026, 11, 25, 12, 0, 0, 0, time.Local)}
	path := filepath.Join(t.TempDir(), "state", "mamori", "notifications.json")
	updates := res("os-updates", monitor.Critical, "os-updates.security")

	first := &Policy{Enabled: true, Now: c.now}
	if got := first.Decide(change(nil, updates)); got != Speak {
		t.Fatalf("first start: %s", got)
	}
	for _, id := range []string{"a", "b", "c"} {
		first.Decide(change(ptr(res(id, monitor.OK, id)), res(id, monitor.Warn, id+".x")))
	}
	if err := SaveMemory(path, first.Memory()); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the memory file: %v %v", fi, err)
	}

	for _, tc := range []struct {
		name  string
		after time.Duration
		ch    monitor.Change
		want  Reason
	}{
		{"same finding minutes later", 10 * time.Minute, change(nil, updates), Repeated},
		{"another finding within the hour: the cap counts the first start's", 0, change(ptr(res("d", monitor.OK, "d")), res("d", monitor.Warn, "d.x")), RateLimited},
		{"same finding a day later", 25 * time.Hour, change(nil, updates), Speak},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.add(tc.after)
			m, err := LoadMemory(path)
			if err != nil {
				t.Fatal(err)
			}
			next := &Policy{Enabled: true, Now: c.now}
			next.Remember(m)
			if got := next.Decide(tc.ch); got != tc.want {
				t.Errorf("%s, want %s", got, tc.want)
			}
		})
	}
}

// TestMemoryDamaged reads files that are not a memory: each costs the
// memory and says why, never a crash nor a hang.
func TestMemoryDamaged(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, content string
		path          string
		wantErr       bool
	}{
		{"missing", "", filepath.Join(dir, "none.json"), false},
		{"truncated", `{"spoken": {"wifi": {"status": "crit`, "", true},
		{"not JSON", "\x00\x01garbage", "", true},
		{"wrong types", `{"spoken": [1, 2], "sent": "yesterday"}`, "", true},
		{"too large", `{"sent": [` + strings.Repeat(`"2026-11-25T12:00:00Z",`, 4000) + `]}`, "", true},
		{"a FIFO in its place", "", fifo, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
				os.WriteFile(path, []byte(tc.content), 0o600)
			}
			m, err := LoadMemory(path)
			if (err != nil) != tc.wantErr {
				t.Errorf("error %v, want one: %v", err, tc.wantErr)
			}
			if len(m.Spoken) != 0 || len(m.Sent) != 0 {
				t.Errorf("memory %+v from a damaged file", m)
			}
		})
	}
}

// TestMemoryNotFromTheFuture restores a memory whose times lie ahead (a
// clock set back, a hand-edited file): it silences for the usual span at
// most, and a snooze of a year is not believed.
func TestMemoryNotFromTheFuture(t *testing.T) {
	c := &clock{time.Date(2026, 11, 25, 12, 0, 0, 0, time.Local)}
	p := &Policy{Enabled: true, Now: c.now}
	far := c.t.AddDate(1, 0, 0)
	p.Remember(Memory{
		Spoken:       map[string]Spoken{"os-updates": {Status: monitor.Critical, Advice: "os-updates.security", At: far}},
		SnoozedUntil: far,
	})
	if !p.SnoozedUntil().IsZero() {
		t.Errorf("a year's snooze was believed: %v", p.SnoozedUntil())
	}
	c.add(25 * time.Hour)
	if got := p.Decide(change(nil, res("os-updates", monitor.Critical, "os-updates.security"))); got != Speak {
		t.Errorf("a day later: %s, want %s", got, Speak)
	}
}
