// Package jsonv reads JSON into plain values and writes JSON strings,
// without reflection. The resident agent decodes the few small messages it
// is sent (the judge's ops, the windows' requests, its own file of the
// notifications on screen) with it, and so links none of encoding/json,
// whose reflection-driven code and tables stay resident in every process
// that links them (bench/RESULTS.md: every page of a Go program's code is
// resident). Every other program of Mamori uses encoding/json; the tests
// hold this reader to what encoding/json writes and accepts.
package jsonv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A value is one of: nil, bool, Number, string, []any, map[string]any.
type Number string

// Int is the number as an int64.
func (n Number) Int() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

// Uint is the number as a uint64.
func (n Number) Uint() (uint64, error) { return strconv.ParseUint(string(n), 10, 64) }

// maxDepth bounds nesting: Mamori's messages nest three or four deep.
const maxDepth = 32

// Parse reads one JSON value that is all of data (spaces around it
// aside).
func Parse(data []byte) (any, error) {
	p := parser{s: data}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.errorf("text after the value")
	}
	return v, nil
}

type parser struct {
	s []byte
	i int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("JSON at byte %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.errorf("nested too deep")
	}
	if p.i >= len(p.s) {
		return nil, p.errorf("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.string()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, p.errorf("unexpected %q", p.s[p.i])
}

func (p *parser) literal(word string) error {
	if !strings.HasPrefix(string(p.s[p.i:min(len(p.s), p.i+len(word))]), word) {
		return p.errorf("not %s", word)
	}
	p.i += len(word)
	return nil
}

func (p *parser) object(depth int) (any, error) {
	p.i++ // {
	m := map[string]any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return m, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, p.errorf("a name expected")
		}
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.errorf("':' expected")
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unexpected end")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, nil
		default:
			return nil, p.errorf("',' or '}' expected")
		}
	}
}

func (p *parser) array(depth int) (any, error) {
	p.i++ // [
	a := []any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return a, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unexpected end")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, nil
		default:
			return nil, p.errorf("',' or ']' expected")
		}
	}
}

func (p *parser) number() (any, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case digits() == 0:
		return nil, p.errorf("a digit expected")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errorf("a digit expected")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errorf("a digit expected")
		}
	}
	return Number(p.s[start:p.i]), nil
}

// string reads a string as encoding/json does: escapes decoded, a byte
// that is not UTF-8 and a lone surrogate as U+FFFD, control characters
// refused.
func (p *parser) string() (string, error) {
	p.i++ // "
	var b strings.Builder
	for {
		if p.i >= len(p.s) {
			return "", p.errorf("unterminated string")
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c < 0x20:
			return "", p.errorf("a control character in a string")
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", p.errorf("unterminated string")
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.errorf("a bad \\u escape")
				}
				if utf16.IsSurrogate(r) {
					save := p.i
					if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
						p.i += 2
						if r2, ok := p.hex4(); ok {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								b.WriteRune(d)
								continue
							}
						}
					}
					p.i = save
					r = utf8.RuneError
				}
				b.WriteRune(r)
			default:
				return "", p.errorf("a bad escape")
			}
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			p.i++
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			b.WriteRune(r) // RuneError for a byte that is not UTF-8
			p.i += size
		}
	}
}

func (p *parser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.s[p.i:p.i+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// Compact appends src to dst without the spaces between its tokens, as
// encoding/json's Compact does: src must be a value Parse accepted. A
// document sent as part of a one-line message must not bring its line
// breaks with it.
func Compact(dst, src []byte) []byte {
	in, escaped := false, false
	for _, c := range src {
		switch {
		case in:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				in = false
			}
		case c == '"':
			in = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// Quote writes s as a JSON string, as encoding/json does (without its
// escaping of <, > and &, which only matters in HTML): a byte that is not
// UTF-8 as U+FFFD.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s { // a byte that is not UTF-8 comes as RuneError
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == '\u2028' || r == '\u2029':
			b.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)) + h)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Object is a JSON object as Parse reads it, with typed getters: a field
// that is there with another type is an error, one that is missing (or
// null) is the zero value.
type Object map[string]any

// ErrNotObject is a value that is not an object where one is needed.
var ErrNotObject = errors.New("not a JSON object")

// AsObject is v as an Object.
func AsObject(v any) (Object, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, ErrNotObject
	}
	return m, nil
}

// Getter collects the first error of a run of reads.
type Getter struct{ Err error }

func (g *Getter) fail(name, want string) {
	if g.Err == nil {
		g.Err = fmt.Errorf("%s: not %s", name, want)
	}
}

// String is o's string field name.
func (g *Getter) String(o Object, name string) string {
	switch v := o[name].(type) {
	case nil:
		return ""
	case string:
		return v
	}
	g.fail(name, "a string")
	return ""
}

// Bool is o's boolean field name.
func (g *Getter) Bool(o Object, name string) bool {
	switch v := o[name].(type) {
	case nil:
		return false
	case bool:
		return v
	}
	g.fail(name, "true or false")
	return false
}

// Int is o's whole-number field name.
func (g *Getter) Int(o Object, name string) int64 {
	switch v := o[name].(type) {
	case nil:
		return 0
	case Number:
		if n, err := v.Int(); err == nil {
			return n
		}
	}
	g.fail(name, "a whole number")
	return 0
}

// Uint is o's non-negative whole-number field name.
func (g *Getter) Uint(o Object, name string) uint64 {
	switch v := o[name].(type) {
	case nil:
		return 0
	case Number:
		if n, err := v.Uint(); err == nil {
			return n
		}
	}
	g.fail(name, "a whole number")
	return 0
}

// Object is o's object field name.
func (g *Getter) Object(o Object, name string) Object {
	obj, err := AsObject(o[name])
	if err != nil {
		g.fail(name, "an object")
	}
	return obj
}

// Array is o's array field name.
func (g *Getter) Array(o Object, name string) []any {
	switch v := o[name].(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	g.fail(name, "an array")
	return nil
}

// Strings is o's array of strings name.
func (g *Getter) Strings(o Object, name string) []string {
	var out []string
	for _, v := range g.Array(o, name) {
		s, ok := v.(string)
		if !ok {
			g.fail(name, "an array of strings")
			return nil
		}
		out = append(out, s)
	}
	return out
}

// Objects is o's array of objects name.
func (g *Getter) Objects(o Object, name string) []Object {
	var out []Object
	for _, v := range g.Array(o, name) {
		obj, err := AsObject(v)
		if err != nil || obj == nil {
			g.fail(name, "an array of objects")
			return nil
		}
		out = append(out, obj)
	}
	return out
}
