//go:build !windows && !darwin

package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

func (a Autostart) install() error {
	if err := atomicfile.Write(a.desktopPath(), []byte(a.desktopEntry()), 0o644); err != nil {
		return fmt.Errorf("writing the autostart entry: %w", err)
	}
	return nil
}

func (a Autostart) remove() error { return removeIfPresent(a.desktopPath()) }

// enabled reads the person's autostart file; without one, a packaged entry
// follows the settings (known false), and with neither nothing starts.
func (a Autostart) enabled() (on, known bool, err error) {
	data, err := atomicfile.Read(a.desktopPath(), 64<<10)
	if err == nil {
		return desktopEnabled(data), true, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return false, false, err
	}
	for _, dir := range a.SystemDirs {
		if _, err := os.Stat(filepath.Join(dir, "autostart", a.AppID+".desktop")); err == nil {
			return false, false, nil
		}
	}
	return false, true, nil
}
