package wifi

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed public-ssids.json
var publicJSON []byte

// PublicNetwork is a known public hotspot name.
type PublicNetwork struct {
	SSID   string `json:"ssid"`
	Region string `json:"region"`
	Conf   string `json:"conf"`
	Note   string `json:"note"`
}

// Catalog recognises public hotspot names.
type Catalog struct {
	exact    map[string]PublicNetwork // lower-cased SSID
	words    map[string]bool
	suffixes []string
	phrases  []string
	katakana []string
}

// LoadCatalog reads the embedded catalogue.
func LoadCatalog() (*Catalog, error) { return parseCatalog(publicJSON) }

func parseCatalog(data []byte) (*Catalog, error) {
	var doc struct {
		Networks []PublicNetwork `json:"networks"`
		Words    []string        `json:"words"`
		Suffixes []string        `json:"word_suffixes"`
		Phrases  []string        `json:"phrases"`
		Katakana []string        `json:"katakana_words"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parsing the public network catalogue: %w", err)
	}
	c := &Catalog{exact: map[string]PublicNetwork{}, words: map[string]bool{}, suffixes: doc.Suffixes, phrases: doc.Phrases, katakana: doc.Katakana}
	for _, n := range doc.Networks {
		c.exact[strings.ToLower(n.SSID)] = n
	}
	for _, w := range doc.Words {
		c.words[strings.ToLower(w)] = true
	}
	return c, nil
}

// Match is why a name looks public.
type Match struct {
	// Known is the catalogue entry for a known hotspot name; nil for a
	// generic word.
	Known *PublicNetwork
	// Word is the generic word or phrase that matched.
	Word string
}

// Lookup reports whether ssid looks like a public network's name.
func (c *Catalog) Lookup(ssid []byte) (Match, bool) {
	if !utf8.Valid(ssid) || len(ssid) == 0 {
		return Match{}, false
	}
	s := string(ssid)
	if n, ok := c.exact[strings.ToLower(strings.TrimSpace(s))]; ok {
		return Match{Known: &n}, true
	}
	for _, p := range c.phrases {
		if strings.Contains(strings.ToLower(s), strings.ToLower(p)) {
			return Match{Word: p}, true
		}
	}
	for _, k := range c.katakana {
		if containsKatakanaWord(s, k) {
			return Match{Word: k}, true
		}
	}
	for _, tok := range tokens(s) {
		if c.words[tok] {
			return Match{Word: tok}, true
		}
		for _, suf := range c.suffixes {
			if stem, ok := strings.CutSuffix(tok, suf); ok && c.words[stem] {
				return Match{Word: stem}, true
			}
		}
	}
	return Match{}, false
}

// tokens splits a name into lower-case words at anything that is not a
// letter or digit, and at lower-to-upper case changes ("GuestNet" → guest,
// net), so that "freedom-5G" yields "freedom", never "free". "Wi-Fi" and
// "WiFi" are joined back to "wifi" first, so "FreeWiFi" yields free, wifi.
func tokens(s string) []string {
	s = strings.NewReplacer("Wi-Fi", "Wifi", "WI-FI", "Wifi", "wi-fi", "wifi", "WiFi", "Wifi", "WIFI", "Wifi").Replace(s)
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return out
}

// containsKatakanaWord reports whether word (katakana) stands in s without
// more katakana right after it: フリー in "フリーWi-Fi" but not in フリーダム.
func containsKatakanaWord(s, word string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return false
		}
		end := i + j + len(word)
		next, _ := utf8.DecodeRuneInString(s[end:])
		if end == len(s) || !unicode.Is(unicode.Katakana, next) && next != 'ー' {
			return true
		}
		i = end
	}
}
