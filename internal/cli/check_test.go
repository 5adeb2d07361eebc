package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixedChecks return set results, so the golden files test the rendering
// and the document's shape; the checks themselves are tested in monitor.
func fixedChecks() []monitor.Check {
	mk := func(id string, r monitor.Result) monitor.Check {
		return monitor.Func{Def: monitor.Spec{ID: id}, Fn: func(context.Context) monitor.Result { return r }}
	}
	lock := monitor.Result{Status: monitor.Critical, Advice: "screen-lock.off", Finding: monitor.T("finding.screen-lock.off")}
	lock.Add("desktop", "ubuntu:GNOME").Add("lock-enabled", false)
	av := monitor.Result{Status: monitor.OK, Advice: "antivirus",
		Finding: monitor.T("finding.antivirus.ok-unchecked", "Products", "Evil\u202Egnp<b>AV</b>\xff")}
	av.Add("running", "clamd\x1b[31m (pid 42)")
	return []monitor.Check{
		mk("screen-lock", lock),
		mk("os-updates", monitor.Result{Status: monitor.Warn, Advice: "os-updates.pending", Finding: monitor.T("finding.os-updates.pending", "Count", 3)}),
		mk("idle-power", monitor.Unknownf("idle-power", "no desktop session found")),
		mk("antivirus", av),
	}
}

func runCheck(t *testing.T, checks []monitor.Check, args ...string) (string, string, int) {
	t.Helper()
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	var out, errOut bytes.Buffer
	code := Check(context.Background(), args, Env{
		Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return map[string]string{"LANG": "en_US.UTF-8", "TZ": "UTC"}[k] },
		Now:    func() time.Time { return at },
		App:    report.App{Name: "Mamori", Version: "0.1.0"},
		Checks: checks,
	})
	return out.String(), errOut.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run with -update if the change is meant.\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestCheckJSONGolden(t *testing.T) {
	out, errOut, code := runCheck(t, fixedChecks(), "--json")
	if code != report.ExitCritical {
		t.Errorf("exit code %d, want %d (a critical finding); stderr %s", code, report.ExitCritical, errOut)
	}
	golden(t, "check.golden.json", out)
	var doc report.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if doc.Schema != report.SchemaVersion || len(doc.Checks) != 4 || doc.Worst != monitor.Critical {
		t.Errorf("document: schema %d, %d checks, worst %s", doc.Schema, len(doc.Checks), doc.Worst)
	}
	// Hostile text arrives escaped, never as the raw control characters.
	for _, bad := range []string{"\u202E", "\x1b", "\ufffd"} {
		if strings.Contains(out, bad) {
			t.Errorf("JSON output contains %q", bad)
		}
	}
}

func TestCheckTableGolden(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			out, _, _ := runCheck(t, fixedChecks(), "--lang", lang)
			golden(t, "check."+lang+".golden.txt", out)
		})
	}
}

// What each check saw is printed only when asked for, under the heading
// the status window gives it, in the chosen language: the reason a check
// could not tell, and the evidence a finding refers to, escaped once. The
// Japanese table carries no English by default.
func TestCheckDetails(t *testing.T) {
	for _, tt := range []struct{ lang, heading string }{
		{"ja", "詳細（技術的な情報。パソコンのことで相談できる方向け）"},
		{"en", "Details (technical, for whoever helps you)"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			out, _, _ := runCheck(t, fixedChecks(), "--lang", tt.lang, "--details")
			for _, want := range []string{
				"\n  " + tt.heading + "\n    desktop: ubuntu:GNOME\n    lock-enabled: false\n",
				"\n  " + tt.heading + "\n    no desktop session found\n",
				"\n  " + tt.heading + "\n    running: clamd\\u001B[31m (pid 42)\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("--details lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("a raw escape reached the terminal:\n%s", out)
			}
			plain, _, _ := runCheck(t, fixedChecks(), "--lang", tt.lang)
			for _, not := range []string{tt.heading, "no desktop session found", "desktop: ubuntu"} {
				if strings.Contains(plain, not) {
					t.Errorf("%q without --details:\n%s", not, plain)
				}
			}
		})
	}
}

func TestCheckExitCodes(t *testing.T) {
	mk := func(s monitor.Status) monitor.Check {
		return monitor.Func{Def: monitor.Spec{ID: "x"}, Fn: func(context.Context) monitor.Result {
			return monitor.Result{Status: s, Finding: monitor.T("finding.os-updates.ok")}
		}}
	}
	for _, tt := range []struct {
		status monitor.Status
		want   int
	}{
		{monitor.OK, 0}, {monitor.NotApplicable, 0}, {monitor.Unknown, 10}, {monitor.Warn, 11}, {monitor.Critical, 12},
	} {
		t.Run(string(tt.status), func(t *testing.T) {
			if _, _, code := runCheck(t, []monitor.Check{mk(tt.status)}); code != tt.want {
				t.Errorf("%s: exit %d, want %d", tt.status, code, tt.want)
			}
		})
	}
	if _, _, code := runCheck(t, nil, "--lang", "fr"); code != 64 {
		t.Errorf("--lang fr: exit %d, want 64", code)
	}
	if _, _, code := runCheck(t, nil, "extra"); code != 64 {
		t.Errorf("stray argument: exit %d, want 64", code)
	}
}

// TestCheckInterruptedIsNoVerdict: stopped before every check answered,
// the command says so and exits with no verdict's code, and every row it
// printed is named after its check.
func TestCheckInterruptedIsNoVerdict(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	hang := monitor.Func{Def: monitor.Spec{ID: "hangs"}, Fn: func(ctx context.Context) monitor.Result {
		cancel()
		<-ctx.Done()
		return monitor.Result{Status: monitor.OK}
	}}
	var out, errw strings.Builder
	code := Check(ctx, []string{"--json"}, Env{Stdout: &out, Stderr: &errw, Getenv: func(string) string { return "" },
		Now: time.Now, Checks: []monitor.Check{hang}})
	if _, verdict := report.Verdict(code); verdict || code != report.ExitInterrupted {
		t.Errorf("exit %d, want %d (no verdict)", code, report.ExitInterrupted)
	}
	doc, err := report.Decode([]byte(out.String()))
	if err != nil || len(doc.Checks) != 1 || doc.Checks[0].ID != "hangs" {
		t.Errorf("the partial report: %v %+v", err, doc)
	}
}
