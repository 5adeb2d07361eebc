// Package sqlite reads the rows of a table from the bytes of an SQLite
// database file, following the file format (sqlite.org/fileformat2.html).
//
// Mamori reads two SQLite files that belong to browsers, a Chromium
// profile's "Login Data" (how many logins are saved) and a Firefox
// profile's "cert9.db" (which certificates the person told Firefox to
// trust). Both are read from a copy in memory, never opened as a
// database: the browser keeps them locked while it runs, and nothing
// Mamori does may change them. The sqlite3 program is not on most
// desktops, and an SQL engine is far more than counting rows needs.
//
// Only what a reader of tables needs is here: the header, table b-trees,
// overflow pages and records. A write-ahead log (the "-wal" file beside
// the database) is not read, so rows the browser has not checkpointed yet
// are not seen. The input is the person's file, but another program may
// have written it: every offset is checked, pages are never visited twice
// and the walk is bounded.
package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
)

// DB is a database file held in memory.
type DB struct {
	data     []byte
	pageSize int
	usable   int // page size less the bytes reserved at each page's end
	pages    int
	encoding uint32 // 1 UTF-8, 2 UTF-16le, 3 UTF-16be
}

// Table is one table of a database: its columns as its CREATE TABLE
// statement names them, and the page its b-tree starts at.
type Table struct {
	db       *DB
	Name     string
	Columns  []string
	rowidCol int // the INTEGER PRIMARY KEY column, stored as the row ID; -1 if none
	root     int
}

const (
	header        = "SQLite format 3\x00"
	maxPagesRead  = 1 << 20 // a walk reads no more pages than this
	maxTreeDepth  = 64
	maxPayload    = 1 << 26
	leafTable     = 0x0d
	interiorTable = 0x05
)

// ErrNotSQLite says the bytes are not an SQLite 3 database.
var ErrNotSQLite = errors.New("not an SQLite 3 database")

// Open reads the header of a database held in data.
func Open(data []byte) (*DB, error) {
	if len(data) < 100 || string(data[:16]) != header {
		return nil, ErrNotSQLite
	}
	ps := int(binary.BigEndian.Uint16(data[16:18]))
	if ps == 1 {
		ps = 65536
	}
	if ps < 512 || ps&(ps-1) != 0 {
		return nil, fmt.Errorf("sqlite: page size %d", ps)
	}
	reserved := int(data[20])
	db := &DB{data: data, pageSize: ps, usable: ps - reserved, pages: len(data) / ps, encoding: binary.BigEndian.Uint32(data[56:60])}
	if db.usable < 480 {
		return nil, fmt.Errorf("sqlite: %d usable bytes per page", db.usable)
	}
	if db.encoding == 0 {
		db.encoding = 1 // an empty database has not chosen yet
	}
	if db.encoding > 3 {
		return nil, fmt.Errorf("sqlite: text encoding %d", db.encoding)
	}
	return db, nil
}

// Table finds a table by name in the schema (case-insensitively, as SQL
// does). A table that does not exist is an error that says so.
func (db *DB) Table(name string) (*Table, error) {
	schema := &Table{db: db, Name: "sqlite_schema", Columns: []string{"type", "name", "tbl_name", "rootpage", "sql"}, rowidCol: -1, root: 1}
	var found *Table
	err := schema.Rows(func(_ int64, row []any) error {
		if len(row) < 5 || row[0] != "table" {
			return nil
		}
		n, _ := row[1].(string)
		if !strings.EqualFold(n, name) {
			return nil
		}
		root, _ := row[3].(int64)
		sql, _ := row[4].(string)
		if root < 1 || root > int64(db.pages) {
			return fmt.Errorf("sqlite: table %q starts at page %d of %d", name, root, db.pages)
		}
		t := &Table{db: db, Name: n, root: int(root), rowidCol: -1}
		t.Columns, t.rowidCol = parseColumns(sql)
		found = t
		return errStop
	})
	if err != nil && err != errStop {
		return nil, err
	}
	if found == nil {
		return nil, fmt.Errorf("sqlite: no table %q", name)
	}
	return found, nil
}

// Column is the index of a column by name, or -1.
func (t *Table) Column(name string) int {
	for i, c := range t.Columns {
		if strings.EqualFold(c, name) {
			return i
		}
	}
	return -1
}

var errStop = errors.New("stop")

// Rows calls fn with each row of the table in row ID order. A value is nil
// (NULL), int64, float64, string or []byte; the INTEGER PRIMARY KEY column
// holds the row ID. An error fn returns ends the walk and is returned.
func (t *Table) Rows(fn func(rowid int64, row []any) error) error {
	w := walker{db: t.db, seen: map[int]bool{}}
	return w.page(t.root, 0, func(rowid int64, payload []byte) error {
		row, err := t.db.record(payload)
		if err != nil {
			return fmt.Errorf("sqlite: %s row %d: %w", t.Name, rowid, err)
		}
		if t.rowidCol >= 0 {
			for len(row) <= t.rowidCol {
				row = append(row, nil)
			}
			if row[t.rowidCol] == nil {
				row[t.rowidCol] = rowid
			}
		}
		// A row written before a column was added has fewer values: the
		// missing ones are NULL (their defaults are not read).
		for len(row) < len(t.Columns) {
			row = append(row, nil)
		}
		return fn(rowid, row)
	})
}

