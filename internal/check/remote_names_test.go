package check

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestRemoteToolsNamedAsTheSystemShows: a Japanese reader sees a tool by
// the name a Japanese system shows it (クイック アシスト), an English one by
// its own, in the finding as it reaches the window: bounded and crossed as
// JSON. The details keep the program's own name for whoever helps.
func TestRemoteToolsNamedAsTheSystemShows(t *testing.T) {
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		f        remoteFacts
		expected []string
		ja, en   string
	}{
		{"Quick Assist running", remoteFacts{Windows: true, Scanned: 1, Procs: []host.Process{{PID: 5, Name: "QuickAssist.exe"}}}, nil, "クイック アシスト", "Quick Assist"},
		{"Chrome Remote Desktop, expected", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{{PID: 8, Name: "chrome-remote-d"}}}, []string{"chrome-remote-desktop"}, "Chrome リモート デスクトップ", "Chrome Remote Desktop"},
		{"AnyDesk keeps its name", remoteFacts{ListenersRead: true, Scanned: 1, Procs: []host.Process{{PID: 7, Name: "anydesk"}}}, nil, "AnyDesk", "AnyDesk"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeRemote(tt.f, cat, tt.expected).Bounded()
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			var crossed monitor.Result
			if err := json.Unmarshal(data, &crossed); err != nil {
				t.Fatal(err)
			}
			ja := c.Printer("ja").T(crossed.Finding.Key, crossed.Finding.Args)
			en := c.Printer("en").T(crossed.Finding.Key, crossed.Finding.Args)
			if !strings.Contains(ja, tt.ja) || tt.ja != tt.en && strings.Contains(ja, tt.en) {
				t.Errorf("ja: %s; want %q in it, not %q", ja, tt.ja, tt.en)
			}
			if !strings.Contains(en, tt.en) {
				t.Errorf("en: %s; want %q in it", en, tt.en)
			}
			if ev := r.Get("running") + r.Get("expected"); !strings.Contains(ev, tt.en) {
				t.Errorf("details %q do not name the program as its maker does (%q)", ev, tt.en)
			}
		})
	}
}
