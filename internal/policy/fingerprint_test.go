package policy

import (
	"fmt"
	"os"
	"testing"
)

// TestFingerprintStable: the fingerprint is the same read after read when nothing
// changed (map-valued policy with many keys, a list of maps, problems).
func TestFingerprintStable(t *testing.T) {
	dir := t.TempDir()
	m := "{"
	for i := range 40 {
		if i > 0 {
			m += ","
		}
		m += fmt.Sprintf(`"check-%02d": "off"`, i)
	}
	m += "}"
	writePolicy(t, dir, Managed, "a.json", `{"Checks": `+m+`, "TrustedNetworks": [{"b":1,"a":2,"c":3}, "x"], "ScreenLockMinutes": "bad", "Nope": 1}`)
	writePolicy(t, dir, Recommended, "b.json", `{"Checks": {"z":"on","y":1}}`)
	c := Channel{Read: Files{Dir: dir, Owner: os.Getuid()}.Read, Known: []string{"check-01"}}
	first := c.Fingerprint()
	for range 200 {
		if got := c.Fingerprint(); got != first {
			t.Fatalf("fingerprint changed without a change:\n%s\n%s", first, got)
		}
	}
	t.Log(first)
}
