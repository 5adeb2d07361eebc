// Package safe turns attacker-controlled text (SSIDs, process names, file
// names) into a form that is safe to show anywhere: a notification, a menu, a
// table, a log line.
//
// The result is valid UTF-8 with no control characters, no bidirectional
// overrides and no invisible formatting characters that could make one name
// look like another; bytes that are not UTF-8 are shown as \xNN escapes so two
// different names never display the same. Markup is left to the place that
// renders it (see Markup).
package safe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s made safe to display, at most max runes long (0: no limit);
// a cut is marked with "…".
func Text(s string, max int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var piece string
		switch {
		case r == utf8.RuneError && size <= 1:
			piece = fmt.Sprintf(`\x%02x`, s[i])
		case r == '\\' && startsEscape(s[i+1:]):
			// Escape the escape character where it could start an
			// escape, so "\x41" typed in a name cannot pass for the byte
			// 0x41; elsewhere (a Windows path) it stands for itself.
			piece = `\\`
		case hidden(r) && r > 0xffff:
			piece = fmt.Sprintf(`\u{%X}`, r)
		case hidden(r):
			piece = fmt.Sprintf(`\u%04X`, r)
		default:
			piece = string(r)
		}
		i += size
		if max > 0 && n == max {
			b.WriteString("…")
			return b.String()
		}
		b.WriteString(piece)
		n++
	}
	return b.String()
}

// startsEscape reports whether what follows a backslash would make the
// two read as an escape Text writes: another backslash, \x and two
// lower-case hex digits, \u and four upper-case ones or \u{, or a rune
// that is itself shown escaped. A Windows path's backslashes ("C:\users")
// stand for themselves.
func startsEscape(rest string) bool {
	switch {
	case rest == "":
		return false
	case rest[0] == '\\', strings.HasPrefix(rest, "u{"):
		return true
	case rest[0] == 'x':
		return len(rest) >= 3 && isHex(rest[1:3], "0123456789abcdef")
	case rest[0] == 'u':
		return len(rest) >= 5 && isHex(rest[1:5], "0123456789ABCDEF")
	}
	r, size := utf8.DecodeRuneInString(rest)
	return r == utf8.RuneError && size <= 1 || hidden(r)
}

// isHex reports whether every byte of s is one of digits.
func isHex(s, digits string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(digits, s[i]) < 0 {
			return false
		}
	}
	return true
}

// hidden reports runes that must not reach a display as themselves: controls,
// format characters (bidi overrides, zero-width joiners), line and paragraph
// separators, private use and unassigned code points.
func hidden(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case unicode.In(r, unicode.Cf, unicode.Co, unicode.Zl, unicode.Zp):
		return true
	case !unicode.IsPrint(r) && r != ' ':
		// Other spaces (U+00A0, U+3000) are printable for IsGraphic but not
		// IsPrint; they can make a name look like another.
		return true
	}
	return false
}

// Markup escapes text for the HTML-like subset that notification servers
// render (<b>, <i>, <a>, &amp;). Apply it after Text, only where markup is
// rendered.
func Markup(s string) string {
	return markupEscaper.Replace(s)
}

var markupEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
