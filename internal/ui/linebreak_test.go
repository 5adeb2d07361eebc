package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mamori-project/mamori/internal/i18n"
)

// columns measures as a terminal does: a Japanese character is two
// columns, a Latin one one.
func columns(s string) float32 {
	n := 0
	for _, r := range s {
		if r < 0x1100 {
			n++
		} else {
			n += 2
		}
	}
	return float32(n)
}

func TestBreakLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "画面ロックがオンです。", 40, []string{"画面ロックがオンです。"}},
		{"a Latin word is kept whole", "このパソコンはMamoriが見守っています。", 18, []string{"このパソコンは", "Mamoriが見守ってい", "ます。"}},
		{"a number keeps its counter", "対処が必要な項目が15件あります。", 20, []string{"対処が必要な項目が", "15件あります。"}},
		{"no 。 at a line's start", "設定を開いてください。", 20, []string{"設定を開いてくださ", "い。"}},
		{"no 」 or ） at a line's start", "「画面ロック」をオン（推奨）", 12, []string{"「画面", "ロック」を", "オン（推奨）"}},
		{"a katakana word is kept whole", "保存されたパスワードを含むファイル", 16, []string{"保存された", "パスワードを含む", "ファイル"}},
		{"no small kana or ー at a line's start, where a word must be cut", "ファイアウォール", 6, []string{"ファイ", "ア", "ウォー", "ル"}},
		{"no opening bracket at a line's end", "設定の「電源」を開きます", 8, []string{"設定の", "「電源」", "を開きま", "す"}},
		{"an arrow keeps its two values", "• 画面ロック：オフ → オン", 21, []string{"• 画面ロック：", "オフ → オン"}},
		{"English at spaces", "The firewall is turned off (see Details).", 20, []string{"The firewall is", "turned off (see", "Details)."}},
		{"a name with no break is cut", "sandboxing-egress-ca-certificate", 10, []string{"sandboxing", "-egress-", "ca-", "certificat", "e"}},
		{"lines it has are kept", "一行目\n二行目", 40, []string{"一行目", "二行目"}},
		{"empty", "", 10, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := breakLines(tc.text, tc.width, columns)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			for _, l := range got {
				if columns(l) > tc.width {
					t.Errorf("line %q is %v wide, more than %v", l, columns(l), tc.width)
				}
			}
			if strings.Join(got, "") != strings.ReplaceAll(strings.ReplaceAll(tc.text, "\n", ""), " ", "") && !strings.Contains(tc.text, " ") {
				t.Errorf("text lost: %q", got)
			}
		})
	}
}

// TestBreakLinesKeepsJapaneseRules holds every Japanese sentence of the
// status window to the rules, at widths from 10 to 60 columns.
func TestBreakLinesKeepsJapaneseRules(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer("ja")
	for _, key := range cat.Keys("ja") {
		text := p.T(key, nil)
		for w := float32(10); w <= 60; w += 7 {
			lines := breakLines(text, w, columns)
			for i, l := range lines {
				if i > 0 && l != "" && strings.ContainsRune(noStart, first(l)) && columns(lines[i-1]+string(first(l))) <= w {
					t.Errorf("%s at %v: line %d starts with %q: %q", key, w, i, string(first(l)), lines)
				}
				if i < len(lines)-1 && strings.HasSuffix(l, "「") {
					t.Errorf("%s at %v: line %d ends with 「: %q", key, w, i, lines)
				}
			}
		}
	}
}

func first(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
