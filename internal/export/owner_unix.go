//go:build unix

package export

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// currentUID is the person (a test's made-up one).
var currentUID = os.Getuid

// checkDir says why dir may not be written to. It must be owned by root
// or by the person, and if other accounts can write to it, be sticky (so
// none can remove another's file). Each directory above it (links
// resolved) must be owned by root or the person and writable by no one
// else unless it is sticky and root's (as /tmp is): otherwise its owner
// could put another directory in dir's place. This is ipc's walk, with
// the sticky /tmp allowed.
func checkDir(dir string) error {
	parent, err := filepath.EvalSymlinks(filepath.Dir(filepath.Clean(dir)))
	if err != nil {
		return err
	}
	for p := parent; ; p = filepath.Dir(p) {
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		if err := judge(p, fi, true); err != nil {
			return err
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// checkOpened judges the directory as opened.
func checkOpened(root *os.Root, dir string) error {
	fi, err := root.Stat(".")
	if err != nil {
		return err
	}
	return judge(dir, fi, false)
}

func judge(path string, fi os.FileInfo, parent bool) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("%s: its owner cannot be read", path)
	}
	me := currentUID()
	if int(st.Uid) != 0 && int(st.Uid) != me {
		return fmt.Errorf("%s is owned by user %d, which could replace this account's results", path, st.Uid)
	}
	if fi.Mode().Perm()&0o022 == 0 {
		return nil
	}
	sticky := fi.Mode()&os.ModeSticky != 0
	switch {
	case !sticky:
		return fmt.Errorf("other accounts can write to %s (mode %v) and it has no sticky bit, so one could replace another's results", path, fi.Mode().Perm())
	case parent && st.Uid != 0:
		return fmt.Errorf("other accounts can write to %s (mode %v), which is not root's", path, fi.Mode().Perm())
	}
	return nil
}

// owns says whether the person owns the file fi.
func owns(_ string, fi os.FileInfo) (bool, string) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false, "an owner that cannot be read"
	}
	return int(st.Uid) == currentUID(), fmt.Sprintf("user %d", st.Uid)
}

// replaceWait: a rename replaces a file whoever has it open.
const replaceWait time.Duration = 0
