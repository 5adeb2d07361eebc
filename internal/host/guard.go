package host

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// MaxFile bounds what a check reads of one file. The largest files the
// checks read are dpkg's status and a browser's SQLite files, a few MB.
const MaxFile = 64 << 20

// ErrNotRegular is a check asking to read something that is not a file: a
// FIFO (whose open blocks until someone writes), a device (/dev/zero never
// ends), a socket. Files in the person's home are anyone's to plant.
var ErrNotRegular = errors.New("not a regular file")

// ErrFileTooLarge is a file larger than MaxFile.
var ErrFileTooLarge = fmt.Errorf("larger than %d bytes", MaxFile)

// Guarded is a file system that opens only regular files and directories,
// and reads no more than MaxFile of one. Stat, ReadDir and ReadLink pass
// through: none of them blocks or reads a file. The worker process a check
// runs in is the last line (a file swapped between the look and the open
// costs the check its deadline); this is the first.
func Guarded(fsys fs.FS) fs.FS { return guarded{fsys} }

type guarded struct{ fs fs.FS }

var (
	_ fs.StatFS     = guarded{}
	_ fs.ReadDirFS  = guarded{}
	_ fs.ReadFileFS = guarded{}
	_ fs.ReadLinkFS = guarded{}
)

func (g guarded) Open(name string) (fs.File, error) {
	fi, err := fs.Stat(g.fs, name) // follows links; never blocks
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	f, err := g.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() && !fi.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return f, nil
}

func (g guarded) Stat(name string) (fs.FileInfo, error) { return fs.Stat(g.fs, name) }

func (g guarded) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(g.fs, name) }

func (g guarded) ReadLink(name string) (string, error) { return fs.ReadLink(g.fs, name) }

func (g guarded) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(g.fs, name) }

// ReadFile reads a regular file whole, up to MaxFile.
func (g guarded) ReadFile(name string) ([]byte, error) {
	f, err := g.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFile+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if len(data) > MaxFile {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrFileTooLarge}
	}
	return data, nil
}
