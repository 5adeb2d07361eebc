//go:build !darwin

package config

import (
	"path/filepath"
	"testing"
)

// TestStartAtLoginShownAsItIs: an installer made the login entry (the
// .msi's Run value on Windows; an autostart file the person's desktop
// wrote on Linux) and the settings file says nothing of it. The settings
// window shows the box ticked; saving an unrelated change leaves the entry
// alone; only unticking the box removes it, and ticking it makes it again.
// Real entries: the registry (Wine's, under scripts/wine) or the file.
func TestStartAtLoginShownAsItIs(t *testing.T) {
	a := testAutostart(t)
	store := Store{Path: filepath.Join(tempDir(t), "settings.json")}
	plantEntry(t, a)
	orig := shown(t, a, store)
	if !orig.StartAtLogin {
		t.Fatal("the installer's login entry is there, and the settings window shows start at login off")
	}
	edit := orig
	edit.Language = "ja"
	if _, err := a.Save(store, orig, edit); err != nil {
		t.Fatal(err)
	}
	if !hasEntry(t, a) {
		t.Fatal("saving a change of language removed the login entry")
	}
	orig = edit
	edit.StartAtLogin = false
	if _, err := a.Save(store, orig, edit); err != nil {
		t.Fatal(err)
	}
	if hasEntry(t, a) || shown(t, a, store).StartAtLogin {
		t.Error("unticking start at login left the entry")
	}
	orig = edit
	edit.StartAtLogin = true
	if _, err := a.Save(store, orig, edit); err != nil {
		t.Fatal(err)
	}
	if !hasEntry(t, a) || !shown(t, a, store).StartAtLogin {
		t.Error("ticking start at login made no entry")
	}
}

// TestStartAtLoginRemovedElsewhere: the settings file says on, but the
// person took the entry away in the system's own settings (removed, or
// switched off: Task Manager's Startup tab, a desktop's Startup
// Applications). The window shows it off, and an unrelated save does not
// bring it back.
func TestStartAtLoginRemovedElsewhere(t *testing.T) {
	for name, takeAway := range map[string]func(*testing.T, Autostart){
		"removed":      func(t *testing.T, a Autostart) { a.Sync(false) },
		"switched off": switchOff,
	} {
		t.Run(name, func(t *testing.T) {
			a := testAutostart(t)
			store := Store{Path: filepath.Join(tempDir(t), "settings.json")}
			if _, err := store.Update(func(st *Settings) { st.StartAtLogin = true }); err != nil {
				t.Fatal(err)
			}
			if err := a.Sync(true); err != nil {
				t.Fatal(err)
			}
			takeAway(t, a)
			orig := shown(t, a, store)
			if orig.StartAtLogin {
				t.Fatal("the entry was taken away, and the settings window shows start at login on")
			}
			edit := orig
			edit.Notifications = false
			if _, err := a.Save(store, orig, edit); err != nil {
				t.Fatal(err)
			}
			if shown(t, a, store).StartAtLogin {
				t.Error("saving a change of notifications brought the login entry back")
			}
		})
	}
}

// shown is what the settings window shows.
func shown(t *testing.T, a Autostart, store Store) Settings {
	t.Helper()
	st, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err = a.Shown(st)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
