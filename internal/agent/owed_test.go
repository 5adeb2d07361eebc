package agent

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
)

// balloonsNotYet are notifications the agent shows itself (the tray
// icon's balloon on Windows) that cannot be shown at first: the icon is
// not there yet, and another, more urgent balloon waits for it
// (tray.ErrIconNotYet).
type balloonsNotYet struct {
	mu    sync.Mutex
	fail  int // Shows still to fail
	shown []string
}

func (b *balloonsNotYet) Listen(ctx context.Context, _ func([]string)) error {
	<-ctx.Done()
	return nil
}

func (b *balloonsNotYet) Show(_ context.Context, m msg.Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail > 0 {
		b.fail--
		return errors.New("the tray icon is not there yet, and a more urgent notification waits for it")
	}
	b.shown = append(b.shown, m.Key)
	return nil
}

func (b *balloonsNotYet) Withdraw(context.Context, string) error { return nil }

func (b *balloonsNotYet) told() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.shown...)
}

// TestABalloonNotShownIsOwed: a notification the agent could not show is
// not told: it is tried again with the next run, as the announcer does
// with a notification server that is not there yet. (Red team, session 6:
// the judge hands the balloon to the agent and counts it as told whatever
// becomes of it, so a finding whose balloon could not be shown at sign-in
// was never told.)
func TestABalloonNotShownIsOwed(t *testing.T) {
	firewall := monitor.Func{Def: monitor.Spec{ID: "firewall"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.Critical, Advice: "firewall.off", Finding: monitor.T("finding.screen-lock.off")}
	}}
	a := newHere(t, hereOptions{
		Checks:   []monitor.Check{firewall},
		Settings: config.Store{Path: filepath.Join(t.TempDir(), "settings.json")},
	})
	b := &balloonsNotYet{fail: 1}
	a.Notes = b
	a.run(t)
	for deadline := time.Now().Add(10 * time.Second); len(a.state(t).Results) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no first sweep")
		}
	}
	time.Sleep(500 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := ipc.Call(ctx, a.Address, ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(b.told()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if len(b.told()) == 0 {
		t.Error("the critical finding whose balloon could not be shown was not told with the next run")
	}
}
