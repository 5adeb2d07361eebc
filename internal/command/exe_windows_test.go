package command

import (
	"strings"
	"testing"
)

// Windows has no execute bit: a program at its allowlisted path is found
// (Explorer, which opens settings pages; Wine has it too).
func TestWindowsProgramsAreFound(t *testing.T) {
	if !(&Exec{}).Has(WindowsExplorer) {
		t.Errorf("explorer.exe not found at %v", paths[WindowsExplorer])
	}
	if p := ProgramPath(`C:\Program Files\Mamori`, "mamori"); !strings.HasSuffix(p, `\mamori.exe`) {
		t.Errorf("ProgramPath = %q, want it to end in mamori.exe", p)
	}
}
