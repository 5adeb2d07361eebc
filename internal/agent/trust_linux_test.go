package agent

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestTrustUnderPolicy: the agent, on a private session bus with a
// notification server that records and clicks, finds a public hotspot
// and the person clicks Trust this network. With the trusted networks
// set by managed policy, the notification does not offer Trust, and a
// click on one shown before the policy came is refused with a log line:
// the person's file stays byte for byte, and the network is not trusted.
// Without a lock, the network is added to the person's own list, and a
// recommended list is not copied in. (Red team, session 3, finding 2: the
// managed list was written over the person's, and the agent trusted the
// network until it restarted.)
func TestTrustUnderPolicy(t *testing.T) {
	const file = `{"trusted_networks": [{"ssid": "Home", "security": "wpa3-personal"}]}`
	const office = `{"TrustedNetworks": [{"ssid": "Office", "security": "wpa2-personal"}]}`
	for _, tc := range []struct {
		name string
		// before is the policy as the agent starts, after the one in
		// force when the person clicks ("" for none).
		before, after policy.Level
		offered       bool
		wantFile      []string // the networks in the person's file after the click
		// wantInEffect is what the agent trusts after the click; nil
		// for "not Cafe" (the agent reads a policy that came while it
		// runs at its next reading of the settings).
		wantInEffect []string
	}{
		{name: "managed from the start", before: policy.Managed, after: policy.Managed, offered: false, wantFile: []string{"Home"}, wantInEffect: []string{"Office"}},
		{name: "managed after the notification", before: -1, after: policy.Managed, offered: true, wantFile: []string{"Home"}},
		{name: "recommended", before: policy.Recommended, after: policy.Recommended, offered: true, wantFile: []string{"Home", "Cafe"}, wantInEffect: []string{"Home", "Cafe"}},
		{name: "no policy", before: -1, after: -1, offered: true, wantFile: []string{"Home", "Cafe"}, wantInEffect: []string{"Home", "Cafe"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testenv.DBusSession(t)
			notes, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			policies := filepath.Join(dir, "mamori", "policies")
			os.MkdirAll(policies, 0o755)
			setPolicy := func(level policy.Level) {
				os.RemoveAll(filepath.Join(policies, "managed"))
				os.RemoveAll(filepath.Join(policies, "recommended"))
				if level < 0 {
					return
				}
				os.MkdirAll(filepath.Join(policies, level.String()), 0o755)
				if err := os.WriteFile(filepath.Join(policies, level.String(), "corp.json"), []byte(office), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			setPolicy(tc.before)
			person := filepath.Join(dir, "settings.json")
			os.WriteFile(person, []byte(file), 0o600)
			hotspot := monitor.Func{Def: monitor.Spec{ID: "wifi"}, Fn: func(context.Context) monitor.Result {
				return monitor.Result{Status: monitor.Critical, Advice: "wifi.public", // a first result is told when critical
					Finding: monitor.T("finding.wifi.public", "Network", "Cafe", "Security", "WPA2"),
					Trust:   &monitor.WiFiNetwork{SSID: []byte("Cafe"), Security: "wpa2-personal"}}
			}}
			logs := &lockedLog{}
			a := newHere(t, hereOptions{
				Checks:   []monitor.Check{hotspot},
				Settings: config.Store{Path: person, Policy: policy.Channel{Read: policy.Files{Dir: policies, Owner: os.Getuid()}.Read}},
				Log:      logfmt.New(logs),
			})
			a.Notes = busNotes(t, s.Address)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- a.Run(ctx) }()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("the agent: %v", err)
				}
				if t.Failed() {
					t.Logf("agent log:\n%s", logs.String())
				}
			}()

			note := notes.Next(t, 30*time.Second)
			if offered := slices.Contains(note.Actions, notify.ActionTrust); offered != tc.offered {
				t.Errorf("Trust this network offered %v, want %v: %v", offered, tc.offered, note.Actions)
			}
			setPolicy(tc.after)
			// The agent learns the notification's ID when the server's
			// reply reaches it, and listens for actions from its start:
			// a click before either would go unheard.
			time.Sleep(500 * time.Millisecond)
			if !tc.offered {
				// A server that hands back an action it was not
				// offered is not believed; nothing more to click.
				notes.Invoke(note.ID, notify.ActionTrust)
			} else if err := notes.Invoke(note.ID, notify.ActionTrust); err != nil {
				t.Fatal(err)
			}
			locked := tc.after == policy.Managed
			if locked && tc.offered {
				waitFor(t, "the refusal in the log", 5*time.Second, func() bool {
					return strings.Contains(logs.String(), "Trust this network refused")
				})
			}
			if !locked {
				waitFor(t, "the trusted network in the file", 5*time.Second, func() bool {
					b, _ := os.ReadFile(person)
					return strings.Contains(string(b), "Cafe")
				})
			}
			time.Sleep(200 * time.Millisecond)
			data, _ := os.ReadFile(person)
			if locked && string(data) != file {
				t.Errorf("the person's file changed:\n%s", data)
			}
			own, _ := config.Store{Path: person}.Load()
			if got := names(own.TrustedNetworks); !slices.Equal(got, tc.wantFile) {
				t.Errorf("the person's file trusts %v, want %v:\n%s", got, tc.wantFile, data)
			}
			// What the judge of the run the click asked for read.
			time.Sleep(500 * time.Millisecond)
			got := names(a.CurrentSettings().TrustedNetworks)
			if tc.wantInEffect == nil && slices.Contains(got, "Cafe") || tc.wantInEffect != nil && !slices.Equal(got, tc.wantInEffect) {
				t.Errorf("the agent trusts %v, want %v", got, tc.wantInEffect)
			}
		})
	}
}

func names(ns []config.TrustedNetwork) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.SSID)
	}
	return out
}

// waitFor polls cond until it holds or within passes.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
