package policy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Key is a registry key as the policy reader needs it; registry_windows.go
// is the real one, the tests use a map.
type Key interface {
	// Values returns the key's values by name: uint64 for a DWORD or
	// QWORD, string for REG_SZ and REG_EXPAND_SZ, []string for
	// REG_MULTI_SZ.
	Values() (map[string]any, error)
	// SubKeys lists the key's subkeys.
	SubKeys() ([]string, error)
	// Open opens a subkey.
	Open(name string) (Key, error)
}

// Recommended is the subkey of the Policies key that holds recommended
// values, as in Chromium's.
const recommendedKey = "Recommended"

// readKey reads a Policies key (HKLM's or HKCU's SOFTWARE\Policies\Mamori):
// each value a policy; each subkey a list (values 1, 2, …) or a set of
// names and values (Checks); the Recommended subkey the same at the
// recommended level.
func readKey(k Key, level Level, where string) ([]Value, []error) {
	vals, err := k.Values()
	if err != nil {
		return nil, []error{fmt.Errorf(`%s: %w`, where, err)}
	}
	var out []Value
	var problems []error
	for _, name := range sortedKeys(vals) {
		v := vals[name]
		if l, ok := v.([]string); ok { // REG_MULTI_SZ: a list
			v = anyList(l)
		}
		out = append(out, Value{Name: name, Level: level, Source: where, Raw: v})
	}
	subs, err := k.SubKeys()
	if err != nil {
		return out, append(problems, fmt.Errorf(`%s: %w`, where, err))
	}
	slices.Sort(subs)
	for _, name := range subs {
		sub, err := k.Open(name)
		if err != nil {
			problems = append(problems, fmt.Errorf(`%s\%s: %w`, where, name, err))
			continue
		}
		if c, ok := sub.(interface{ Close() error }); ok {
			defer c.Close()
		}
		if strings.EqualFold(name, recommendedKey) && level == Managed {
			vs, ps := readKey(sub, Recommended, where+`\`+name)
			out, problems = append(out, vs...), append(problems, ps...)
			continue
		}
		v, err := subKeyValue(name, sub)
		if err != nil {
			problems = append(problems, fmt.Errorf(`%s\%s: %w`, where, name, err))
			continue
		}
		out = append(out, Value{Name: name, Level: level, Source: where + `\` + name, Raw: v})
	}
	return out, problems
}

// subKeyValue reads a subkey as the policy of its name takes it: a list
// in the order of its values' numbers (as Group Policy's list boxes write
// them), or names and values.
func subKeyValue(name string, k Key) (any, error) {
	vals, err := k.Values()
	if err != nil {
		return nil, err
	}
	p, ok := Lookup(name)
	if ok && p.Kind == Map {
		m := map[string]any{}
		for n, v := range vals {
			m[n] = v
		}
		return m, nil
	}
	names := sortedKeys(vals)
	slices.SortStableFunc(names, func(a, b string) int {
		na, ea := strconv.Atoi(a)
		nb, eb := strconv.Atoi(b)
		if ea != nil || eb != nil {
			return strings.Compare(a, b)
		}
		return na - nb
	})
	l := []any{}
	for _, n := range names {
		l = append(l, vals[n])
	}
	return l, nil
}

func anyList(l []string) []any {
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = s
	}
	return out
}

// byLevel orders values managed first, keeping the order within a level:
// HKLM's values, read first, then win over HKCU's at the same level.
func byLevel(values []Value) []Value {
	out := slices.Clone(values)
	slices.SortStableFunc(out, func(a, b Value) int { return int(b.Level) - int(a.Level) })
	return out
}
