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
	var results []monitor.Result
	for i := range 20 {
		r := monitor.Result{CheckID: fmt.Sprint("check-", i), Status: monitor.Warn, Finding: monitor.T("finding.site-redirects.hosts", "Names", worst, "Count", 100_000)}
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
