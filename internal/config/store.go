package config

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

// MaxSize caps the settings file: a real one is a few hundred bytes.
const MaxSize = 1 << 20

// Store is the settings file.
type Store struct {
	Path string
	// Policy is what an organisation set around the person's file
	// (internal/policy); nil for none.
	Policy Policy
	// Now stamps the name of a file set aside; nil means time.Now.
	Now func() time.Time
}

// DefaultPath is $XDG_CONFIG_HOME/mamori/settings.json, or ~/.config (the
// OS's user config directory elsewhere). A relative XDG_CONFIG_HOME is
// ignored, as the XDG base directory specification says.
func DefaultPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "mamori", "settings.json"), nil
	}
	if home := getenv("HOME"); filepath.IsAbs(home) && runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		return filepath.Join(home, ".config", "mamori", "settings.json"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config directory: %w", err)
	}
	return filepath.Join(d, "mamori", "settings.json"), nil
}

// Policy is an organisation's policy as the store applies it: the
// recommended values under the person's file (the person may change them),
// the managed ones over it (they win).
type Policy interface {
	// Layers reads the policy as it is now; err says which values could
	// not be used (each costs only itself).
	Layers() (recommended, managed func(*Settings), err error)
}

// CorruptError says the settings file was not JSON settings at all, and
// where it was moved; the defaults are in use.
type CorruptError struct {
	Path, Aside string
	Err         error
}

func (e *CorruptError) Error() string {
	if e.Aside == "" {
		return fmt.Sprintf("the settings file %s could not be read (%v); using the defaults, and the file was left where it is", e.Path, e.Err)
	}
	return fmt.Sprintf("the settings file %s could not be read (%v); it was moved to %s and the defaults are in use", e.Path, e.Err, e.Aside)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// InvalidError lists the fields of the settings file that could not be
// used; each takes its default, the rest of the file is in use, and the
// file is left as it is.
type InvalidError struct {
	Path     string
	Problems []string // "field: why"
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("the settings file %s has values Mamori cannot use, which keep their defaults: %s", e.Path, strings.Join(e.Problems, "; "))
}

// Load reads the settings. A missing file gives the defaults and no error.
// A file that cannot be read (no permission, not a regular file, too large)
// gives the defaults and an error, and is left alone. A file that is not a
// JSON object is set aside (a *CorruptError). Fields that cannot be used
// take their defaults (an *InvalidError); the rest is read.
func (s Store) Load() (Settings, error) {
	st, _, err := s.read()
	return st, err
}

// read returns the settings, the file's fields as they are on disk, and
// what went wrong. A nil raw map means the file could not be read and must
// not be replaced.
func (s Store) read() (Settings, map[string]json.RawMessage, error) {
	st, raw, managed, err := s.readOwn()
	managed(&st)
	return st, raw, err
}

// readOwn returns the person's own settings (their file over the
// recommended policy over the defaults: what they see and may change),
// the file's fields, the managed policy that goes over them, and what
// went wrong. A save edits the person's own settings, never the managed
// values laid over them.
func (s Store) readOwn() (Settings, map[string]json.RawMessage, func(*Settings), error) {
	base, managed := Defaults(), func(*Settings) {}
	var perr error
	if s.Policy != nil {
		var recommended func(*Settings)
		recommended, managed, perr = s.Policy.Layers()
		recommended(&base)
	}
	st, raw, err := s.readOver(base)
	return st, raw, managed, errors.Join(err, perr)
}

// readOver reads the file over base.
func (s Store) readOver(base Settings) (Settings, map[string]json.RawMessage, error) {
	data, err := atomicfile.Read(s.Path, MaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return base, map[string]json.RawMessage{}, nil
	}
	if err != nil {
		return base, nil, fmt.Errorf("reading settings: %w", err)
	}
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		if err == nil {
			err = errors.New("not a JSON object")
		}
		return base, map[string]json.RawMessage{}, s.setAside(err)
	}
	st, problems := decode(raw, base)
	if len(problems) > 0 {
		return st, raw, &InvalidError{Path: s.Path, Problems: problems}
	}
	return st, raw, nil
}

