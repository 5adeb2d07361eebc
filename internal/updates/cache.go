// Package updates asks the system's package manager which updates are
// pending (apt, dnf, pacman, zypper), without root and without touching the
// network, and keeps the slow answer in a cache shared between processes.
// The os-updates and browser-updates checks read it.
package updates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/atomicfile"
	"github.com/mamori-project/mamori/internal/host"
)

// Cache asks the system's package manager which updates are pending. The
// simulation is slow (seconds of CPU), and its answer changes only when the
// package index, the installed set or the package manager's configuration
// does (StateFiles), so the answer is kept until one of those changes, or
// for MaxAge as a safety net. The os-updates and browser-updates checks
// share one Cache, and re-run when a state file changes.
type Cache struct {
	Sys host.System
	// MaxAge is how long an answer is reused while nothing it depends on
	// changed; zero means a day.
	MaxAge time.Duration
	// Store, when set, is a file that keeps the answer between processes,
	// so the agent and `mamori check` share one simulation per change. It is
	// a cache: a file that cannot be read is ignored and replaced.
	Store string
	// RetryAfter is how long a simulation that failed (cut off by its
	// deadline on a busy machine, say) is not tried again while nothing it
	// depends on changed; zero means FailureRetry. Every run of a check
	// paying for a simulation that will fail again would load the machine
	// it failed on.
	RetryAfter time.Duration

	mu     sync.Mutex
	cached *Report
	stamp  string // what the cached answer was computed from
	failed *failure
}

// FailureRetry is how long a failed simulation is remembered by default.
const FailureRetry = 10 * time.Minute

// failure is a simulation that failed: when, from which state, and why.
type failure struct {
	At    time.Time `json:"at"`
	Stamp string    `json:"stamp"`
	Err   string    `json:"error"`
}

// RememberedError is a failure of the simulation remembered from an
// earlier run (of this process or another) instead of trying again.
type RememberedError struct {
	Err   string
	At    time.Time
	Retry time.Time
}

func (e *RememberedError) Error() string {
	return fmt.Sprintf("%s (at %s; remembered, not tried again until %s, %v after it failed, unless the package lists change)",
		e.Err, e.At.Format("15:04:05"), e.Retry.Format("15:04:05"), e.Retry.Sub(e.At).Round(time.Second))
}

// Report returns pending updates, from the cache when it is still good.
func (u *Cache) Report(ctx context.Context) (Report, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	maxAge := u.MaxAge
	if maxAge == 0 {
		maxAge = 24 * time.Hour
	}
	stamp, now := u.stateStamp(), u.Sys.Now()
	// An answer from the future means the clock was set back: ask again.
	fresh := func(rep *Report, from string) bool {
		return rep != nil && from == stamp && !rep.Checked.After(now) && now.Sub(rep.Checked) < maxAge
	}
	retry := u.RetryAfter
	if retry == 0 {
		retry = FailureRetry
	}
	// A failure from another state, the future or longer ago than retry
	// is forgotten.
	recent := func(f *failure) bool {
		return f != nil && f.Stamp == stamp && !f.At.After(now) && now.Sub(f.At) < retry
	}
	var rep Report
	switch stored, ok := u.load(); {
	case fresh(u.cached, u.stamp):
		rep = *u.cached
	case ok && stored.Failure == nil && fresh(&stored.Report, stored.Stamp):
		u.cached, u.stamp = &stored.Report, stored.Stamp
		rep = stored.Report
	case recent(u.failed):
		return Report{}, &RememberedError{Err: u.failed.Err, At: u.failed.At, Retry: u.failed.At.Add(retry)}
	case ok && recent(stored.Failure):
		u.failed = stored.Failure
		return Report{}, &RememberedError{Err: u.failed.Err, At: u.failed.At, Retry: u.failed.At.Add(retry)}
	default:
		var err error
		if rep, err = u.query(ctx); err != nil {
			// A run its caller called off (the agent stopping) says
			// nothing of the next.
			if !errors.Is(err, context.Canceled) {
				u.failed = &failure{At: now, Stamp: stamp, Err: err.Error()}
				u.save(storedAnswer{Format: storeFormat, Stamp: stamp, Failure: u.failed})
			}
			return Report{}, err
		}
		rep.Checked = now
		u.cached, u.stamp, u.failed = &rep, stamp, nil
		u.save(storedAnswer{Format: storeFormat, Stamp: stamp, Report: rep})
	}
	// Settings of the desktop's updater live in dconf, not in the state
	// files, and cost one gsettings run to read: read them every time.
	return withDesktopAuto(ctx, u.Sys, rep), nil
}

// storeFormat changes whenever storedAnswer or Report changes shape, or
// what an answer depends on changes, so a newer Mamori never trusts an older
// one's file. 2: package managers run with a fixed environment; an answer
// from before may have been computed under a hostile APT_CONFIG. 3: the
// packages no archive offers. 4: a failed simulation is remembered.
const storeFormat = 4

// storedAnswer is the Store file: an answer, or a failure.
type storedAnswer struct {
	Format  int      `json:"format"`
	Stamp   string   `json:"stamp"`
	Report  Report   `json:"report"`
	Failure *failure `json:"failure,omitempty"`
}

func (u *Cache) load() (storedAnswer, bool) {
	var a storedAnswer
	if u.Store == "" {
		return a, false
	}
	// A cache: anything but a small regular file is ignored, never waited on.
	data, err := atomicfile.Read(u.Store, 8<<20)
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

// stateFiles are the files and directories whose modification time
// changes when the package index, the installed set or the sources change;
// stateDirs the configuration directories whose every file counts (an edit
// in place changes the file's time, not the directory's).
var (
	stateFiles = []string{
		"/var/lib/apt/lists", "/var/lib/dpkg/status", "/etc/apt/sources.list",
		"/var/lib/rpm", "/var/cache/dnf", "/var/cache/libdnf5",
		"/var/lib/pacman/local", "/var/lib/pacman/sync",
		"/var/cache/zypp/solv",
	}
	stateDirs = []string{
		"/etc/apt/sources.list.d", "/etc/apt/preferences.d", "/etc/apt/apt.conf.d",
		"/etc/yum.repos.d", "/etc/zypp/repos.d",
	}
)

// stateStamp summarises the state files' modification times: an answer
// computed from another stamp is stale.
func (u *Cache) stateStamp() string {
	var s strings.Builder
	for _, p := range stateFiles {
		if t, ok := u.modTime(p); ok {
			fmt.Fprintf(&s, "%s=%d;", p, t.UnixNano())
		}
	}
	for _, d := range stateDirs {
		entries, err := u.Sys.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if fi, err := e.Info(); err == nil {
				fmt.Fprintf(&s, "%s/%s=%d;", d, e.Name(), fi.ModTime().UnixNano())
			}
		}
	}
	return s.String()
}

func (u *Cache) modTime(abs string) (time.Time, bool) {
	fi, err := u.Sys.Stat(abs)
	if err != nil {
		return time.Time{}, false
	}
	return fi.ModTime(), true
}
