package notify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/atomicfile"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Memory is what the policy remembers across starts and logins: what was
// shown for each check and when, when the last notifications went out, and
// the snooze. Without it the 24-hour rule and the hourly cap would start
// afresh at every login, and a standing critical finding would be announced
// at every start.
type Memory struct {
	Spoken       map[string]Spoken `json:"spoken,omitempty"`
	Sent         []time.Time       `json:"sent,omitempty"`
	SnoozedUntil time.Time         `json:"snoozed_until,omitzero"`
	// What is on screen is the agent's to keep (internal/agent's
	// onscreen.json): it shows the notifications.
}

// Spoken is the last notification about one check.
type Spoken struct {
	Status monitor.Status `json:"status"`
	Advice string         `json:"advice"`
	At     time.Time      `json:"at"`
}

// MaxMemorySize caps the memory file: a real one is well under a kilobyte.
const MaxMemorySize = 64 << 10

// LoadMemory reads the memory at path. A file that does not exist is an
// empty memory; one that cannot be read or is damaged is an empty memory
// and an error to log: it costs what was remembered, never the agent.
func LoadMemory(path string) (Memory, error) {
	data, err := atomicfile.Read(path, MaxMemorySize)
	if errors.Is(err, fs.ErrNotExist) {
		return Memory{}, nil
	}
	if err != nil {
		return Memory{}, fmt.Errorf("reading what was notified: %w", err)
	}
	var m Memory
	if err := json.Unmarshal(data, &m); err != nil {
		return Memory{}, fmt.Errorf("reading what was notified from %s: %w", path, err)
	}
	return m, nil
}

// SaveMemory writes m to path atomically, readable by the user only.
func SaveMemory(path string, m Memory) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding what was notified: %w", err)
	}
	return atomicfile.Write(path, append(data, '\n'), 0o600)
}

// Memory returns what the policy remembers, without what no longer counts
// (notifications over an hour old for the cap).
func (p *Policy) Memory() Memory {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	m := Memory{Spoken: map[string]Spoken{}, SnoozedUntil: p.snoozedUntil}
	for id, s := range p.spoken {
		m.Spoken[id] = Spoken{Status: s.status, Advice: s.advice, At: s.at}
	}
	for _, t := range p.sent {
		if now.Sub(t) < time.Hour {
			m.Sent = append(m.Sent, t)
		}
	}
	if len(m.Spoken) == 0 {
		m.Spoken = nil
	}
	return m
}

// Remember restores what an earlier run of the agent remembered. Times in
// the future (a clock set back, a hand-edited file) are taken as now, so
// they silence for at most the usual span; a snooze longer than a day is
// not believed.
func (p *Policy) Remember(m Memory) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	clamp := func(t time.Time) time.Time {
		if t.After(now) {
			return now
		}
		return t
	}
	p.spoken = map[string]spoken{}
	for _, id := range slices.Sorted(maps.Keys(m.Spoken)) {
		s := m.Spoken[id]
		p.spoken[id] = spoken{status: s.Status, advice: s.Advice, at: clamp(s.At)}
	}
	p.sent = nil
	for _, t := range m.Sent {
		if t = clamp(t); now.Sub(t) < time.Hour {
			p.sent = append(p.sent, t)
		}
	}
	// The cap is a few an hour: a file listing more adds nothing.
	if len(p.sent) > 64 {
		p.sent = p.sent[len(p.sent)-64:]
	}
	p.snoozedUntil = time.Time{}
	if m.SnoozedUntil.After(now) && m.SnoozedUntil.Sub(now) <= 24*time.Hour {
		p.snoozedUntil = m.SnoozedUntil
	}
}

// Acknowledge records r as if it had been shown, without showing it or
// counting it against the hourly cap: the person caused it themselves
// (they undid a fix) and knows.
func (p *Policy) Acknowledge(r monitor.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.spoken == nil {
		p.spoken = map[string]spoken{}
	}
	p.spoken[r.CheckID] = spoken{status: r.Status, advice: r.Advice, at: p.now()}
}

// Unsay takes back what Decide recorded when it let r through, because its
// notification could not be shown: it counts neither as told nor against
// the hourly cap.
func (p *Policy) Unsay(r monitor.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.spoken[r.CheckID]; ok && s.status == r.Status && s.advice == r.Advice {
		delete(p.spoken, r.CheckID)
	}
	if len(p.sent) > 0 {
		p.sent = p.sent[:len(p.sent)-1]
	}
}
