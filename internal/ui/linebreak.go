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
	var out []string
	for _, ph := range phrases(para) {
		out = append(out, ph...)
	}
	return out
}

// phrases are the paragraph's pieces grouped into phrases (文節), the
// places a Japanese line is best broken; a phrase is its pieces, in
// order. Without a dictionary the phrases are told by the kind of
// character on each side (phraseStart), as a reader tells them.
func phrases(para []rune) [][]string {
	var seg segmenter.Segmenter
	seg.Init(para)
	var out [][]string
	var last string // the last piece
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		s := string(l.Text)
		n := len(out)
		switch {
		case n > 0 && keepTogether(last, s):
			ph := out[n-1]
			ph[len(ph)-1] += s
			s = ph[len(ph)-1]
		case n > 0 && !phraseStart(para, l.Offset):
			out[n-1] = append(out[n-1], s)
		default:
			out = append(out, []string{s})
		}
		last = s
	}
	return out
}

// phraseStart tells whether a phrase starts at para[i], where Unicode's
// rules allow a break. It does after a space, a stop or a closing bracket
// (、。」）！？), unless a particle follows the bracket (「電源」を); before
// an opening bracket; and where a word in kanji, katakana or Latin letters
// or a number follows hiragana (画面の|ロック, 設定を|開いて), the
// hiragana being the particle or ending that closes a phrase, except
// after the polite お and ご (ご|自身 is one word, so the phrase starts
// before them). Nowhere else in Japanese: not between kanji and the
// hiragana after it (使われ), nor inside a run of hiragana (ください),
// katakana or kanji. Between two pieces of Latin text (no Japanese on
// either side) every break Unicode allows is kept.
func phraseStart(para []rune, i int) bool {
	if i <= 0 || i >= len(para) {
		return true
	}
	before, after := para[i-1], para[i]
	if !japanese(before) && !japanese(after) {
		return true
	}
	switch {
	case unicode.IsSpace(before):
		return true
	case strings.ContainsRune(phraseEnd, before):
		return !(strings.ContainsRune(closing, before) && hiragana(after))
	case strings.ContainsRune(noEnd, after):
		return true
	case hiragana(before) && hiragana(after):
		// ご自身: the phrase starts before the polite prefix.
		return politePrefix(para, i)
	case hiragana(before) && !politePrefix(para, i-1) && !strings.ContainsRune(noStart, after):
		if compoundVerb(para, i) {
			return false
		}
		return unicode.In(after, unicode.Han, unicode.Katakana, unicode.Latin, unicode.Digit)
	}
	return false
}

// compoundVerb tells whether para[i], a kanji, goes on a verb whose stem
// ends just before it in one kana after a kanji (入り込む, 書き換える,
// 取り消す, 見直す): one word, not a particle closing a phrase. The kana
// are the verb stems' endings that are no particle (に, て, へ and い are
// particles or endings too often to tell).
func compoundVerb(para []rune, i int) bool {
	return i >= 2 && unicode.Is(unicode.Han, para[i]) && unicode.Is(unicode.Han, para[i-2]) &&
		strings.ContainsRune("きしちみりぎじびえけせめれ", para[i-1])
}

// politePrefix tells whether para[i] is お or ご put before a word in
// kanji (ご自身, お使い): not where it ends a word (ほかの|ご…, はお|茶 are
// rare enough in what Mamori says to be read the same).
func politePrefix(para []rune, i int) bool {
	return i+1 < len(para) && (para[i] == 'お' || para[i] == 'ご') && unicode.Is(unicode.Han, para[i+1])
}

func hiragana(r rune) bool { return unicode.Is(unicode.Hiragana, r) }

// japanese tells whether r is written in Japanese text: kana, kanji, and
// the full-width stops and brackets.
func japanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// phraseEnd are the characters a phrase ends with; closing the brackets
// among them.
const (
	phraseEnd = "、。，．」』）］｝】〕〉》！？：；"
	closing   = "」』）］｝】〕〉》"
)

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
	for _, ph := range phrases([]rune(para)) {
		whole := strings.Join(ph, "")
		if measure(strings.TrimRight(whole, " ")) <= width {
			// A phrase that fits a line is never broken.
			ph = []string{whole}
		}
		for _, p := range ph {
			lines, line = addPiece(lines, line, p, width, measure)
		}
	}
	return append(lines, strings.TrimRight(line, " "))
}

// addPiece puts the piece p on the line, or on a new line where it does
// not fit, and cuts it where it is wider than a line by itself.
func addPiece(lines []string, line, p string, width float32, measure func(string) float32) ([]string, string) {
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
	return lines, line
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
