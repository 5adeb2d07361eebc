package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// PasswordFiles looks for files whose names say they hold passwords or
// account numbers (ADVICE topic 9) in the folders people save to: Desktop,
// Documents and Downloads. Malware looks there first. Only names are read
// (and small text files' contents, where the person allows it);
// nothing leaves the machine, and the evidence shows the paths so the
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
	var roots []userDir
	var seen []fs.FileInfo
	var missing, unreadable []string
	for _, d := range dirs {
		fi, err := fs.Stat(d.fsys, d.root)
		if errors.Is(err, fs.ErrNotExist) {
			// A folder that does not exist holds no files.
			missing = append(missing, d.abs)
			continue
		}
		if err != nil {
			unreadable = append(unreadable, d.abs)
			continue
		}
		// Folders that are one (Downloads set to the home folder, or
		// links to one place) are walked once.
		if slices.ContainsFunc(seen, func(s fs.FileInfo) bool { return os.SameFile(s, fi) }) {
			continue
		}
		seen = append(seen, fi)
		roots = append(roots, d)
	}
	if len(roots) == 0 && len(unreadable) > 0 {
		return monitor.Unknownf("password-files", "could not read: %s", strings.Join(unreadable, ", "))
	}
	if len(roots) == 0 && !c.Sys.Exists(c.Sys.Home) {
		// No folder because no home to hold them: nothing was read.
		return monitor.Unknownf("password-files", "the home folder %s is missing", c.Sys.Home)
	}
	w := pwWalk{contents: c.ReadContents != nil && c.ReadContents()}
	if err := w.run(ctx, roots); err != nil {
		return unknown("password-files", err)
	}
	w.walked.Unreadable += len(unreadable)
	r := judgePasswordFiles(w.found, w.walked)
	if len(missing) > 0 {
		r.Add("folders-not-present", strings.Join(missing, ", "))
	}
	return r
}

// walked is how far a walk got.
type walked struct {
	// Entries is how many files and folders were looked at.
	Entries int
	// Stopped: the walk reached its limit with entries left unread.
	Stopped bool
	// Levels is how many folder levels were read whole when it stopped
	// (0: not even the folders' top level).
	Levels int
	// Unreadable counts the folders that could not be listed.
	Unreadable int
}

// pwWalk reads the folders breadth first, all of them level by level: the
// top level of Desktop, Documents and Downloads, where a person saves a
// file, before anything deeper. When the limit stops it, what it did not
// reach is the least likely place.
type pwWalk struct {
	contents bool
	found    []string
	walked   walked
}

// pwDir is a folder waiting to be listed: rel within its root, at depth
// (its entries are at depth+1).
type pwDir struct {
	root  userDir
	rel   string
	depth int
}

func (w *pwWalk) run(ctx context.Context, roots []userDir) error {
	var queue []pwDir
	for _, r := range roots {
		queue = append(queue, pwDir{root: r, rel: "."})
	}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		if err := ctx.Err(); err != nil {
			return err
		}
		subdirs, err := w.list(dir)
		if err != nil {
			w.walked.Unreadable++
		}
		if w.walked.Stopped {
			w.walked.Levels = dir.depth
			return nil
		}
		queue = append(queue, subdirs...)
	}
	w.walked.Levels = pwMaxDepth
	return nil
}

// list looks at one folder's entries, a batch at a time (a folder of a
// million files is never read whole), until the walk's limit, and returns
// the folders to list next.
func (w *pwWalk) list(dir pwDir) ([]pwDir, error) {
	p := path.Join(dir.root.root, dir.rel)
	f, err := dir.root.fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, fmt.Errorf("%s: not a folder", p)
	}
	var subdirs []pwDir
	for {
		batch, err := rd.ReadDir(256)
		for _, e := range batch {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if w.walked.Entries == pwMaxEntries {
				w.walked.Stopped = true
				return subdirs, nil
			}
			w.walked.Entries++
			rel := path.Join(dir.rel, e.Name())
			if e.IsDir() {
				if dir.depth+1 < pwMaxDepth && e.Name() != "node_modules" {
					subdirs = append(subdirs, pwDir{root: dir.root, rel: rel, depth: dir.depth + 1})
				}
				continue
			}
			if !e.Type().IsRegular() {
				continue
			}
			// Shown as the system writes paths (backslashes on Windows).
			abs := filepath.Join(dir.root.abs, filepath.FromSlash(rel))
			switch {
			case credentialName(e.Name()):
				w.found = append(w.found, abs)
			case w.contents && credentialText(dir.root.fsys, path.Join(dir.root.root, rel), e):
				w.found = append(w.found, abs+byContents)
			}
		}
		if errors.Is(err, io.EOF) || err == nil && len(batch) == 0 {
			return subdirs, nil
		}
		if err != nil {
			return subdirs, err
		}
	}
}

// byContents marks, in the evidence, a file found by what it holds (the
// person's setting to look inside small text files) rather than its name.
const byContents = " (contents)"

// judgePasswordFiles: a file found is a warning. The finding says "named
// like a password list" only when every file was found by its name; where
// one was found by its contents it says so, in another key.
func judgePasswordFiles(found []string, w walked) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "password-files", Finding: monitor.T("finding.password-files.ok")}
	r.Add("entries-looked-at", w.Entries)
	if w.Stopped {
		r.Add("stopped", fmt.Sprintf("after %d entries, the most Mamori reads in one run; every entry down to %d folder levels was read", w.Entries, w.Levels))
	}
	if w.Unreadable > 0 {
		r.Add("folders-not-readable", w.Unreadable)
	}
	slices.Sort(found)
	for i, f := range found {
		if i == pwMaxShown {
			r.Add("more", len(found)-pwMaxShown)
			break
		}
		r.Add("file", monitor.Cut(f, 200))
	}
	switch {
	case len(found) > 0:
		r.Status = monitor.Warn
		names := make([]string, 0, len(found)) // the printer names three and counts the rest
		key := "finding.password-files.found"
		for _, f := range found {
			name, read := strings.CutSuffix(f, byContents)
			if read {
				key = "finding.password-files.found-contents"
			}
			names = append(names, monitor.Cut(filepath.Base(name), 60))
		}
		r.Finding = monitor.T(key, "Names", names, "Count", len(found))
	case w.Stopped:
		// What was not read may hold one: never ok for it.
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.password-files.stopped", "Count", w.Entries)
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
	for line := range lines.All(text) {
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
