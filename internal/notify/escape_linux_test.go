package notify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestHostileFileNameEscapedOnceInNotification: a file in the person's
// Desktop has an ESC (0x1b) in its name. The real password-files check
// finds it, and the notification a recording notification server receives
// shows it as \u001B, once: not \\u001B, and not the raw ESC.
func TestHostileFileNameEscapedOnceInNotification(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "Desktop"), 0o755)
	if err := os.WriteFile(filepath.Join(home, "Desktop", "パスワード\x1b[31m.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	sys := host.Local()
	sys.Home = home
	sys.Getenv = func(string) string { return "" }
	r := (&check.PasswordFiles{Sys: sys}).Run(context.Background())
	r.CheckID = "password-files"
	if r.Status != monitor.Warn {
		t.Fatalf("the file was not found: %s %v", r.Status, r.Evidence)
	}

	// A server that renders markup: the body is also escaped for markup,
	// which must not touch the backslash.
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "body", "body-markup")
	if err != nil {
		t.Fatal(err)
	}
	a := &Announcer{Policy: &Policy{Enabled: true}, Printer: printer(t, "en"),
		Send: &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}}
	a.Handle(context.Background(), monitor.Change{Old: &monitor.Result{CheckID: r.CheckID, Status: monitor.OK}, New: r})
	c := srv.Next(t, 5*time.Second)
	if !strings.Contains(c.Body, `パスワード\u001B[31m.txt`) || strings.Contains(c.Body, `\\u001B`) || strings.Contains(c.Body, "\x1b") {
		t.Errorf("the body does not show the name escaped once: %q", c.Body)
	}
}
