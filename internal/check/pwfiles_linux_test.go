package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestPasswordFilesJapaneseHome walks a real home laid out as a Japanese
// desktop names its folders (user-dirs.dirs: デスクトップ, ドキュメント,
// ダウンロード), with files a person might keep, hidden folders skipped and
// a tree deeper than the walk goes.
func TestPasswordFilesJapaneseHome(t *testing.T) {
	root := t.TempDir()
	home := "/home/hanako"
	put := func(rel string) {
		t.Helper()
		p := filepath.Join(root, home, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(root, home, ".config"), 0o755)
	os.WriteFile(filepath.Join(root, home, ".config/user-dirs.dirs"), []byte(`# written by xdg-user-dirs-update
XDG_DESKTOP_DIR="$HOME/デスクトップ"
XDG_DOWNLOAD_DIR="$HOME/ダウンロード"
XDG_DOCUMENTS_DIR="$HOME/ドキュメント"
XDG_MUSIC_DIR="$HOME/音楽"
`), 0o644)
	put("デスクトップ/買い物リスト.txt")
	put("ドキュメント/確定申告/2025/源泉徴収票.pdf")
	put("ダウンロード/setup.exe")
	sys := host.System{FS: os.DirFS(root), Home: home, Getenv: func(string) string { return "" }}
	check := &PasswordFiles{Sys: sys}
	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Fatalf("nothing to find: %s %v", r.Status, r.Evidence)
	}
	put("デスクトップ/銀行 パスワード.txt")
	put("ドキュメント/証券/口座番号.xlsx")
	put("ドキュメント/.secret/password.txt")        // hidden: skipped
	put("ドキュメント/a/b/c/d/e/password.txt")      // deeper than the walk
	put("ダウンロード/password-manager-review.pdf") // listed too: only names are read
	r := check.Run(context.Background())
	ev := fmt.Sprint(r.Evidence)
	if r.Status != monitor.Warn || r.Finding.Args["Count"] != 3 ||
		!strings.Contains(ev, home+"/デスクトップ/銀行 パスワード.txt") || !strings.Contains(ev, home+"/ドキュメント/証券/口座番号.xlsx") ||
		strings.Contains(ev, ".secret") || strings.Contains(ev, "/e/password.txt") {
		t.Errorf("found: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// Contents, only when the person allows it: a memo whose name says
	// nothing, and prose about passwords that is not one.
	os.WriteFile(filepath.Join(root, home, "デスクトップ/メモ.txt"), []byte("買い物\n楽天証券 パスワード：Tr4de!2025\n"), 0o600)
	os.WriteFile(filepath.Join(root, home, "ドキュメント/notes.md"), []byte("Read about the password manager we discussed.\n"), 0o600)
	if r := check.Run(context.Background()); strings.Contains(fmt.Sprint(r.Evidence), "メモ.txt") {
		t.Errorf("contents read without the setting: %v", r.Evidence)
	}
	check.ReadContents = func() bool { return true }
	r = check.Run(context.Background())
	ev = fmt.Sprint(r.Evidence)
	if !strings.Contains(ev, "メモ.txt (contents)") || strings.Contains(ev, "notes.md") || strings.Contains(ev, "Tr4de") {
		t.Errorf("contents: %v", r.Evidence)
	}

	// The triggers are the three folders, as user-dirs.dirs names them.
	var paths []string
	for _, tr := range check.Spec().Triggers {
		paths = append(paths, tr.Path)
	}
	if want := home + "/デスクトップ/"; len(paths) != 3 || paths[0] != want {
		t.Errorf("triggers %v", paths)
	}
}

// TestPasswordFilesOneFolderOnce: where Downloads is the Desktop (a link,
// as some set them up), a file is listed once.
func TestPasswordFilesOneFolderOnce(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home/taro")
	writeUnder(t, home, "Desktop/passwords.txt", []byte("x"))
	os.MkdirAll(filepath.Join(home, "Documents"), 0o755)
	if err := os.Symlink("Desktop", filepath.Join(home, "Downloads")); err != nil {
		t.Fatal(err)
	}
	sys := host.System{FS: os.DirFS(root), Home: "/home/taro", Getenv: func(string) string { return "" }}
	r := (&PasswordFiles{Sys: sys}).Run(context.Background())
	if r.Status != monitor.Warn || r.Finding.Args["Count"] != 1 || r.Get("file") != "/home/taro/Desktop/passwords.txt" {
		t.Errorf("Downloads linked to the Desktop: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}

// TestPasswordFilesMoreThanTheWalkReads: a home whose Desktop holds more
// files than one run reads (a folder of photos). The walk reads the top
// level of every folder before anything deeper, so a password list saved
// in Downloads is found; and with none there, what was not read is not
// reported as clean.
func TestPasswordFilesMoreThanTheWalkReads(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home/taro")
	photos := filepath.Join(home, "Desktop/photos")
	if err := os.MkdirAll(photos, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range pwMaxEntries + 100 {
		if err := os.WriteFile(filepath.Join(photos, fmt.Sprintf("IMG_%05d.jpg", i)), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(home, "Documents"), 0o755)
	os.MkdirAll(filepath.Join(home, "Downloads"), 0o755)
	sys := host.System{FS: os.DirFS(root), Home: "/home/taro", Getenv: func(string) string { return "" }}
	check := &PasswordFiles{Sys: sys}

	r := check.Run(context.Background())
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.password-files.stopped" || r.Finding.Args["Count"] != pwMaxEntries || r.Get("stopped") == "" {
		t.Errorf("nothing found in the first %d entries: %s %v %v, want unknown saying how far it got", pwMaxEntries, r.Status, r.Finding, r.Evidence)
	}
	writeUnder(t, home, "Downloads/証券 パスワード.txt", []byte("x"))
	r = check.Run(context.Background())
	if r.Status != monitor.Warn || r.Get("file") != "/home/taro/Downloads/証券 パスワード.txt" || r.Get("stopped") == "" {
		t.Errorf("a password list at the top of Downloads: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// A run cut short by its deadline read nothing after it either.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := check.Run(ctx); r.Status != monitor.Unknown {
		t.Errorf("run out of time: %s %v %v, want unknown", r.Status, r.Finding, r.Evidence)
	}
}

// TestPasswordFilesMissingFolder walks a real home with no Downloads
// folder and a Documents folder the person cannot read: the missing one
// simply holds no files; only the unreadable one is "could not read".
func TestPasswordFilesMissingFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Log("running as root: the unreadable folder is readable, only the missing one is played")
	}
	root := t.TempDir()
	home := "/home/taro"
	sys := host.System{FS: os.DirFS(root), Home: home, Getenv: func(string) string { return "" }}
	// A new account: none of the three folders yet.
	os.MkdirAll(filepath.Join(root, home), 0o755)
	if r := (&PasswordFiles{Sys: sys}).Run(context.Background()); r.Status != monitor.OK || r.Get("folders-not-readable") != "" {
		t.Errorf("no folders at all: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	os.MkdirAll(filepath.Join(root, home, "Desktop"), 0o755)
	os.WriteFile(filepath.Join(root, home, "Desktop", "memo.txt"), []byte("x"), 0o600)
	r := (&PasswordFiles{Sys: sys}).Run(context.Background())
	if r.Status != monitor.OK || r.Get("folders-not-readable") != "" {
		t.Errorf("no Documents nor Downloads: %s %v", r.Status, r.Evidence)
	}
	if os.Geteuid() == 0 {
		return
	}
	docs := filepath.Join(root, home, "Documents")
	os.MkdirAll(docs, 0o755)
	os.Chmod(docs, 0)
	t.Cleanup(func() { os.Chmod(docs, 0o755) })
	r = (&PasswordFiles{Sys: sys}).Run(context.Background())
	if r.Get("folders-not-readable") != "1" {
		t.Errorf("an unreadable Documents: %s %v", r.Status, r.Evidence)
	}
}
