package packaging

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestMSIJapaneseUnderWine installs the .msi as a person on an English and
// on a Japanese Windows would (Wine takes the user's language from
// LC_ALL): the Start-menu shortcut's name and description, the name and
// publisher the Apps list shows, and the message that refuses an older
// version over a newer one are in the person's language, as the
// catalogues say them. Screenshots of the refusal:
// test-artifacts/windows-downgrade-en.png and -ja.png.
func TestMSIJapaneseUnderWine(t *testing.T) {
	s := newWinSession(t)
	testenv.Require(t, "x86_64-w64-mingw32-gcc", "xwininfo", "xwd")
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	older := buildMSI(t, dir, "0.0.1")
	newer := buildMSI(t, dir, "")
	windowText := filepath.Join(dir, "windowtext.exe")
	if out, err := exec.Command("x86_64-w64-mingw32-gcc", "-municode", "-O2", "-o", windowText, "testdata/windowtext.c").CombinedOutput(); err != nil {
		t.Fatalf("building windowtext.exe: %v\n%s", err, out)
	}
	for _, tc := range []struct{ lang, locale, other string }{
		{"en", "en_US.UTF-8", "ja"},
		{"ja", "ja_JP.UTF-8", "en"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p, other := cat.Printer(tc.lang), cat.Printer(tc.other)
			s.env = []string{"LC_ALL=" + tc.locale}
			defer func() { s.env = nil }()
			s.must("msiexec", "/i", newer, "/qn")
			defer s.run("msiexec", "/x", newer, "/qn")

			lnk := s.path(`AppData\Roaming\Microsoft\Windows\Start Menu\Programs\` + p.T("app.name", nil) + ".lnk")
			b, err := os.ReadFile(lnk)
			if err != nil {
				t.Fatalf("the shortcut: %v", err)
			}
			if want := p.T("app.tagline", nil); !bytes.Contains(b, utf16LE(want)) {
				t.Errorf("the shortcut's description is not %q", want)
			}
			if bytes.Contains(b, utf16LE(other.T("app.tagline", nil))) {
				t.Errorf("the shortcut's description is in %s", tc.other)
			}

			arp := s.uninstallEntry(t, "https://github.com/mamori-project/mamori")
			for value, key := range map[string]string{"DisplayName": "app.name", "Publisher": "installer.publisher"} {
				if got, want := arp[value], p.T(key, nil); got != want {
					t.Errorf("the Apps list's %s is %q, want %q", value, got, want)
				}
			}

			// An older version over this one: Windows Installer refuses
			// it with the package's message in a box (Wine titles it
			// "Install Failed"), which windowtext reads and closes.
			if tc.lang == "ja" {
				japaneseFont(t)
			}
			done := make(chan error, 1)
			go func() {
				_, err := s.run("msiexec", "/i", older, "/qb")
				done <- err
			}()
			shown := waitTitled(t, "Install Failed", 90*time.Second)
			time.Sleep(time.Second)
			testenv.SaveArtifact(t, "windows-downgrade-"+tc.lang+".png", testenv.Screenshot(t, nil, shown.id))
			box := filepath.Join(dir, "box-"+tc.lang+".txt")
			out, err := s.run(winPath(windowText), "Install Failed", winPath(box))
			if err != nil {
				t.Errorf("no message refused the older version: %v\n%s", err, out)
			}
			if err := <-done; err == nil {
				t.Error("the older version installed over the newer one")
			}
			text, _ := os.ReadFile(box)
			if got, want := fromUTF16LE(text), p.T("installer.downgrade", nil); !strings.Contains(got, want) {
				t.Errorf("the message refusing the older version is %q, want %q", got, want)
			}
		})
	}
}

// uninstallEntry is the values of the Apps list's entry (the Uninstall
// key) whose URLInfoAbout is url: under HKCU where Windows registers a
// per-user install, under HKLM where Wine does.
func (s *winSession) uninstallEntry(t *testing.T, url string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	for i, root := range []string{"HKCU", "HKLM"} {
		file := filepath.Join(dir, root+".reg")
		if _, err := s.run("reg", "export", root+`\Software\Microsoft\Windows\CurrentVersion\Uninstall`, winPath(file), "/y"); err != nil {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, entry := range parseReg(fromUTF16LE(data)) {
			if entry["URLInfoAbout"] == url {
				return entry
			}
		}
		if i == 1 {
			t.Fatalf("no Uninstall entry with URLInfoAbout %s", url)
		}
	}
	t.Fatal("reg export read no Uninstall key")
	return nil
}

// parseReg reads the string values of a .reg file's keys.
func parseReg(text string) map[string]map[string]string {
	keys := map[string]map[string]string{}
	var key map[string]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			key = map[string]string{}
			keys[line[1:len(line)-1]] = key
			continue
		}
		name, value, ok := strings.Cut(line, `"="`)
		if key == nil || !ok || !strings.HasPrefix(name, `"`) || !strings.HasSuffix(value, `"`) {
			continue
		}
		unescape := strings.NewReplacer(`\\`, `\`, `\"`, `"`)
		key[unescape.Replace(name[1:])] = unescape.Replace(value[:len(value)-1])
	}
	return keys
}

// winPath is a file on this machine as Wine names it.
func winPath(p string) string {
	return `Z:` + strings.ReplaceAll(p, "/", `\`)
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func fromUTF16LE(b []byte) string {
	b = bytes.TrimPrefix(b, []byte{0xff, 0xfe})
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}
