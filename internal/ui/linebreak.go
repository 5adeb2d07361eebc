package ui

import (
	"strings"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// breakLines splits text into lines no wider than width, as measure
// tells, breaking only where Japanese and Latin text may break: the
// break opportunities of Unicode's line breaking algorithm (UAX #14, from
// go-text's segmenter, the one Fyne's own text shaping comes with), which
// keep a Latin word or a number whole, keep a closing bracket, 。、 and
// small kana or ー off a line's start and an opening bracket off a line's
// end; tailored so that a number keeps its counter (7件, 5分, 1人), a
// word in katakana stays whole (ウィンドウ) and a change's values their
// arrow (オフ → オン). A
// piece wider than width by itself (a long name with no break in it) is
// cut where it must. Lines the text already has are kept.
//
// Fyne wraps at spaces, and where there are none (Japanese) at whatever
// character reaches the edge, and cannot be told otherwise; the windows
// give it lines that fit, broken here.
func breakLines(text string, width float32, measure func(string) float32) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, breakParagraph(para, width, measure)...)
	}
	return out
}

// pieces are the paragraph's unbreakable runs, each with the spaces that
// follow it.
func pieces(para []rune) []string {
	var seg segmenter.Segmenter
	seg.Init(para)
	var out []string
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		s := string(l.Text)
		if n := len(out); n > 0 && keepTogether(out[n-1], s) {
			out[n-1] += s
			continue
		}
		out = append(out, s)
	}
	return out
}

// keepTogether is the tailoring: no break between a number and the
// counter or unit written after it, nor inside a word in katakana
// (ウィンドウ, パスワード), nor around the arrow of a change (オフ → オン:
// the two values are read together).
func keepTogether(before, after string) bool {
	if strings.HasSuffix(strings.TrimRight(before, " "), "→") || strings.HasPrefix(after, "→") {
		return true
	}
	b, a := []rune(before), []rune(after)
	if len(b) == 0 || len(a) == 0 {
		return false
	}
	last := b[len(b)-1]
	if unicode.IsDigit(last) && unicode.In(a[0], unicode.Han, unicode.Hiragana, unicode.Katakana) {
		return true
	}
	return katakana(last) && katakana(a[0])
}

func katakana(r rune) bool { return r == 'ー' || unicode.Is(unicode.Katakana, r) }

func breakParagraph(para string, width float32, measure func(string) float32) []string {
	if para == "" || measure(para) <= width {
		return []string{para}
	}
	var lines []string
	line := ""
	for _, p := range pieces([]rune(para)) {
		if line != "" && measure(strings.TrimRight(line+p, " ")) > width {
			lines = append(lines, strings.TrimRight(line, " "))
			line = ""
		}
		line += p
		for measure(strings.TrimRight(line, " ")) > width {
			head, rest := cut(line, width, measure)
			if strings.TrimRight(rest, " ") == "" {
				break
			}
			lines = append(lines, head)
			line = rest
		}
	}
	return append(lines, strings.TrimRight(line, " "))
}

// cut splits s where it reaches width, keeping at least one character on
// the line: the last resort for a piece with no break in it. Even there
// no line starts with a closing bracket, a stop or a small kana, nor ends
// with an opening bracket, where one character less avoids it.
func cut(s string, width float32, measure func(string) float32) (string, string) {
	r := []rune(s)
	n := 1
	for n < len(r) && measure(string(r[:n+1])) <= width {
		n++
	}
	for m := n; m >= 1 && m < len(r); m-- {
		if !strings.ContainsRune(noStart, r[m]) && !strings.ContainsRune(noEnd, r[m-1]) {
			n = m
			break
		}
	}
	return string(r[:n]), string(r[n:])
}

// noStart and noEnd are the characters no line may start or end with
// (JIS X 4051's line-start and line-end prohibitions, with their Latin
// counterparts).
const (
	noStart = "」』）］｝】〕〉》〙〗。、，．・：；？！ー―‐〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ)]}.,:;!?%"
	noEnd   = "「『（［｛【〔〈《〘〖([{"
)
