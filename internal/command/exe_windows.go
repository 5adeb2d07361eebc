package command

import "io/fs"

// exeSuffix ends the names of Mamori's own programs.
const exeSuffix = ".exe"

// runnable: Windows has no execute bit (Go reports none), so a regular file
// at an allowlisted path is the program.
func runnable(fi fs.FileInfo) bool { return fi.Mode().IsRegular() }
