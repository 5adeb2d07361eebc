// Package updates asks the system's package manager which updates are
// pending (apt, dnf, pacman, zypper), without root and without touching the
// network, and keeps the slow answer in a cache shared between processes.
// The os-updates and browser-updates checks read it.
package updates

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/atomicfile"
	"github.com/mamori-project/mamori/internal/host"
)

// Cache asks the system's package manager which updates are
// pending. The simulation is slow (seconds), so its answer is kept for
// MaxAge, or until the package index or the installed set changes. The
// os-updates and browser-updates checks share one Cache.
type Cache struct {
	Sys host.System
	// MaxAge is how long an answer is reused; zero means an hour.
	MaxAge time.Duration
	// Store, when set, is a file that keeps the answer between processes,
	// so the agent and `mamori check` share one simulation an hour. It is a
	// cache: a file that cannot be read is ignored and replaced.
	Store string

	mu     sync.Mutex
	cached *Report
	stamp  string // what the cached answer was computed from
}

// Report returns pending updates, from the cache when it is still good.
func (u *Cache) Report(ctx context.Context) (Report, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	maxAge := u.MaxAge
	if maxAge == 0 {
		maxAge = time.Hour
	}
	stamp, now := u.stateStamp(), u.Sys.Now()
	// An answer from the future means the clock was set back: ask again.
	fresh := func(rep *Report, from string) bool {
		return rep != nil && from == stamp && !rep.Checked.After(now) && now.Sub(rep.Checked) < maxAge
	}
	if fresh(u.cached, u.stamp) {
		return *u.cached, nil
	}
	if stored, ok := u.load(); ok && fresh(&stored.Report, stored.Stamp) {
		u.cached, u.stamp = &stored.Report, stored.Stamp
		return stored.Report, nil
	}
	rep, err := u.query(ctx)
	if err != nil {
		return Report{}, err
	}
	rep.Checked = now
	u.cached, u.stamp = &rep, stamp
	u.save(storedAnswer{Format: storeFormat, Stamp: stamp, Report: rep})
	return rep, nil
}

// storeFormat changes whenever storedAnswer or Report changes shape, so
// a newer Mamori never trusts an older one's file.
const storeFormat = 1

// storedAnswer is the Store file.
type storedAnswer struct {
	Format int    `json:"format"`
	Stamp  string `json:"stamp"`
	Report Report `json:"report"`
}

func (u *Cache) load() (storedAnswer, bool) {
	var a storedAnswer
	if u.Store == "" {
		return a, false
	}
	data, err := os.ReadFile(u.Store)
	if err != nil || json.Unmarshal(data, &a) != nil || a.Format != storeFormat || a.Stamp == "" {
		return storedAnswer{}, false
	}
	return a, true
}

// save keeps the answer for other processes. A failure only costs the next
// process a simulation, so it is not an error of the check.
func (u *Cache) save(a storedAnswer) {
	if u.Store == "" {
		return
	}
	if data, err := json.Marshal(a); err == nil {
		atomicfile.Write(u.Store, data, 0o600)
	}
}

// stateStamp summarises the files whose change invalidates the cache: the
// package index and the installed-package database.
func (u *Cache) stateStamp() string {
	s := ""
	for _, p := range []string{
		"/var/lib/apt/lists", "/var/lib/dpkg/status", "/etc/apt/sources.list", "/etc/apt/sources.list.d", "/etc/apt/preferences.d",
		"/var/lib/rpm", "/var/cache/dnf", "/var/cache/libdnf5", "/etc/yum.repos.d",
		"/var/lib/pacman/local", "/var/lib/pacman/sync",
		"/var/cache/zypp/solv", "/etc/zypp/repos.d",
	} {
		if t, ok := u.modTime(p); ok {
			s += fmt.Sprintf("%s=%d;", p, t.UnixNano())
		}
	}
	return s
}

func (u *Cache) modTime(abs string) (time.Time, bool) {
	fi, err := u.Sys.Stat(abs)
	if err != nil {
		return time.Time{}, false
	}
	return fi.ModTime(), true
}
