package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestDocumentIsBounded: twenty checks (more than Mamori has), each with
// 100,000 evidence entries under 1,000 keys, every key and value as long
// as a check could make it and made of what escapes to the most bytes (a
// rune beyond the BMP that is not printable: \u{E0001}), and a finding
// argument as bad. The document still fits what the window reads.
func TestDocumentIsBounded(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	worst := strings.Repeat("\U000E0001", 10_000)
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprint(i, worst)
	}
	names := make([]string, 100_000)
	for i := range names {
		names[i] = worst
	}
	var results []monitor.Result
	for i := range 20 {
		r := monitor.Result{CheckID: fmt.Sprint("check-", i), Status: monitor.Warn, Finding: monitor.T("finding.site-redirects.hosts", "Names", names, "Other", worst, "Count", 100_000)}
		for j := range 100_000 {
			r.Evidence = append(r.Evidence, monitor.Evidence{Key: keys[j%len(keys)], Value: worst})
		}
		results = append(results, r)
	}
	var out bytes.Buffer
	if err := WriteJSON(&out, Build(results, cat.Printer("ja"), App{}, time.Time{})); err != nil {
		t.Fatal(err)
	}
	if out.Len() >= ipc.MaxReply {
		t.Errorf("the worst document is %d bytes, over the window's %d", out.Len(), ipc.MaxReply)
	}
	t.Logf("the worst document: %d bytes", out.Len())
}

// TestExitCodes: each verdict has its code and reads back as itself; no
// code a failing program exits with (Go's runtime and a panic: 2;
// log.Fatal: 1; a usage error, an internal error, a signal) reads as a
// verdict.
func TestExitCodes(t *testing.T) {
	for _, tt := range []struct {
		worst monitor.Status
		code  int
		back  monitor.Status
	}{
		{monitor.OK, 0, monitor.OK},
		{monitor.NotApplicable, 0, monitor.OK},
		{monitor.Unknown, 10, monitor.Unknown},
		{monitor.Warn, 11, monitor.Warn},
		{monitor.Critical, 12, monitor.Critical},
	} {
		t.Run(string(tt.worst), func(t *testing.T) {
			code := ExitCode([]monitor.Result{{Status: monitor.OK}, {Status: tt.worst}})
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if s, ok := Verdict(code); !ok || s != tt.back {
				t.Errorf("Verdict(%d) = %s %v, want %s", code, s, ok, tt.back)
			}
		})
	}
	for _, code := range []int{1, 2, 3, ExitUsage, ExitInternal, 126, 127, 128 + 6, 128 + 9, 255} {
		if s, ok := Verdict(code); ok {
			t.Errorf("exit code %d, a failure of the program, reads as the verdict %s", code, s)
		}
	}
}

// TestListArgumentsAreShownSafely: a name in a finding's list is text
// taken from the system, escaped as a single name is, and the list is
// joined in the document's language.
func TestListArgumentsAreShownSafely(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := monitor.Result{CheckID: "site-redirects", Status: monitor.Critical,
		Finding: monitor.T("finding.site-redirects.hosts", "Names", []string{"evil\u202ecom.example", "a.example", "b.example", "c.example"}, "Count", 4)}
	for _, tt := range []struct{ lang, want string }{
		{"ja", `evil\u202Ecom.example、a.example、b.exampleほか1件`},
		{"en", `evil\u202Ecom.example, a.example, b.example and 1 more`},
	} {
		doc := Build([]monitor.Result{r}, cat.Printer(tt.lang), App{}, time.Time{})
		if got := doc.Checks[0].Finding; !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q does not show %q", tt.lang, got, tt.want)
		}
	}
}
