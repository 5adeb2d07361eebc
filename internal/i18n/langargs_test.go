package i18n

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLangArgs: an argument written for a language (Names@ja) stands in
// for its own on that language's printer, with the count of what was cut
// from it, also once the text has crossed as JSON; other printers read the
// argument itself.
func TestLangArgs(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]any{
		"Names":    []string{"Quick Assist", "AnyDesk"},
		"Names@ja": []string{"クイック アシスト", "AnyDesk"},
		"Count":    2,
	}
	data, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	var crossed map[string]any
	if err := json.Unmarshal(data, &crossed); err != nil {
		t.Fatal(err)
	}
	cut := map[string]any{"Names": []string{"Quick Assist"}, "NamesMore": 20, "Names@ja": []string{"クイック アシスト"}, "Names@jaMore": 20, "Count": 21}
	for _, tt := range []struct {
		name, lang string
		args       map[string]any
		want       []string
		not        []string
	}{
		{"Japanese", "ja", args, []string{"クイック アシスト、AnyDesk"}, []string{"Quick Assist"}},
		{"English", "en", args, []string{"Quick Assist, AnyDesk"}, []string{"クイック"}},
		{"Japanese, crossed as JSON", "ja", crossed, []string{"クイック アシスト、AnyDesk"}, []string{"Quick Assist"}},
		{"Japanese, cut", "ja", cut, []string{"クイック アシストほか20件"}, []string{"Quick Assist"}},
		{"English, cut", "en", cut, []string{"Quick Assist and 20 more"}, []string{"クイック"}},
		{"Japanese, no name for it", "ja", map[string]any{"Names": []string{"AnyDesk"}, "Count": 1}, []string{"AnyDesk"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Printer(tt.lang).T("finding.remote-control.running", tt.args)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %q, want it to hold %q", got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("got %q, which holds %q", got, n)
				}
			}
		})
	}
	if _, ok := args["Names@ja"]; !ok || args["Names"].([]string)[0] != "Quick Assist" {
		t.Errorf("rendering changed its arguments: %v", args)
	}
}
