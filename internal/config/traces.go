package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Traces are what Mamori's programs and their toolkit write in the person's
// profile besides the settings, under configDir (%APPDATA%) and cacheDir
// (%LOCALAPPDATA%): Fyne's preferences (fyne\<appID>), Fyne's copy of the
// icon (fyne\<appID> in the cache), Mamori's own cache (mamori), and the
// index of the system's fonts that go-text, Fyne's text library, keeps as
// font_index_v*.cache at the cache's top level. That index is a cache under
// no program's name; another program using go-text rebuilds it when it is
// missing. The settings are not traces: Forget takes them.
func Traces(configDir, cacheDir, appID string) []string {
	traces := []string{
		filepath.Join(configDir, "fyne", appID),
		filepath.Join(cacheDir, "fyne", appID),
		filepath.Join(cacheDir, "mamori"),
	}
	fonts, _ := filepath.Glob(filepath.Join(cacheDir, "font_index_v*.cache"))
	return append(traces, fonts...)
}

// RemoveTraces removes each of paths (a file, or a folder with all in it)
// and then the fyne folders they leave empty. A path that is not there is
// no error.
func RemoveTraces(paths []string) error {
	var errs []error
	parents := map[string]bool{}
	for _, p := range paths {
		if err := removeTree(p); err != nil {
			errs = append(errs, err)
		}
		if parent := filepath.Dir(p); filepath.Base(parent) == "fyne" {
			parents[parent] = true
		}
	}
	for parent := range parents {
		if left, err := os.ReadDir(parent); err == nil && len(left) == 0 {
			if err := removeDir(parent); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// removeTree is os.RemoveAll through removeFile and removeDir (see
// forget_windows.go for why). Symbolic links are removed, not followed.
func removeTree(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	if !fi.IsDir() {
		return removeFile(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	var errs []error
	for _, e := range entries {
		if err := removeTree(filepath.Join(path, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return removeDir(path)
}
