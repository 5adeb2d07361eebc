//go:build unix

package export

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// other is an account that is neither root nor the person: the person is
// this test's user, or (run as root, which may own anything) a made-up
// user 4242 while the test's own files stand for another account's.
func accounts(t *testing.T) (person, other int) {
	t.Helper()
	if os.Getuid() == 0 {
		return 4242, 65534
	}
	return os.Getuid(), -1
}

// as makes path another account's (root's chown), or, run as another
// user, leaves it this user's and pretends the person is someone else.
func as(t *testing.T, path string, uid int) {
	t.Helper()
	if uid < 0 {
		return
	}
	if err := os.Lchown(path, uid, -1); err != nil {
		t.Fatal(err)
	}
}

// TestWriteRefusesAnotherAccountsFileOrDirectory plays finding 3 of the
// red team's review: in a sticky directory every account can write to,
// another account puts mamori-<uid>.prom there first; a sticky directory
// (or a parent) owned by another account lets that account replace the
// file. Each is refused with a message that says whose it is, and nothing
// is written anywhere else.
func TestWriteRefusesAnotherAccountsFileOrDirectory(t *testing.T) {
	if os.Getuid() != 0 {
		testenv.Unavailable(t, "playing two accounts needs root (chown)")
	}
	person, other := accounts(t)
	me := func() int { return person }
	old := currentUID
	currentUID = me
	t.Cleanup(func() { currentUID = old })
	s := sweep()
	s.UID = "4242"
	name := "mamori-4242.prom"

	for _, tt := range []struct {
		desc string
		make func(t *testing.T) string // the export directory
		want string                    // in the error; "" for written
	}{
		{"root's, 0755", func(t *testing.T) string { return exportDir(t, 0o755) }, ""},
		{"the person's own, 0700", func(t *testing.T) string {
			d := exportDir(t, 0o700)
			as(t, d, person)
			return d
		}, ""},
		{"root's, sticky, writable by all", func(t *testing.T) string { return exportDir(t, 0o777|os.ModeSticky) }, ""},
		{"root's, sticky, another account's file there first", func(t *testing.T) string {
			d := exportDir(t, 0o777|os.ModeSticky)
			f := filepath.Join(d, name)
			os.WriteFile(f, []byte("mamori_check_status{user=\"hanako\",uid=\"4242\"} 1\n"), 0o644)
			as(t, f, other)
			return d
		}, "belongs to user 65534"},
		{"root's, sticky, a link there first", func(t *testing.T) string {
			d := exportDir(t, 0o777|os.ModeSticky)
			os.Symlink("/etc/passwd", filepath.Join(d, name))
			as(t, filepath.Join(d, name), other)
			return d
		}, "not a file"},
		{"another account's, sticky, writable by all", func(t *testing.T) string {
			d := exportDir(t, 0o777|os.ModeSticky)
			as(t, d, other)
			return d
		}, "owned by user 65534"},
		{"another account's, 0755", func(t *testing.T) string {
			d := exportDir(t, 0o755)
			as(t, d, other)
			return d
		}, "owned by user 65534"},
		{"root's, under another account's directory", func(t *testing.T) string {
			d := exportDir(t, 0o755)
			as(t, filepath.Dir(d), other)
			return d
		}, "owned by user 65534"},
		{"root's, under a directory all can write to, not sticky", func(t *testing.T) string {
			d := exportDir(t, 0o755)
			os.Chmod(filepath.Dir(d), 0o777)
			return d
		}, "can write to"},
		{"root's, under a sticky directory another account owns", func(t *testing.T) string {
			d := exportDir(t, 0o755)
			os.Chmod(filepath.Dir(d), 0o777|os.ModeSticky)
			as(t, filepath.Dir(d), other)
			return d
		}, "owned by user 65534"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			dir := tt.make(t)
			before, _ := os.ReadFile(filepath.Join(dir, name))
			err := Write(Targets{PrometheusDir: dir}, s)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil || !strings.Contains(string(got), `uid="4242"`) {
					t.Fatalf("not written: %v", err)
				}
				// Written by root for the made-up person: theirs, as
				// their own agent's would be.
				as(t, filepath.Join(dir, name), person)
				if err := Status(Targets{PrometheusDir: dir}, "4242"); err != nil {
					t.Errorf("Status: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want one saying %q", err, tt.want)
			}
			if err := Status(Targets{PrometheusDir: dir}, "4242"); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Status (for policy show): %v, want one saying %q", err, tt.want)
			}
			after, _ := os.ReadFile(filepath.Join(dir, name))
			if string(after) != string(before) {
				t.Errorf("the file changed")
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != name {
					t.Errorf("left %s behind", e.Name())
				}
			}
		})
	}
}

// TestWriteGoesThroughTheDirectoryItChecked: the directory is opened once
// and written through that handle, so a directory swapped for a link
// after the check does not redirect the file.
func TestWriteGoesThroughTheDirectoryItChecked(t *testing.T) {
	dir := exportDir(t, 0o755)
	elsewhere := exportDir(t, 0o755)
	swapped := false
	old := afterOpen
	afterOpen = func() {
		// Another account swaps the path once it is checked.
		os.Rename(dir, dir+".old")
		os.Symlink(elsewhere, dir)
		swapped = true
	}
	t.Cleanup(func() { afterOpen = old })
	if err := Write(Targets{PrometheusDir: dir}, sweep()); err != nil {
		t.Fatal(err)
	}
	if !swapped {
		t.Fatal("the swap did not run")
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "mamori-1000.prom")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file went where the swapped path pointed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir+".old", "mamori-1000.prom")); err != nil {
		t.Errorf("not in the directory that was checked: %v", err)
	}
}
