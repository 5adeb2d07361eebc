package config

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

const (
	runKey = `Software\Microsoft\Windows\CurrentVersion\Run`
	// approvedKey is where Task Manager's Startup tab keeps a Run value
	// switched off: a binary value of the same name, whose first byte has
	// its low bit set when off (02 on, 03 off).
	approvedKey = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

func (a Autostart) install() error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("opening the Run key: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(a.AppName, `"`+a.Exe+`"`); err != nil {
		return fmt.Errorf("writing the Run key: %w", err)
	}
	// The person turned it on here: a switch-off from Task Manager no
	// longer holds.
	if ak, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE); err == nil {
		defer ak.Close()
		if err := ak.DeleteValue(a.AppName); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf("removing the Task Manager switch-off: %w", err)
		}
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
	// Task Manager's switch for a value that is gone means nothing.
	if ak, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE); err == nil {
		defer ak.Close()
		if err := ak.DeleteValue(a.AppName); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf("removing the Task Manager switch-off: %w", err)
		}
	}
	return nil
}

// enabled: the Run value is there (whoever wrote it: Mamori, or the .msi
// when start at login was chosen) and Task Manager has not switched it off.
func (a Autostart) enabled() (on, known bool, err error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, true, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("opening the Run key: %w", err)
	}
	defer k.Close()
	if _, _, err := k.GetValue(a.AppName, nil); errors.Is(err, registry.ErrNotExist) {
		return false, true, nil
	} else if err != nil {
		return false, false, fmt.Errorf("reading the Run key: %w", err)
	}
	ak, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.QUERY_VALUE)
	if err != nil {
		return true, true, nil // never switched off
	}
	defer ak.Close()
	b, _, err := ak.GetBinaryValue(a.AppName)
	return err != nil || len(b) == 0 || b[0]&1 == 0, true, nil
}
