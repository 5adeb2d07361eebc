//go:build !windows

package command

import "io/fs"

// exeSuffix ends the names of Mamori's own programs.
const exeSuffix = ""

// runnable: a regular file someone may execute.
func runnable(fi fs.FileInfo) bool { return fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 }
