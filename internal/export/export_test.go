package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// sweep is a snapshot like a real sweep's.
func sweep() Snapshot {
	at := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	return Snapshot{User: "hanako", UID: "1000", Host: "pc-01", Version: "0.1.0", At: at, Results: []Result{
		{Check: "disk-encryption", Status: monitor.Warn, Finding: "finding.disk-encryption.off", CheckedAt: at},
		{Check: "screen-lock", Status: monitor.Critical, Finding: "finding.screen-lock.off", CheckedAt: at.Add(-26 * time.Hour), Policy: []string{"ScreenLockMinutes"}},
		{Check: "wifi", Status: monitor.OK, Finding: "finding.wifi.ok", CheckedAt: at},
	}}
}

// exportDir is a directory as an administrator makes it: root's, 0755,
// or sticky and writable by all.
func exportDir(t *testing.T, mode os.FileMode) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "textfile")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestWriteRefusesAnUnsafeDirectory: a directory any account can write to
// without the sticky bit, or a link, is not written to.
func TestWriteRefusesAnUnsafeDirectory(t *testing.T) {
	for _, tt := range []struct {
		name string
		mode os.FileMode
		ok   bool
	}{
		{"root's, 0755", 0o755, true},
		{"sticky and writable by all", 0o777 | os.ModeSticky, true},
		{"writable by all, not sticky", 0o777, false},
		{"writable by its group, not sticky", 0o775, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := exportDir(t, tt.mode)
			err := Write(Targets{PrometheusDir: dir, ResultsDir: dir}, sweep())
			if (err == nil) != tt.ok {
				t.Fatalf("err %v, want ok %v", err, tt.ok)
			}
			_, statErr := os.Stat(filepath.Join(dir, "mamori-1000.prom"))
			if (statErr == nil) != tt.ok {
				t.Errorf("file written: %v", statErr == nil)
			}
		})
	}
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(exportDir(t, 0o755), link)
	if err := Write(Targets{PrometheusDir: link}, sweep()); err == nil {
		t.Error("wrote through a link")
	}
}

// freePort is a loopback port no one listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestNodeExporterServesTheTextfile: Debian's real node_exporter, its
// textfile collector pointed at the directory, serves Mamori's series at
// /metrics without a scrape error. Only the test opens a port.
func TestNodeExporterServesTheTextfile(t *testing.T) {
	exporter := "prometheus-node-exporter"
	if _, err := exec.LookPath(exporter); err != nil {
		testenv.Unavailable(t, "Debian's prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)")
	}
	dir := exportDir(t, 0o755)
	if err := Write(Targets{PrometheusDir: dir}, sweep()); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, exporter, fmt.Sprintf("--web.listen-address=127.0.0.1:%d", port),
		"--collector.disable-defaults", "--collector.textfile", "--collector.textfile.directory="+dir)
	out, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	logged := make(chan struct{})
	go func() { io.Copy(&log, out); close(logged) }()
	t.Cleanup(func() { cancel(); cmd.Wait(); <-logged })

	var body string
	for deadline := time.Now().Add(10 * time.Second); ; {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/metrics", port))
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("node_exporter did not answer: %v\n%s", err, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, want := range []string{
		`mamori_check_status{check="screen-lock",status="critical",uid="1000",user="hanako"} 1`,
		`mamori_check_status{check="screen-lock",status="ok",uid="1000",user="hanako"} 0`,
		`mamori_last_sweep_timestamp_seconds{uid="1000",user="hanako"} 1.7965476e+09`,
		`mamori_build_info{uid="1000",user="hanako",version="0.1.0"} 1`,
		`node_textfile_scrape_error 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s\nnode_exporter:\n%s", body, log.String())
	}
}

// TestPromtoolChecksTheTextfile: Prometheus' own linter passes the file.
func TestPromtoolChecksTheTextfile(t *testing.T) {
	promtool := requirePromtool(t)
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(string(Prometheus(sweep())))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
}

func requirePromtool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("promtool")
	if err != nil {
		testenv.Unavailable(t, "promtool is not installed (apt-get install prometheus)")
	}
	return p
}

// TestPromtoolRules runs the alert rules in docs against the series
// Mamori writes: promtool test rules, with the textfile's series as its
// input, each held for a day and a half.
func TestPromtoolRules(t *testing.T) {
	promtool := requirePromtool(t)
	rules, err := filepath.Abs(filepath.Join("..", "..", "docs", "organisations", "mamori-alerts.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var series strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(Prometheus(sweep()))))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "mamori_last_sweep") {
			continue
		}
		i := strings.LastIndexByte(l, ' ')
		fmt.Fprintf(&series, "      - series: '%s'\n        values: '%sx2160'\n", strings.ReplaceAll(l[:i], `'`, `''`), l[i+1:])
	}
	// The last sweep stops moving: the agent stopped at the start.
	series.WriteString("      - series: 'mamori_last_sweep_timestamp_seconds{uid=\"1000\",user=\"hanako\"}'\n        values: '0x2160'\n")
	test := fmt.Sprintf(`rule_files:
  - %s
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
%s    alert_rule_test:
      - eval_time: 30m
        alertname: MamoriCheckCritical
        exp_alerts: []
      - eval_time: 2h
        alertname: MamoriCheckCritical
        exp_alerts:
          - exp_labels: {severity: warning, check: screen-lock, status: critical, uid: "1000", user: hanako}
            exp_annotations: {summary: "Mamori: screen-lock is critical for hanako on "}
      - eval_time: 25h
        alertname: MamoriDiskNotEncrypted
        exp_alerts:
          - exp_labels: {severity: warning, check: disk-encryption, status: ok, uid: "1000", user: hanako}
            exp_annotations: {summary: "Mamori: disk encryption is not ok for hanako on "}
      - eval_time: 1d
        alertname: MamoriStale
        exp_alerts: []
      - eval_time: 36h
        alertname: MamoriStale
        exp_alerts: []
`, rules, series.String())
	file := filepath.Join(t.TempDir(), "test.yml")
	os.WriteFile(file, []byte(test), 0o644)
	out, err := exec.Command(promtool, "test", "rules", file).CombinedOutput()
	if err != nil {
		t.Errorf("promtool test rules: %v\n%s\n%s", err, out, test)
	}
}
