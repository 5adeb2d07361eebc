package desktop

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// This file parses the settings stores that desktops keep: GSettings values
// as `gsettings list-recursively` prints them, KDE's KConfig INI files and
// Xfce's xfconf XML channels. The parsers have no build tag so they are
// tested on every system.

// ParseGsettingsList parses `gsettings list-recursively SCHEMA` output into
// key → GVariant text. Lines of other schemas (child schemas) are kept under
// "schema key".
func ParseGsettingsList(schema string, out []byte) (map[string]string, error) {
	vals := make(map[string]string)
	for line := range lines.All(out) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		s, rest, ok1 := strings.Cut(line, " ")
		key, val, ok2 := strings.Cut(rest, " ")
		if !ok1 || !ok2 || key == "" {
			return nil, fmt.Errorf("unexpected gsettings line '%s'", monitor.Cut(line, 80))
		}
		if s == schema {
			vals[key] = val
		} else {
			vals[s+" "+key] = val
		}
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("gsettings printed no keys for %s", schema)
	}
	return vals, nil
}

// GVBool parses a GVariant boolean.
func GVBool(v string) (bool, error) {
	switch strings.TrimSpace(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: '%s'", monitor.Cut(v, 40))
}

// GVUint parses a GVariant integer, with or without a type prefix
// ("uint32 300", "300").
func GVUint(v string) (uint64, error) {
	v = strings.TrimSpace(v)
	for _, p := range []string{"uint32 ", "int32 ", "uint64 ", "int64 ", "uint16 ", "int16 ", "byte "} {
		v = strings.TrimPrefix(v, p)
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not a whole number: '%s'", monitor.Cut(v, 40))
	}
	return n, nil
}

// GVString parses a GVariant string literal ('suspend' or "it's").
func GVString(v string) (string, error) {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		inner := v[1 : len(v)-1]
		return strings.NewReplacer(`\'`, `'`, `\"`, `"`, `\\`, `\`).Replace(inner), nil
	}
	return "", fmt.Errorf("not a string: '%s'", monitor.Cut(v, 40))
}

// KConfig is a parsed KConfig file: group → key → value. Nested groups
// ("[AC][SuspendSession]") are joined with "/".
type KConfig map[string]map[string]string

// immutable is the group under which ParseKConfig notes what a file locks
// with KDE's kiosk marker [$i]: "group\x00key" for a key, "group\x00" for
// a whole group, "\x00" for the whole file. No real group has this name.
const immutable = "\x00immutable"

// ParseKConfig parses KDE's INI dialect. Later files override earlier ones
// when merged with merge, as KConfig cascades /etc/xdg under ~/.config,
// except what an earlier file locks with [$i] (KDE's kiosk: an
// administrator's setting the person cannot change).
func ParseKConfig(data []byte) KConfig {
	cfg := KConfig{}
	lock := func(entry string) {
		if cfg[immutable] == nil {
			cfg[immutable] = map[string]string{}
		}
		cfg[immutable][entry] = "1"
	}
	group := ""
	for line := range lines.All(data) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line == "[$i]" && group == "" {
			lock("\x00") // the whole file, before any group
			continue
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") {
				group = "\x00invalid" // keys under a broken header are not trusted
				continue
			}
			parts := strings.Split(strings.Trim(line, "[]"), "][")
			var kept []string
			locked := false
			for _, p := range parts {
				if p == "$i" { // immutability marker, not a group name
					locked = true
					continue
				}
				kept = append(kept, p)
			}
			group = strings.Join(kept, "/")
			if locked {
				lock(group + "\x00")
			}
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		if i := strings.IndexByte(k, '['); i >= 0 { // Key[$i], Key[ja]
			if k[i:] != "[$i]" && k[i:] != "[$e]" {
				continue // a localised value
			}
			if k[i:] == "[$i]" {
				lock(group + "\x00" + k[:i])
			}
			k = k[:i]
		}
		if cfg[group] == nil {
			cfg[group] = map[string]string{}
		}
		cfg[group][k] = strings.TrimSpace(v)
	}
	return cfg
}

// Immutable reports whether key of group is locked by a file read so far
// (the key, its group or the whole file marked [$i]).
func (c KConfig) Immutable(group, key string) bool {
	m := c[immutable]
	return m["\x00"] != "" || m[group+"\x00"] != "" || m[group+"\x00"+key] != ""
}

// merge overlays o on c, but for what c locks.
func (c KConfig) Merge(o KConfig) KConfig {
	for g, kv := range o {
		if g == immutable {
			continue
		}
		for k, v := range kv {
			if c.Immutable(g, k) {
				continue
			}
			if c[g] == nil {
				c[g] = map[string]string{}
			}
			c[g][k] = v
		}
	}
	for entry := range o[immutable] {
		if c[immutable] == nil {
			c[immutable] = map[string]string{}
		}
		c[immutable][entry] = "1"
	}
	return c
}

// kBool reads a KConfig boolean; ok is false when the key is absent.
func (c KConfig) Bool(group, key string) (val, ok bool, err error) {
	v, found := c[group][key]
	if !found {
		return false, false, nil
	}
	switch strings.ToLower(v) {
	case "true", "1", "yes", "on":
		return true, true, nil
	case "false", "0", "no", "off":
		return false, true, nil
	}
	return false, true, fmt.Errorf("[%s] %s is not a boolean: '%s'", group, key, monitor.Cut(v, 40))
}

// kInt reads a KConfig integer; ok is false when the key is absent.
func (c KConfig) Int(group, key string) (val int64, ok bool, err error) {
	v, found := c[group][key]
	if !found {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, true, fmt.Errorf("[%s] %s is not a number: '%s'", group, key, monitor.Cut(v, 40))
	}
	return n, true, nil
}

// Xfconf is a parsed xfconf channel file: property path → value.
type Xfconf map[string]string

type xfProperty struct {
	Name     string       `xml:"name,attr"`
	Type     string       `xml:"type,attr"`
	Value    string       `xml:"value,attr"`
	Children []xfProperty `xml:"property"`
}

// ParseXfconf parses an xfce-perchannel-xml file.
func ParseXfconf(data []byte) (Xfconf, error) {
	var ch struct {
		XMLName xml.Name     `xml:"channel"`
		Props   []xfProperty `xml:"property"`
	}
	if err := xml.Unmarshal(data, &ch); err != nil {
		return nil, fmt.Errorf("parsing xfconf channel: %w", err)
	}
	out := Xfconf{}
	var walk func(prefix string, ps []xfProperty)
	walk = func(prefix string, ps []xfProperty) {
		for _, p := range ps {
			path := prefix + "/" + p.Name
			if p.Type != "empty" {
				out[path] = p.Value
			}
			walk(path, p.Children)
		}
	}
	walk("", ch.Props)
	return out, nil
}

// ParseXfconfQuery parses `xfconf-query -c CHANNEL -l -v`: a property's
// path, spaces, and its value as text, one a line. Property paths hold no
// spaces; values may. Arrays, which it prints as <<UNSUPPORTED>>, are left
// out.
func ParseXfconfQuery(out []byte) Xfconf {
	ch := Xfconf{}
	for line := range lines.All(out) {
		path, value, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(path, "/") || strings.TrimSpace(value) == "<<UNSUPPORTED>>" {
			continue
		}
		ch[path] = strings.TrimLeft(value, " ")
	}
	return ch
}

// xBool reads a boolean property, def when absent.
func (c Xfconf) Bool(path string, def bool) (bool, error) {
	v, ok := c[path]
	if !ok {
		return def, nil
	}
	switch v {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%s is not a boolean: '%s'", path, monitor.Cut(v, 40))
}

// xInt reads an integer property, def when absent.
func (c Xfconf) Int(path string, def int64) (int64, error) {
	v, ok := c[path]
	if !ok {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s is not a number: '%s'", path, monitor.Cut(v, 40))
	}
	return n, nil
}

// SleepsOnIdle reports whether a logind or desktop action name puts the
// machine to sleep or turns it off.
func SleepsOnIdle(action string) bool {
	switch strings.ToLower(action) {
	case "suspend", "hibernate", "hybrid-sleep", "suspend-then-hibernate", "poweroff", "shutdown":
		return true
	}
	return false
}
