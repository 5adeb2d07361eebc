package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Forget removes what Mamori keeps of the person in the settings file's
// folder (the settings, the window sizes, files set aside as unreadable)
// and the folder when nothing else is in it. Only an uninstaller asked to
// remove the person's settings calls it (`mamori forget-settings`).
func Forget(settingsPath string) error {
	dir := filepath.Dir(settingsPath)
	if filepath.Base(dir) != "mamori" {
		return fmt.Errorf("%s is not Mamori's own folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.IsDir() {
			continue // not Mamori's: left alone, and so is the folder
		}
		if err := removeFile(filepath.Join(dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	if err := removeDir(dir); err != nil && len(errs) == 0 {
		if left, _ := os.ReadDir(dir); len(left) == 0 {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
