//go:build !windows

package ipc

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Address is $XDG_RUNTIME_DIR/mamori/agent.sock, or a per-user directory
// under the temporary directory where there is no runtime directory.
func Address(getenv func(string) string) string {
	if d := getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		return filepath.Join(d, "mamori", "agent.sock")
	}
	return filepath.Join(os.TempDir(), "mamori-"+strconv.Itoa(os.Getuid()), "agent.sock")
}

// Listen opens the socket at addr (mode 0600 in a directory of the user's
// own with mode 0700), removing a stale one left by a crash. It returns
// ErrRunning when an agent answers there.
//
// The directory may sit in a place others can write (the temporary
// directory, where there is no runtime directory): it is created, never
// chmod-ed, and an existing one is used only if it is a real directory
// (not a symlink) that this user owns with mode 0700. One that is not, made
// by someone else first, is passed over for the next name of a fixed series
// (dir-1, dir-2, …), which callers walk the same way.
func Listen(addr string) (net.Listener, error) {
	dir, err := claimDir(filepath.Dir(addr))
	if err != nil {
		return nil, err
	}
	addr = filepath.Join(dir, filepath.Base(addr))
	if _, err := os.Lstat(addr); err == nil {
		if c, err := net.DialTimeout("unix", addr, time.Second); err == nil {
			c.Close()
			return nil, ErrRunning
		}
		os.Remove(addr) // stale
	}
	l, err := net.Listen("unix", addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	if err := os.Chmod(addr, 0o600); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

func dial(ctx context.Context, addr string) (net.Conn, error) {
	dir, ok := findDir(filepath.Dir(addr))
	if !ok {
		return nil, fmt.Errorf("no directory of this user's at %s: %w", filepath.Dir(addr), os.ErrNotExist)
	}
	var d net.Dialer
	return d.DialContext(ctx, "unix", filepath.Join(dir, filepath.Base(addr)))
}

// dirNames is how many names of the series claimDir tries.
const dirNames = 10

func dirName(base string, i int) string {
	if i == 0 {
		return base
	}
	return fmt.Sprintf("%s-%d", base, i)
}

// ownDir reports whether dir is a real directory (not a symlink) that
// this user owns, with mode 0700.
func ownDir(dir string) bool {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() || fi.Mode()&os.ModeSymlink != 0 || fi.Mode().Perm() != 0o700 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// claimDir returns the first directory of base's series that is this
// user's, creating it where the name is free.
func claimDir(base string) (string, error) {
	for i := range dirNames {
		dir := dirName(base, i)
		err := os.Mkdir(dir, 0o700)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("creating %s: %w", dir, err)
		}
		if ownDir(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("refusing to listen: %s and the next %d names are taken by directories that are not this user's (0700, not a symlink)", base, dirNames-1)
}

// findDir returns the directory of base's series where an agent of this
// user's would listen.
func findDir(base string) (string, bool) {
	for i := range dirNames {
		if dir := dirName(base, i); ownDir(dir) {
			return dir, true
		}
	}
	return "", false
}
