package i18n

import (
	"encoding/json"
	"testing"
)

func TestList(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	five := []string{"Chrome", "Firefox", "Edge", "Brave", "Vivaldi"}
	tests := []struct {
		lang  string
		items []string
		max   int
		more  int
		want  string
	}{
		{"en", nil, 3, 0, ""},
		{"en", []string{"Chrome"}, 3, 0, "Chrome"},
		{"en", []string{"Chrome", "Firefox"}, 3, 0, "Chrome, Firefox"},
		{"en", five[:3], 3, 0, "Chrome, Firefox, Edge"},
		{"en", five[:4], 3, 0, "Chrome, Firefox, Edge and 1 more"},
		{"en", five, 3, 0, "Chrome, Firefox, Edge and 2 more"},
		{"en", five, 3, 11, "Chrome, Firefox, Edge and 13 more"},
		{"en", five, 0, 0, "Chrome, Firefox, Edge, Brave, Vivaldi"},
		{"en", nil, 3, 4, "4 items"},
		{"ja", []string{"Chrome"}, 3, 0, "Chrome"},
		{"ja", []string{"Chrome", "Firefox"}, 3, 0, "Chrome、Firefox"},
		{"ja", five, 3, 0, "Chrome、Firefox、Edgeほか2件"},
		{"ja", five, 3, 11, "Chrome、Firefox、Edgeほか13件"},
		{"ja", five, 0, 0, "Chrome、Firefox、Edge、Brave、Vivaldi"},
		{"ja", nil, 3, 4, "4件"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.want, func(t *testing.T) {
			if got := c.Printer(tt.lang).List(tt.items, tt.max, tt.more); got != tt.want {
				t.Errorf("List(%q, %d, %d) = %q, want %q", tt.items, tt.max, tt.more, got, tt.want)
			}
		})
	}
}

// TestListArguments: a list handed to T, as a check hands it or as it
// arrives from the worker as JSON with a count of what was cut, is joined
// in the printer's language.
func TestListArguments(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var crossed map[string]any
	if err := json.Unmarshal([]byte(`{"Checks":["A","B","C","D"],"ChecksMore":9}`), &crossed); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		args map[string]any
		want string
	}{
		{"en", map[string]any{"Checks": []string{"Wi-Fi", "Firewall"}}, "Also needs attention: Wi-Fi, Firewall."},
		{"ja", map[string]any{"Checks": []string{"Wi-Fi", "ファイアウォール"}}, "ほかにも確認が必要な項目があります：Wi-Fi、ファイアウォール。"},
		{"ja", crossed, "ほかにも確認が必要な項目があります：A、B、Cほか10件。"},
		{"en", crossed, "Also needs attention: A, B, C and 10 more."},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := c.Printer(tt.lang).T("notify.also", tt.args); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, ok := crossed["Checks"].([]any); !ok {
		t.Error("T changed the arguments it was given")
	}
}
