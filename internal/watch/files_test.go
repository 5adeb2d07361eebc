package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestWatchFiles drives a real file watch (inotify here) through what
// settings programs do: replace a file by renaming over it, create a
// directory that did not exist, drop a file into a drop-in directory,
// delete, and write files nobody asked about.
func TestWatchFiles(t *testing.T) {
	root := t.TempDir()
	config := filepath.Join(root, "config")
	xfconf := filepath.Join(config, "xfce4", "xfconf", "xfce-perchannel-xml")
	dropIns := filepath.Join(root, "etc", "logind.conf.d")
	for _, d := range []string{config, dropIns} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	kscreen := filepath.Join(config, "kscreenlockerrc")
	channel := filepath.Join(xfconf, "xfce4-screensaver.xml") // its directory does not exist yet
	paths := []string{kscreen, channel, dropIns + "/"}
	changes := make(chan string, 100)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	ready := make(chan struct{})
	go func() { done <- Files(ctx, paths, func() { close(ready) }, func(p string) { changes <- p }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch ended with %v", err)
		}
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("the watch ended before it was ready: %v", err)
	}

	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace := func(path, data string) { // as KConfig and xfconfd save
		t.Helper()
		write(path+".tmp", data)
		if err := os.Rename(path+".tmp", path); err != nil {
			t.Fatal(err)
		}
	}
	// The watch is set up asynchronously: an unrelated write shows when it
	// is, and must itself go unnoticed.
	settle := func() {
		time.Sleep(300 * time.Millisecond)
		for len(changes) > 0 {
			<-changes
		}
	}
	// expect acts and waits for a change reported for want, the watched
	// path that names the file (a directory that appears reports them all).
	expect := func(what, want string, act func()) {
		t.Helper()
		settle()
		act()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case p := <-changes:
				if p == want {
					return
				}
				if !slices.Contains(paths, p) {
					t.Fatalf("%s: reported %q, which is not watched", what, p)
				}
			case <-timeout:
				t.Fatalf("%s: no change reported for %s", what, want)
			}
		}
	}
	expectNothing := func(what string, act func()) {
		t.Helper()
		settle()
		act()
		select {
		case p := <-changes:
			t.Errorf("%s: reported as a change of %s", what, p)
		case <-time.After(500 * time.Millisecond):
		}
	}

	expectNothing("another program's file in the same directory", func() { write(filepath.Join(config, "kwinrc"), "x") })
	expect("kscreenlockerrc replaced by rename", kscreen, func() { replace(kscreen, "[Daemon]\nAutolock=false\n") })
	expect("kscreenlockerrc written in place", kscreen, func() { write(kscreen, "[Daemon]\n") })
	expect("xfconf directory created with the channel in it", channel, func() { write(channel, "<channel/>") })
	expect("the channel replaced, once its directory is watched", channel, func() { replace(channel, "<channel name=\"x\"/>") })
	expectNothing("another channel", func() { write(filepath.Join(xfconf, "xfce4-panel.xml"), "<channel/>") })
	expect("a logind drop-in added", dropIns+"/", func() { write(filepath.Join(dropIns, "90-idle.conf"), "[Login]\n") })
	expect("kscreenlockerrc removed", kscreen, func() { os.Remove(kscreen) })
	expect("the xfconf directory removed", channel, func() { os.RemoveAll(filepath.Join(config, "xfce4")) })
	expect("the channel back in a new directory", channel, func() { write(channel, "<channel/>") })
}
