//go:build unix

package host

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestGuardedRefusesWhatIsNotAFile plants what the person's home can
// hold in place of a browser's file: a FIFO (open blocks until a writer
// comes), a symlink to /dev/zero (never ends), a file past the cap. Each
// is refused at once; a regular file, a directory and a link still read.
func TestGuardedRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "cert9.db"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "Login Data")); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(MaxFile + 1) // sparse: costs no disk
	big.Close()
	os.WriteFile(filepath.Join(dir, "hosts"), []byte("127.0.0.1 localhost\n"), 0o600)
	os.Mkdir(filepath.Join(dir, "profile"), 0o700)
	os.Symlink("hosts", filepath.Join(dir, "link"))

	g := Guarded(os.DirFS(dir))
	for name, want := range map[string]error{"cert9.db": ErrNotRegular, "Login Data": ErrNotRegular, "big": ErrFileTooLarge} {
		if _, err := fs.ReadFile(g, name); !errors.Is(err, want) {
			t.Errorf("reading %s: %v, want %v", name, err, want)
		}
	}
	if _, err := fs.Stat(g, "cert9.db"); err != nil {
		t.Errorf("stat of a FIFO: %v (a look must not fail)", err)
	}
	for _, name := range []string{"hosts", "link"} {
		if data, err := fs.ReadFile(g, name); err != nil || string(data) != "127.0.0.1 localhost\n" {
			t.Errorf("reading %s: %q %v", name, data, err)
		}
	}
	if entries, err := fs.ReadDir(g, "."); err != nil || len(entries) != 6 {
		t.Errorf("listing: %d entries, %v", len(entries), err)
	}
	if _, err := fs.ReadFile(g, "missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want not exist", err)
	}
}
