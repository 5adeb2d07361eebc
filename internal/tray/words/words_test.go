package words

import (
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/tray"
)

func printer(t *testing.T, lang string) *i18n.Printer {
	t.Helper()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c.Printer(lang)
}

func result(id string, st monitor.Status, advice string) monitor.Result {
	return monitor.Result{CheckID: id, Status: st, Advice: advice}
}

func TestBuild(t *testing.T) {
	en := printer(t, "en")
	tests := []struct {
		name    string
		results []monitor.Result
		snoozed bool
		status  monitor.Status
		tooltip string
		entries []tray.Entry
	}{
		{name: "no results yet", status: monitor.Unknown, tooltip: "Mamori: checking…"},
		{
			name:    "all fine",
			results: []monitor.Result{result("screen-lock", monitor.OK, "screen-lock"), result("wifi", monitor.NotApplicable, "wifi")},
			status:  monitor.OK, tooltip: "Mamori: everything checked is OK",
		},
		{
			name:    "one could not tell",
			results: []monitor.Result{result("screen-lock", monitor.OK, "screen-lock"), result("antivirus", monitor.Unknown, "antivirus")},
			status:  monitor.Unknown, tooltip: "Mamori: some checks could not tell",
		},
		{
			name: "failing checks, worst first, each an entry",
			results: []monitor.Result{
				result("antivirus", monitor.Warn, "antivirus.none"),
				result("screen-lock", monitor.Unknown, "screen-lock"),
				result("os-updates", monitor.Critical, "os-updates.security"),
			},
			status: monitor.Critical, tooltip: "Mamori: 2 things need attention",
			entries: []tray.Entry{{Check: "os-updates", Label: "Install the security updates"}, {Check: "antivirus", Label: "Use security software"}},
		},
		{
			name:    "one failing, snoozed",
			results: []monitor.Result{result("screen-lock", monitor.Critical, "screen-lock.off")},
			snoozed: true,
			status:  monitor.Critical, tooltip: "Mamori: 1 thing needs attention (notifications snoozed)",
			entries: []tray.Entry{{Check: "screen-lock", Label: "Turn on automatic screen lock"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Build(tt.results, en, tt.snoozed)
			if st.Status != tt.status || st.Tooltip != tt.tooltip || st.Snoozed != tt.snoozed {
				t.Errorf("got %s %q snoozed=%v, want %s %q", st.Status, st.Tooltip, st.Snoozed, tt.status, tt.tooltip)
			}
			if !slices.Equal(st.Entries, tt.entries) {
				t.Errorf("entries %q, want %q", st.Entries, tt.entries)
			}
			if st.Labels.Quit != "Quit Mamori" || st.Labels.CheckNow != "Check now" {
				t.Errorf("labels %+v", st.Labels)
			}
		})
	}
}

func TestBuildJapanese(t *testing.T) {
	st := Build([]monitor.Result{result("screen-lock", monitor.Critical, "screen-lock.off")}, printer(t, "ja"), false)
	ja := printer(t, "ja")
	if st.Labels.Quit != ja.T("tray.quit", nil) || st.Labels.Quit == "Quit Mamori" {
		t.Errorf("quit label %q is not the Japanese one", st.Labels.Quit)
	}
	if len(st.Entries) != 1 || st.Entries[0].Label != ja.T("advice.screen-lock.off.title", nil) {
		t.Errorf("entries %q", st.Entries)
	}
	if st.Tooltip == "" || st.Tooltip == printer(t, "en").T("tray.tooltip.issues", map[string]any{"Count": 1}) {
		t.Errorf("tooltip %q is not Japanese", st.Tooltip)
	}
}
