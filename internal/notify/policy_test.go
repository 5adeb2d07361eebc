package notify

import (
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func res(id string, s monitor.Status, advice string) monitor.Result {
	return monitor.Result{CheckID: id, Status: s, Advice: advice}
}
func change(old *monitor.Result, n monitor.Result) monitor.Change {
	return monitor.Change{Old: old, New: n}
}
func ptr(r monitor.Result) *monitor.Result { return &r }

func TestPolicy(t *testing.T) {
	c := &clock{time.Date(2026, 11, 25, 12, 0, 0, 0, time.Local)}
	p := &Policy{Enabled: true, Now: c.now}
	ok := res("wifi", monitor.OK, "wifi")
	open := res("wifi", monitor.Critical, "wifi.open")
	public := res("wifi", monitor.Warn, "wifi.public")

	steps := []struct {
		name  string
		ch    monitor.Change
		after time.Duration
		want  Reason
	}{
		{"first result ok", change(nil, ok), 0, NotSerious},
		{"first result warn", change(nil, res("antivirus", monitor.Warn, "antivirus.none")), 0, FirstNotBad},
		{"first result critical", change(nil, res("os-updates", monitor.Critical, "os-updates.security")), 0, Speak},
		{"ok to open", change(ptr(ok), open), 0, Speak},
		{"open to ok", change(ptr(open), ok), time.Minute, NotSerious},
		{"ok to open again, same finding", change(ptr(ok), open), time.Minute, Repeated},
		{"open to public (better, other advice)", change(ptr(open), public), time.Minute, Speak},
		{"unknown to warn", change(ptr(res("idle-power", monitor.Unknown, "idle-power")), res("idle-power", monitor.Warn, "idle-power.never")), 0, Speak},
		{"fifth in the hour is one too many", change(ptr(res("screen-lock", monitor.OK, "screen-lock")), res("screen-lock", monitor.Warn, "screen-lock.slow")), 0, RateLimited},
		{"an hour later the limit has passed", change(ptr(res("screen-lock", monitor.OK, "screen-lock")), res("screen-lock", monitor.Warn, "screen-lock.slow")), time.Hour, Speak},
		{"a day later the same open network speaks again", change(ptr(ok), open), 25 * time.Hour, Speak},
	}
	for _, st := range steps {
		c.add(st.after)
		if got := p.Decide(st.ch); got != st.want {
			t.Errorf("%s: %s, want %s", st.name, got, st.want)
		}
	}
}

func TestPolicySnoozeQuietDisabled(t *testing.T) {
	c := &clock{time.Date(2026, 11, 25, 12, 0, 0, 0, time.Local)}
	worse := change(ptr(res("wifi", monitor.OK, "wifi")), res("wifi", monitor.Critical, "wifi.open"))

	p := &Policy{Enabled: true, Now: c.now}
	p.Snooze(c.t.Add(time.Hour))
	if got := p.Decide(worse); got != Snoozed {
		t.Errorf("during snooze: %s", got)
	}
	c.add(61 * time.Minute)
	if got := p.Decide(worse); got != Speak {
		t.Errorf("after snooze: %s", got)
	}

	q := &Policy{Enabled: true, Now: c.now, Quiet: QuietHours{Enabled: true, Start: 22 * 60, End: 7 * 60}}
	c.t = time.Date(2026, 11, 25, 23, 30, 0, 0, time.Local)
	if got := q.Decide(worse); got != QuietTime {
		t.Errorf("23:30 in 22:00–07:00: %s", got)
	}
	c.t = time.Date(2026, 11, 26, 7, 0, 0, 0, time.Local)
	if got := q.Decide(worse); got != Speak {
		t.Errorf("07:00, quiet hours over: %s", got)
	}

	off := &Policy{Enabled: false, Now: c.now}
	if got := off.Decide(worse); got != Disabled {
		t.Errorf("disabled: %s", got)
	}
}

func TestQuietHours(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 1, 1, h, m, 0, 0, time.Local) }
	day := QuietHours{Enabled: true, Start: 12 * 60, End: 13 * 60}
	if !day.Contains(at(12, 30)) || day.Contains(at(13, 0)) || day.Contains(at(11, 59)) {
		t.Error("12:00–13:00 wrong")
	}
	if (QuietHours{Start: 0, End: 24 * 60}).Contains(at(3, 0)) {
		t.Error("disabled quiet hours applied")
	}
}
