package agent

import (
	"sync"
	"time"
)

// later runs one function after a delay; asking again replaces what was
// asked before.
type later struct {
	mu sync.Mutex
	t  *time.Timer
}

// Do runs f after d, in place of what was waiting.
func (l *later) Do(d time.Duration, f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.t != nil {
		l.t.Stop()
	}
	l.t = time.AfterFunc(d, f)
}
