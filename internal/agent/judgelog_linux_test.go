package agent

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
)

// TestJudgeLogIsHeardAsItComes: the judge of a sweep logs each result as
// it judges it, and may run for minutes after (the package manager's
// simulation, on a busy machine); its log reaches the agent's at once,
// whole lines, not when the judge ends. (Found by the clean-clone run
// beside two busy loops: the end-to-end tests waited 30 s for a result the
// judge had logged long before.)
func TestJudgeLogIsHeardAsItComes(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "judge")
	script := "#!/bin/sh\nprintf 'level=INFO msg=\"check result\" check=wifi' >&2\nprintf ' status=ok\\n' >&2\nsleep 3\necho '{\"publish\":true}'\n"
	if err := os.WriteFile(prog, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	log := &lockedLog{}
	p := JudgeProgram{Program: prog, StateDir: dir, Stderr: log}
	done := make(chan error, 1)
	var ops []wire.Op
	go func() {
		done <- p.Judge(context.Background(), []string{"run"}, func(op wire.Op) { ops = append(ops, op) })
	}()
	waitFor(t, "the judge's log line while it runs", 2*time.Second, func() bool {
		return strings.Contains(log.String(), `check=wifi status=ok`+"\n")
	})
	select {
	case err := <-done:
		t.Fatalf("the judge ended already (%v): the test shows nothing", err)
	default:
	}
	if err := <-done; err != nil || len(ops) != 1 || !ops[0].Publish {
		t.Errorf("the judge: %v, ops %+v", err, ops)
	}
}
