package check

import "strings"

// foldWidth maps full-width ASCII (ＰＡＳＳ) to ASCII and half-width
// katakana (ﾊﾟｽﾜｰﾄﾞ) to full-width, composing the sound marks: what NFKC
// does for the names people type, without its tables in the resident
// agent.
func foldWidth(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r >= 0xff01 && r <= 0xff5e:
			b.WriteRune(r - 0xff01 + 0x21)
		case r == 0x3000:
			b.WriteByte(' ')
		case r >= 0xff61 && r <= 0xff9d:
			k := halfKana[r-0xff61]
			if i+1 < len(rs) && (rs[i+1] == 0xff9e || rs[i+1] == 0xff9f) {
				if c, ok := withMark(k, rs[i+1] == 0xff9f); ok {
					k = c
					i++
				}
			}
			b.WriteRune(k)
		case i+1 < len(rs) && (rs[i+1] == 0x3099 || rs[i+1] == 0x309a) && composable(r):
			// A decomposed sound mark (NFD, as a Mac's file names
			// often are): compose it.
			if c, ok := withKanaMark(r, rs[i+1] == 0x309a); ok {
				r = c
				i++
			}
			b.WriteRune(r)
		case r == 0xff9e:
			b.WriteRune('゛')
		case r == 0xff9f:
			b.WriteRune('゜')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// composable says whether r is a full-width kana a sound mark may follow.
func composable(r rune) bool {
	return r >= 0x3041 && r <= 0x3096 || r >= 0x30a1 && r <= 0x30fa
}

// withKanaMark composes a full-width katakana or hiragana with a
// combining voiced (U+3099) or semi-voiced (U+309A) mark; hiragana sit
// 0x60 below their katakana.
func withKanaMark(r rune, semi bool) (rune, bool) {
	if r < 0x30a1 {
		c, ok := withMark(r+0x60, semi)
		return c - 0x60, ok
	}
	return withMark(r, semi)
}

// halfKana is U+FF61 to U+FF9D in full width.
var halfKana = []rune("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")

// withMark composes a katakana with the voiced (゛) or semi-voiced (゜)
// mark, as Unicode has it composed.
func withMark(k rune, semi bool) (rune, bool) {
	switch {
	case k == 'ウ' && !semi:
		return 'ヴ', true
	case !semi && (k >= 'カ' && k <= 'チ' && (k-'カ')%2 == 0 || k >= 'ツ' && k <= 'ト' && (k-'ツ')%2 == 0):
		// (the small ッ sits between チ and ツ)
		return k + 1, true
	case k >= 'ハ' && k <= 'ホ' && (k-'ハ')%3 == 0:
		if semi {
			return k + 2, true
		}
		return k + 1, true
	}
	return k, false
}
