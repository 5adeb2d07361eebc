package monitor

import (
	"context"
	"fmt"
	"io/fs"
	"sync"
	"time"
)

// PackageUpdates asks the system's package manager which updates are
// pending. The simulation is slow (seconds), so its answer is kept for
// MaxAge, or until the package index or the installed set changes. The
// os-updates and browser-updates checks share one PackageUpdates.
type PackageUpdates struct {
	Sys System
	// MaxAge is how long an answer is reused; zero means an hour.
	MaxAge time.Duration

	mu     sync.Mutex
	cached *UpdateReport
	stamp  string // what the cached answer was computed from
}

// Report returns pending updates, from the cache when it is still good.
func (u *PackageUpdates) Report(ctx context.Context) (UpdateReport, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	maxAge := u.MaxAge
	if maxAge == 0 {
		maxAge = time.Hour
	}
	stamp := u.stateStamp()
	if u.cached != nil && stamp == u.stamp && u.Sys.Now().Sub(u.cached.Checked) < maxAge {
		return *u.cached, nil
	}
	rep, err := u.query(ctx)
	if err != nil {
		return UpdateReport{}, err
	}
	rep.Checked = u.Sys.Now()
	u.cached, u.stamp = &rep, stamp
	return rep, nil
}

// stateStamp summarises the files whose change invalidates the cache: the
// package index and the installed-package database.
func (u *PackageUpdates) stateStamp() string {
	s := ""
	for _, p := range []string{"/var/lib/apt/lists", "/var/lib/dpkg/status", "/var/lib/rpm", "/var/lib/pacman/local", "/var/lib/pacman/sync"} {
		if t, ok := u.modTime(p); ok {
			s += fmt.Sprintf("%s=%d;", p, t.UnixNano())
		}
	}
	return s
}

func (u *PackageUpdates) modTime(abs string) (time.Time, bool) {
	fi, err := statFS(u.Sys, abs)
	if err != nil {
		return time.Time{}, false
	}
	return fi.ModTime(), true
}

func statFS(sys System, abs string) (fs.FileInfo, error) { return fs.Stat(sys.FS, rel(abs)) }
