package check

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDarwinAnswers: every Mac program's answer and plist parser, on any
// bytes, returns a value or an error and never panics. Seeded with the
// recorded answers.
func FuzzDarwinAnswers(f *testing.F) {
	files, _ := filepath.Glob("testdata/darwin/*/*")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parseScreenLockStatus(data)
		parseDefaultsInt(data)
		parsePmsetCustom(data)
		parseSoftwareUpdateList(data)
		parseSoftwareUpdatePlist(data)
		parseFirewallGlobalState(data)
		parseStealthMode(data)
		plistInt(data, "globalstate")
		parseFdesetupStatus(data)
		parseLaunchctlDisabled(data)
		parseTrustSettings(data, "login")
		parseSpctlStatus(data)
		parseBundleInfo(data)
	})
}
