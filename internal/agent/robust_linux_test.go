package agent_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestNoSessionBusNoAutolaunch starts the agent with no session bus to be
// found and a dbus-launch on PATH that would record being run: godbus's
// fallback would start a bus that outlives the agent. The agent must not
// run it, must say why there is no tray icon, and must still answer.
func TestNoSessionBusNoAutolaunch(t *testing.T) {
	s := testenv.DBusSession(t)
	bin := t.TempDir()
	marker := filepath.Join(t.TempDir(), "launched")
	os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte("#!/bin/sh\ntouch "+marker+"\nexit 1\n"), 0o755)
	var env []string
	for _, kv := range s.Env {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	env = append(env, "PATH="+bin+":/usr/bin:/bin")
	cmd := exec.Command(agentBin)
	cmd.Env = env
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	eventually(t, "the status answer", 30*time.Second, func() bool {
		_, err := agentStatus(ipc.Address(s.Getenv))
		return err == nil
	})
	if _, err := os.Stat(marker); err == nil {
		t.Error("the agent ran dbus-launch")
	}
	if !strings.Contains(logs.String(), "no tray icon, no notifications") {
		t.Errorf("the log does not say why there is no tray icon:\n%s", logs.String())
	}
}

// TestServesAfterRunningOutOfDescriptors runs the agent with 40 file
// descriptors (prlimit) and holds open more connections than it can
// accept. Once they are gone it must answer again, and it must have said
// what happened.
func TestServesAfterRunningOutOfDescriptors(t *testing.T) {
	testenv.Require(t, "prlimit")
	s := testenv.DBusSession(t)
	cmd := exec.Command("prlimit", "--nofile=40:40", agentBin)
	cmd.Env = s.Env
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	addr := ipc.Address(s.Getenv)
	eventually(t, "the status answer", 30*time.Second, func() bool {
		_, err := agentStatus(addr)
		return err == nil
	})
	var held []net.Conn
	for range 60 {
		c, err := net.DialTimeout("unix", addr, time.Second)
		if err != nil {
			break // the backlog is full: the agent is not accepting
		}
		held = append(held, c)
	}
	time.Sleep(time.Second)
	for _, c := range held {
		c.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		if _, err := agentStatus(addr); err == nil {
			break
		} else if ctx.Err() != nil {
			t.Fatalf("the agent no longer answers: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "accepting a connection") || !strings.Contains(logs.String(), "too many open files") {
		t.Errorf("with %d connections held the agent did not run out of descriptors, or did not say so:\n%s", len(held), logs.String())
	}
}
