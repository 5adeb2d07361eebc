// Package policy reads what an organisation set for Mamori through each
// OS's own channel, and lays it around the person's settings: Windows'
// Policies keys (Group Policy, Intune), Linux's JSON files under
// /etc/mamori/policies (the way Chromium and Firefox take enterprise
// policy), macOS's managed preferences (a configuration profile).
//
// One schema (Schema) names every value, its type, its meaning and the
// setting it maps onto; the ADMX templates are generated from it. A value
// comes in at one of two levels: managed (enforced: it wins over the
// person's file and the settings window shows it locked) or recommended (a
// default the person may change). The effective settings are: managed,
// over the person's file, over recommended, over Mamori's defaults. A value
// that cannot be used costs only itself, with a message; a policy
// directory anyone but root could change is not read at all.
package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mamori-project/mamori/internal/config"
)

// Level is how strongly a value is set.
type Level int

const (
	// Recommended is a default the person may change.
	Recommended Level = iota
	// Managed is enforced: the person cannot change it.
	Managed
)

func (l Level) String() string {
	if l == Managed {
		return "managed"
	}
	return "recommended"
}

// Value is one policy value as a channel gave it, before it is checked.
type Value struct {
	Name  string
	Level Level
	// Source says where it was read: a file, a registry key.
	Source string
	// Raw is the value: bool, float64, int64, uint64, string, []any or
	// map[string]any.
	Raw any
}

// Set is an organisation's policy, read and checked: for each policy and
// level, the value that counts.
type Set struct {
	// Values are the values in use, managed first.
	Values []Value
	// Problems say which values could not be used, and why.
	Problems []error
}

// Resolve checks the values a channel read, in order of precedence within
// each level (the first value of a policy at a level wins), and keeps the
// usable ones. problems are the channel's own (a file that could not be
// read) and are kept.
func Resolve(values []Value, problems ...error) Set {
	set := Set{Problems: slices.Clone(problems)}
	seen := map[string]bool{}
	for _, v := range values {
		p, ok := Lookup(v.Name)
		if !ok {
			set.Problems = append(set.Problems, fmt.Errorf("%s: %s is not a Mamori policy", v.Source, v.Name))
			continue
		}
		key := p.Name + "\x00" + v.Level.String()
		if seen[key] {
			continue // a value of higher precedence is in use
		}
		if p.ManagedOnly && v.Level != Managed {
			set.Problems = append(set.Problems, fmt.Errorf("%s: %s can only be set as a managed policy", v.Source, p.Name))
			continue
		}
		typed, err := p.typed(v.Raw)
		if err != nil && p.Kind == Map && typed != nil {
			// A bad entry costs only itself: the rest is used.
			set.Problems = append(set.Problems, fmt.Errorf("%s: %s: %w", v.Source, p.Name, err))
			err = nil
		}
		if err == nil {
			st, e := config.Defaults(), Export{}
			err = p.set(&st, &e, typed)
			if err != nil && (p.Kind == List || p.Kind == Map) {
				// A bad entry costs only itself: the rest is used.
				set.Problems = append(set.Problems, fmt.Errorf("%s: %s: %w", v.Source, p.Name, err))
				err = nil
			}
		}
		if err != nil {
			set.Problems = append(set.Problems, fmt.Errorf("%s: %s: %w", v.Source, p.Name, err))
			continue
		}
		seen[key] = true
		set.Values = append(set.Values, Value{Name: p.Name, Level: v.Level, Source: v.Source, Raw: typed})
	}
	slices.SortStableFunc(set.Values, func(a, b Value) int { return int(b.Level) - int(a.Level) })
	return set
}

// value is the policy's value at level, if set.
func (s Set) value(name string, level Level) (Value, bool) {
	i := slices.IndexFunc(s.Values, func(v Value) bool { return v.Name == name && v.Level == level })
	if i < 0 {
		return Value{}, false
	}
	return s.Values[i], true
}

// apply lays the values of one level on st and e, in the schema's order.
func (s Set) apply(level Level, st *config.Settings, e *Export) {
	for _, p := range Schema {
		if v, ok := s.value(p.Name, level); ok {
			p.set(st, e, v.Raw) // checked by Resolve; entries it refused were reported there
		}
	}
	if level == Managed {
		// "required" at any level: the person cannot turn the check off.
		for _, id := range s.Required() {
			st.DisabledChecks = slices.DeleteFunc(st.DisabledChecks, func(d string) bool { return d == id })
		}
	}
}

// Layers is the set as config.Store applies it.
func (s Set) Layers() (recommended, managed func(*config.Settings), err error) {
	return func(st *config.Settings) { s.apply(Recommended, st, &Export{}) },
		func(st *config.Settings) { s.apply(Managed, st, &Export{}) },
		errors.Join(s.Problems...)
}

// Export is where results go, set by managed policies only.
func (s Set) Export() Export {
	var e Export
	s.apply(Managed, &config.Settings{}, &e)
	return e
}