// Fields returns the JSON names of the settings the person's file sets
// (those Mamori knows), for telling a person's choice from a default.
func (s Store) Fields() []string {
	raw := map[string]json.RawMessage{}
	if data, err := atomicfile.Read(s.Path, MaxSize); err == nil {
		json.Unmarshal(data, &raw) // not JSON: no field is the person's
	}
	var out []string
	for _, f := range fields {
		if _, ok := raw[f.name]; ok {
			out = append(out, f.name)
		}
	}
	return out
}

// Update changes the settings on disk: it locks the file against other
// writers, reads it as it is now, lets change edit the person's own
// settings (the file over the recommended policy over the defaults,
// without what managed policy sets), and writes back only the fields whose
// value changed, leaving every other field (unknown ones, and ones it
// could not use) as the file had it. So a save changes only what the
// person changed, and a policy's value lands in the file only where the
// person edited a field a recommended policy had filled. What managed
// policy locks is not changed (the rest is saved, and the error wraps
// ErrLocked). It returns the effective settings after the change: the
// managed policy over the person's. A file that cannot be read is not
// replaced: Update fails.
func (s Store) Update(change func(*Settings)) (Settings, error) {
	unlock, err := lockFile(s.Path + ".lock")
	if err != nil {
		return Settings{}, fmt.Errorf("saving settings: %w", err)
	}
	defer unlock()
	own, raw, managed, err := s.readOwn()
	if raw == nil {
		managed(&own)
		return own, fmt.Errorf("saving settings: %w", err)
	}
	before := encode(own)
	change(&own)
	if err := own.validate(); err != nil {
		managed(&own)
		return own, fmt.Errorf("saving settings: %w", err)
	}
	after := encode(own)
	locked := s.keepLocked(before, after)
	// The settings as saved, from what is written: a fresh copy the
	// managed layer can be laid on.
	st, _ := decode(after, Defaults())
	managed(&st)
	var refused error
	if len(locked) > 0 {
		refused = fmt.Errorf("saving settings: %w: %s", ErrLocked, strings.Join(locked, ", "))
	}
	changed := false
	for name, v := range after {
		if !bytes.Equal(v, before[name]) {
			raw[name] = v
			changed = true
		}
	}
	if !changed {
		return st, refused
	}
	data, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		return st, fmt.Errorf("saving settings: %w", err)
	}
	if err := atomicfile.Write(s.Path, append(data, '\n'), 0o600); err != nil {
		return st, fmt.Errorf("saving settings: %w", err)
	}
	return st, refused
}

// Locker is a Policy that says what its managed values lock.
type Locker interface {
	// Locks reports whether managed policy sets name: a setting's JSON
	// name, or "check:" and a check ID.
	Locks(name string) bool
}

// Locks reports whether the organisation's managed policy sets name (a
// setting's JSON name, or "check:" and a check ID), so that no save may
// change it.
func (s Store) Locks(name string) bool {
	l, ok := s.Policy.(Locker)
	return ok && l.Locks(name)
}

// keepLocked puts back in after what managed policy locks, field by field
// and, for disabled_checks, check by check, and names what it put back.
func (s Store) keepLocked(before, after map[string]json.RawMessage) []string {
	l, ok := s.Policy.(Locker)
	if !ok {
		return nil
	}
	var locked []string
	for _, f := range fields {
		if bytes.Equal(before[f.name], after[f.name]) {
			continue
		}
		if f.name != "disabled_checks" {
			if l.Locks(f.name) {
				after[f.name] = before[f.name]
				locked = append(locked, f.name)
			}
			continue
		}
		var was, now []string
		json.Unmarshal(before[f.name], &was)
		json.Unmarshal(after[f.name], &now)
		kept := []string{}
		for _, id := range was {
			switch {
			case slices.Contains(now, id):
				kept = append(kept, id)
			case l.Locks("check:" + id):
				kept = append(kept, id) // turned on, but locked
				locked = append(locked, "check "+id)
			}
		}
		for _, id := range now {
			switch {
			case slices.Contains(was, id):
			case l.Locks("check:" + id):
				locked = append(locked, "check "+id) // turned off, but locked
			default:
				kept = append(kept, id)
			}
		}
		if slices.Equal(kept, was) {
			after[f.name] = before[f.name]
		} else if data, err := json.MarshalIndent(kept, "  ", "  "); err == nil {
			after[f.name] = data
		}
	}
	return locked
}

