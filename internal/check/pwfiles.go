package check

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// PasswordFiles looks for files whose names say they hold passwords or
// account numbers (ADVICE topic 9) in the folders people save to: Desktop,
// Documents and Downloads. Malware looks there first. Only names are read;
// nothing leaves the machine, and the finding shows the paths so the
// person can act.
type PasswordFiles struct {
	Sys host.System
	// ReadContents, when it says so (the person's setting), lets the
	// check look inside small text files whose names say nothing.
	ReadContents func() bool
}

// Spec: "password-files", re-run when a file appears in one of the
// folders' top level (deeper changes wait for the interval).
func (c *PasswordFiles) Spec() monitor.Spec {
	var t []monitor.Trigger
	if dirs, err := userDocumentDirs(c.Sys); err == nil {
		for _, d := range dirs {
			t = append(t, monitor.Trigger{Source: monitor.File, Path: strings.TrimSuffix(d.abs, "/") + "/"})
		}
	}
	return monitor.Spec{ID: "password-files", Triggers: t}
}

// The walk's bounds: deep enough for "Documents/bank/2024", small enough
// to stay fast in a home with years of downloads (bench: the sweep).
const (
	pwMaxDepth   = 4
	pwMaxEntries = 20000
	pwMaxShown   = 10
)

// userDir is a folder to look in: where it is, and the FS to read it by.
type userDir struct {
	abs  string
	fsys fs.FS
	root string // abs within fsys
}

// Run walks the folders.
func (c *PasswordFiles) Run(ctx context.Context) monitor.Result {
	dirs, err := userDocumentDirs(c.Sys)
	if err != nil {
		return unknown("password-files", err)
	}
	var found []string
	looked, scanned, truncated := 0, 0, false
	contents := c.ReadContents != nil && c.ReadContents()
	var seen []fs.FileInfo
	for _, d := range dirs {
		fi, err := fs.Stat(d.fsys, d.root)
		if err != nil {
			continue
		}
		// Folders that are one (Downloads set to the home folder, or
		// links to one place) are walked once.
		if slices.ContainsFunc(seen, func(s fs.FileInfo) bool { return os.SameFile(s, fi) }) {
			continue
		}
		seen = append(seen, fi)
		looked++
		err = fs.WalkDir(d.fsys, d.root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil {
				return fs.SkipDir
			}
			if p != d.root && strings.HasPrefix(e.Name(), ".") {
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if scanned++; scanned > pwMaxEntries {
				truncated = true
				return fs.SkipAll
			}
			if e.IsDir() {
				if strings.Count(strings.TrimPrefix(p, d.root), "/") >= pwMaxDepth || e.Name() == "node_modules" {
					return fs.SkipDir
				}
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			// Shown as the system writes paths (backslashes on Windows).
			abs := filepath.Join(d.abs, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(p, d.root), "/")))
			switch {
			case credentialName(e.Name()):
				found = append(found, abs)
			case contents && credentialText(d.fsys, p, e):
				found = append(found, abs+" (contents)")
			}
			return nil
		})
		if err != nil {
			return unknown("password-files", err)
		}
	}
	if looked == 0 {
		var missing []string
		for _, d := range dirs {
			missing = append(missing, d.abs)
		}
		return monitor.Unknownf("password-files", "missing: %s", strings.Join(missing, ", "))
	}
	return judgePasswordFiles(found, scanned, truncated)
}

func judgePasswordFiles(found []string, scanned int, truncated bool) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "password-files", Finding: monitor.T("finding.password-files.ok")}
	r.Add("entries-looked-at", scanned)
	if truncated {
		r.Add("stopped", "after the first entries: the folders hold more than Mamori reads in one run")
	}
	slices.Sort(found)
	for i, f := range found {
		if i == pwMaxShown {
			r.Add("more", len(found)-pwMaxShown)
			break
		}
		r.Add("file", monitor.Cut(f, 200))
	}
	if len(found) > 0 {
		r.Status = monitor.Warn
		names := make([]string, 0, 3)
		for _, f := range found[:min(3, len(found))] {
			names = append(names, monitor.Cut(filepath.Base(f), 60))
		}
		r.Finding = monitor.T("finding.password-files.found", "Names", list(names), "Count", len(found))
	}
	return r
}

