package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

// a result that ended after the fix but whose run began before it
// (it read the setting before the fix wrote it: a dconf event from the
// fix's first write started it) ends the "Done" said in place, though the
// fix worked and the next result is OK.
func TestDoneKeptForARunBegunBeforeTheFix(t *testing.T) {
	test.NewApp()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	fixedAt := time.Date(2026, 12, 6, 6, 0, 0, 0, time.Local)
	st := &viewState{open: map[string]bool{}, fixed: map[string]string{"screen-lock": "Done. Mamori changed …"},
		fixedAt: map[string]time.Time{"screen-lock": fixedAt}}
	c := report.Check{ID: "screen-lock", Name: "Screen lock", Status: monitor.Critical, Finding: "off",
		CheckedAt: fixedAt.Add(300 * time.Millisecond), DurationMS: 900}
	checkRow(cat.Printer("en"), c, st, StatusActions{})
	if st.fixed["screen-lock"] == "" {
		t.Errorf("a run begun %v before the fix ended its Done", 600*time.Millisecond)
	}
}
