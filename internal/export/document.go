package export

import (
	"bytes"
	"encoding/json"
	"time"
)

// header is the document's first part; checks follow, one per line.
type header struct {
	Schema    int       `json:"schema"`
	Kind      string    `json:"kind"`
	User      string    `json:"user"`
	UID       string    `json:"uid"`
	Host      string    `json:"host"`
	Version   string    `json:"version"`
	LastSweep time.Time `json:"last_sweep"`
}

// line is one check in the document. User and UID are repeated so that a
// reader that takes the file line by line (osquery's file_lines) can tell
// whose it is, and check it against the file's owner.
type line struct {
	Check     string    `json:"check"`
	Status    string    `json:"status"`
	Finding   string    `json:"finding"`
	CheckedAt time.Time `json:"checked_at"`
	Policy    []string  `json:"policy"`
	UID       string    `json:"uid"`
	User      string    `json:"user"`
}

// Document is the snapshot as a JSON document, versioned (schema): one
// object whose "checks" list holds one check per line, so that both kinds
// of osquery table read it: those that flatten a JSON file (Kolide's
// kolide_json: checks/#check/status) and those that read a file's lines
// (fleetd's file_lines, then json_extract on a line, less its comma).
func Document(s Snapshot) []byte {
	var b bytes.Buffer
	h, _ := json.Marshal(header{Schema: Schema, Kind: "mamori.results", User: s.User, UID: s.UID, Host: s.Host, Version: s.Version, LastSweep: s.At.UTC()})
	b.Write(h[:len(h)-1]) // without its closing brace: "checks" follows
	b.WriteString(",\n\"checks\": [\n")
	for i, r := range s.Results {
		policy := r.Policy
		if policy == nil {
			policy = []string{}
		}
		l, _ := json.Marshal(line{Check: r.Check, Status: string(r.Status), Finding: r.Finding, CheckedAt: r.CheckedAt.UTC(), Policy: policy, UID: s.UID, User: s.User})
		b.Write(l)
		if i < len(s.Results)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}
