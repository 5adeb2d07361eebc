package i18n

import (
	"fmt"
	"strings"
)

// A message is a catalogue text compiled for rendering: plain text with
// {{.Name}} for a value and {{if .Name}}…{{else}}…{{end}} (else optional, not nested)
// for a choice, the part of Go's template language the catalogues use. It
// renders as text/template would, without linking text/template (and
// go-i18n, and golang.org/x/text) into the resident agent. A catalogue that
// uses more is refused when it loads, and TestRendersLikeGoI18n compares
// every message with go-i18n's rendering.
type message []node

type node struct {
	text  string  // literal text, when field and cond are empty
	field string  // {{.field}}
	cond  string  // {{if .cond}}: then, else
	then  message //
	els   message //
}

// compile parses a catalogue string.
func compile(src string) (message, error) {
	m, rest, end, err := parse(src)
	if err != nil {
		return nil, err
	}
	if end != "" {
		return nil, fmt.Errorf("{{%s}} without {{if}}", end)
	}
	if rest != "" {
		return nil, fmt.Errorf("unparsed %q", rest)
	}
	return m, nil
}

// parse reads nodes until the end of src or an {{else}} or {{end}}, which
// it returns as end with what follows it.
func parse(src string) (m message, rest, end string, err error) {
	for src != "" {
		i := strings.Index(src, "{{")
		if i < 0 {
			return append(m, node{text: src}), "", "", nil
		}
		if i > 0 {
			m = append(m, node{text: src[:i]})
		}
		j := strings.Index(src[i:], "}}")
		if j < 0 {
			return nil, "", "", fmt.Errorf("unclosed {{ in %q", src)
		}
		action := strings.TrimSpace(src[i+2 : i+j])
		src = src[i+j+2:]
		switch {
		case action == "else" || action == "end":
			return m, src, action, nil
		case strings.HasPrefix(action, "if "):
			name, ok := fieldName(strings.TrimSpace(action[3:]))
			if !ok {
				return nil, "", "", fmt.Errorf("unsupported condition {{%s}}", action)
			}
			n := node{cond: name}
			var end string
			n.then, src, end, err = parse(src)
			if err != nil {
				return nil, "", "", err
			}
			if end == "else" {
				n.els, src, end, err = parse(src)
				if err != nil {
					return nil, "", "", err
				}
			}
			if end != "end" {
				return nil, "", "", fmt.Errorf("{{if %s}} without {{end}}", name)
			}
			if hasCond(n.then) || hasCond(n.els) {
				return nil, "", "", fmt.Errorf("nested {{if}} in {{if %s}}", name)
			}
			m = append(m, n)
		default:
			name, ok := fieldName(action)
			if !ok {
				return nil, "", "", fmt.Errorf("unsupported action {{%s}}", action)
			}
			m = append(m, node{field: name})
		}
	}
	return m, "", "", nil
}

// fieldName reads ".Name".
func fieldName(s string) (string, bool) {
	if len(s) < 2 || s[0] != '.' {
		return "", false
	}
	for _, r := range s[1:] {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", false
		}
	}
	return s[1:], true
}

func hasCond(m message) bool {
	for _, n := range m {
		if n.cond != "" {
			return true
		}
	}
	return false
}

// render writes m with args as text/template does: a missing value prints
// "<no value>", and a condition holds unless its value is missing or zero.
func (m message) render(b *strings.Builder, args map[string]any) {
	for _, n := range m {
		switch {
		case n.cond != "":
			if truthy(args[n.cond]) {
				n.then.render(b, args)
			} else {
				n.els.render(b, args)
			}
		case n.field != "":
			v, ok := args[n.field]
			if !ok {
				b.WriteString("<no value>")
				continue
			}
			fmt.Fprint(b, v)
		default:
			b.WriteString(n.text)
		}
	}
}

// truthy is text/template's notion of true for the values messages get.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int:
		return x != 0
	case int64:
		return x != 0
	case uint64:
		return x != 0
	case float64:
		return x != 0
	}
	return true
}
