package config

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// removeFile and removeDir call DeleteFile and RemoveDirectory themselves:
// Go's os.Remove asks for POSIX deletion semantics first, which Wine 8
// answers "not implemented", and the uninstaller's test runs there.
func removeFile(path string) error {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	if err := windows.DeleteFile(p); err != nil {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	return nil
}

func removeDir(path string) error {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	if err := windows.RemoveDirectory(p); err != nil {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	return nil
}
