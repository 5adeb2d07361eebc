package monitor

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
	// Now is the clock.
	Now func() time.Time
}

// rel turns an absolute path into one for System.FS.
func rel(abs string) string {
	return strings.TrimPrefix(path.Clean(abs), "/")
}

// readFile reads an absolute path through the system's FS.
func (s System) readFile(abs string) ([]byte, error) {
	return fs.ReadFile(s.FS, rel(abs))
}

// exists reports whether an absolute path exists.
func (s System) exists(abs string) bool {
	_, err := fs.Stat(s.FS, rel(abs))
	return err == nil
}

// configHome is $XDG_CONFIG_HOME, or ~/.config.
func (s System) configHome() string {
	if d := s.Getenv("XDG_CONFIG_HOME"); path.IsAbs(d) {
		return d
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

// LocalSystem is the real system for the current user.
func LocalSystem() System {
	home, _ := os.UserHomeDir()
	return System{
		Cmd:    &command.Exec{},
		FS:     os.DirFS("/"),
		Getenv: os.Getenv,
		Home:   home,
		Procs:  GopsutilProcesses{},
		Now:    time.Now,
	}
}
