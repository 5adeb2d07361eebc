package export

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestDocumentIsJSONOneCheckPerLine: the document is one JSON object, and
// each check's line is an object of its own once its comma is cut.
func TestDocumentIsJSONOneCheckPerLine(t *testing.T) {
	doc := Document(sweep())
	var whole struct {
		Schema int
		UID    string
		Checks []map[string]any
	}
	if err := json.Unmarshal(doc, &whole); err != nil || whole.Schema != Schema || whole.UID != "1000" || len(whole.Checks) != 3 {
		t.Fatalf("document %v %+v:\n%s", err, whole, doc)
	}
	n := 0
	for _, l := range strings.Split(string(doc), "\n") {
		if !strings.HasPrefix(l, `{"check":`) {
			continue
		}
		var c map[string]any
		if err := json.Unmarshal([]byte(strings.TrimRight(l, ",")), &c); err != nil {
			t.Errorf("line %q: %v", l, err)
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d check lines", n)
	}
}

// osqueryFile is a file as osquery's file table and the content tables
// see it.
type osqueryFile struct {
	path string
	uid  int
	data []byte
}

// TestDocumentedQueries runs each query in docs/organisations/osquery.md
// with SQLite (osquery's engine) on tables shaped like osquery's file,
// fleetd's file_lines and Kolide's kolide_json, filled from documents
// Mamori wrote: hanako's own, and one she planted under jiro's user ID,
// which the queries must not believe.
func TestDocumentedQueries(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		testenv.Unavailable(t, "sqlite3 is not installed")
	}
	md, err := os.ReadFile(filepath.Join("..", "..", "docs", "organisations", "osquery.md"))
	if err != nil {
		t.Fatal(err)
	}
	queries := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)<!-- query: ([a-z-]+) -->\\s*```sql\\n(.*?)```").FindAllStringSubmatch(string(md), -1) {
		queries[m[1]] = m[2]
	}
	now := time.Now().UTC().Truncate(time.Second)
	hanako := sweep()
	hanako.Results[0].CheckedAt = now                      // disk-encryption: warn, now
	hanako.Results[1].CheckedAt = now.Add(-26 * time.Hour) // screen-lock: a day old
	planted := sweep()
	planted.User, planted.UID = "jiro", "1001"
	files := []osqueryFile{
		{"/var/lib/mamori/results/mamori-1000.json", 1000, Document(hanako)},
		{"/var/lib/mamori/results/mamori-1001.json", 1000, Document(planted)}, // owned by hanako
	}
	want := map[string][]string{
		"fleet-disk-encryption-not-ok":       {"/var/lib/mamori/results/mamori-1000.json|hanako|warn"},
		"fleet-screen-lock-older-than-a-day": {"/var/lib/mamori/results/mamori-1000.json|hanako|" + now.Add(-26*time.Hour).Format(time.RFC3339)},
		"fleet-policy-disk-encryption":       nil, // fails: a row only when it passes
		"kolide-disk-encryption-not-ok":      {"/var/lib/mamori/results/mamori-1000.json|warn"},
	}
	if len(queries) != len(want) {
		t.Errorf("docs have queries %v, the test knows %d", keys(queries), len(want))
	}
	db := filepath.Join(t.TempDir(), "osquery.db")
	sqlite(t, db, tables(t, files))
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			got := strings.Fields(sqlite(t, db, q))
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(want[name], "\n") {
				t.Errorf("rows %q, want %q", got, want[name])
			}
		})
	}
	// Once every disk is encrypted, the policy passes.
	hanako.Results[0].Status = "ok"
	files[0].data = Document(hanako)
	db2 := filepath.Join(t.TempDir(), "osquery.db")
	sqlite(t, db2, tables(t, files))
	if got := strings.TrimSpace(sqlite(t, db2, queries["fleet-policy-disk-encryption"])); got != "1" {
		t.Errorf("encrypted, the policy gives %q", got)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// tables is SQL that makes and fills osquery-shaped tables.
func tables(t *testing.T, files []osqueryFile) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE file (path TEXT, directory TEXT, filename TEXT, uid BIGINT);\n")
	b.WriteString("CREATE TABLE file_lines (path TEXT, line TEXT);\n")
	b.WriteString("CREATE TABLE kolide_json (path TEXT, fullkey TEXT, parent TEXT, key TEXT, value TEXT, query TEXT);\n")
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	for _, f := range files {
		fmt.Fprintf(&b, "INSERT INTO file VALUES (%s, %s, %s, %d);\n", q(f.path), q(filepath.Dir(f.path)), q(filepath.Base(f.path)), f.uid)
		for _, l := range strings.Split(strings.TrimSuffix(string(f.data), "\n"), "\n") {
			fmt.Fprintf(&b, "INSERT INTO file_lines VALUES (%s, %s);\n", q(f.path), q(l))
		}
		// Kolide's dataflatten with the query checks/#check: the list
		// keyed by each entry's check, every leaf a row.
		var doc struct{ Checks []map[string]any }
		if err := json.Unmarshal(f.data, &doc); err != nil {
			t.Fatal(err)
		}
		for _, c := range doc.Checks {
			id := fmt.Sprint(c["check"])
			for k, v := range c {
				if _, leaf := v.(string); !leaf {
					continue
				}
				fmt.Fprintf(&b, "INSERT INTO kolide_json VALUES (%s, %s, %s, %s, %s, 'checks/#check');\n",
					q(f.path), q("checks/"+id+"/"+k), q("checks/"+id), q(k), q(v.(string)))
			}
		}
	}
	return b.String()
}

func sqlite(t *testing.T, db, sql string) string {
	t.Helper()
	cmd := exec.Command("sqlite3", "-bail", db)
	cmd.Stdin = strings.NewReader(sql)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v\n%s\n%s", err, out, sql)
	}
	return string(out)
}