type walker struct {
	db   *DB
	seen map[int]bool
}

// page visits one b-tree page and, below it, every leaf.
func (w *walker) page(n, depth int, fn func(int64, []byte) error) error {
	if depth > maxTreeDepth {
		return errors.New("sqlite: b-tree too deep")
	}
	p, err := w.load(n)
	if err != nil {
		return err
	}
	hdr := 0
	if n == 1 {
		hdr = 100 // page 1 starts with the file's header
	}
	if len(p) < hdr+8 {
		return fmt.Errorf("sqlite: page %d too short", n)
	}
	kind := p[hdr]
	cells := int(binary.BigEndian.Uint16(p[hdr+3:]))
	ptrs := hdr + 8
	if kind == interiorTable {
		ptrs = hdr + 12
	} else if kind != leafTable {
		return fmt.Errorf("sqlite: page %d is of kind %#x, not a table's", n, kind)
	}
	if ptrs+2*cells > len(p) {
		return fmt.Errorf("sqlite: page %d: %d cells do not fit", n, cells)
	}
	for i := 0; i < cells; i++ {
		off := int(binary.BigEndian.Uint16(p[ptrs+2*i:]))
		if off < ptrs || off >= w.db.usable {
			return fmt.Errorf("sqlite: page %d: cell at %d", n, off)
		}
		cell := p[off:w.db.usable]
		if kind == interiorTable {
			if len(cell) < 4 {
				return fmt.Errorf("sqlite: page %d: cell cut short", n)
			}
			if err := w.page(int(binary.BigEndian.Uint32(cell)), depth+1, fn); err != nil {
				return err
			}
			continue
		}
		size, k := varint(cell)
		if k == 0 || size > maxPayload || size > uint64(len(w.db.data)) {
			return fmt.Errorf("sqlite: page %d: payload size", n)
		}
		rowid, k2 := varint(cell[k:])
		if k2 == 0 {
			return fmt.Errorf("sqlite: page %d: row ID", n)
		}
		payload, err := w.payload(cell[k+k2:], int(size))
		if err != nil {
			return fmt.Errorf("sqlite: page %d: %w", n, err)
		}
		if err := fn(int64(rowid), payload); err != nil {
			return err
		}
	}
	if kind == interiorTable {
		return w.page(int(binary.BigEndian.Uint32(p[hdr+8:])), depth+1, fn)
	}
	return nil
}

// load returns page n (numbered from 1), once per walk.
func (w *walker) load(n int) ([]byte, error) {
	if n < 1 || n > w.db.pages {
		return nil, fmt.Errorf("sqlite: page %d of %d", n, w.db.pages)
	}
	if w.seen[n] {
		return nil, fmt.Errorf("sqlite: page %d reached twice", n)
	}
	if len(w.seen) >= maxPagesRead {
		return nil, errors.New("sqlite: too many pages")
	}
	w.seen[n] = true
	return w.db.data[(n-1)*w.db.pageSize : n*w.db.pageSize], nil
}

// payload gathers a cell's payload of size bytes: what the leaf holds,
// then the chain of overflow pages (the sizes are the file format's).
func (w *walker) payload(cell []byte, size int) ([]byte, error) {
	u := w.db.usable
	x := u - 35
	local := size
	if size > x {
		m := (u-12)*32/255 - 23
		local = m + (size-m)%(u-4)
		if local > x {
			local = m
		}
	}
	if local > len(cell) {
		return nil, errors.New("payload cut short")
	}
	if local == size {
		return cell[:size], nil
	}
	if len(cell) < local+4 {
		return nil, errors.New("overflow pointer cut short")
	}
	out := make([]byte, 0, size)
	out = append(out, cell[:local]...)
	next := int(binary.BigEndian.Uint32(cell[local:]))
	for len(out) < size {
		p, err := w.load(next)
		if err != nil {
			return nil, fmt.Errorf("overflow: %w", err)
		}
		chunk := p[4:u]
		if rest := size - len(out); len(chunk) > rest {
			chunk = chunk[:rest]
		}
		out = append(out, chunk...)
		next = int(binary.BigEndian.Uint32(p))
	}
	return out, nil
}

