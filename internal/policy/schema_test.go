package policy

import (
	"strings"
	"testing"
)

// TestChecksPolicyEntries (finding 8): an unknown check ID is reported,
// and one entry that is not text costs only itself, not the required
// checks beside it.
func TestChecksPolicyEntries(t *testing.T) {
	set := Resolve([]Value{{Name: "Checks", Level: Managed, Source: "b.json", Raw: map[string]any{"firewall": "required", "wifi": true, "wifii": "off"}}})
	if got := set.Required(); len(got) != 1 || got[0] != "firewall" {
		t.Errorf("required %v, want [firewall]: one bad entry cost the whole policy", got)
	}
	if len(set.Problems) != 1 || !strings.Contains(set.Problems[0].Error(), "wifi: true is not text") {
		t.Errorf("problems %v, want one about wifi", set.Problems)
	}
	unknown := set.UnknownChecks([]string{"firewall", "wifi"})
	if len(unknown) != 1 || !strings.Contains(unknown[0].Error(), `b.json: Checks: "wifii" is not a check Mamori has`) {
		t.Errorf("unknown %v, want one naming wifii", unknown)
	}
	if u := set.UnknownChecks(nil); u != nil {
		t.Errorf("with no checks known, nothing can be judged: %v", u)
	}
}
