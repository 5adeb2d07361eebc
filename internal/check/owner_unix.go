//go:build unix

package check

import (
	"io/fs"
	"syscall"
)

// fileOwner is the user ID that owns the file fi describes.
func fileOwner(fi fs.FileInfo) (uint32, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return st.Uid, true
}
