package agent_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestAgentRestartsNotifyOnce starts the real agent five times in a row in
// one session with a critical finding standing (GNOME's screen lock off):
// the first start notifies, the next four say nothing (the 24-hour rule
// holds across starts), and Quit from the tray withdraws the notification
// the first start left, so none stays on the server with buttons that would
// do nothing.
func TestAgentRestartsNotifyOnce(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME").Setenv("LANG", "en_US.UTF-8")
	withoutPackageChecks(t, s)
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	desktop, _, w, notes := startDesktop(t, s)

	var summaries []string
	for start := 1; start <= 5; start++ {
		cmd, logs := startAgent(t, s)
		item, err := w.Next(30 * time.Second)
		if err != nil {
			t.Fatalf("start %d: %v\n%s", start, err, logs.String())
		}
		eventually(t, "the screen-lock finding", 60*time.Second, func() bool {
			return strings.Contains(logs.String(), "check=screen-lock status=critical")
		})
		if start == 1 {
			summaries = append(summaries, notes.Next(t, 30*time.Second).Summary)
		} else {
			eventually(t, "the decision not to repeat it", 30*time.Second, func() bool {
				return strings.Contains(logs.String(), "the same finding was shown recently")
			})
		}
		// Anything else this start had to say.
		for more := true; more; {
			select {
			case c := <-notes.Calls():
				summaries = append(summaries, c.Summary)
			case <-time.After(time.Second):
				more = false
			}
		}
		if start < 5 {
			// The session ends (a logout, a restart of the service).
			cmd.Process.Signal(os.Interrupt)
			if err := cmd.Wait(); err != nil {
				t.Fatalf("start %d: the agent exited with %v", start, err)
			}
			continue
		}
		if open := notes.Open(); len(open) != 1 {
			t.Errorf("on screen before Quit: %v, want the one notification", open)
		}
		layout(t, desktop, item)
		time.Sleep(300 * time.Millisecond)
		quit, ok := find(layout(t, desktop, item), "Quit Mamori")
		if !ok {
			t.Fatal("no Quit item")
		}
		click(t, desktop, item, quit.ID)
		if err := cmd.Wait(); err != nil {
			t.Errorf("Quit: the agent exited with %v", err)
		}
	}
	if len(summaries) != 1 || summaries[0] != "Turn on automatic screen lock" {
		t.Errorf("five starts notified %q, want the screen lock's notification once", summaries)
	}
	if open := notes.Open(); len(open) != 0 {
		t.Errorf("after Quit, notifications still on screen: %v", open)
	}
}

// TestAgentUndoIsNotNews undoes a fix as the status window does: it tells
// the agent first, then puts the setting back (GNOME's screen lock off).
// The change that follows is the person's own and is not announced, at
// once or at the next start.
func TestAgentUndoIsNotNews(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME").Setenv("LANG", "en_US.UTF-8")
	withoutPackageChecks(t, s)
	_, _, _, notes := startDesktop(t, s)
	cmd, logs := startAgent(t, s)
	eventually(t, "the start-up results", 60*time.Second, func() bool {
		return strings.Contains(logs.String(), "check=screen-lock status=ok")
	})
	time.Sleep(time.Second)
	for len(notes.Calls()) > 0 {
		<-notes.Calls()
	}
	socket := ipc.Address(s.Getenv)
	if _, err := ipc.Call(context.Background(), socket, ipc.Request{Cmd: ipc.CmdUndoing, Check: "screen-lock"}); err != nil {
		t.Fatal(err)
	}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	if _, err := ipc.Call(context.Background(), socket, ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the screen-lock check to re-run", 30*time.Second, func() bool {
		return strings.Contains(logs.String(), "check=screen-lock status=critical")
	})
	notes.None(t, 3*time.Second)

	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	_, logs = startAgent(t, s)
	eventually(t, "the next start's results", 60*time.Second, func() bool {
		return strings.Contains(logs.String(), "check=screen-lock status=critical")
	})
	notes.None(t, 3*time.Second)
}
