package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestAgentLinksOnlyWhatItRuns keeps out of the resident agent the
// packages only the checks and the judge need: every package linked costs
// resident memory for its code and tables, whether it runs or not
// (bench/RESULTS.md). The agent keeps watch; the judge (internal/judge, in
// mamori-worker) decides, words and remembers, and the commands people
// type run there too.
func TestAgentLinksOnlyWhatItRuns(t *testing.T) {
	deps := testenv.Deps(t, ".")
	for _, banned := range []string{
		"github.com/mamori-project/mamori/internal/check", // the worker runs the checks
		"regexp",                      // a check's parser may want it; the agent parses no such text
		"github.com/mdlayher/netlink", // the Wi-Fi watch reads its few netlink messages itself (internal/watch/genl.go)
		"howett.net/plist",            // only the Mac's policy channel reads a property list (internal/policy/macplist)
		"github.com/mamori-project/mamori/internal/judge",      // the judge runs in the worker's program
		"github.com/mamori-project/mamori/internal/i18n",       // every word the person reads is the judge's
		"github.com/mamori-project/mamori/internal/report",     // the status document is the judge's file
		"github.com/mamori-project/mamori/internal/notify",     // the rules of what to say; the agent hears clicks (notify/msg)
		"github.com/mamori-project/mamori/internal/tray/words", // the tray's words
		"github.com/mamori-project/mamori/internal/config",     // the settings are read by the judge
		"github.com/mamori-project/mamori/internal/policy",     // and the organisation's policy
		"github.com/mamori-project/mamori/internal/export",     // the export is written after a run, by its judge
		"github.com/mamori-project/mamori/internal/cli",        // `mamori check` and the rest run in the worker
		"github.com/mamori-project/mamori/internal/worker",     // the judge starts the checks' workers
	} {
		if slices.Contains(deps, banned) {
			t.Errorf("the agent links %s", banned)
		}
	}
}

// TestAgentRunsNoReflectiveJSON: the agent reads the judge's ops and the
// windows' requests with internal/jsonv, and links none of encoding/json's
// encoder or decoder (their reflection and tables, about 0.2 MB of
// resident program; bench/RESULTS.md). The package itself is imported, by
// internal/ipc and internal/agent/wire for their other side, so the
// program's symbols are what tell.
func TestAgentRunsNoReflectiveJSON(t *testing.T) {
	bin, err := testenv.Build(t.TempDir(), "mamori", ".")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		for _, sym := range []string{"encoding/json.(*decodeState)", "encoding/json.(*encodeState)", "encoding/json.Unmarshal", "encoding/json.Marshal"} {
			if strings.Contains(line, sym) {
				t.Errorf("the agent links %s", strings.TrimSpace(line))
			}
		}
	}
}
