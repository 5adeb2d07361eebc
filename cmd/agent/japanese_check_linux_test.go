package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// notForThePerson are what a finding, or the title, reason or steps of its
// advice, must not hold (issue 22's words): a command line, a path, or the
// name of another system than the one the text is shown on. Evidence, for
// whoever helps, may.
var notForThePerson = struct {
	command, path *regexp.Regexp
	otherSystem   map[string]*regexp.Regexp // by runtime.GOOS
}{
	command: regexp.MustCompile(`\b(sudo|apt|apt-get|dnf|pacman|zypper|systemctl|gsettings|dconf|xfconf-query|kwriteconfig[56]?|reg|regedit|powershell|cmd\.exe|ufw|nft|iptables|defaults|pmset|fdesetup|spctl)\s+[-a-z]|(^|\s)--[a-z]|\$ `),
	path:    regexp.MustCompile(`(^|[\s「（(:])(/(etc|usr|home|var|opt|tmp|root|proc|sys|Library|Applications|System)/|~/|[A-Za-z]:\\)`),
	otherSystem: map[string]*regexp.Regexp{
		"linux":   regexp.MustCompile(`Windows|macOS|\bMac\b|BitLocker|FileVault|Finder|コントロール パネル`),
		"windows": regexp.MustCompile(`Linux|GNOME|KDE|Xfce|MATE|Cinnamon|Ubuntu|Debian|Fedora|macOS|\bMac\b|FileVault|LUKS|gsettings`),
	},
}

// checkSaysNoCommand fails for every finding or advice text in doc that
// holds a command line, a path or another system's name.
func checkSaysNoCommand(t *testing.T, doc report.Document, goos string) {
	t.Helper()
	if doc.Lang != "ja" || len(doc.Checks) < 10 {
		t.Fatalf("a Japanese document of every check was asked for: lang %q, %d checks", doc.Lang, len(doc.Checks))
	}
	for _, c := range doc.Checks {
		texts := map[string]string{"finding": c.Finding, "title": c.Advice.Title, "why": c.Advice.Why, "fix": c.Advice.Fix}
		for field, text := range texts {
			for what, re := range map[string]*regexp.Regexp{"a command line": notForThePerson.command, "a path": notForThePerson.path, "another system's name": notForThePerson.otherSystem[goos]} {
				if m := re.FindString(text); m != "" {
					t.Errorf("%s's %s holds %s (%q): %s", c.ID, field, what, strings.TrimSpace(m), text)
				}
			}
		}
	}
}

// checkDocument is `mamori check --json`'s document, from its output and
// error; an exit that is not a verdict's fails the test.
func checkDocument(t *testing.T, out []byte, err error) report.Document {
	t.Helper()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || !report.IsVerdict(ee.ExitCode())) {
		t.Fatalf("check: %v\n%s", err, out)
	}
	var doc report.Document
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("check --json: %v\n%s", err, out)
	}
	return doc
}

// TestCheckInJapaneseSaysNoCommand: `mamori check --lang ja --json` on this
// Linux machine, as it is (every check, real), holds no command line, path
// or other system's name in a finding, title or step.
func TestCheckInJapaneseSaysNoCommand(t *testing.T) {
	bin, err := testenv.Build(t.TempDir(), "mamori", "../../cmd/agent")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "check", "--lang", "ja", "--json")
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.Output()
	checkSaysNoCommand(t, checkDocument(t, out, err), "linux")
}

// TestCheckInJapaneseSaysNoCommandUnderWine: the same of the Windows
// programs under Wine, whose registry is Wine's own.
func TestCheckInJapaneseSaysNoCommandUnderWine(t *testing.T) {
	w := newWine(t)
	dir := t.TempDir()
	agent := buildWindows(t, dir, "mamori.exe", ".")
	buildWindows(t, dir, "mamori-worker.exe", "../worker")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := w.command(ctx, agent, "check", "--lang", "ja", "--json").Output()
	checkSaysNoCommand(t, checkDocument(t, out, err), "windows")
}

// TestNotForThePerson holds the patterns to what they are for.
func TestNotForThePerson(t *testing.T) {
	for _, tc := range []struct {
		text, goos string
		caught     bool
	}{
		{"端末で sudo apt install ufw を実行してください。", "linux", true},
		{"「設定」→「プライバシー」を開いてください。", "linux", false},
		{"/etc/hosts に書かれています。", "linux", true},
		{"C:\\Windows\\System32 にあります。", "windows", true},
		{"On Debian or Ubuntu: install ufw.", "windows", true},
		{"Press Super+L on GNOME.", "windows", true},
		{"「Windows セキュリティ」を開いてください。", "windows", false},
		{"「Windows セキュリティ」を開いてください。", "linux", true},
		{"1 / 人", "linux", false},
		{"Wi-Fi の名前は「Home/Net」です。", "linux", false},
	} {
		caught := false
		for _, re := range []*regexp.Regexp{notForThePerson.command, notForThePerson.path, notForThePerson.otherSystem[tc.goos]} {
			caught = caught || re.MatchString(tc.text)
		}
		if caught != tc.caught {
			t.Errorf("%q on %s: caught %v, want %v", tc.text, tc.goos, caught, tc.caught)
		}
	}
}
