//go:build unix

package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// openNoWait opens path for reading without waiting for a FIFO's writer.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK, 0)
}
