package policy

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// PoliciesKey is Mamori's key under HKLM and HKCU.
const PoliciesKey = `SOFTWARE\Policies\Mamori`

// System is Windows' channel: the Policies keys Group Policy and Intune
// write, the machine's winning over the user's. Both are watched with
// their subkeys (Checks, TrustedNetworks…), also before they exist.
func System(appID string) Channel {
	return Channel{WatchKeys: []string{`HKLM\` + PoliciesKey + `\`, `HKCU\` + PoliciesKey + `\`}, Read: func() ([]Value, []error) {
		var values []Value
		var problems []error
		for _, root := range []struct {
			key  registry.Key
			name string
		}{{registry.LOCAL_MACHINE, "HKLM"}, {registry.CURRENT_USER, "HKCU"}} {
			k, err := registry.OpenKey(root.key, PoliciesKey, registry.READ)
			if errors.Is(err, registry.ErrNotExist) {
				continue
			}
			where := root.name + `\` + PoliciesKey
			if err != nil {
				problems = append(problems, fmt.Errorf("%s: %w", where, err))
				continue
			}
			vs, ps := readKey(winKey{k}, Managed, where)
			k.Close()
			values, problems = append(values, vs...), append(problems, ps...)
		}
		// The machine's values first at each level: the first wins.
		return byLevel(values), problems
	}}
}

// winKey is a registry key.
type winKey struct{ k registry.Key }

func (w winKey) Close() error { return w.k.Close() }

func (w winKey) Values() (map[string]any, error) {
	names, err := w.k.ReadValueNames(-1)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, n := range names {
		_, typ, err := w.k.GetValue(n, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		switch typ {
		case registry.DWORD, registry.QWORD:
			out[n], _, err = w.k.GetIntegerValue(n)
		case registry.SZ, registry.EXPAND_SZ:
			out[n], _, err = w.k.GetStringValue(n)
		case registry.MULTI_SZ:
			out[n], _, err = w.k.GetStringsValue(n)
		default:
			err = fmt.Errorf("registry type %d is not one Mamori reads", typ)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
	}
	return out, nil
}

func (w winKey) SubKeys() ([]string, error) { return w.k.ReadSubKeyNames(-1) }

func (w winKey) Open(name string) (Key, error) {
	k, err := registry.OpenKey(w.k, name, registry.READ)
	if err != nil {
		return nil, err
	}
	return winKey{k}, nil
}
