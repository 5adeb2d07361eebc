package agent

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/export"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestExportAfterEachRun: the agent hands each run's results to Export,
// which writes them where an organisation's collector reads them.
func TestExportAfterEachRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "textfile")
	os.Mkdir(out, 0o755)
	ok := monitor.Func{Def: monitor.Spec{ID: "screen-lock"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.Critical, Finding: monitor.T("finding.screen-lock.off")}
	}}
	written := make(chan struct{}, 1)
	a := newHere(t, hereOptions{
		Checks:   []monitor.Check{ok},
		Settings: config.Store{Path: filepath.Join(dir, "settings.json")},
		Export: func(results []monitor.Result) {
			if err := export.Sweep(export.Targets{PrometheusDir: out}, "hanako", "1000", "pc", "0.1.0", results, nil, time.Now()); err != nil {
				t.Error(err)
			}
			select {
			case written <- struct{}{}:
			default:
			}
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	select {
	case <-written:
	case err := <-done:
		t.Fatalf("the agent ended: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("no export after the first run")
	}
	cancel()
	<-done
	data, err := os.ReadFile(filepath.Join(out, "mamori-1000.prom"))
	if err != nil || !strings.Contains(string(data), `mamori_check_status{user="hanako",uid="1000",check="screen-lock",status="critical"} 1`) {
		t.Errorf("textfile %v:\n%s", err, data)
	}
}
