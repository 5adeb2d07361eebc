package agent

import (
	"context"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/logfmt"
)

// TestWritesBesideThePolicyCostOneJudgeASecond: before an organisation's
// Policies key exists, the agent watches HKCU\SOFTWARE, which other
// programs write to all day. A storm of such writes asks the judge at most
// once a second, each question covering the writes before it, and the
// last write is asked about.
func TestWritesBesideThePolicyCostOneJudgeASecond(t *testing.T) {
	var asked atomic.Int32
	a := &Agent{Log: logfmt.New(io.Discard), runCtx: context.Background(),
		Judge: func(_ context.Context, event []string, _ func(wire.Op)) error {
			if event[0] == "policy" {
				asked.Add(1)
			}
			return nil
		}}
	start := time.Now()
	for time.Since(start) < 2500*time.Millisecond {
		a.askPolicy()
		time.Sleep(10 * time.Millisecond)
	}
	last := asked.Load()
	time.Sleep(policyQuiet + 500*time.Millisecond)
	if n := asked.Load(); n < 2 || n > 4 || n == last {
		t.Errorf("%d writes in 2.5 s asked the judge %d times (%d before the last second): want one question a second, the last writes asked about", 250, n, last)
	}
}
