package check

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// TestLimitsFollowPolicy: an organisation's thresholds (internal/policy,
// through Deps.Limits) move the line between ok and warn; zero keeps
// Mamori's own.
func TestLimitsFollowPolicy(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	yes := true
	tests := []struct {
		name  string
		judge func(max time.Duration) monitor.Result
		max   time.Duration
		want  monitor.Status
	}{
		{"lock in 4 min, Mamori's 5", func(max time.Duration) monitor.Result {
			return judgeLock(lockPolicy{Max: max, Desktop: "GNOME", Enabled: true, Idle: 4 * time.Minute})
		}, 0, monitor.OK},
		{"lock in 4 min, policy's 3", func(max time.Duration) monitor.Result {
			return judgeLock(lockPolicy{Max: max, Desktop: "GNOME", Enabled: true, Idle: 4 * time.Minute})
		}, 3 * time.Minute, monitor.Warn},
		{"lock in 8 min, policy's 10", func(max time.Duration) monitor.Result {
			return judgeLock(lockPolicy{Max: max, Desktop: "GNOME", Enabled: true, Idle: 8 * time.Minute})
		}, 10 * time.Minute, monitor.OK},
		{"sleep in 20 min, Mamori's 30", func(max time.Duration) monitor.Result {
			return judgePower(powerPolicy{Max: max, AC: sleepRule{Known: true, After: 20 * time.Minute}, LockOnSleep: &yes})
		}, 0, monitor.OK},
		{"sleep in 20 min, policy's 15", func(max time.Duration) monitor.Result {
			return judgePower(powerPolicy{Max: max, AC: sleepRule{Known: true, After: 20 * time.Minute}, LockOnSleep: &yes})
		}, 15 * time.Minute, monitor.Warn},
		{"index 4 days old, Mamori's 7", func(max time.Duration) monitor.Result {
			return judgeUpdatesWithin(updates.Report{IndexTime: now.Add(-4 * 24 * time.Hour), Auto: &yes}, now, max)
		}, 0, monitor.OK},
		{"index 4 days old, policy's 3", func(max time.Duration) monitor.Result {
			return judgeUpdatesWithin(updates.Report{IndexTime: now.Add(-4 * 24 * time.Hour), Auto: &yes}, now, max)
		}, 3 * 24 * time.Hour, monitor.Warn},
		{"Windows searched 4 days ago, policy's 3", func(max time.Duration) monitor.Result {
			return judgeWindowsUpdate(winUpdateFacts{MaxAge: max, Search: &winSearch{LastSearch: now.Add(-4 * 24 * time.Hour)}}, now)
		}, 3 * 24 * time.Hour, monitor.Warn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := tt.judge(tt.max); r.Status != tt.want {
				t.Errorf("%s (%s), want %s", r.Status, r.Finding.Key, tt.want)
			}
		})
	}
}

// TestRedirectsAllowedByPolicy: the hosts entries and roots an
// organisation allowed (by name, by SHA-256 of the certificate as read)
// are listed, not judged; others still are.
func TestRedirectsAllowedByPolicy(t *testing.T) {
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	der := []byte("a certificate's DER bytes")
	sum := sha256.Sum256(der)
	fp := hex.EncodeToString(sum[:])
	fsys := fstest.MapFS{"usr/local/share/ca-certificates/corp.crt": {Data: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}}
	cert := readCert(host.System{FS: fsys}, "/usr/local/share/ca-certificates/corp.crt")
	if cert.SHA256 != fp {
		t.Fatalf("fingerprint %q, want %q", cert.SHA256, fp)
	}
	hosts := parseHosts([]byte("10.0.0.5 Intranet.Example.JP\n"))
	for _, tt := range []struct {
		name         string
		roots, names []string
		want         monitor.Status
	}{
		{"nothing allowed", nil, nil, monitor.Warn},
		{"the host allowed, not the root", nil, []string{"intranet.example.jp"}, monitor.Warn},
		{"both allowed", []string{fp}, []string{"intranet.example.jp"}, monitor.OK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeRedirects(redirectFacts{Entries: hosts, Certs: []addedCert{cert}, AllowedRoots: tt.roots, AllowedHosts: tt.names}, sites)
			if r.Status != tt.want {
				t.Errorf("%s %v, want %s", r.Status, r.Evidence, tt.want)
			}
			if tt.want == monitor.OK && (r.Get("allowed-by-policy") == "" || r.Get("root-allowed-by-policy") == "") {
				t.Errorf("what policy allowed is not listed: %v", r.Evidence)
			}
		})
	}
}
