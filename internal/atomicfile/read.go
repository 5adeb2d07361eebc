package atomicfile

import (
	"errors"
	"fmt"
	"io"
)

// ErrNotRegular means the path is a FIFO, a device or a directory: reading
// it could block for ever or never end.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge means the file is larger than the reader allows.
var ErrTooLarge = errors.New("file too large")

// Read reads a small regular file whole. It never blocks on a FIFO put in
// the file's place (the file is opened without waiting for a writer and
// refused if it is not a regular file), and it refuses one over max bytes
// instead of reading it into memory.
func Read(path string, max int64) ([]byte, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("reading %s: %w", path, ErrNotRegular)
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("reading %s: %w (%d bytes, at most %d)", path, ErrTooLarge, fi.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("reading %s: %w (grew past %d bytes)", path, ErrTooLarge, max)
	}
	return data, nil
}