// record decodes a record: a header of serial types, then the values.
func (db *DB) record(p []byte) ([]any, error) {
	hlen, k := varint(p)
	if k == 0 || hlen > uint64(len(p)) || int(hlen) < k {
		return nil, errors.New("record header")
	}
	types := p[k:hlen]
	body := p[hlen:]
	var row []any
	for len(types) > 0 {
		st, n := varint(types)
		if n == 0 {
			return nil, errors.New("serial type")
		}
		types = types[n:]
		size := serialSize(st)
		if size > uint64(len(body)) {
			return nil, errors.New("value cut short")
		}
		v := body[:size]
		body = body[size:]
		switch {
		case st == 0:
			row = append(row, nil)
		case st <= 6:
			row = append(row, bigInt(v))
		case st == 7:
			row = append(row, math.Float64frombits(binary.BigEndian.Uint64(v)))
		case st == 8:
			row = append(row, int64(0))
		case st == 9:
			row = append(row, int64(1))
		case st < 12:
			return nil, fmt.Errorf("serial type %d", st)
		case st%2 == 0:
			row = append(row, v)
		default:
			row = append(row, db.text(v))
		}
	}
	return row, nil
}

// serialSize is the size of a value of serial type st.
func serialSize(st uint64) uint64 {
	switch {
	case st <= 4:
		return st
	case st == 5:
		return 6
	case st <= 7:
		return 8
	case st < 12:
		return 0
	default:
		return (st - 12) / 2
	}
}

// bigInt reads a signed big-endian integer of 1 to 8 bytes.
func bigInt(b []byte) int64 {
	var v int64
	if len(b) > 0 && b[0]&0x80 != 0 {
		v = -1
	}
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}

// text decodes a text value in the database's encoding.
func (db *DB) text(b []byte) string {
	if db.encoding == 1 {
		return string(b)
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if db.encoding == 3 {
		order = binary.BigEndian
	}
	u := make([]rune, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		r := rune(order.Uint16(b[i:]))
		if r >= 0xd800 && r < 0xdc00 && i+3 < len(b) {
			if lo := rune(order.Uint16(b[i+2:])); lo >= 0xdc00 && lo < 0xe000 {
				r = (r-0xd800)<<10 + (lo - 0xdc00) + 0x10000
				i += 2
			}
		}
		u = append(u, r)
	}
	return string(u)
}

// varint reads SQLite's big-endian variable-length integer (1 to 9 bytes:
// seven bits a byte, all eight in the ninth). n is 0 when b is cut short.
func varint(b []byte) (v uint64, n int) {
	for i := 0; i < 9; i++ {
		if i >= len(b) {
			return 0, 0
		}
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return v, 9
}

// parseColumns reads the column names from a CREATE TABLE statement as
// SQLite keeps it in the schema, and which column, if any, is an alias of
// the row ID (declared INTEGER PRIMARY KEY: its value is the row ID and
// the record holds NULL).
func parseColumns(sql string) (cols []string, rowidCol int) {
	rowidCol = -1
	open := strings.IndexByte(sql, '(')
	if open < 0 {
		return nil, -1
	}
	var pkTable string
	for _, def := range splitTop(sql[open+1:]) {
		name, rest := firstWord(def)
		if strings.EqualFold(name, "CONSTRAINT") {
			_, rest = firstWord(rest) // the constraint's own name
			name, rest = firstWord(rest)
		}
		switch strings.ToUpper(name) {
		case "UNIQUE", "CHECK", "FOREIGN":
			continue
		case "PRIMARY":
			// PRIMARY KEY (col): a row ID alias when it is one column
			// declared INTEGER.
			if i, j := strings.IndexByte(rest, '('), strings.LastIndexByte(rest, ')'); i >= 0 && j > i {
				if k := splitTop(rest[i+1:j] + ")"); len(k) == 1 {
					pkTable, _ = firstWord(k[0])
				}
			}
			continue
		}
		if name == "" {
			continue
		}
		typ, _ := firstWord(rest)
		up := strings.ToUpper(rest)
		if strings.EqualFold(typ, "INTEGER") && strings.Contains(up, "PRIMARY KEY") && !strings.Contains(up, "PRIMARY KEY DESC") {
			rowidCol = len(cols)
		}
		cols = append(cols, name)
	}
	if pkTable != "" && rowidCol < 0 {
		for i, c := range cols {
			if strings.EqualFold(c, pkTable) {
				// Only an INTEGER column; the type is not kept here, so
				// look again.
				for _, def := range splitTop(sql[open+1:]) {
					if n, rest := firstWord(def); strings.EqualFold(n, c) {
						if typ, _ := firstWord(rest); strings.EqualFold(typ, "INTEGER") {
							rowidCol = i
						}
					}
				}
			}
		}
	}
	return cols, rowidCol
}

// splitTop splits the inside of the column list at commas outside
// parentheses and quotes, up to the list's closing parenthesis.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '[':
			quote = ']'
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return append(out, strings.TrimSpace(s[start:i]))
			}
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// firstWord splits off the first identifier of s, unquoting it.
func firstWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	if c := s[0]; c == '"' || c == '`' || c == '[' || c == '\'' {
		end := c
		if c == '[' {
			end = ']'
		}
		if i := strings.IndexByte(s[1:], end); i >= 0 {
			return s[1 : i+1], s[i+2:]
		}
		return s[1:], ""
	}
	i := strings.IndexAny(s, " \t\r\n(,")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}
