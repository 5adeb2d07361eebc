package notify

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/mamori-project/mamori/internal/command"
)

var hostile = Message{Key: "wifi", Summary: `Beware "fake" hotspots`, Body: "Connected to “'); Remove-Item C:\\ -Recurse #<b>&\"\\", Urgency: Critical}

func TestToastScript(t *testing.T) {
	s := toastScript(hostile, "io.example.App")
	// The body's quote is doubled inside the PowerShell string; the XML
	// special characters are escaped.
	if !strings.Contains(s, "&apos;&apos;); Remove-Item") && !strings.Contains(s, "&apos;); Remove-Item") {
		t.Errorf("quote not neutralised:\n%s", s)
	}
	if strings.Contains(s, "<b>") || !strings.Contains(s, "&lt;b&gt;&amp;&quot;") {
		t.Errorf("markup not escaped:\n%s", s)
	}
	if !strings.Contains(s, `scenario="urgent"`) || !strings.Contains(s, "$toast.Tag = 'wifi'") {
		t.Errorf("urgency or tag missing:\n%s", s)
	}
	// Every single quote in the script is either a delimiter or doubled.
	inner := s[strings.Index(s, "LoadXml('")+len("LoadXml('"):]
	inner = inner[:strings.Index(inner, "')\n")]
	if strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
		t.Errorf("a lone quote would end the PowerShell string: %s", inner)
	}
}

func TestEncodePowerShell(t *testing.T) {
	b, err := base64.StdEncoding.DecodeString(encodePowerShell("Write-Host 'é€'"))
	if err != nil || len(b)%2 != 0 {
		t.Fatal(err)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	if got := string(utf16.Decode(u)); got != "Write-Host 'é€'" {
		t.Errorf("round trip %q", got)
	}
}

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
	(&Script{Runner: r, System: "windows", AppID: "a"}).Show(context.Background(), hostile)
	if len(r.calls) != 2 || r.calls[0][0] != "osascript" || r.calls[1][0] != "powershell" || r.calls[1][3] != "-EncodedCommand" {
		t.Errorf("calls %q", r.calls)
	}
	if err := (&Script{Runner: r, System: "plan9"}).Show(context.Background(), hostile); err == nil {
		t.Error("an unknown system was accepted")
	}
}
