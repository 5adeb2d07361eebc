package check

import "testing"

// A Mac's file names often reach the disk decomposed (NFD: パ as ハ and a
// combining ゜, U+309A), as the Finder and Safari's downloads write them;
// a name is still the word it reads as.
func TestDarwinDecomposedNames(t *testing.T) {
	for _, name := range []string{
		"\u30cf\u309a\u30b9\u30ef\u30fc\u30c8\u3099.txt",                    // パスワード.txt, decomposed
		"\u53e3\u5ea7\u306e\u30cf\u309a\u30b9\u30ef\u30fc\u30c8\u3099.xlsx", // 口座のパスワード.xlsx
		"\u3071\u3059\u308f\u30fc\u3068\u3099.txt",                          // ぱすわーど.txt, decomposed hiragana
	} {
		if !credentialName(name) {
			t.Errorf("%q (decomposed) is not seen as a password file", name)
		}
	}
	if got, want := foldWidth("\u30cf\u309a\u30c8\u3099\u3046\u3099"), "パドゔ"; got != want {
		t.Errorf("foldWidth composes to %q, want %q", got, want)
	}
}
