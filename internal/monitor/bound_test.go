package monitor

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBounded(t *testing.T) {
	many := func(key string, n int) []Evidence {
		out := make([]Evidence, n)
		for i := range out {
			out[i] = Evidence{Key: key, Value: fmt.Sprint(key, i)}
		}
		return out
	}
	keys := func(n int) []Evidence {
		out := make([]Evidence, n)
		for i := range out {
			out[i] = Evidence{Key: fmt.Sprint("k", i), Value: "v"}
		}
		return out
	}
	tests := []struct {
		name     string
		in       []Evidence
		kept     int            // observations kept
		counts   map[string]int // counts of what was left out, by key
		maxValue int            // longest value, in runes
	}{
		{"few are kept as they are", many("file", 3), 3, map[string]int{}, 5},
		{"exactly the bound per key", many("file", MaxEvidencePerKey), MaxEvidencePerKey, map[string]int{}, 6},
		{"300,000 of one key", many("redirected", 300_000), MaxEvidencePerKey, map[string]int{"redirected": 300_000 - MaxEvidencePerKey}, 12},
		{"two keys over the bound", append(many("a", 30), many("b", 25)...), 2 * MaxEvidencePerKey, map[string]int{"a": 10, "b": 5}, 3},
		{"the bound in all", append(append(many("a", 20), many("b", 20)...), many("c", 20)...), MaxEvidence, map[string]int{"c": 20}, 3},
		{"many keys: five counts, then the rest together", keys(MaxEvidence + 10), MaxEvidence,
			map[string]int{"k40": 1, "k41": 1, "k42": 1, "k43": 1, "k44": 1, "more": 5}, 1},
		{"a long value is cut", []Evidence{{Key: "file", Value: strings.Repeat("パ", 500)}}, 1, map[string]int{}, MaxValue + 1},
		{"bytes that are not UTF-8 count one each", []Evidence{{Key: "file", Value: strings.Repeat("\xff", 500)}}, 1, map[string]int{}, MaxValue + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Result{Evidence: tt.in}
			got := in.Bounded()
			kept, counts, longest := 0, map[string]int{}, 0
			for _, e := range got.Evidence {
				if e.More > 0 {
					counts[e.Key] += e.More
					if !strings.Contains(e.Value, fmt.Sprint(e.More)) {
						t.Errorf("a count that does not say it: %+v", e)
					}
					continue
				}
				kept++
				longest = max(longest, utf8.RuneCountInString(e.Value))
				if strings.Contains(e.Value, "\xff") && e.Value[len(e.Value)-len("…"):] != "…" {
					t.Errorf("a cut value is not marked: %q", e.Value)
				}
			}
			if kept != tt.kept || !reflect.DeepEqual(counts, tt.counts) || longest != tt.maxValue {
				t.Errorf("kept %d, counts %v, longest %d; want %d, %v, %d", kept, counts, longest, tt.kept, tt.counts, tt.maxValue)
			}
			if again := got.Bounded(); !reflect.DeepEqual(again, got) {
				t.Errorf("bounding twice changed it:\n%v\n%v", got.Evidence, again.Evidence)
			}
			if len(tt.in) > 0 && tt.in[0].More != 0 {
				t.Error("the input was changed")
			}
		})
	}
}

func TestBoundedCutsAtARuneBoundary(t *testing.T) {
	s := strings.Repeat("a", MaxValue-1) + "日本"
	got := Cut(s, MaxValue)
	if want := strings.Repeat("a", MaxValue-1) + "日…"; got != want || !utf8.ValidString(got) {
		t.Errorf("Cut = %q", got)
	}
	if got := Cut("short", MaxValue); got != "short" {
		t.Errorf("Cut of a short string = %q", got)
	}
}

func TestBoundedFindingArgs(t *testing.T) {
	r := Result{Finding: T("finding.x", "Names", strings.Repeat("x", 1000), "Count", 300_000)}
	got := r.Bounded()
	if n := utf8.RuneCountInString(got.Finding.Args["Names"].(string)); n != MaxValue+1 {
		t.Errorf("a long argument kept %d runes", n)
	}
	if got.Finding.Args["Count"] != 300_000 {
		t.Errorf("the count changed: %v", got.Finding.Args["Count"])
	}
	if len(r.Finding.Args["Names"].(string)) != 1000 {
		t.Error("the original result's arguments were changed")
	}
}

// TestBoundedFindingLists: a finding's list keeps MaxListed items, each
// cut, and counts the rest in NamesMore, also once it has crossed as JSON;
// bounding twice changes nothing.
func TestBoundedFindingLists(t *testing.T) {
	names := make([]string, 300)
	for i := range names {
		names[i] = strings.Repeat("n", 500)
	}
	r := Result{Finding: T("finding.x", "Names", names, "Few", []string{"a", "b"})}
	got := r.Bounded()
	kept := got.Finding.Args["Names"].([]string)
	if len(kept) != MaxListed || utf8.RuneCountInString(kept[0]) != MaxValue+1 {
		t.Errorf("kept %d items of %d runes", len(kept), utf8.RuneCountInString(kept[0]))
	}
	if got.Finding.Args["NamesMore"] != 300-MaxListed {
		t.Errorf("NamesMore = %v, want %d", got.Finding.Args["NamesMore"], 300-MaxListed)
	}
	if _, ok := got.Finding.Args["FewMore"]; ok {
		t.Error("a short list was counted as cut")
	}
	if len(r.Finding.Args["Names"].([]string)) != 300 {
		t.Error("the original result's arguments were changed")
	}
	data, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var crossed Result
	if err := json.Unmarshal(data, &crossed); err != nil {
		t.Fatal(err)
	}
	again := crossed.Bounded()
	if n := len(again.Finding.Args["Names"].([]string)); n != MaxListed {
		t.Errorf("bounded again: %d items", n)
	}
	if again.Finding.Args["NamesMore"] != float64(300-MaxListed) {
		t.Errorf("bounded again: NamesMore = %#v", again.Finding.Args["NamesMore"])
	}
}
