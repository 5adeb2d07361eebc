//go:build unix

package policy

import (
	"fmt"
	"os"
	"syscall"
)

// secure says why path may not be trusted for policy: it must be owned by
// owner and writable by no one else.
func secure(path string, owner int) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return judge(path, fi, owner)
}

// judge is secure for a file already looked at (or opened).
func judge(path string, fi os.FileInfo, owner int) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("%s: ignored: its owner cannot be read", path)
	}
	if int(st.Uid) != owner {
		return fmt.Errorf("%s: ignored: owned by user %d, not %d, so another account could change the policy", path, st.Uid, owner)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%s: ignored: others can write to it (mode %v), so another account could change the policy", path, fi.Mode().Perm())
	}
	return nil
}

// openFile opens a policy file without waiting: a FIFO in its place would
// otherwise hold the open until something writes to it.
func openFile(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
