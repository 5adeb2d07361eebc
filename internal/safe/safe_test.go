package safe

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"plain", "HomeNet-5G", 0, "HomeNet-5G"},
		{"japanese", "自宅のWi-Fi", 0, "自宅のWi-Fi"},
		{"emoji", "café☕📶", 0, "café☕📶"},
		{"invalid utf-8", "net\xff\xfe", 0, `net\xff\xfe`},
		{"backslash cannot forge an escape", `net\xff`, 0, `net\\xff`},
		{"newline and tab", "a\nb\tc", 0, `a\u000Ab\u0009c`},
		{"bidi override", "evil\u202Egnp.exe", 0, `evil\u202Egnp.exe`},
		{"zero width joiner", "pay\u200dpal", 0, `pay\u200Dpal`},
		{"no-break space", "free\u00a0wifi", 0, `free\u00A0wifi`},
		{"nul", "a\x00b", 0, `a\u0000b`},
		{"markup passes here", "<b>x</b>&amp;", 0, "<b>x</b>&amp;"},
		{"cut", "abcdef", 4, "abcd…"},
		{"exact length not cut", "abcd", 4, "abcd"},
		{"cut counts escapes as one", "\xff\xff\xff", 2, `\xff\xff…`},
		{"empty", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Text(%q) is not valid UTF-8", tt.in)
			}
		})
	}
}

func TestTextIsInjective(t *testing.T) {
	// Different inputs must never display the same.
	inputs := []string{"a\xffb", `a\xffb`, "a\u00ffb", "a\\b", `a\\b`, "a\u202eb", `a\u202Eb`, "\\\xff", "\U000E0001", "\uE000" + "1", `\u{E0001}`, `C:\Users\taro`}
	seen := map[string]string{}
	for _, in := range inputs {
		out := Text(in, 0)
		if prev, ok := seen[out]; ok {
			t.Errorf("%q and %q both display as %q", prev, in, out)
		}
		seen[out] = in
	}
}

// unescape reverses Text (with no limit): \\, \x and two lower-case hex
// digits, \u and four upper-case ones, \u{…} are escapes; a backslash
// before anything else stands for itself.
func unescape(t *testing.T, s string) string {
	var b strings.Builder
	isHex := func(s, digits string) bool {
		for i := 0; i < len(s); i++ {
			if !strings.ContainsRune(digits, rune(s[i])) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		rest := s[i+1:]
		switch end := strings.IndexByte(rest, '}'); {
		case rest[0] == '\\':
			b.WriteByte('\\')
			i++
		case rest[0] == 'x' && len(rest) >= 3 && isHex(rest[1:3], "0123456789abcdef"):
			v, _ := strconv.ParseUint(rest[1:3], 16, 8)
			b.WriteByte(byte(v))
			i += 3
		case strings.HasPrefix(rest, "u{") && end > 2:
			v, err := strconv.ParseUint(rest[2:end], 16, 32)
			if err != nil {
				t.Fatalf("%q: escape at %d: %v", s, i, err)
			}
			b.WriteRune(rune(v))
			i += end + 1
		case rest[0] == 'u' && len(rest) >= 5 && isHex(rest[1:5], "0123456789ABCDEF"):
			v, _ := strconv.ParseUint(rest[1:5], 16, 32)
			b.WriteRune(rune(v))
			i += 5
		default:
			b.WriteByte('\\')
		}
	}
	return b.String()
}

// TestWindowsPaths: a backslash that cannot start an escape is shown as
// itself.
func TestWindowsPaths(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\taro\Desktop\パスワード.txt`: `C:\Users\taro\Desktop\パスワード.txt`,
		`C:\Users\xavier`: `C:\Users\xavier`,
		`C:\users\ab\x41`: `C:\users\ab\\x41`,
		`C:\Uxx\u00E9`:    `C:\Uxx\\u00E9`,
		`\\server\share`:  `\\\server\share`,
		"C:\\a\u202e":     `C:\a\u202E`,
	} {
		if got := Text(in, 0); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkup(t *testing.T) {
	in := `<a href="http://x">click</a> & <b>'win'</b>`
	want := `&lt;a href=&quot;http://x&quot;&gt;click&lt;/a&gt; &amp; &lt;b&gt;&#39;win&#39;&lt;/b&gt;`
	if got := Markup(in); got != want {
		t.Errorf("Markup = %q, want %q", got, want)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "abc", "\xff", "\u202e", "<b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Nothing is lost: what is shown reads back as what it was.
		if back := unescape(t, Text(s, 0)); back != s {
			t.Errorf("%q shown as %q reads back as %q", s, Text(s, 0), back)
		}
		out := Text(s, 32)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if hidden(r) {
				t.Fatalf("hidden rune %U survives in %q", r, out)
			}
		}
	})
}
