package report

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestEvidenceLines: what a check saw reaches a person bounded and escaped
// once. A password-files result with 30 files, one of them named to
// deceive (a right-to-left override, a terminal escape, markup, a
// backslash escape typed into the name, a byte that is not UTF-8) and one
// with a name longer than a line.
func TestEvidenceLines(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	hostile := "/home/u/Desktop/\u202Etxt.exe\x1b[31m<b>pass</b>\\x41\xff.txt"
	long := "/home/u/Documents/" + strings.Repeat("口座", 150) + ".txt"
	r := monitor.Result{CheckID: "password-files", Status: monitor.Warn, Advice: "password-files", Finding: monitor.T("finding.password-files.found", "Names", []string{"x"}, "Count", 30)}
	r.Add("entries-looked-at", 523)
	r.Add("file", hostile)
	r.Add("file", long)
	for range 28 {
		r.Add("file", "/home/u/Downloads/passwords.txt")
	}
	r.Add("reason", "not a real reason: the test puts it last")
	doc := Build([]monitor.Result{r}, cat.Printer("ja"), App{}, time.Time{})
	lines := EvidenceLines(cat.Printer("ja"), doc.Checks[0])

	t.Run("bounded", func(t *testing.T) {
		if len(lines) != MaxEvidenceLines {
			t.Fatalf("%d lines, want %d:\n%s", len(lines), MaxEvidenceLines, strings.Join(lines, "\n"))
		}
		// reason, entries-looked-at, 20 files, the count Bounded adds:
		// 23 entries, 19 shown and the last line counting 4.
		// In the person's words, as ADVICE.md's lists are: …ほか4件,
		// not (+4).
		if last := lines[len(lines)-1]; last != "…ほか4件" {
			t.Errorf("last line %q, want the count of the 4 left out", last)
		}
		if last := EvidenceLines(cat.Printer("en"), doc.Checks[0]); last[len(last)-1] != "… and 4 more" {
			t.Errorf("English last line %q", last[len(last)-1])
		}
		for _, l := range lines {
			if n := utf8.RuneCountInString(l); n > MaxEvidenceLine+1 {
				t.Errorf("a line of %d runes: %q", n, l)
			}
		}
	})
	t.Run("reason first, then the check's order", func(t *testing.T) {
		if lines[0] != "not a real reason: the test puts it last" || lines[1] != "entries-looked-at: 523" {
			t.Errorf("first lines %q", lines[:2])
		}
	})
	t.Run("escaped once", func(t *testing.T) {
		want := `file: /home/u/Desktop/\u202Etxt.exe\u001B[31m<b>pass</b>\\x41\xff.txt`
		if lines[2] != want {
			t.Errorf("the hostile name shows as\n%q, want\n%q", lines[2], want)
		}
		all := strings.Join(lines, "\n")
		for _, raw := range []string{"\u202E", "\x1b", "\xff", `\\u202E`, `\\\\x41`} {
			if strings.Contains(all, raw) {
				t.Errorf("the lines hold %q", raw)
			}
		}
	})
	t.Run("a long name is cut", func(t *testing.T) {
		if !strings.HasPrefix(lines[3], "file: /home/u/Documents/口座") || !strings.HasSuffix(lines[3], "…") {
			t.Errorf("long line %q", lines[3])
		}
	})
	t.Run("nothing seen, no lines", func(t *testing.T) {
		if got := EvidenceLines(cat.Printer("en"), Check{}); len(got) != 0 {
			t.Errorf("%q", got)
		}
	})
}
