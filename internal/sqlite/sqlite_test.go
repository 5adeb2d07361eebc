package sqlite

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// makeDB writes a database with the real sqlite3 program and returns its
// bytes.
func makeDB(t *testing.T, sql string) []byte {
	t.Helper()
	testenv.Require(t, "sqlite3")
	file := filepath.Join(t.TempDir(), "db")
	cmd := exec.Command("sqlite3", file)
	cmd.Stdin = strings.NewReader(sql)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 && bytes.Contains(out, []byte("Error")) {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustTable(t *testing.T, data []byte, name string) *Table {
	t.Helper()
	db, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := db.Table(name)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestChromiumLogins reads a table shaped like Chromium's "Login Data"
// (its real CREATE TABLE, abridged) with enough rows for interior pages,
// and passwords long enough to overflow, in every page size.
func TestChromiumLogins(t *testing.T) {
	for _, pageSize := range []int{512, 4096, 65536} {
		t.Run(fmt.Sprint(pageSize), func(t *testing.T) {
			sql := fmt.Sprintf(`PRAGMA page_size=%d;
CREATE TABLE logins (origin_url VARCHAR NOT NULL, action_url VARCHAR, username_element VARCHAR, username_value VARCHAR, password_element VARCHAR, password_value BLOB, submit_element VARCHAR, signon_realm VARCHAR NOT NULL, date_created INTEGER NOT NULL, blacklisted_by_user INTEGER NOT NULL, scheme INTEGER NOT NULL, password_type INTEGER, times_used INTEGER, form_data BLOB, display_name VARCHAR, icon_url VARCHAR, federation_url VARCHAR, skip_zero_click INTEGER, generation_upload_status INTEGER, possible_username_pairs BLOB, id INTEGER PRIMARY KEY AUTOINCREMENT, date_last_used INTEGER NOT NULL DEFAULT 0, moving_blocked_for BLOB, date_password_modified INTEGER NOT NULL DEFAULT 0, UNIQUE (origin_url, username_element, username_value, password_element, signon_realm));
CREATE INDEX logins_signon ON logins (signon_realm);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 700)
INSERT INTO logins (origin_url, username_value, password_value, signon_realm, date_created, blacklisted_by_user, scheme, form_data)
  SELECT 'https://bank' || i || '.example.jp/', '口座' || i, randomblob(i * 7), 'https://bank' || i || '.example.jp/', 13300000000000000 + i, i %% 3 = 0, 0, zeroblob(i * 11) FROM n;
DELETE FROM logins WHERE id %% 50 = 7;
`, pageSize)
			tab := mustTable(t, makeDB(t, sql), "Logins")
			bl, id, user, pw := tab.Column("blacklisted_by_user"), tab.Column("id"), tab.Column("username_value"), tab.Column("password_value")
			if bl < 0 || id != 20 || len(tab.Columns) != 24 {
				t.Fatalf("columns %v (id %d)", tab.Columns, id)
			}
			var rows, saved int
			last := int64(0)
			err := tab.Rows(func(rowid int64, row []any) error {
				rows++
				if rowid <= last || row[id] != rowid {
					return fmt.Errorf("row %d after %d, id %v", rowid, last, row[id])
				}
				last = rowid
				if row[bl] == int64(0) {
					saved++
				}
				if want := fmt.Sprint("口座", rowid); row[user] != want {
					return fmt.Errorf("row %d: user %q", rowid, row[user])
				}
				if b, ok := row[pw].([]byte); !ok || len(b) != int(rowid)*7 {
					return fmt.Errorf("row %d: password of %d bytes", rowid, len(b))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			// 700 rows less the 14 deleted; a third of them "never save".
			wantSaved := 0
			for i := 1; i <= 700; i++ {
				if i%50 != 7 && i%3 != 0 {
					wantSaved++
				}
			}
			if rows != 686 || saved != wantSaved {
				t.Errorf("%d rows, %d saved; want 686, %d", rows, saved, wantSaved)
			}
		})
	}
}

// TestValues reads every kind of value SQLite stores, a table whose
// column was added after rows were written, UTF-16 text and reserved bytes
// at each page's end.
func TestValues(t *testing.T) {
	for _, enc := range []string{"UTF-8", "UTF-16le", "UTF-16be"} {
		t.Run(enc, func(t *testing.T) {
			data := makeDB(t, `PRAGMA encoding='`+enc+`';
CREATE TABLE "v w" ([a b] TEXT, `+"`n`"+` INTEGER, f REAL, k BLOB, PRIMARY KEY (n));
INSERT INTO "v w" VALUES ('パスワード 🔑', 0, 1.5, x'00ff');
INSERT INTO "v w" VALUES (NULL, 1, -2.25, NULL);
INSERT INTO "v w" VALUES ('x', -129, 0, x'');
INSERT INTO "v w" VALUES ('y', 9007199254740993, 1e300, NULL);
ALTER TABLE "v w" ADD COLUMN late INTEGER DEFAULT 5;
INSERT INTO "v w" VALUES ('z', 70000, 0, NULL, 6);
`)
			tab := mustTable(t, data, "v w")
			if fmt.Sprint(tab.Columns) != "[a b n f k late]" || tab.rowidCol != 1 {
				t.Fatalf("columns %q, row ID column %d", tab.Columns, tab.rowidCol)
			}
			var got []string
			tab.Rows(func(rowid int64, row []any) error {
				got = append(got, fmt.Sprintf("%d:%#v", rowid, row))
				return nil
			})
			want := []string{
				`-129:[]interface {}{"x", -129, 0, []uint8{}, interface {}(nil)}`,
				`0:[]interface {}{"パスワード 🔑", 0, 1.5, []uint8{0x0, 0xff}, interface {}(nil)}`,
				`1:[]interface {}{interface {}(nil), 1, -2.25, interface {}(nil), interface {}(nil)}`,
				`70000:[]interface {}{"z", 70000, 0, interface {}(nil), 6}`,
				`9007199254740993:[]interface {}{"y", 9007199254740993, 1e+300, interface {}(nil), interface {}(nil)}`,
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestReservedBytes: a file with bytes reserved at the end of each page
// (as encryption extensions leave) is read with the smaller usable size.
func TestReservedBytes(t *testing.T) {
	data := makeDB(t, `.filectrl reserve_bytes 32
PRAGMA page_size=1024;
CREATE TABLE t (v BLOB);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 50)
INSERT INTO t SELECT randomblob(i * 40) FROM n;
`)
	if data[20] != 32 {
		t.Skipf("this sqlite3 reserved %d bytes", data[20])
	}
	n, total := 0, 0
	err := mustTable(t, data, "t").Rows(func(_ int64, row []any) error {
		n++
		total += len(row[0].([]byte))
		return nil
	})
	if err != nil || n != 50 || total != 40*50*51/2 {
		t.Errorf("%d rows, %d bytes: %v", n, total, err)
	}
}

// TestDamaged: a truncated file, a page pointing at itself, an absent
// table and bytes that are not a database are errors, never a count.
func TestDamaged(t *testing.T) {
	data := makeDB(t, `PRAGMA page_size=512;
CREATE TABLE t (v TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 300)
INSERT INTO t SELECT printf('%.*c', i, 'x') FROM n;
`)
	count := func(d []byte) error {
		db, err := Open(d)
		if err != nil {
			return err
		}
		tab, err := db.Table("t")
		if err != nil {
			return err
		}
		return tab.Rows(func(int64, []any) error { return nil })
	}
	if err := count(data); err != nil {
		t.Fatalf("the whole file: %v", err)
	}
	if err := count(data[:len(data)/2]); err == nil {
		t.Error("half the file read without an error")
	}
	if _, err := Open([]byte("SQLite format 2\x00")); err != ErrNotSQLite {
		t.Errorf("not a database: %v", err)
	}
	db, _ := Open(data)
	if _, err := db.Table("logins"); err == nil || !strings.Contains(err.Error(), `no table "logins"`) {
		t.Errorf("absent table: %v", err)
	}
	// The table's root page (2, an interior page) made to point at itself.
	loop := bytes.Clone(data)
	if loop[512] != interiorTable {
		t.Fatalf("page 2 is of kind %#x", loop[512])
	}
	copy(loop[512+8:], []byte{0, 0, 0, 2})
	if err := count(loop); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a page pointing at itself: %v", err)
	}
}

// TestParseColumns covers the ways a CREATE TABLE names its columns.
func TestParseColumns(t *testing.T) {
	for _, c := range []struct {
		sql   string
		cols  string
		rowid int
	}{
		{"CREATE TABLE t(a, b)", "[a b]", -1},
		{"CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT DEFAULT (1,2), y CHECK (y > 0))", "[id x y]", 0},
		{"CREATE TABLE t (id integer primary key desc, x)", "[id x]", -1},
		{"CREATE TABLE t (id INT PRIMARY KEY, x)", "[id x]", -1},
		{"CREATE TABLE t (x, id INTEGER, CONSTRAINT pk PRIMARY KEY (id))", "[x id]", 1},
		{"CREATE TABLE t (x, id INTEGER, PRIMARY KEY (x, id), UNIQUE (x), FOREIGN KEY (x) REFERENCES u(v))", "[x id]", -1},
		{`CREATE TABLE "t" ("a,b" TEXT, [c)d] TEXT, 'e' TEXT)`, "[a,b c)d e]", -1},
		{"CREATE TABLE nssPublic (id PRIMARY KEY UNIQUE ON CONFLICT ABORT, a0, a1)", "[id a0 a1]", -1},
	} {
		cols, rowid := parseColumns(c.sql)
		if fmt.Sprint(cols) != c.cols || rowid != c.rowid {
			t.Errorf("%s: %q %d, want %s %d", c.sql, cols, rowid, c.cols, c.rowid)
		}
	}
}

// FuzzRows: no input makes the reader panic or run without end.
func FuzzRows(f *testing.F) {
	f.Add([]byte("SQLite format 3\x00"))
	if data, err := os.ReadFile("testdata/small.db"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		db, err := Open(data)
		if err != nil {
			return
		}
		for _, name := range []string{"t", "logins"} {
			if tab, err := db.Table(name); err == nil {
				tab.Rows(func(int64, []any) error { return nil })
			}
		}
	})
}
