package notify

import (
	"context"
	"testing"

	"github.com/mamori-project/mamori/internal/command"
)

var hostile = Message{Key: "wifi", Summary: `Beware "fake" hotspots`, Body: "Connected to “'); Remove-Item C:\\ -Recurse #<b>&\"\\", Urgency: Critical}

func TestAppleScript(t *testing.T) {
	got := appleScript(hostile)
	want := `display notification "Connected to “'); Remove-Item C:\\ -Recurse #<b>&\"\\" with title "Mamori" subtitle "Beware \"fake\" hotspots"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// runRecorder stands in for Windows and macOS, which this machine is not.
type runRecorder struct{ calls [][]string }

func (r *runRecorder) Run(_ context.Context, n command.Name, args ...string) ([]byte, error) {
	r.calls = append(r.calls, append([]string{string(n)}, args...))
	return nil, nil
}
func (r *runRecorder) Has(command.Name) bool { return true }

func TestScriptRunsTheSystemNotifier(t *testing.T) {
	r := &runRecorder{}
	(&Script{Runner: r, System: "darwin"}).Show(context.Background(), hostile)
	if len(r.calls) != 1 || r.calls[0][0] != "osascript" {
		t.Errorf("calls %q", r.calls)
	}
	if err := (&Script{Runner: r, System: "windows"}).Show(context.Background(), hostile); err == nil {
		t.Error("a system without AppleScript was accepted")
	}
}