// setAside moves a file that is not settings out of the way under a name
// no other file has, so that two set aside in one second both survive.
func (s Store) setAside(cause error) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	base := s.Path + ".broken-" + now().UTC().Format("20060102T150405Z")
	for i := 0; i < 100; i++ {
		aside := base
		if i > 0 {
			aside = fmt.Sprintf("%s-%d", base, i)
		}
		// A hard link fails if the name is taken, where a rename would
		// replace what is there.
		err := os.Link(s.Path, aside)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return &CorruptError{Path: s.Path, Err: cause}
		}
		if err := os.Remove(s.Path); err != nil {
			os.Remove(aside)
			return &CorruptError{Path: s.Path, Err: cause}
		}
		return &CorruptError{Path: s.Path, Aside: aside, Err: cause}
	}
	return &CorruptError{Path: s.Path, Err: cause}
}

// field is one setting in the file.
type field struct {
	name  string
	index int // in Settings
	// decode sets the field in st from its JSON, or says why it cannot.
	decode func(st *Settings, raw json.RawMessage) error
	// check says why a value (a pointer to the field's type) cannot be
	// used; nil when any value of the type can.
	check func(v any) error
}

// fields are Settings' fields under their JSON names, read from the type
// itself: a field added to Settings is saved and loaded with nothing else
// to change. checks and decoders add what some fields need.
var fields = settingsFields()

// checks refuse values a field cannot take, by JSON name.
var checks = map[string]func(any) error{
	"language":               checkOf(checkLanguage),
	"interval_minutes":       checkOf(checkInterval),
	"screen_lock_minutes":    checkOf(Range{1, 60}.check),
	"idle_sleep_minutes":     checkOf(Range{1, 24 * 60}.check),
	"update_days":            checkOf(Range{1, 90}.check),
	"notifications_per_hour": checkOf(Range{1, 60}.check),
	"quiet_hours": checkOf(func(q *QuietHours) error {
		_, _, err := q.Minutes()
		return err
	}),
	"trusted_networks": checkOf(func(ts *[]TrustedNetwork) error {
		for _, t := range *ts {
			if err := t.check(); err != nil {
				return err
			}
		}
		return nil
	}),
}

// decoders replace the decoding of a field, by JSON name.
var decoders = map[string]func(st *Settings, raw json.RawMessage) error{
	"trusted_networks": decodeTrusted,
}

func checkOf[T any](check func(*T) error) func(any) error {
	return func(v any) error { return check(v.(*T)) }
}

func settingsFields() []field {
	typ := reflect.TypeFor[Settings]()
	var out []field
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			panic("config: Settings." + typ.Field(i).Name + " has no JSON name")
		}
		f := field{name: name, index: i, check: checks[name], decode: decoders[name]}
		if f.decode == nil {
			f.decode = f.decodeOver
		}
		out = append(out, f)
	}
	for name := range checks {
		if !slices.ContainsFunc(out, func(f field) bool { return f.name == name }) {
			panic("config: a check for " + name + ", which Settings does not have")
		}
	}
	for name := range decoders {
		if !slices.ContainsFunc(out, func(f field) bool { return f.name == name }) {
			panic("config: a decoder for " + name + ", which Settings does not have")
		}
	}
	return out
}

// ptr is the field in st.
func (f field) ptr(st *Settings) reflect.Value {
	return reflect.ValueOf(st).Elem().Field(f.index)
}