// Required lists the checks a policy requires, at any level.
func (s Set) Required() []string {
	var out []string
	for _, v := range s.Values {
		if v.Name != "Checks" {
			continue
		}
		for id, state := range v.Raw.(map[string]string) {
			if state == CheckRequired && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Locked reports whether the setting (a config.Settings JSON name) is set
// by a managed policy, so the person cannot change it.
func (s Set) Locked(setting string) bool {
	for _, v := range s.Values {
		if p, _ := Lookup(v.Name); v.Level == Managed && p.Setting == setting && p.Name != "Checks" {
			return true
		}
	}
	return false
}

// CheckLocked reports whether a policy turns the check on or off for
// good: a managed Checks value for it, or "required" at any level.
func (s Set) CheckLocked(id string) bool {
	if v, ok := s.value("Checks", Managed); ok {
		if _, set := v.Raw.(map[string]string)[id]; set {
			return true
		}
	}
	return slices.Contains(s.Required(), id)
}

// Locks is Locked for a setting and CheckLocked for "check:" and a
// check's ID, as the settings window asks.
func (s Set) Locks(name string) bool {
	if id, ok := strings.CutPrefix(name, "check:"); ok {
		return s.CheckLocked(id)
	}
	return s.Locked(name)
}

// Source is where an effective value came from.
type Source string

const (
	FromManaged     Source = "managed policy"
	FromUser        Source = "user settings"
	FromRecommended Source = "recommended policy"
	FromDefault     Source = "default"
)

// Row is one policy's effective value and where it came from, as
// `mamori policy show` prints it.
type Row struct {
	Policy string `json:"policy"`
	Value  any    `json:"value"`
	Source Source `json:"source"`
	// Where is the file or registry key of a policy source.
	Where string `json:"where,omitempty"`
	// Locked: the person cannot change it.
	Locked bool `json:"locked"`
}

// Show lists every policy with its effective value and its source: the
// managed value, else the person's file where it sets the setting, else
// the recommended value, else the default. userFields are the settings
// the person's file holds (config.Store.Fields).
func (s Set) Show(effective config.Settings, userFields []string) []Row {
	var fields map[string]json.RawMessage
	b, _ := json.Marshal(effective)
	json.Unmarshal(b, &fields)
	export := s.Export()
	var rows []Row
	for _, p := range Schema {
		r := Row{Policy: p.Name, Source: FromDefault}
		switch v, ok := s.value(p.Name, Managed); {
		case ok:
			r.Source, r.Where, r.Value, r.Locked = FromManaged, v.Source, v.Raw, true
		case p.Setting != "" && slices.Contains(userFields, p.Setting):
			r.Source = FromUser
		default:
			if v, ok := s.value(p.Name, Recommended); ok {
				r.Source, r.Where, r.Value = FromRecommended, v.Source, v.Raw
			}
		}
		if r.Value == nil {
			r.Value = settingValue(p, fields, export)
		}
		rows = append(rows, r)
	}
	return rows
}

// settingValue is the effective value of the setting a policy maps onto.
func settingValue(p Policy, fields map[string]json.RawMessage, e Export) any {
	switch p.Name {
	case "PrometheusTextfileDirectory":
		return e.PrometheusDir
	case "ResultsDirectory":
		return e.ResultsDir
	case "Language":
		var l string
		json.Unmarshal(fields["language"], &l)
		if l == "" {
			return "auto"
		}
		return l
	}
	var v any
	json.Unmarshal(fields[p.Setting], &v)
	if m, ok := v.(map[string]any); ok && p.Sub != "" {
		return m[p.Sub]
	}
	return v
}

// Shaped lists the policies that shape a check's verdict: those whose
// effective value comes from a policy (not the person's file) and that
// the check reads, or that turned it on.
func (s Set) Shaped(check string, userFields []string) []string {
	var out []string
	for _, p := range Schema {
		if !slices.Contains(p.Shapes, check) && p.Name != "Checks" {
			continue
		}
		_, managed := s.value(p.Name, Managed)
		_, rec := s.value(p.Name, Recommended)
		if !managed && !(rec && !slices.Contains(userFields, p.Setting)) {
			continue
		}
		if p.Name == "Checks" && !s.setsCheck(check, userFields) {
			continue
		}
		out = append(out, p.Name)
	}
	return out
}

// setsCheck: a Checks policy in effect names the check.
func (s Set) setsCheck(id string, userFields []string) bool {
	if s.CheckLocked(id) {
		return true
	}
	v, ok := s.value("Checks", Recommended)
	if !ok || slices.Contains(userFields, "disabled_checks") {
		return false
	}
	_, named := v.Raw.(map[string]string)[id]
	return named
}

// Describe is a one-line account of the set's sources, for logs.
func (s Set) Describe() string {
	var where []string
	for _, v := range s.Values {
		if !slices.Contains(where, v.Source) {
			where = append(where, v.Source)
		}
	}
	if len(where) == 0 {
		return "no policy"
	}
	return strings.Join(where, ", ")
}

// UnknownChecks reports each check a Checks policy names that is not one
// of known (a misspelt ID would otherwise do nothing, silently); nil
// when known is nil (the checks could not be learned).
func (s Set) UnknownChecks(known []string) []error {
	if known == nil {
		return nil
	}
	var out []error
	for _, v := range s.Values {
		if v.Name != "Checks" {
			continue
		}
		for _, id := range sortedKeys(v.Raw.(map[string]string)) {
			if !slices.Contains(known, id) {
				out = append(out, fmt.Errorf("%s: Checks: %q is not a check Mamori has, so it does nothing (the checks are %s)", v.Source, id, strings.Join(known, ", ")))
			}
		}
	}
	return out
}
