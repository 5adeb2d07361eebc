package watch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// Registry calls changed(path) whenever a value of the registry key path
// is set or removed (a path ending in `\` covers its subkeys too), through
// RegNotifyChangeKeyValue. A key that does not exist yet is watched from
// its nearest existing ancestor, with its subkeys: a policy key appears
// when an administrator first sets a policy.
func Registry(ctx context.Context, paths []string, ready func(), changed func(path string)) error {
	stop, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(stop)
	var (
		wg    sync.WaitGroup
		armed sync.WaitGroup // each key asked for its first notification
		mu    sync.Mutex
		errs  []error
	)
	for _, p := range paths {
		k, subtree, err := openNotify(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		wg.Add(1)
		armed.Add(1)
		go func() {
			defer wg.Done()
			defer k.Close()
			var once sync.Once
			defer once.Do(armed.Done)
			if err := notifyLoop(k, subtree, stop, func() { once.Do(armed.Done) }, func() { changed(p) }); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
				mu.Unlock()
			}
		}()
	}
	if len(errs) == len(paths) && len(paths) > 0 {
		return errors.Join(errs...)
	}
	armed.Wait()
	ready()
	<-ctx.Done()
	windows.SetEvent(stop)
	wg.Wait()
	return ctx.Err()
}

// openNotify opens path, or its nearest existing ancestor (then with its
// subkeys), for change notifications.
func openNotify(path string) (registry.Key, bool, error) {
	subtree := strings.HasSuffix(path, `\`)
	root, rest, _ := strings.Cut(strings.TrimSuffix(path, `\`), `\`)
	var base registry.Key
	switch strings.ToUpper(root) {
	case "HKCU", "HKEY_CURRENT_USER":
		base = registry.CURRENT_USER
	case "HKLM", "HKEY_LOCAL_MACHINE":
		base = registry.LOCAL_MACHINE
	default:
		return 0, false, fmt.Errorf("registry path %q: not under HKCU or HKLM", path)
	}
	for {
		k, err := registry.OpenKey(base, rest, registry.NOTIFY)
		if err == nil {
			return k, subtree, nil
		}
		if !errors.Is(err, registry.ErrNotExist) || rest == "" {
			return 0, false, fmt.Errorf("watching %s: %w", path, err)
		}
		subtree = true
		i := strings.LastIndex(rest, `\`)
		if i < 0 {
			rest = ""
		} else {
			rest = rest[:i]
		}
	}
}

// notifyLoop waits for changes under k until stop is set.
func notifyLoop(k registry.Key, subtree bool, stop windows.Handle, armed, changed func()) error {
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	const filter = windows.REG_NOTIFY_CHANGE_NAME | windows.REG_NOTIFY_CHANGE_LAST_SET
	for {
		if err := windows.RegNotifyChangeKeyValue(windows.Handle(k), subtree, filter, ev, true); err != nil {
			return err
		}
		armed()
		which, err := windows.WaitForMultipleObjects([]windows.Handle{ev, stop}, false, windows.INFINITE)
		if err != nil {
			return err
		}
		if which != windows.WAIT_OBJECT_0 {
			return nil
		}
		changed()
	}
}
