package ui

import (
	"fmt"
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
		{"a Latin word is kept whole", "このパソコンはMamoriが見守っています。", 18, []string{"このパソコンは", "Mamoriが", "見守っています。"}},
		{"a number keeps its counter", "対処が必要な項目が15件あります。", 20, []string{"対処が必要な項目が", "15件あります。"}},
		{"no 。 at a line's start", "ください。", 8, []string{"くださ", "い。"}},
		{"no 」 or ） at a line's start", "「画面ロック」をオン（推奨）", 12, []string{"「画面", "ロック」を", "オン（推奨）"}},
		{"a katakana word is kept whole", "保存されたパスワードを含むファイル", 16, []string{"保存された", "パスワードを含む", "ファイル"}},
		{"no small kana or ー at a line's start, where a word must be cut", "ファイアウォール", 6, []string{"ファイ", "ア", "ウォー", "ル"}},
		{"no opening bracket at a line's end", "設定の「電源」を開きます", 8, []string{"設定の", "「電源」", "を", "開きます"}},
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

// TestPhrases: the phrases (文節) a Japanese sentence is broken into
// where a line must be broken, read as a person reads them.
func TestPhrases(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"画面のロックを設定で開いてください。", []string{"画面の", "ロックを", "設定で", "開いてください。"}},
		{"Mamori が変更するのはこれだけです。このウィンドウから元に戻せます。",
			[]string{"Mamori ", "が", "変更するのはこれだけです。", "この", "ウィンドウから", "元に", "戻せます。"}},
		{"ほかの人に使われたり、ネットワークから狙われたりしにくくなります。",
			[]string{"ほかの", "人に", "使われたり、", "ネットワークから", "狙われたりしにくくなります。"}},
		{"ほかのブラウザーをお使いの場合は、ご自身で最新の状態に保ってください。",
			[]string{"ほかの", "ブラウザーを", "お使いの", "場合は、", "ご自身で", "最新の", "状態に", "保ってください。"}},
		{"設定の「電源」を開きます", []string{"設定の", "「電源」を", "開きます"}},
		{"電源接続時にスリープするまで：30分 → しない", []string{"電源接続時に", "スリープするまで：", "30分 → しない"}},
		{"このパソコンはMamoriが見守っています。", []string{"この", "パソコンは", "Mamoriが", "見守っています。"}},
		{"The firewall is off.", []string{"The ", "firewall ", "is ", "off."}},
		// Compound verbs are one word (the second trial saw 入り|込む and
		// 書き|換えたり at the narrowest window).
		{"ウイルスが入り込むおそれがあります。", []string{"ウイルスが", "入り込むおそれがあります。"}},
		{"設定を書き換えたりします。", []string{"設定を", "書き換えたりします。"}},
		{"修正を取り消します。", []string{"修正を", "取り消します。"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for _, ph := range phrases([]rune(tc.text)) {
				got = append(got, strings.Join(ph, ""))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBreakLinesKeepsWordsWhole: the catalogue's sentences the trial on
// Xfce saw broken inside a word (戻せま|す, しな|い, 時|間, しま|う,
// 使|われたり, くださ|い), at widths from a narrow dialog's to a wide
// one's: the word is on one line.
func TestBreakLinesKeepsWordsWhole(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer("ja")
	never := "• " + p.T("fix.sleep-ac-after", map[string]any{"From": "30分", "To": p.T("fix.never", nil)})
	for _, tc := range []struct {
		name, text string
		words      []string
	}{
		{"fix.confirm.note", p.T("fix.confirm.note", nil), []string{"戻せます。", "ウィンドウから"}},
		{"undo's change", never, []string{"しない", "スリープするまで："}},
		{"advice.screen-lock.fix@mate", p.T("advice.screen-lock.fix@mate", nil), []string{"時間", "ください。"}},
		{"advice.screen-lock.off.why", p.T("advice.screen-lock.off.why", nil), []string{"しまう", "座った"}},
		{"advice.idle-power.why", p.T("advice.idle-power.why", nil), []string{"使われたり", "ありま", "しましょう。"}},
		{"advice.idle-power.fix", p.T("advice.idle-power.fix", nil), []string{"ください。"}},
	} {
		for _, w := range []float32{34, 40, 46, 52, 60, 72} {
			t.Run(fmt.Sprintf("%s/%v", tc.name, w), func(t *testing.T) {
				lines := breakLines(tc.text, w, columns)
				joined := strings.Join(lines, "\n")
				for _, word := range tc.words {
					if !strings.Contains(tc.text, word) {
						continue // not in this sentence
					}
					if !strings.Contains(joined, word) {
						t.Errorf("%q is split: %q", word, lines)
					}
				}
			})
		}
	}
}

// TestBreakLinesByPhrase holds every Japanese sentence of the catalogue,
// at widths from 10 to 70 columns, to the phrases: a line breaks inside a
// phrase only where that phrase alone is wider than the line; no line is
// wider than the width; no text is lost; no line starts with a closing
// bracket, a stop or a small kana it could have kept on the line before.
func TestBreakLinesByPhrase(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer("ja")
	squeeze := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
	for _, key := range cat.Keys("ja") {
		text := p.T(key, nil)
		for w := float32(10); w <= 70; w += 6 {
			lines := breakLines(text, w, columns)
			if squeeze(strings.Join(lines, "")) != squeeze(text) {
				t.Errorf("%s at %v: text lost: %q", key, w, lines)
			}
			for i, l := range lines {
				if columns(l) > w {
					t.Errorf("%s at %v: line %q is %v wide", key, w, l, columns(l))
				}
				if i > 0 && l != "" && strings.ContainsRune(noStart, first(l)) && columns(lines[i-1]+string(first(l))) <= w {
					t.Errorf("%s at %v: line %d starts with %q: %q", key, w, i, string(first(l)), lines)
				}
			}
			// Where each phrase starts and ends in the squeezed text, and
			// where each line ends.
			for _, para := range strings.Split(text, "\n") {
				paraLines := breakParagraph(para, w, columns)
				ends := map[int]bool{}
				at := 0
				for _, l := range paraLines[:len(paraLines)-1] {
					at += len([]rune(squeeze(l)))
					ends[at] = true
				}
				at = 0
				for _, ph := range phrases([]rune(para)) {
					whole := strings.Join(ph, "")
					n := len([]rune(squeeze(whole)))
					for e := at + 1; e < at+n; e++ {
						if ends[e] && columns(strings.TrimRight(whole, " ")) <= w {
							t.Errorf("%s at %v: the phrase %q is broken though it fits: %q", key, w, whole, paraLines)
						}
					}
					at += n
				}
			}
		}
	}
}
