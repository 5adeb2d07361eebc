package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// The screen saver's program (SCRNSAVE.EXE), read and written on every OS
// so that its tests run here: a path that names no file makes no screen
// saver start, so nothing locks (Windows' dialog then shows "(None)").

// winFiles answers for Windows paths: FS is the machine's files by drive,
// a path's name in it the path with forward slashes ("C:/Windows/
// system32/scrnsave.scr"); Getenv gives %SystemRoot%.
type winFiles struct {
	FS     fs.FS
	Getenv func(string) string
}

// winDrivePath is an absolute path on a drive: `C:\…`.
var winDrivePath = regexp.MustCompile(`^[A-Za-z]:\\`)

// winSystemRoot is the Windows folder (C:\Windows on most PCs), from the
// environment Windows gives every process. The person could set it
// otherwise, but only for their own programs: a fix planned from it is
// theirs alone.
func winSystemRoot(getenv func(string) string) (string, error) {
	if getenv != nil {
		for _, name := range []string{"SystemRoot", "windir"} {
			if dir := strings.TrimRight(getenv(name), `\`); winDrivePath.MatchString(dir + `\`) {
				return dir, nil
			}
		}
	}
	return "", errors.New("the Windows folder: %SystemRoot% is not a path on a drive")
}

// winBlankSaver is the screen saver every Windows has, a blank screen, as
// Windows writes it when Blank is chosen: C:\Windows\system32\scrnsave.scr
// on most PCs.
func winBlankSaver(getenv func(string) string) (string, error) {
	root, err := winSystemRoot(getenv)
	if err != nil {
		return "", err
	}
	return root + `\system32\scrnsave.scr`, nil
}

// winEnvVar is a %NAME% in a path.
var winEnvVar = regexp.MustCompile(`%([^%\\]+)%`)

// winProgramPath is the file a SCRNSAVE.EXE value names: environment
// variables expanded, and a bare name (as Group Policy's "Force specific
// screen saver" takes it) in %SystemRoot%\System32.
func winProgramPath(value string, getenv func(string) string) (string, error) {
	p := strings.Trim(strings.TrimSpace(value), `"`)
	var missing []string
	p = winEnvVar.ReplaceAllStringFunc(p, func(v string) string {
		name := strings.Trim(v, "%")
		var got string
		if getenv != nil {
			got = getenv(name)
		}
		if got == "" {
			missing = append(missing, v)
		}
		return got
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("%s is not set", strings.Join(missing, ", "))
	}
	if !strings.ContainsAny(p, `\/:`) {
		root, err := winSystemRoot(getenv)
		if err != nil {
			return "", err
		}
		p = root + `\System32\` + p
	}
	if !winDrivePath.MatchString(p) {
		return "", errors.New("not a path on a drive")
	}
	return p, nil
}

// saverProgram says whether the screen saver's program is a file: "" and
// nil when it is, the reason (for Details) when it is not; an error when
// that cannot be told.
func (w winFiles) saverProgram(value string) (missing string, err error) {
	p, err := winProgramPath(value, w.Getenv)
	if err != nil {
		return "", fmt.Errorf("SCRNSAVE.EXE '%s': %w", value, err)
	}
	if w.FS == nil {
		return "", errors.New("SCRNSAVE.EXE: no file system to look for it in")
	}
	name := path.Clean(strings.ReplaceAll(p, `\`, "/"))
	if !strings.HasPrefix(name, p[:2]+"/") {
		return "", fmt.Errorf("SCRNSAVE.EXE '%s': not a path on a drive", value)
	}
	fi, err := fs.Stat(w.FS, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing: " + p, nil
	case err != nil:
		return "", fmt.Errorf("SCRNSAVE.EXE '%s': %w", value, err)
	case fi.IsDir():
		return "not a file: " + p, nil
	}
	return "", nil
}

// drives is the machine's files by drive, as winFiles reads them on
// Windows: "C:/Windows/x" is C:\Windows\x (sys.FS is rooted at one
// drive's "/", and takes no drive letter).
type drives struct{}

var _ fs.StatFS = drives{}

func (drives) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return os.Open(filepath.FromSlash(name))
}

func (drives) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return os.Stat(filepath.FromSlash(name))
}