// decodeOver decodes the value over the default, so that a partial object
// keeps the defaults of what it leaves out; null is an empty list.
func (f field) decodeOver(st *Settings, raw json.RawMessage) error {
	v := reflect.New(f.ptr(st).Type())
	v.Elem().Set(f.ptr(st))
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		return err
	}
	emptyIfNil(v.Elem())
	if f.check != nil {
		if err := f.check(v.Interface()); err != nil {
			return err
		}
	}
	f.ptr(st).Set(v.Elem())
	return nil
}

// emptyIfNil makes a nil list an empty one: the file says [], not null.
func emptyIfNil(v reflect.Value) {
	if v.Kind() == reflect.Slice && v.IsNil() {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
}

// decodeTrusted: one bad trusted network costs that network, not the list.
func decodeTrusted(st *Settings, raw json.RawMessage) error {
	var entries []json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return err
	}
	good := []TrustedNetwork{}
	var bad []string
	for i, e := range entries {
		var t TrustedNetwork
		err := json.Unmarshal(e, &t)
		if err == nil {
			err = t.check()
		}
		if err != nil {
			bad = append(bad, fmt.Sprintf("entry %d: %v", i+1, err))
			continue
		}
		good = append(good, t)
	}
	st.TrustedNetworks = good
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, ", "))
	}
	return nil
}

// decode reads the known fields of a settings object over base.
func decode(raw map[string]json.RawMessage, base Settings) (Settings, []string) {
	st := base
	var problems []string
	for _, f := range fields {
		v, ok := raw[f.name]
		if !ok {
			continue
		}
		if err := f.decode(&st, v); err != nil {
			problems = append(problems, f.name+": "+err.Error())
		}
	}
	sort.Strings(problems)
	return st, problems
}

// encode returns each known field's JSON.
func encode(st Settings) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(fields))
	for _, f := range fields {
		data, err := json.MarshalIndent(f.ptr(&st).Interface(), "  ", "  ")
		if err == nil {
			out[f.name] = data
		}
	}
	return out
}

func checkLanguage(l *string) error {
	switch *l {
	case "", "en", "ja":
		return nil
	}
	return fmt.Errorf("unknown language %q", *l)
}

// Range is the values a whole-number setting may take.
type Range struct{ Min, Max int }

func (r Range) check(n *int) error {
	if *n < r.Min || *n > r.Max {
		return fmt.Errorf("%d is outside %d to %d", *n, r.Min, r.Max)
	}
	return nil
}

// Ranges are the whole-number settings' ranges, by JSON name, for
// whoever sets them from elsewhere (internal/policy).
var Ranges = map[string]Range{
	"interval_minutes":       {5, 24 * 60},
	"screen_lock_minutes":    {1, 60},
	"idle_sleep_minutes":     {1, 24 * 60},
	"update_days":            {1, 90},
	"notifications_per_hour": {1, 60},
}

func checkInterval(n *int) error {
	if *n < 5 || *n > 24*60 {
		return fmt.Errorf("interval of %d minutes (5 to 1440)", *n)
	}
	return nil
}

// check reports whether a trusted network is well formed.
func (t TrustedNetwork) check() error {
	if t.SSIDHex != "" {
		if _, err := hex.DecodeString(t.SSIDHex); err != nil {
			return fmt.Errorf("bad ssid_hex %q", t.SSIDHex)
		}
	}
	if len(t.SSIDBytes()) > 32 {
		return errors.New("SSID longer than 32 bytes")
	}
	return nil
}

// validate checks settings a program built before they are written.
func (st *Settings) validate() error {
	for _, f := range fields {
		emptyIfNil(f.ptr(st))
		if f.check != nil {
			if err := f.check(f.ptr(st).Addr().Interface()); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
	}
	return nil
}

// ErrLocked means a change touched what an organisation's managed policy
// sets; that part of the change was not saved.
var ErrLocked = errors.New("set by the organisation's policy")
