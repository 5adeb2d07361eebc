package export

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Targets are where results go (policy.Export's directories); "" for
// none.
type Targets struct {
	PrometheusDir, ResultsDir string
}

// Write writes the snapshot into each target directory as
// mamori-<uid>.prom and mamori-<uid>.json, readable by all (the collector
// runs as another account). A directory another account could use to
// change the person's results is not written to (see checkDir), nor is a
// file of that name that another account put there first (NotYours):
// each is an error, and the other target is still written.
func Write(t Targets, s Snapshot) error {
	var errs []error
	name := "mamori-" + fileSafe(s.UID)
	if t.PrometheusDir != "" {
		errs = append(errs, writeIn(t.PrometheusDir, name+".prom", Prometheus(s)))
	}
	if t.ResultsDir != "" {
		errs = append(errs, writeIn(t.ResultsDir, name+".json", Document(s)))
	}
	return errors.Join(errs...)
}

// NotYours is the error when the person's file is there but is another
// account's, or not a file: someone may have put it there to speak for
// the person. Mamori neither replaces it nor writes elsewhere.
type NotYours struct {
	Path  string
	Owner string // "user 65534", a SID; "" where it is not a file
}

func (e *NotYours) Error() string {
	if e.Owner == "" {
		return fmt.Sprintf("%s is there but is not a file; not written (another account may have put it there: ask whoever looks after this computer)", e.Path)
	}
	return fmt.Sprintf("%s belongs to %s, not to this account; not written (another account may have put it there to report for this one: ask whoever looks after this computer)", e.Path, e.Owner)
}

// afterOpen is for tests: a moment another account might swap the
// directory's path.
var afterOpen = func() {}

func writeIn(dir, name string, data []byte) error {
	if err := put(dir, name, data); err != nil {
		return fmt.Errorf("exporting results to %s: %w", dir, err)
	}
	return nil
}

// Status says, without writing, what would keep the snapshot of the
// user uid from the targets: a directory that may not be used, or a file
// of the person's name that is not theirs. For `mamori policy show`.
func Status(t Targets, uid string) error {
	var errs []error
	name := "mamori-" + fileSafe(uid)
	for _, d := range []struct{ dir, file string }{{t.PrometheusDir, name + ".prom"}, {t.ResultsDir, name + ".json"}} {
		if d.dir == "" {
			continue
		}
		root, err := openDir(d.dir)
		if err == nil {
			err = mine(root, d.dir, d.file)
			root.Close()
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("exporting results to %s: %w", d.dir, err))
		}
	}
	return errors.Join(errs...)
}

// openDir checks dir and its parents (checkDir), opens it once and checks
// the opened directory again: what is written through the handle goes
// there, whatever the path names a moment later.
func openDir(dir string) (*os.Root, error) {
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, errors.New("not a directory (a link to one is not followed)")
	}
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	afterOpen()
	opened, err := root.Stat(".")
	if err == nil && !os.SameFile(fi, opened) {
		err = errors.New("it changed while it was being checked; not written")
	}
	if err == nil {
		err = checkOpened(root, dir)
	}
	if err != nil {
		root.Close()
		return nil, err
	}
	return root, nil
}

// put writes through the handle openDir gives: a temporary ".name-…" (no
// .prom ending, so the textfile collector skips it) renamed over name.
func put(dir, name string, data []byte) error {
	root, err := openDir(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := mine(root, dir, name); err != nil {
		return err
	}
	// O_EXCL through the handle never writes through a name another
	// account put there, file or link, and the directory is the person's,
	// root's, or root's and sticky (owner_unix.go: the shared textfile
	// directory, where other accounts may create names but not remove or
	// rename ours). So the name's randomness is a matter of not colliding,
	// not of secrecy, and a name taken is tried again with another:
	// math/rand/v2 (seeded by the runtime from the OS) serves, and keeps
	// crypto/rand's FIPS module (0.2 MB) out of the resident agent.
	var tmp string
	var f *os.File
	for range 3 {
		tmp = "." + name + "-" + strconv.FormatUint(rand.Uint64()>>16, 16)
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer root.Remove(tmp) // fails harmlessly once renamed
	err = f.Chmod(0o644)   // whatever the umask
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	err = root.Rename(tmp, name)
	// Windows refuses to replace a file another program has open
	// without sharing it for deletion, as windows_exporter's textfile
	// collector (Go's os.Open) has each .prom while it reads it: a
	// moment, so the rename is tried again for a while.
	for wait := replaceWait; err != nil && errors.Is(err, fs.ErrPermission) && wait > 0; wait -= 50 * time.Millisecond {
		time.Sleep(50 * time.Millisecond)
		err = root.Rename(tmp, name)
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			// Planted between the look and the rename.
			if merr := mine(root, dir, name); merr != nil {
				return merr
			}
		}
		return err
	}
	if d, err := root.Open("."); err == nil {
		d.Sync() // the rename is durable once the directory is
		d.Close()
	}
	return nil
}

// mine says whether name in root, if it is there, is the person's file.
func mine(root *os.Root, dir, name string) error {
	fi, err := root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	path := filepath.Join(dir, name)
	if !fi.Mode().IsRegular() {
		return &NotYours{Path: path}
	}
	if ok, owner := owns(path, fi); !ok {
		return &NotYours{Path: path, Owner: owner}
	}
	return nil
}

// fileSafe keeps a user ID to letters, digits and - (a Windows SID is
// S-1-5-21-…).
func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' {
			return r
		}
		return '_'
	}, s)
	if s == "" {
		return "unknown"
	}
	return s
}
