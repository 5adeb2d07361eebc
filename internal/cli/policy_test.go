package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/policy"
)

// TestPolicyShow: every policy is printed with its effective value and
// source, as text and as JSON, and what could not be used is said.
func TestPolicyShow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mamori", "policies")
	for level, body := range map[string]string{
		"managed":     `{"ScreenLockMinutes": 3, "UpdateDays": 900}`,
		"recommended": `{"IdleSleepMinutes": 15}`,
	} {
		os.MkdirAll(filepath.Join(dir, level), 0o755)
		os.WriteFile(filepath.Join(dir, level, "corp.json"), []byte(body), 0o644)
	}
	set := policy.Channel{Read: policy.Files{Dir: dir, Owner: os.Getuid()}.Read}.Set()
	person := filepath.Join(t.TempDir(), "settings.json")
	os.WriteFile(person, []byte(`{"language": "ja"}`), 0o600)
	store := config.Store{Path: person, Policy: set}

	var out, errOut bytes.Buffer
	if code := Policy([]string{"show"}, PolicyEnv{Stdout: &out, Stderr: &errOut, Set: set, Store: store}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	for _, want := range []string{
		"ScreenLockMinutes            3",
		"managed policy (locked)  " + filepath.Join(dir, "managed", "corp.json"),
		"IdleSleepMinutes             15",
		"recommended policy",
		`Language                     "ja"`,
		"user settings",
		"UpdateDays: 900 is outside 1 to 90",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}

	out.Reset()
	if code := Policy([]string{"show", "--json"}, PolicyEnv{Stdout: &out, Stderr: &errOut, Set: set, Store: store}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Policies []policy.Row
		Problems []string
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Policies) != len(policy.Schema) || len(doc.Problems) != 1 {
		t.Errorf("%d policies, problems %v", len(doc.Policies), doc.Problems)
	}
	for _, r := range doc.Policies {
		if r.Policy == "UpdateDays" && (r.Source != policy.FromDefault || r.Value != float64(7)) {
			t.Errorf("a refused value must leave the default: %+v", r)
		}
	}
	if code := Policy(nil, PolicyEnv{Stdout: &out, Stderr: &errOut}); code != 64 {
		t.Errorf("no subcommand: exit %d", code)
	}
}

// TestCheckJSONSaysWhichPolicyShaped: check --json names, per check, the
// policies that shaped its verdict, and nothing for the others.
func TestCheckJSONSaysWhichPolicyShaped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mamori", "policies")
	os.MkdirAll(filepath.Join(dir, "managed"), 0o755)
	os.WriteFile(filepath.Join(dir, "managed", "corp.json"), []byte(`{"ScreenLockMinutes": 3, "Checks": {"antivirus": "required"}}`), 0o644)
	set := policy.Channel{Read: policy.Files{Dir: dir, Owner: os.Getuid()}.Read}.Set()
	var out, errOut bytes.Buffer
	Check(t.Context(), []string{"--json"}, Env{
		Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" },
		Now: func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }, Checks: fixedChecks(),
		Shaped: func(id string) []string { return set.Shaped(id, nil) },
	})
	var doc struct {
		Checks []struct {
			ID     string
			Policy []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err, out.String())
	}
	want := map[string]string{"screen-lock": "ScreenLockMinutes", "antivirus": "Checks", "os-updates": "", "idle-power": ""}
	for _, c := range doc.Checks {
		if got := strings.Join(c.Policy, ","); got != want[c.ID] {
			t.Errorf("%s: policy %q, want %q", c.ID, got, want[c.ID])
		}
	}
}
