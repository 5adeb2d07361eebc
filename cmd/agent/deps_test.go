package main

import (
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestAgentLinksOnlyWhatItRuns keeps out of the resident agent the
// packages only the checks need: every package linked costs resident
// memory for its code and tables, whether it runs or not (bench/RESULTS.md).
func TestAgentLinksOnlyWhatItRuns(t *testing.T) {
	deps := testenv.Deps(t, ".")
	for _, banned := range []string{
		"github.com/mamori-project/mamori/internal/check", // the worker runs the checks
		"regexp",                      // a check's parser may want it; the agent parses no such text
		"github.com/mdlayher/netlink", // the Wi-Fi watch reads its few netlink messages itself (internal/watch/genl.go)
		"howett.net/plist",            // only the Mac's policy channel reads a property list (internal/policy/macplist)
	} {
		if slices.Contains(deps, banned) {
			t.Errorf("the agent links %s", banned)
		}
	}
}
