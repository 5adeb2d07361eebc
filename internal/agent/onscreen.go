package agent

import (
	"encoding/hex"
	"maps"
	"slices"
	"strconv"

	"github.com/mamori-project/mamori/internal/jsonv"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
)

// encodeOnScreen writes what is on screen as JSON, without encoding/json
// (the agent links none of it: see internal/jsonv); the network's name in
// hexadecimal, as it is raw bytes.
func encodeOnScreen(o msg.OnScreen) []byte {
	b := []byte(`{"bus":`)
	b = append(b, jsonv.Quote(o.Bus)...)
	b = append(b, `,"server":`...)
	b = append(b, jsonv.Quote(o.Server)...)
	b = append(b, `,"notes":{`...)
	for i, key := range slices.Sorted(maps.Keys(o.Notes)) {
		n := o.Notes[key]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, jsonv.Quote(key)...)
		b = append(b, `:{"id":`...)
		b = strconv.AppendUint(b, uint64(n.ID), 10)
		b = append(b, `,"actions":[`...)
		for j, a := range n.Actions {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, jsonv.Quote(a)...)
		}
		b = append(b, ']')
		if w := n.Network; w != nil {
			b = append(b, `,"network":{"ssid_hex":`...)
			b = append(b, jsonv.Quote(hex.EncodeToString(w.SSID))...)
			b = append(b, `,"security":`...)
			b = append(b, jsonv.Quote(w.Security)...)
			b = append(b, `,"bssid":`...)
			b = append(b, jsonv.Quote(w.BSSID)...)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, "}}\n"...)
}

// decodeOnScreen reads what encodeOnScreen wrote.
func decodeOnScreen(data []byte) (msg.OnScreen, error) {
	v, err := jsonv.Parse(data)
	if err != nil {
		return msg.OnScreen{}, err
	}
	o, err := jsonv.AsObject(v)
	if err != nil {
		return msg.OnScreen{}, err
	}
	var g jsonv.Getter
	out := msg.OnScreen{Bus: g.String(o, "bus"), Server: g.String(o, "server"), Notes: map[string]msg.Note{}}
	notes := g.Object(o, "notes")
	for _, key := range slices.Sorted(maps.Keys(notes)) {
		n, err := jsonv.AsObject(notes[key])
		if err != nil || n == nil {
			return msg.OnScreen{}, jsonv.ErrNotObject
		}
		id := g.Uint(n, "id")
		note := msg.Note{ID: uint32(id), Actions: g.Strings(n, "actions")}
		if id > 1<<32-1 {
			note.ID = 0 // not a notification's ID: Adopt skips it
		}
		if w := g.Object(n, "network"); w != nil {
			ssid, err := hex.DecodeString(g.String(w, "ssid_hex"))
			if err != nil {
				return msg.OnScreen{}, err
			}
			note.Network = &monitor.WiFiNetwork{SSID: ssid, Security: g.String(w, "security"), BSSID: g.String(w, "bssid")}
		}
		out.Notes[key] = note
	}
	return out, g.Err
}
