package agent_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestAgentWhoseStateDirectoryCannotBeMade: the person's state directory
// cannot be made (XDG_STATE_HOME is a file, as a root-owned ~/.local/state
// left by a program run with sudo is to the person). Mamori then keeps
// nothing across starts, and says so; it still starts, checks and answers
// its windows, as it did when it kept only what it notified.
func TestAgentWhoseStateDirectoryCannotBeMade(t *testing.T) {
	s := testenv.DBusSession(t)
	blocked := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s.Env = append(s.Env, "XDG_STATE_HOME="+blocked)
	// Not startAgent: its cleanup waits for the agent, and a Cmd is
	// waited for once; this test watches for its exit all along.
	cmd := exec.Command(agentBin)
	cmd.Env = s.Env
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	socket := ipc.Address(s.Getenv)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		select {
		case err := <-exited:
			t.Fatalf("the agent exited (%v):\n%s", err, logs.String())
		default:
		}
		if _, err := agentStatus(socket); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the agent does not answer:\n%s", logs.String())
		}
	}
}
