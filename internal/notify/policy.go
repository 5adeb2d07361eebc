// Package notify decides when Mamori speaks up and shows native
// notifications: on a change for the worse, once, never during a snooze or
// quiet hours, and only a few times an hour, because people switch off an
// agent that nags.
package notify

import (
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

// QuietHours is a daily stretch without notifications, in minutes after
// local midnight; it may wrap past midnight (22:00–07:00).
type QuietHours struct {
	Enabled    bool
	Start, End int
}

// Contains reports whether t falls in the quiet hours.
func (q QuietHours) Contains(t time.Time) bool {
	if !q.Enabled || q.Start == q.End {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	if q.Start < q.End {
		return m >= q.Start && m < q.End
	}
	return m >= q.Start || m < q.End
}

// Policy decides which changes are worth a notification. It is safe for
// concurrent use; set its fields before sharing it.
type Policy struct {
	// Enabled turns notifications on at all.
	Enabled bool
	Quiet   QuietHours
	// Repeat is how long the same finding stays silent after it was shown;
	// zero means 24 hours.
	Repeat time.Duration
	// MaxPerHour caps notifications in any hour; zero means 4.
	MaxPerHour int
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu           sync.Mutex
	snoozedUntil time.Time
	spoken       map[string]spoken // check ID → last notification
	sent         []time.Time
}

type spoken struct {
	status monitor.Status
	advice string
	at     time.Time
}

// Reason says why a change was or was not announced, for the log.
type Reason string

// The reasons.
const (
	Speak       Reason = "speak"
	NotWorse    Reason = "not a change for the worse"
	NotSerious  Reason = "not a warning or critical finding"
	Disabled    Reason = "notifications are off"
	Snoozed     Reason = "snoozed"
	QuietTime   Reason = "quiet hours"
	Repeated    Reason = "the same finding was shown recently"
	RateLimited Reason = "too many notifications this hour"
	FirstNotBad Reason = "first result, not critical"
)

func (p *Policy) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Snooze silences notifications until t.
func (p *Policy) Snooze(until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.snoozedUntil = until
}

// SetMaxPerHour changes the hourly cap (an organisation's policy).
func (p *Policy) SetMaxPerHour(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.MaxPerHour = n
}

// Configure changes the switch and the quiet hours.
func (p *Policy) Configure(enabled bool, quiet QuietHours) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Enabled, p.Quiet = enabled, quiet
}

// SnoozedUntil returns the end of the current snooze, zero when none.
func (p *Policy) SnoozedUntil() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.now().After(p.snoozedUntil) {
		return time.Time{}
	}
	return p.snoozedUntil
}

// Decide says whether to announce ch, and records it when it says yes.
func (p *Policy) Decide(ch monitor.Change) Reason {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	n := ch.New
	if n.Status != monitor.Warn && n.Status != monitor.Critical {
		return NotSerious
	}
	if ch.Old == nil {
		// At start, speak only of what puts the person at risk now.
		if n.Status != monitor.Critical {
			return FirstNotBad
		}
	} else if !ch.Worse() && ch.Old.Advice == n.Advice {
		return NotWorse
	}
	switch {
	case !p.Enabled:
		return Disabled
	case now.Before(p.snoozedUntil):
		return Snoozed
	case p.Quiet.Contains(now):
		return QuietTime
	}
	repeat := p.Repeat
	if repeat == 0 {
		repeat = 24 * time.Hour
	}
	if last, ok := p.spoken[n.CheckID]; ok && last.status == n.Status && last.advice == n.Advice && now.Sub(last.at) < repeat {
		return Repeated
	}
	limit := p.MaxPerHour
	if limit == 0 {
		limit = 4
	}
	kept := p.sent[:0]
	for _, t := range p.sent {
		if now.Sub(t) < time.Hour {
			kept = append(kept, t)
		}
	}
	p.sent = kept
	if len(p.sent) >= limit {
		return RateLimited
	}
	p.sent = append(p.sent, now)
	if p.spoken == nil {
		p.spoken = map[string]spoken{}
	}
	p.spoken[n.CheckID] = spoken{status: n.Status, advice: n.Advice, at: now}
	return Speak
}
