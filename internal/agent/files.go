package agent

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// WatchFiles calls changed whenever one of paths is written, replaced,
// created or removed; a path ending in "/" stands for every file in that
// directory. Settings programs replace files by renaming a new one over
// them, and a directory may not exist yet, so it watches directories: each
// wanted directory, or until it appears, its nearest existing ancestor.
func WatchFiles(paths []string) func(ctx context.Context, changed func()) error {
	return func(ctx context.Context, changed func()) error {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return err
		}
		defer w.Close()
		fw := fileWatch{w: w, wanted: map[string]map[string]bool{}}
		for _, p := range paths {
			dir, name := filepath.Split(p)
			dir = filepath.Clean(dir)
			if fw.wanted[dir] == nil {
				fw.wanted[dir] = map[string]bool{}
			}
			fw.wanted[dir][name] = true // "" for any file
		}
		if err := fw.sync(); err != nil {
			return err
		}
		for {
			select {
			case <-ctx.Done():
				return nil
			case err, ok := <-w.Errors:
				if !ok {
					return nil
				}
				if errors.Is(err, fsnotify.ErrEventOverflow) {
					changed() // events were lost: assume the worst
					continue
				}
				return err
			case ev, ok := <-w.Events:
				if !ok {
					return nil
				}
				dir, name := filepath.Split(ev.Name)
				names := fw.wanted[filepath.Clean(dir)]
				if names[""] || names[name] {
					changed()
				}
				appeared := ev.Has(fsnotify.Create) && fw.waiting(ev.Name)
				vanished := ev.Has(fsnotify.Remove|fsnotify.Rename) && fw.wanted[ev.Name] != nil
				if appeared || vanished {
					// A missing directory, or one on the way to it, appeared:
					// watch closer, and read what may already be there. Or a
					// watched one went: watch its parent until it is back.
					if err := fw.sync(); err != nil {
						return err
					}
					changed()
				}
			}
		}
	}
}

// fileWatch is WatchFiles's state: wanted maps a directory to the names
// in it that matter.
type fileWatch struct {
	w      *fsnotify.Watcher
	wanted map[string]map[string]bool
}

// sync watches each wanted directory that exists and the nearest existing
// ancestor of each that does not.
func (fw fileWatch) sync() error {
	added := 0
	for dir := range fw.wanted {
		for d := dir; ; d = filepath.Dir(d) {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				if err := fw.w.Add(d); err == nil {
					added++
				}
				break
			}
			if d == filepath.Dir(d) {
				break
			}
		}
	}
	if added == 0 && len(fw.wanted) > 0 {
		return errors.New("none of the settings directories, nor any of their parents, can be watched")
	}
	return nil
}

// waiting reports whether path is a wanted directory or lies on the way
// to one that is not watched yet.
func (fw fileWatch) waiting(path string) bool {
	for dir := range fw.wanted {
		if dir == path || strings.HasPrefix(dir, path+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
