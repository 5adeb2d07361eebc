//go:build !windows

package ipc

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"syscall"
	"time"
)

// Address is $XDG_RUNTIME_DIR/mamori/agent.sock or, where there is no
// runtime directory, mamori/ipc/agent.sock in the person's cache directory
// ($XDG_CACHE_HOME, or ~/.cache). Both are places no other account can
// write, so no other account can take the name first: the temporary
// directory, where anyone can, is never used. "" when there is neither a
// runtime directory nor a home directory (Listen says so).
func Address(getenv func(string) string) string {
	if d := getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		return filepath.Join(d, "mamori", "agent.sock")
	}
	cache := getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(cache) {
		home := getenv("HOME")
		if !filepath.IsAbs(home) {
			if u, err := user.Current(); err == nil {
				home = u.HomeDir
			}
		}
		if !filepath.IsAbs(home) {
			return ""
		}
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "mamori", "ipc", "agent.sock")
}

// errNoPlace is an Address with no runtime and no home directory.
var errNoPlace = errors.New("no place for the agent's socket: XDG_RUNTIME_DIR is not set and there is no home directory (the temporary directory is not used: another account could take the name there first)")

// Listen opens the socket at addr (mode 0600 in a directory of the user's
// own with mode 0700), removing a stale one left by a crash. It returns
// ErrRunning when an agent answers there.
//
// The directory is created, never chmod-ed, and used only if it is a real
// directory (not a symlink) that this user owns with mode 0700. A path
// longer than a socket address can hold is bound through the open
// directory (dirfd.go), not in some other, shorter place.
func Listen(addr string) (net.Listener, error) {
	if !filepath.IsAbs(addr) {
		return nil, errNoPlace
	}
	dir := filepath.Dir(addr)
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", filepath.Dir(dir), err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	d, err := openOwnDir(dir)
	if err != nil {
		return nil, fmt.Errorf("refusing to listen: %w", err)
	}
	bind, err := socketPath(d, addr)
	if err != nil {
		d.Close()
		return nil, err
	}
	if _, err := os.Lstat(addr); err == nil {
		if c, err := net.DialTimeout("unix", bind, time.Second); err == nil {
			c.Close()
			d.Close()
			return nil, ErrRunning
		}
		os.Remove(addr) // stale
	}
	l, err := net.Listen("unix", bind)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	if err := os.Chmod(bind, 0o600); err != nil {
		l.Close()
		d.Close()
		return nil, err
	}
	return &listener{Listener: l, dir: d}, nil
}

// listener keeps the socket's directory open while it listens: a path
// bound through the directory's descriptor is removed through it on Close.
type listener struct {
	net.Listener
	dir *os.File
}

func (l *listener) Close() error {
	err := l.Listener.Close()
	l.dir.Close()
	return err
}

func dial(ctx context.Context, addr string) (net.Conn, error) {
	if !filepath.IsAbs(addr) {
		return nil, errNoPlace
	}
	d, err := openOwnDir(filepath.Dir(addr))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	path, err := socketPath(d, addr)
	if err != nil {
		return nil, err
	}
	var dl net.Dialer
	return dl.DialContext(ctx, "unix", path)
}

// openOwnDir opens dir if it is a real directory (not a symlink) that this
// user owns with mode 0700. The checks are made on the open directory, so
// what was checked is what is used.
func openOwnDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(dir, os.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("opening the socket's directory: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && !ownDir(fi) {
		err = fmt.Errorf("%s is not this user's own directory (mode 0700, not a symlink)", dir)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ownDir reports whether fi is a directory that this user owns, with mode
// 0700.
func ownDir(fi fs.FileInfo) bool {
	if !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}
