// Package host is the operating system as the checks see it: the programs
// they may run, the file system, the environment, the process list, the
// Windows registry and the clock, each behind a small interface so that a
// check can be tested on recorded values from any system.
package host

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/command"
)

// System is the operating system as the checks see it. The agent passes the
// real one; tests replace any part of it.
type System struct {
	// Cmd runs the allowlisted external programs.
	Cmd command.Runner
	// FS is the file system, rooted at "/": read "/etc/x" as "etc/x".
	FS fs.FS
	// Getenv reads the user's environment (desktop, locale, session).
	Getenv func(string) string
	// Home is the user's home directory, absolute.
	Home string
	// Procs lists running processes.
	Procs ProcessLister
	// Registry reads the Windows registry; nil on other systems.
	Registry Registry
	// Now is the clock.
	Now func() time.Time
}

// Rel turns an absolute slash path into one for System.FS.
func Rel(abs string) string {
	return strings.TrimPrefix(path.Clean(abs), "/")
}

// ReadFile reads an absolute path through the system's FS.
func (s System) ReadFile(abs string) ([]byte, error) {
	return fs.ReadFile(s.FS, Rel(abs))
}

// ReadDir lists an absolute directory through the system's FS.
func (s System) ReadDir(abs string) ([]fs.DirEntry, error) {
	return fs.ReadDir(s.FS, Rel(abs))
}

// Stat describes an absolute path through the system's FS.
func (s System) Stat(abs string) (fs.FileInfo, error) {
	return fs.Stat(s.FS, Rel(abs))
}

// Exists reports whether an absolute path exists.
func (s System) Exists(abs string) bool {
	_, err := s.Stat(abs)
	return err == nil
}

// ConfigHome is $XDG_CONFIG_HOME, or ~/.config. A relative value is ignored,
// as the XDG base directory specification says.
func (s System) ConfigHome() string {
	if s.Getenv != nil {
		if d := s.Getenv("XDG_CONFIG_HOME"); path.IsAbs(d) {
			return d
		}
	}
	return path.Join(s.Home, ".config")
}

// Process is a running process as the checks need it. Name and Args0 are
// controlled by whoever started the process: treat them as hostile text.
type Process struct {
	PID int32
	// Name is the kernel's short name (at most 15 bytes on Linux).
	Name string
	// Exe is the executable's path, "" when it cannot be read (processes
	// of other users). On Linux a replaced binary ends in " (deleted)".
	Exe string
	// Args0 is the first word of the command line: the name the program
	// ran under. Listers may leave it empty when Exe is known.
	Args0 string
}

// ProcessLister lists running processes.
type ProcessLister interface {
	Processes(ctx context.Context) ([]Process, error)
}

// Registry reads values from the Windows registry. Keys are full paths with
// their root, such as `HKCU\Control Panel\Desktop`. A value that does not
// exist returns an error wrapping fs.ErrNotExist, so that "not set" and
// "could not read" stay apart.
type Registry interface {
	// String reads a REG_SZ or REG_EXPAND_SZ value.
	String(key, name string) (string, error)
	// Uint reads a REG_DWORD or REG_QWORD value.
	Uint(key, name string) (uint64, error)
	// Binary reads a REG_BINARY value.
	Binary(key, name string) ([]byte, error)
	// KeyExists reports whether key exists (some keys say something by
	// being there, such as Windows Update's RebootRequired).
	KeyExists(key string) (bool, error)
	// SubKeys lists the names of the keys directly under key.
	SubKeys(key string) ([]string, error)
}

// Local is the real system for the current user.
func Local() System {
	home, _ := os.UserHomeDir()
	return System{
		Cmd:      &command.Exec{},
		FS:       Guarded(os.DirFS("/")),
		Getenv:   os.Getenv,
		Home:     home,
		Procs:    &Snapshot{Lister: localProcesses()},
		Registry: localRegistry(),
		Now:      time.Now,
	}
}

// Snapshot shares one process list between the checks of a sweep: the
// antivirus and browser-updates checks both look at every process, and a
// second scan a few milliseconds later would tell them nothing new.
type Snapshot struct {
	Lister ProcessLister
	// MaxAge is how long a list is reused; zero means 2 seconds.
	MaxAge time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu    sync.Mutex
	procs []Process
	at    time.Time
}

// Processes returns the list taken within MaxAge, or takes a new one.
func (s *Snapshot) Processes(ctx context.Context) ([]Process, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	maxAge := s.MaxAge
	if maxAge == 0 {
		maxAge = 2 * time.Second
	}
	t := now()
	if s.procs != nil && !t.Before(s.at) && t.Sub(s.at) < maxAge {
		return s.procs, nil
	}
	procs, err := s.Lister.Processes(ctx)
	if err != nil {
		return nil, err
	}
	if procs == nil {
		procs = []Process{}
	}
	s.procs, s.at = procs, t
	// Let the list go once it is stale, so the resident agent does not
	// hold every process's strings until the next sweep.
	time.AfterFunc(maxAge, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.at.Equal(t) {
			s.procs = nil
		}
	})
	return procs, nil
}

// MapRegistry is a Registry held in memory, by `KEY\name`: REG_SZ values
// as strings, REG_DWORD and REG_QWORD as uint64, REG_BINARY as []byte, as
// Windows stores them.
// Tests read recorded values through it on any system.
type MapRegistry map[string]any

// String reads a string value.
func (m MapRegistry) String(key, name string) (string, error) {
	switch v := m[key+`\`+name].(type) {
	case string:
		return v, nil
	case nil:
		return "", fmt.Errorf("registry value %s\\%s: %w", key, name, fs.ErrNotExist)
	}
	return "", fmt.Errorf("registry value %s\\%s is not a string", key, name)
}

// KeyExists reports whether any value lies under key.
func (m MapRegistry) KeyExists(key string) (bool, error) {
	for k := range m {
		if strings.HasPrefix(strings.ToLower(k), strings.ToLower(key)+`\`) {
			return true, nil
		}
	}
	return false, nil
}

// SubKeys lists the keys under key that hold values, in order.
func (m MapRegistry) SubKeys(key string) ([]string, error) {
	prefix := strings.ToLower(key) + `\`
	var out []string
	for k := range m {
		if !strings.HasPrefix(strings.ToLower(k), prefix) {
			continue
		}
		sub, rest, ok := strings.Cut(k[len(prefix):], `\`)
		if ok && rest != "" && !slices.Contains(out, sub) {
			out = append(out, sub)
		}
	}
	if out == nil {
		if ok, _ := m.KeyExists(key); !ok {
			return nil, fmt.Errorf("registry key %s: %w", key, fs.ErrNotExist)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Uint reads a number value.
func (m MapRegistry) Uint(key, name string) (uint64, error) {
	switch v := m[key+`\`+name].(type) {
	case uint64:
		return v, nil
	case nil:
		return 0, fmt.Errorf("registry value %s\\%s: %w", key, name, fs.ErrNotExist)
	}
	return 0, fmt.Errorf("registry value %s\\%s is not a number", key, name)
}

// Binary reads a binary value.
func (m MapRegistry) Binary(key, name string) ([]byte, error) {
	switch v := m[key+`\`+name].(type) {
	case []byte:
		return v, nil
	case nil:
		return nil, fmt.Errorf("registry value %s\\%s: %w", key, name, fs.ErrNotExist)
	}
	return nil, fmt.Errorf("registry value %s\\%s is not binary", key, name)
}
