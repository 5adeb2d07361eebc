package config

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// tempDir is t.TempDir, removed with the package's own removeFile and
// removeDir: Go's RemoveAll asks Windows for POSIX deletion, which Wine 8
// refuses ("Invalid function"), and these tests run under Wine too.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mamori-config-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var paths []string
		filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
			paths = append(paths, path)
			return nil
		})
		for _, p := range slices.Backward(paths) { // what is inside first
			if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
				removeDir(p)
			} else {
				removeFile(p)
			}
		}
	})
	return dir
}
