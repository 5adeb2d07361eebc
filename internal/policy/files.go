package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// maxFile caps a policy file: a real one is a few kilobytes.
const maxFile = 1 << 20

// Files are Linux's policy files, the way Chromium takes them:
// Dir/managed/*.json are enforced, Dir/recommended/*.json are defaults
// the person may change. Within a level, a file later in name order wins
// over an earlier one ("90-site.json" over "10-base.json").
type Files struct {
	// Dir is /etc/mamori/policies.
	Dir string
	// Owner is the user ID that must own the directories and files:
	// root (0) but in tests.
	Owner int
}

// Read reads both levels. A directory or file that another account than
// the owner could change is not read, with a message: another account
// must not be able to set a person's policy.
func (f Files) Read() ([]Value, []error) {
	var values []Value
	var problems []error
	if err := secure(filepath.Dir(f.Dir), f.Owner); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, []error{err}
	}
	if err := secure(f.Dir, f.Owner); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, []error{err}
	}
	for _, level := range []Level{Managed, Recommended} {
		dir := filepath.Join(f.Dir, level.String())
		if err := secure(dir, f.Owner); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				problems = append(problems, err)
			}
			continue
		}
		// Not filepath.Glob: it takes a directory it cannot list for an
		// empty one, and the policy would be lifted without a word.
		entries, err := os.ReadDir(dir)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: could not be listed, so its policies were not read: %w", dir, err))
			continue
		}
		var names []string
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".json") {
				names = append(names, filepath.Join(dir, e.Name()))
			}
		}
		slices.Reverse(names) // the last in name order wins
		for _, name := range names {
			data, err := readSecure(name, f.Owner)
			if err == nil {
				var vs []Value
				vs, err = parseJSON(data, level, name)
				values = append(values, vs...)
			}
			if err != nil {
				problems = append(problems, err)
			}
		}
	}
	return values, problems
}

// parseJSON reads one policy file: an object of policy names and values.
func parseJSON(data []byte, level Level, where string) ([]Value, error) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil || m == nil {
		if err == nil {
			err = errors.New("not a JSON object")
		}
		return nil, fmt.Errorf("%s: not read: %w", where, err)
	}
	return valuesOf(m, level, where), nil
}

// valuesOf turns an object of policy names and values into Values.
func valuesOf(m map[string]any, level Level, where string) []Value {
	var out []Value
	for _, k := range sortedKeys(m) {
		out = append(out, Value{Name: k, Level: level, Source: where, Raw: m[k]})
	}
	return out
}

// ManagedPreferences are macOS's managed preferences, which a
// configuration profile installs: Root/Domain.plist for the computer and
// Root/User/Domain.plist for one user, the computer's winning. Both are
// managed (a profile's settings are enforced).
type ManagedPreferences struct {
	// Root is /Library/Managed Preferences.
	Root string
	// User is the short name of the person the agent runs as.
	User string
	// Domain is the app ID (FyneApp.toml's).
	Domain string
	// Owner must own the files (root, but in tests).
	Owner int
	// Decode reads a property list (macplist.Decode, which only the Mac's
	// channel links).
	Decode func([]byte) (map[string]any, error)
}

// Read reads the computer's and the person's managed preferences.
func (m ManagedPreferences) Read() ([]Value, []error) {
	var values []Value
	var problems []error
	paths := []string{filepath.Join(m.Root, m.Domain+".plist")}
	if m.User != "" && !strings.ContainsAny(m.User, `/\`) && m.User != ".." {
		paths = append(paths, filepath.Join(m.Root, m.User, m.Domain+".plist"))
	}
	for _, p := range paths {
		data, err := readSecure(p, m.Owner)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			var vs []Value
			vs, err = m.parse(data, p)
			values = append(values, vs...)
		}
		if err != nil {
			problems = append(problems, err)
		}
	}
	return values, problems
}

// parse reads a managed preferences file, XML or binary.
func (m ManagedPreferences) parse(data []byte, where string) ([]Value, error) {
	if m.Decode == nil {
		return nil, fmt.Errorf("%s: not read: no property list reader", where)
	}
	d, err := m.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not read: %w", where, err)
	}
	for k := range d {
		// What the profile machinery adds of its own.
		if strings.HasPrefix(k, "Payload") || strings.HasPrefix(k, "_") {
			delete(d, k)
		}
	}
	return valuesOf(d, Managed, where), nil
}

// opened is for tests: a moment another account might swap the file.
var opened = func(string) {}

// readSecure opens a policy file once, judges the file it opened (not
// whatever the name points to a moment later) and reads at most maxFile
// bytes from it.
func readSecure(name string, owner int) ([]byte, error) {
	f, err := openFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opened(name)
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := judge(name, fi, owner); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: ignored: not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxFile {
		return nil, fmt.Errorf("%s: larger than %d bytes, not read", name, maxFile)
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), nil
}
