package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsBitLocker runs under Wine (scripts/wine-test): the shell's
// property system is asked for the system drive's BitLocker state. Wine's
// property system implements neither the name lookup nor drives' property
// stores (E_NOTIMPL), so the check says it cannot tell, and why; the
// values Windows gives are read in TestBitLockerStates.
func TestWindowsBitLocker(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("asks Windows' shell: run under Wine")
	}
	r := (&DiskEncryption{Sys: host.Local()}).Run(context.Background())
	t.Logf("%s %v %v", r.Status, r.Finding, r.Evidence)
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.disk-encryption.unknown-bitlocker" ||
		!strings.HasPrefix(r.Get("/"), `C:\: cannot tell: `) || !strings.Contains(r.Get("reason"), "BitLockerProtection") {
		t.Errorf("under Wine: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}
