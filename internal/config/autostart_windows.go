package config

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

func (a Autostart) install() error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("opening the Run key: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(a.AppName, `"`+a.Exe+`"`); err != nil {
		return fmt.Errorf("writing the Run key: %w", err)
	}
	return nil
}

func (a Autostart) remove() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return nil // no key, no entry
	}
	defer k.Close()
	if err := k.DeleteValue(a.AppName); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("removing the Run key value: %w", err)
	}
	return nil
}
