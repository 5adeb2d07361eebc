// Package host is the operating system as the checks see it: the programs
// they may run, the file system, the environment, the process list, the
// Windows registry and the clock, each behind a small interface so that a
// check can be tested on recorded values from any system.
package host

import (
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
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
	// Args0 is the first word of the command line.
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
}

// Local is the real system for the current user.
func Local() System {
	home, _ := os.UserHomeDir()
	return System{
		Cmd:      &command.Exec{},
		FS:       os.DirFS("/"),
		Getenv:   os.Getenv,
		Home:     home,
		Procs:    GopsutilProcesses{},
		Registry: localRegistry(),
		Now:      time.Now,
	}
}
