package check

import (
	"testing"
)

func TestCredentialName(t *testing.T) {
	for name, want := range map[string]bool{
		"パスワード.txt":                 true,
		"ﾊﾟｽﾜｰﾄﾞ一覧.xlsx":            true, // half-width katakana
		"銀行の暗証番号.docx":              true,
		"SBI証券 ログイン情報.xlsx":         true,
		"口座番号メモ.txt":                true,
		"ＰＡＳＳＷＯＲＤ.txt":              true, // full-width Latin
		"My Passwords 2024.csv":     true,
		"bank_login.pdf":            true,
		"pin-codes.txt":             true,
		"shopping-list.txt":         false, // "pin" inside a word
		"password.jpg":              false, // not a document
		"passwordless-auth-talk.md": false, // another word
		"README.md":                 false,
		"accounts.ods":              true,
		"spinach recipes.docx":      false,
	} {
		if got := credentialName(name); got != want {
			t.Errorf("credentialName(%q) = %v, want %v", name, got, want)
		}
	}
}

func FuzzCredentialName(f *testing.F) {
	f.Add("パスワード.txt")
	f.Add("\xff\xfe.csv")
	f.Fuzz(func(t *testing.T, name string) { credentialName(name) })
}

func TestFoldWidth(t *testing.T) {
	for in, want := range map[string]string{
		"ﾊﾟｽﾜｰﾄﾞ":      "パスワード",
		"ＰＡＳＳ　ｗｏｒｄ":    "PASS word",
		"ｶﾞｷﾞｸﾞﾎﾟﾎﾞｳﾞ": "ガギグポボヴ",
		"ｯﾞ":           "ッ゛", // no voiced small tsu
		"口座番号":         "口座番号",
	} {
		if got := foldWidth(in); got != want {
			t.Errorf("foldWidth(%q) = %q, want %q", in, got, want)
		}
	}
	for text, want := range map[string]bool{
		"楽天証券 パスワード：tr4de!2025":           true,
		"password = hunter2":              true,
		"暗証番号 1234":                       true,
		"read about the password manager": false,
		"spinach 1234":                    false,
		"pin: 0000":                       true,
		"passwords are long":              false,
	} {
		if got := credentialText0(text); got != want {
			t.Errorf("credentialText0(%q) = %v, want %v", text, got, want)
		}
	}
}
