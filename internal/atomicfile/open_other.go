//go:build !unix

package atomicfile

import "os"

// openNoWait opens path for reading; Windows has no FIFOs in the file
// system to wait on.
func openNoWait(path string) (*os.File, error) { return os.Open(path) }
