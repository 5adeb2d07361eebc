package ipc

import (
	"maps"
	"slices"
	"strconv"

	"github.com/mamori-project/mamori/internal/jsonv"
)

// encode is r as one JSON line, as encoding/json writes a Response (which
// the windows read it with), with Status as the raw document it is,
// compacted (a line break in it would end the line early); a document that
// is not JSON (a damaged file) goes as an error.
func (r Response) encode() []byte {
	if len(r.Status) > 0 {
		if _, err := jsonv.Parse(r.Status); err != nil {
			r = Response{Error: "the status document is damaged: " + err.Error()}
		}
	}
	b := []byte(`{"ok":`)
	b = strconv.AppendBool(b, r.OK)
	str := func(name, v string) {
		if v != "" {
			b = append(b, `,"`+name+`":`...)
			b = append(b, jsonv.Quote(v)...)
		}
	}
	str("error", r.Error)
	str("warning", r.Warning)
	if len(r.Status) > 0 {
		b = append(b, `,"status":`...)
		b = jsonv.Compact(b, r.Status)
	}
	if st := r.Stats; st != nil {
		b = append(b, `,"stats":{"goroutines":`...)
		b = strconv.AppendInt(b, int64(st.Goroutines), 10)
		b = append(b, `,"heap_alloc":`...)
		b = strconv.AppendUint(b, st.HeapAlloc, 10)
		b = append(b, `,"heap_sys":`...)
		b = strconv.AppendUint(b, st.HeapSys, 10)
		if len(st.Memory) > 0 {
			b = append(b, `,"memory":{`...)
			for i, k := range slices.Sorted(maps.Keys(st.Memory)) {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, jsonv.Quote(k)...)
				b = append(b, ':')
				b = strconv.AppendUint(b, st.Memory[k], 10)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	if sh := r.Show; sh != nil {
		b = append(b, `,"show":{`...)
		sep := ""
		if sh.Check != "" {
			b = append(b, `"check":`...)
			b = append(b, jsonv.Quote(sh.Check)...)
			sep = ","
		}
		if sh.Fix {
			b = append(b, sep+`"fix":true`...)
		}
		b = append(b, '}')
	}
	if r.Quit {
		b = append(b, `,"quit":true`...)
	}
	if r.PID != 0 {
		b = append(b, `,"pid":`...)
		b = strconv.AppendInt(b, int64(r.PID), 10)
	}
	return append(b, "}\n"...)
}

// encode is req as one JSON line.
func (req Request) encode() []byte {
	b := []byte(`{"cmd":`)
	b = append(b, jsonv.Quote(req.Cmd)...)
	if req.Check != "" {
		b = append(b, `,"check":`...)
		b = append(b, jsonv.Quote(req.Check)...)
	}
	if req.Fix {
		b = append(b, `,"fix":true`...)
	}
	return append(b, "}\n"...)
}

// parseRequest reads a request line as encoding/json would read a Request:
// fields it does not know are ignored.
func parseRequest(line []byte) (Request, error) {
	v, err := jsonv.Parse(line)
	if err != nil {
		return Request{}, err
	}
	o, err := jsonv.AsObject(v)
	if err != nil || o == nil {
		return Request{}, jsonv.ErrNotObject
	}
	var g jsonv.Getter
	req := Request{Cmd: g.String(o, "cmd"), Check: g.String(o, "check"), Fix: g.Bool(o, "fix")}
	return req, g.Err
}