// credentialWords are the words in a file name that say what it holds, in
// Japanese and English; Latin ones must be whole words ("pin" is not in
// "shopping").
var (
	credentialJapanese = []string{"パスワード", "ぱすわーど", "暗証番号", "ログイン", "口座番号", "お客様番号", "アカウント", "認証情報", "秘密の質問"}
	credentialLatin    = []string{"password", "passwords", "passwd", "passwort", "pw", "pwd", "pin", "pins", "credential", "credentials", "login", "logins", "account", "accounts", "secret", "secrets"}
	credentialExts     = []string{".txt", ".text", ".md", ".rtf", ".csv", ".tsv", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".pdf", ".numbers", ".pages", ".jtd"}
)

// credentialName reports whether a file name suggests stored credentials:
// a text, office or spreadsheet file named with one of the words, in any
// width (full-width ＰＡＳＳＷＯＲＤ, half-width ﾊﾟｽﾜｰﾄﾞ) and case.
func credentialName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	if !slices.Contains(credentialExts, ext) {
		return false
	}
	// Half-width katakana (ﾊﾟｽﾜｰﾄﾞ) to full width and composed,
	// full-width Latin (ＰＡＳＳ) to ASCII.
	base := strings.ToLower(foldWidth(strings.TrimSuffix(name, path.Ext(name))))
	for _, w := range credentialJapanese {
		if strings.Contains(base, w) {
			return true
		}
	}
	words := strings.FieldsFunc(base, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII })
	for _, w := range words {
		if slices.Contains(credentialLatin, w) {
			return true
		}
	}
	return false
}

// The contents looked at, when the person allows it: plain-text files of
// at most 64 KB (office files are compressed archives: names only).
const pwMaxContent = 64 << 10

var (
	textExts = []string{".txt", ".text", ".md", ".csv", ".tsv"}
	// The labels a person writes before a password or a PIN.
	credentialLabels = []string{"パスワード", "暗証番号", "ログインid", "password", "passwd", "pin"}
)

// credentialText reports whether a small text file has a line that labels
// a password or PIN with a value. Nothing of it is kept or shown.
func credentialText(fsys fs.FS, p string, e fs.DirEntry) bool {
	if !slices.Contains(textExts, strings.ToLower(path.Ext(e.Name()))) {
		return false
	}
	info, err := e.Info()
	if err != nil || info.Size() > pwMaxContent {
		return false
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return false
	}
	return credentialText0(strings.ToLower(foldWidth(string(data))))
}

// credentialText0 reports whether text (lower case, width folded) has a
// label with a value: after a colon or "=" ("パスワード：abc123",
// "password = hunter2"), or with a digit in it ("暗証番号 1234");
// "password manager" is prose. "pin" counts only as a word.
func credentialText0(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		for _, label := range credentialLabels {
			for from := 0; ; {
				i := strings.Index(line[from:], label)
				if i < 0 {
					break
				}
				i += from
				from = i + len(label)
				if label == "pin" && (i > 0 && isLetter(line[i-1]) || from < len(line) && isLetter(line[from])) {
					continue
				}
				if labelled(line[from:]) {
					return true
				}
			}
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// labelled reports whether what follows a label is a value.
func labelled(rest string) bool {
	trimmed := strings.TrimLeft(rest, " \t")
	for _, sep := range []string{":", "：", "="} {
		if strings.HasPrefix(trimmed, sep) {
			value := strings.Fields(trimmed[len(sep):])
			return len(value) > 0 && len([]rune(value[0])) >= 3
		}
	}
	if len(trimmed) == len(rest) {
		return false // no space after the label: part of a longer word
	}
	value := strings.Fields(trimmed)
	return len(value) > 0 && strings.ContainsAny(value[0], "0123456789")
}
