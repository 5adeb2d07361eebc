package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/monitor"
)

// TestBitLockerStates judges each value Windows gives for the system
// drive's System.Volume.BitLockerProtection.
func TestBitLockerStates(t *testing.T) {
	for _, c := range []struct {
		value   int
		status  monitor.Status
		finding string
		shown   string
	}{
		{1, monitor.OK, "ok", "encrypted (BitLocker)"},
		{6, monitor.OK, "ok", "encrypted (BitLocker)"},
		{3, monitor.OK, "encrypting", "being encrypted (BitLocker)"},
		{2, monitor.Warn, "off", "not encrypted"},
		{4, monitor.Warn, "off", "not encrypted"},
		{5, monitor.Warn, "paused", "encrypted, key kept in the clear (BitLocker suspended or not activated)"},
		{8, monitor.Warn, "paused", "encrypted, key kept in the clear (BitLocker suspended or not activated)"},
		{0, monitor.Unknown, "unknown-bitlocker", "cannot tell: BitLockerProtection: 0"},
		{7, monitor.Unknown, "unknown-bitlocker", "cannot tell: BitLockerProtection: 7"},
	} {
		r := judgeDisks(diskFacts{Root: bitLockerState(`C:\`, c.value)})
		if r.Status != c.status || r.Finding.Key != "finding.disk-encryption."+c.finding || r.Get("/") != `C:\: `+c.shown {
			t.Errorf("%d: %s %s %v", c.value, r.Status, r.Finding.Key, r.Evidence)
		}
	}
}
