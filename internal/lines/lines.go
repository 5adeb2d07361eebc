// Package lines splits text read from outside (configuration files, the
// output of programs) into lines: every line, however long.
//
// bufio.Scanner stops at the first line longer than its buffer (64 KiB
// unless told otherwise) and says so only through Err, which a loop over
// Scan never sees: a 70 KB comment in a hosts file hid every line after
// it. The readers of outside text bound the whole text instead (the file
// size caps where the files are read, the output caps of internal/command),
// and split it here, with no bound of their own. Read is the other way
// round: one bounded line at a time from a stream. (The name is plural, as
// "strings" and "bytes" are: it is what the package yields.)
package lines

import (
	"bufio"
	"bytes"
	"errors"
	"iter"
	"strings"
)

// All yields each line of text without its "\n", and without a "\r"
// before it (a CRLF file reads as its LF twin, as bufio.ScanLines has
// it). A last line without "\n" is yielded too; empty text yields
// nothing. Other bytes, NUL and lone "\r" among them, are left to the
// parser: what they mean is the reading program's business.
func All[T ~string | ~[]byte](text T) iter.Seq[string] {
	s := string(text)
	return func(yield func(string) bool) {
		for s != "" {
			line, rest, _ := strings.Cut(s, "\n")
			s = rest
			if !yield(strings.TrimSuffix(line, "\r")) {
				return
			}
		}
	}
}

// ErrTooLong is a line longer than Read allows.
var ErrTooLong = errors.New("a line is too long")

// Read reads one line of at most max bytes from br, without its newline,
// and the reader's error (io.EOF after the last line); a longer line is
// ErrTooLong. Mamori's programs talk to each other in lines of JSON: this
// is where each reads one, bounded.
func Read(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > max {
			return nil, ErrTooLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(buf, []byte("\n")), err
	}
}
