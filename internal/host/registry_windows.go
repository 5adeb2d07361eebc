package host

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/sys/windows/registry"
)

// localRegistry reads the real registry, read-only.
func localRegistry() Registry { return winRegistry{} }

type winRegistry struct{}

var roots = map[string]registry.Key{
	"HKCU": registry.CURRENT_USER, "HKEY_CURRENT_USER": registry.CURRENT_USER,
	"HKLM": registry.LOCAL_MACHINE, "HKEY_LOCAL_MACHINE": registry.LOCAL_MACHINE,
}

func open(key string) (registry.Key, error) {
	return openWith(key, registry.QUERY_VALUE)
}

func openWith(key string, access uint32) (registry.Key, error) {
	root, sub, _ := strings.Cut(key, `\`)
	r, ok := roots[strings.ToUpper(root)]
	if !ok {
		return 0, fmt.Errorf("registry key %q: unknown root %q", key, root)
	}
	k, err := registry.OpenKey(r, sub, access)
	if errors.Is(err, registry.ErrNotExist) {
		return 0, fmt.Errorf("registry key %s: %w", key, fs.ErrNotExist)
	}
	if err != nil {
		return 0, fmt.Errorf("opening registry key %s: %w", key, err)
	}
	return k, nil
}

func (winRegistry) String(key, name string) (string, error) {
	k, err := open(key)
	if err != nil {
		return "", err
	}
	defer k.Close()
	v, _, err := k.GetStringValue(name)
	return v, valueErr(key, name, err)
}

func (winRegistry) Uint(key, name string) (uint64, error) {
	k, err := open(key)
	if err != nil {
		return 0, err
	}
	defer k.Close()
	v, _, err := k.GetIntegerValue(name)
	return v, valueErr(key, name, err)
}

func (winRegistry) Binary(key, name string) ([]byte, error) {
	k, err := open(key)
	if err != nil {
		return nil, err
	}
	defer k.Close()
	v, _, err := k.GetBinaryValue(name)
	return v, valueErr(key, name, err)
}

func (winRegistry) KeyExists(key string) (bool, error) {
	k, err := open(key)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	k.Close()
	return true, nil
}

func (winRegistry) SubKeys(key string) ([]string, error) {
	k, err := openWith(key, registry.ENUMERATE_SUB_KEYS)
	if err != nil {
		return nil, err
	}
	defer k.Close()
	names, err := k.ReadSubKeyNames(-1)
	if err != nil {
		return nil, fmt.Errorf("listing registry key %s: %w", key, err)
	}
	return names, nil
}

func valueErr(key, name string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, registry.ErrNotExist):
		return fmt.Errorf("registry value %s\\%s: %w", key, name, fs.ErrNotExist)
	}
	return fmt.Errorf("reading registry value %s\\%s: %w", key, name, err)
}
