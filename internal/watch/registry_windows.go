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
// when an administrator first sets a policy. A watched key that is
// deleted (Group Policy's refresh deletes the Policies key and writes it
// again) is reported, and watched again from the nearest key left.
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
		w, err := openWatch(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		wg.Add(1)
		armed.Add(1)
		go func() {
			defer wg.Done()
			var once sync.Once
			defer once.Do(armed.Done)
			if err := notifyLoop(p, w, stop, func() { once.Do(armed.Done) }, func() { changed(p) }); err != nil {
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

// regWatch is what one path's watch holds open.
type regWatch struct {
	key     registry.Key // the path's key, or its nearest existing ancestor
	exact   bool         // key is the path's own
	subtree bool         // changes below key count
	// parent is key's parent (0 for HKCU and HKLM themselves):
	// RegNotifyChangeKeyValue does not report the deletion of the key it
	// watches, only its parent sees a subkey go.
	parent registry.Key
}

func (w regWatch) close() {
	w.key.Close()
	if w.parent != 0 {
		w.parent.Close()
	}
}

// openWatch opens path, or its nearest existing ancestor (then with its
// subkeys), and that key's parent, for change notifications.
func openWatch(path string) (regWatch, error) {
	subtree, exact := strings.HasSuffix(path, `\`), true
	root, rest, _ := strings.Cut(strings.TrimSuffix(path, `\`), `\`)
	var base registry.Key
	switch strings.ToUpper(root) {
	case "HKCU", "HKEY_CURRENT_USER":
		base = registry.CURRENT_USER
	case "HKLM", "HKEY_LOCAL_MACHINE":
		base = registry.LOCAL_MACHINE
	default:
		return regWatch{}, fmt.Errorf("registry path %q: not under HKCU or HKLM", path)
	}
	parentOf := func(rest string) string {
		i := strings.LastIndex(rest, `\`)
		if i < 0 {
			return ""
		}
		return rest[:i]
	}
	for {
		k, err := registry.OpenKey(base, rest, registry.NOTIFY)
		if err == nil {
			w := regWatch{key: k, exact: exact, subtree: subtree}
			if rest == "" {
				return w, nil
			}
			if w.parent, err = registry.OpenKey(base, parentOf(rest), registry.NOTIFY); err != nil {
				// The parent went since its child was opened: start again.
				k.Close()
				if errors.Is(err, registry.ErrNotExist) {
					continue
				}
				return regWatch{}, fmt.Errorf("watching %s: %w", path, err)
			}
			return w, nil
		}
		if !errors.Is(err, registry.ErrNotExist) || rest == "" {
			return regWatch{}, fmt.Errorf("watching %s: %w", path, err)
		}
		subtree, exact = true, false
		rest = parentOf(rest)
	}
}

// notifyLoop waits for changes of path, watched through w, until stop is
// set. A watch on an ancestor is opened again after each change below it
// (the key may have appeared: then it is watched itself), and so is a
// watch whose key went (then its nearest ancestor is). The watch is asked
// for its next notification before changed is called, so that what
// changed reads is never older than what the watch reports next.
func notifyLoop(path string, w regWatch, stop windows.Handle, armed, changed func()) (err error) {
	defer func() { w.close() }()
	keyEv, err := windows.CreateEvent(nil, 0, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(keyEv)
	parentEv, err := windows.CreateEvent(nil, 0, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(parentEv)
	const filter = windows.REG_NOTIFY_CHANGE_NAME | windows.REG_NOTIFY_CHANGE_LAST_SET
	// What to ask a notification of: what fired, or a watch opened anew
	// (one still asked would gather a second request with each change).
	report, armKey, armParent := false, true, true
	for {
		var err error
		if armKey {
			err = windows.RegNotifyChangeKeyValue(windows.Handle(w.key), w.subtree, filter, keyEv, true)
		}
		if err == nil && armParent && w.parent != 0 {
			err = windows.RegNotifyChangeKeyValue(windows.Handle(w.parent), false, windows.REG_NOTIFY_CHANGE_NAME, parentEv, true)
		}
		if errors.Is(err, windows.ERROR_KEY_DELETED) {
			// Gone between its opening and now.
			if w, err = reopen(path, w, keyEv, parentEv); err != nil {
				return err
			}
			report, armKey, armParent = true, true, true
			continue
		}
		if err != nil {
			return err
		}
		armed()
		if report {
			changed()
			report = false
		}
		which, err := windows.WaitForMultipleObjects([]windows.Handle{keyEv, parentEv, stop}, false, windows.INFINITE)
		if err != nil {
			return err
		}
		gone := false
		switch which {
		case windows.WAIT_OBJECT_0: // in or below key
			report, gone = true, deleted(w.key)
			armKey, armParent = true, false
		case windows.WAIT_OBJECT_0 + 1: // a subkey of the parent added or removed
			// Another program's key beside the watched one is no change of
			// it; the watched key's going is.
			gone = deleted(w.key)
			report = gone
			armKey, armParent = false, true
		default:
			return nil
		}
		if gone || (report && !w.exact) {
			if w, err = reopen(path, w, keyEv, parentEv); err != nil {
				return err
			}
			armKey, armParent = true, true
		}
	}
}

// reopen closes w and opens path's watch again. Closing a key signals the
// event of its notification: the events are reset, or the next wait would
// report a change that did not happen.
func reopen(path string, w regWatch, events ...windows.Handle) (regWatch, error) {
	w.close()
	for _, ev := range events {
		windows.ResetEvent(ev)
	}
	return openWatch(path)
}

// deleted reports whether k's key no longer exists.
func deleted(k registry.Key) bool {
	err := windows.RegQueryInfoKey(windows.Handle(k), nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
	return errors.Is(err, windows.ERROR_KEY_DELETED)
}
