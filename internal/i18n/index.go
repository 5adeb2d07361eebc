package i18n

import (
	"encoding/json"
	"strings"
)

// span is where a key's value lies in a catalogue: [start, end).
type span struct{ start, end int32 }

// indexCatalogue maps each key of a catalogue (a flat JSON object of
// strings and plural-form objects, as parseCatalogue reads it) to where its
// value lies in src. The keys are slices of src, so the index holds no
// copy of any text: the resident agent keeps the catalogue where the
// program's read-only data has it. A key written with escapes is decoded.
// It returns nil for a catalogue it cannot read; Load's parser, which the
// catalogues' tests run, says why.
//
// Hand-written rather than encoding/json's Decoder because the Decoder
// copies every key and value onto the heap, which is what the index is for
// avoiding; it only finds where values begin and end, and decodeText
// leaves the decoding to encoding/json.
func indexCatalogue(src string) map[string]span {
	sc := scanner{s: src}
	if len(src) > 1<<31-1 || !sc.skip('{') {
		return nil
	}
	idx := map[string]span{}
	if sc.skip('}') {
		return idx
	}
	for {
		kstart := sc.i
		if !sc.str() {
			return nil
		}
		key := src[kstart+1 : sc.i-1]
		if strings.IndexByte(key, '\\') >= 0 {
			if err := json.Unmarshal([]byte(src[kstart:sc.i]), &key); err != nil {
				return nil
			}
		}
		if !sc.skip(':') {
			return nil
		}
		sc.space()
		vstart := sc.i
		if !sc.value() {
			return nil
		}
		idx[key] = span{int32(vstart), int32(sc.i)}
		if sc.skip('}') {
			sc.space()
			if sc.i != len(src) {
				return nil
			}
			return idx
		}
		if !sc.skip(',') {
			return nil
		}
		sc.space()
	}
}

// decodeText decodes a catalogue value: a string, or an object of plural
// forms from which form is taken, or "other" where form is missing.
func decodeText(raw, form string) (string, bool) {
	if strings.HasPrefix(raw, `"`) {
		var text string
		if err := json.Unmarshal([]byte(raw), &text); err != nil {
			return "", false
		}
		return text, true
	}
	var forms map[string]string
	if err := json.Unmarshal([]byte(raw), &forms); err != nil {
		return "", false
	}
	if text, ok := forms[form]; ok {
		return text, true
	}
	text, ok := forms["other"]
	return text, ok
}

// scanner finds where JSON strings and values end; it decodes nothing.
type scanner struct {
	s string
	i int
}

func (sc *scanner) space() {
	for sc.i < len(sc.s) && strings.IndexByte(" \t\r\n", sc.s[sc.i]) >= 0 {
		sc.i++
	}
}

// skip passes white space and then c, if c is next.
func (sc *scanner) skip(c byte) bool {
	sc.space()
	if sc.i < len(sc.s) && sc.s[sc.i] == c {
		sc.i++
		return true
	}
	return false
}

// str passes a string, quotes included.
func (sc *scanner) str() bool {
	sc.space()
	if sc.i >= len(sc.s) || sc.s[sc.i] != '"' {
		return false
	}
	for sc.i++; sc.i < len(sc.s); sc.i++ {
		switch sc.s[sc.i] {
		case '\\':
			sc.i++
		case '"':
			sc.i++
			return true
		}
	}
	return false
}

// value passes a string or an object of strings (a plural form's), the
// only values a catalogue holds.
func (sc *scanner) value() bool {
	if sc.i < len(sc.s) && sc.s[sc.i] == '"' {
		return sc.str()
	}
	if !sc.skip('{') {
		return false
	}
	if sc.skip('}') {
		return true
	}
	for {
		if !sc.str() || !sc.skip(':') || !sc.str() {
			return false
		}
		if sc.skip('}') {
			return true
		}
		if !sc.skip(',') {
			return false
		}
	}
}
