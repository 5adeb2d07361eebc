package jsonv

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// decodeStd is what encoding/json makes of data, numbers as Number.
func decodeStd(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, errTrailing
	}
	return convert(v), nil
}

var errTrailing = json.Unmarshal([]byte("1 2"), new(any))

// convert turns encoding/json's values into Parse's.
func convert(v any) any {
	switch x := v.(type) {
	case json.Number:
		return Number(x)
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = convert(x[i])
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = convert(e)
		}
		return out
	}
	return v
}

// depth is how deep data nests, counting brackets outside strings.
func depth(data []byte) int {
	d, most, in, esc := 0, 0, false, false
	for _, c := range data {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == '{' || c == '['):
			d++
			most = max(most, d)
		case !in && (c == '}' || c == ']'):
			d--
		}
	}
	return most
}

var cases = []string{
	`{"ok":true,"status":{"checks":[{"id":"wifi","n":-1.5e3}]},"pid":42}`,
	`{"cmd":"watch","check":"screen-lock","fix":false}`,
	`"\u00e9\ud83d\ude00\ud800x\u2028\"\\\/\b\f\n\r\t"`,
	`["\xff", "é", ""]`,
	`{"a":{"b":[1,2,{"c":null}]}}`,
	` [ ] `, `{}`, `0`, `-0.0e+1`, `"`, `{"a":}`, `[1,]`, `01`, `1.`, `tru`, `{"a":1}x`, "\"\x01\"",
}

// TestParseAgreesWithEncodingJSON: on each case, Parse reads what
// encoding/json reads (numbers as text) and refuses what it refuses.
func TestParseAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range cases {
		agree(t, []byte(c))
	}
}

func agree(t *testing.T, data []byte) {
	t.Helper()
	if depth(data) > maxDepth {
		return
	}
	want, werr := decodeStd(data)
	if !json.Valid(data) {
		werr, want = errTrailing, nil
	}
	got, err := Parse(data)
	if (err != nil) != (werr != nil) {
		t.Fatalf("%q: Parse error %v, encoding/json's %v", data, err, werr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: Parse read %#v, encoding/json %#v", data, got, want)
	}
}

func FuzzParseAgreesWithEncodingJSON(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { agree(t, data) })
}

// FuzzQuoteIsReadBack: what Quote writes, encoding/json reads back as the
// string (a byte that is not UTF-8 as U+FFFD, as encoding/json writes it).
func FuzzQuoteIsReadBack(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\x1f\u2028", "\xff\xfe", "日本語\n\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got string
		if err := json.Unmarshal([]byte(Quote(s)), &got); err != nil {
			t.Fatalf("%q: %s is not JSON: %v", s, Quote(s), err)
		}
		want, _ := json.Marshal(s)
		var back string
		json.Unmarshal(want, &back)
		if got != back {
			t.Fatalf("%q: read back %q, want %q", s, got, back)
		}
	})
}

// FuzzCompactAgreesWithEncodingJSON: Compact writes what encoding/json's
// Compact writes, for every value Parse accepts.
func FuzzCompactAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{"{\n \"a\" : [1, 2,\t\"x \\\" \\\\\" ]\r\n}\n", ` "a\nb" `, `{"k":"\\"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := Parse(data); err != nil {
			return // Compact is for what Parse accepted (not t.Skip: a skip fails the Wine stage)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, data); err != nil {
			t.Fatalf("%q: Parse accepts it, json.Compact refuses it: %v", data, err)
		}
		if got := Compact(nil, data); string(got) != want.String() {
			t.Fatalf("%q: compacted %q, encoding/json %q", data, got, want.String())
		}
	})
}
