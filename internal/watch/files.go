// Package watch holds the event sources that re-run checks at once: dconf's
// change signal and file watches (the Wi-Fi source watches the network
// itself, in internal/wifi). Each calls changed with the path it was given
// that changed, so that the agent re-runs exactly the checks whose triggers
// name it.
package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// Func watches paths, whose meaning depends on the source, and calls
// changed with the one that changed, until ctx is done. It calls ready once
// it is watching (the agent runs its first sweep only then, so a change
// made during that sweep is not lost). It returns an error when it cannot
// watch at all; the checks then run on their interval.
type Func func(ctx context.Context, paths []string, ready func(), changed func(path string)) error

// Files calls changed(path) whenever one of paths is written, replaced,
// created or removed; a path ending in "/" stands for every file in that
// directory. Settings programs replace files by renaming a new one over
// them, and a directory may not exist yet, so it watches directories: each
// wanted directory, or until it appears, its nearest existing ancestor.
func Files(ctx context.Context, paths []string, ready func(), changed func(path string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	fw := fileWatch{w: w, wanted: map[string]map[string]bool{}}
	all := func() {
		for _, p := range paths {
			changed(p)
		}
	}
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
	ready()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				all() // events were lost: assume the worst
				continue
			}
			return err
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			dir, name := filepath.Split(ev.Name)
			dir = filepath.Clean(dir)
			names := fw.wanted[dir]
			if names[name] {
				changed(filepath.Join(dir, name))
			}
			if names[""] {
				changed(dir + string(filepath.Separator))
			}
			if ev.Has(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) && fw.waiting(ev.Name) {
				// A wanted directory, or one on the way to it, appeared:
				// watch closer, and read what may already be there. Or
				// one went, taking its watch along: watch its nearest
				// parent until it is back.
				if err := fw.sync(); err != nil {
					return err
				}
				all()
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
// ancestor of each that does not. A directory created below an ancestor
// just before its watch was in place sends no event, so after each watch it
// looks one level down again.
func (fw fileWatch) sync() error {
	added := 0
	for dir := range fw.wanted {
		d := dir
		for !isDir(d) && d != filepath.Dir(d) {
			d = filepath.Dir(d)
		}
		for {
			if fw.w.Add(d) == nil {
				added++
			}
			if d == dir {
				break
			}
			rel, err := filepath.Rel(d, dir)
			if err != nil {
				break
			}
			next := filepath.Join(d, strings.Split(rel, string(filepath.Separator))[0])
			if !isDir(next) {
				break
			}
			d = next
		}
	}
	if added == 0 && len(fw.wanted) > 0 {
		return errors.New("none of the settings directories, nor any of their parents, can be watched")
	}
	return nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// waiting reports whether path is a wanted directory or lies on the way
// to one.
func (fw fileWatch) waiting(path string) bool {
	for dir := range fw.wanted {
		if dir == path || strings.HasPrefix(dir, path+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
