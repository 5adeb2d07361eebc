package lines

import (
	"bufio"
	"slices"
	"strings"
	"testing"
)

func TestAll(t *testing.T) {
	long := strings.Repeat("#", 70<<10)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"one without newline", "a", []string{"a"}},
		{"final newline adds no line", "a\nb\n", []string{"a", "b"}},
		{"blank lines kept", "a\n\n\nb", []string{"a", "", "", "b"}},
		{"CRLF", "a\r\nb\r\n", []string{"a", "b"}},
		{"lone CR stays", "a\rb\n", []string{"a\rb"}},
		{"NUL stays", "a\x00b\nc", []string{"a\x00b", "c"}},
		{"a 70 KB line and the line after it", long + "\nafter\n", []string{long, "after"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Collect(All(tc.text))
			if !slices.Equal(got, tc.want) {
				t.Errorf("All(%.40q) = %.80q, want %.80q", tc.text, got, tc.want)
			}
			if got := slices.Collect(All([]byte(tc.text))); !slices.Equal(got, tc.want) {
				t.Errorf("All([]byte) differs: %.80q", got)
			}
		})
	}
}

// TestAllAgreesWithScanLines: where bufio.Scanner reads at all (lines
// within its buffer), All yields the same lines.
func TestAllAgreesWithScanLines(t *testing.T) {
	for _, text := range []string{"", "\n", "a", "a\n", "a\r\n\r\nb", "\r", "x\ry\r\n", "a\n\nb\n\n"} {
		var want []string
		sc := bufio.NewScanner(strings.NewReader(text))
		for sc.Scan() {
			want = append(want, sc.Text())
		}
		if got := slices.Collect(All(text)); !slices.Equal(got, want) {
			t.Errorf("%q: All %q, ScanLines %q", text, got, want)
		}
	}
}

func TestAllStopsWhenAsked(t *testing.T) {
	n := 0
	for range All("a\nb\nc\n") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("yielded %d lines after break", n)
	}
}
