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
