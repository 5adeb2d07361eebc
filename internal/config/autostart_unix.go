//go:build !windows && !darwin

package config

import (
	"fmt"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

func (a Autostart) install() error {
	if err := atomicfile.Write(a.desktopPath(), []byte(a.desktopEntry()), 0o644); err != nil {
		return fmt.Errorf("writing the autostart entry: %w", err)
	}
	return nil
}

func (a Autostart) remove() error { return removeIfPresent(a.desktopPath()) }
