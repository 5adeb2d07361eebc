package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

// Targets are where results go (policy.Export's directories); "" for
// none.
type Targets struct {
	PrometheusDir, ResultsDir string
}

// Write writes the snapshot into each target directory as
// mamori-<uid>.prom and mamori-<uid>.json, readable by all (the collector
// runs as another account). A directory that does not exist, or that
// other accounts could write to without the sticky bit, is not written
// to: that is an error, and the other target is still written.
func Write(t Targets, s Snapshot) error {
	var errs []error
	name := "mamori-" + fileSafe(s.UID)
	if t.PrometheusDir != "" {
		errs = append(errs, writeIn(t.PrometheusDir, name+".prom", Prometheus(s)))
	}
	if t.ResultsDir != "" {
		errs = append(errs, writeIn(t.ResultsDir, name+".json", Document(s)))
	}
	return errors.Join(errs...)
}

func writeIn(dir, name string, data []byte) error {
	if err := usable(dir); err != nil {
		return fmt.Errorf("exporting results to %s: %w", dir, err)
	}
	// atomicfile writes a temporary ".name-…" (no .prom ending, so the
	// textfile collector skips it) and renames it over the file.
	return atomicfile.Write(filepath.Join(dir, name), data, 0o644)
}

// fileSafe keeps a user ID to letters, digits and - (a Windows SID is
// S-1-5-21-…).
func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' {
			return r
		}
		return '_'
	}, s)
	if s == "" {
		return "unknown"
	}
	return s
}

// usable says why dir may not be written to: it must be a directory
// (not a link to one), and where others can write to it, sticky.
func usable(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return errors.New("not a directory (a link to one is not followed)")
	}
	if fi.Mode().Perm()&0o022 != 0 && fi.Mode()&os.ModeSticky == 0 {
		return fmt.Errorf("other accounts can write to it (mode %v) and it has no sticky bit, so one could replace another's results", fi.Mode().Perm())
	}
	return nil
}
