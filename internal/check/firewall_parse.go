package check

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mamori-project/mamori/internal/lines"
)

// This file reads the Linux firewalls' files as the programs that load
// them read them: a comment, a quoted string or a commented-out line is
// not configuration, however much it looks like it. What a reader cannot
// evaluate it says, and the firewall is then not judged on a guess.

// nftTokens splits an nftables rule file into nft's own tokens as far as
// the check needs them: "#" outside a quoted string starts a comment that
// runs to the end of the line (scanner.l: comment #.*$); a quoted string
// ("…", no escapes) is one token, quotes kept, even across lines; "{",
// "}", ";" and a newline are tokens of their own; anything else is split
// on blanks.
func nftTokens(conf []byte) []string {
	var out []string
	s := string(conf)
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '"':
			j := len(s) // not closed: nft refuses the file; keep it one token
			if end := strings.IndexByte(s[i+1:], '"'); end >= 0 {
				j = i + 1 + end + 1
			}
			out = append(out, s[i:j])
			i = j
		case c == '{' || c == '}' || c == ';' || c == '\n':
			out = append(out, string(c))
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n#\"{};", rune(s[j])) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		}
	}
	return out
}

// nftFilters reports whether, in an nftables rule file, a base chain
// hooked on input drops what no rule accepts (its policy; a packet one
// base chain drops is dropped, whatever the others say). A policy given as
// a variable is looked up among the file's defines. (No regexp: the
// resident agent does without the package.)
func nftFilters(conf []byte) bool {
	toks := nftTokens(conf)
	defines := map[string]string{}
	for i := 0; i+3 < len(toks); i++ {
		if toks[i] == "define" && toks[i+2] == "=" {
			defines["$"+toks[i+1]] = strings.Trim(toks[i+3], `"`) // nft wants define P = "drop"
		}
	}
	for i := 0; i < len(toks); i++ {
		if toks[i] != "chain" {
			continue
		}
		// The chain's name (and, in "add chain", its family and table),
		// then its body; a chain named without a body sets nothing here.
		j := i + 1
		for j < len(toks) && toks[j] != "{" && toks[j] != ";" && toks[j] != "\n" && toks[j] != "}" {
			j++
		}
		if j == len(toks) || toks[j] != "{" {
			continue
		}
		hookInput, policy := false, ""
		depth := 0
		for j++; j < len(toks); j++ {
			switch t := toks[j]; {
			case t == "{":
				depth++ // a set or a map inside a rule
			case t == "}" && depth == 0:
				i = j
				j = len(toks)
			case t == "}":
				depth--
			case depth == 0 && t == "hook" && j+1 < len(toks):
				hookInput = toks[j+1] == "input"
			case depth == 0 && t == "policy" && j+1 < len(toks):
				policy = toks[j+1]
				if v, ok := defines[policy]; ok {
					policy = v
				}
			}
		}
		if hookInput && policy == "drop" {
			return true
		}
	}
	return false
}

// errShellCommand: a file sourced by the shell does more than assign
// values, so what it sets cannot be known without running it.
var errShellCommand = errors.New("the file runs shell commands or expansions Mamori does not evaluate")

// shellAssignments reads a file the shell sources (ufw's files, which
// ufw-init reads with ". file") as /bin/sh would, for a file of plain
// assignments: "#" at the start of a word begins a comment, quotes
// ('…' literal, "…" with \ escaping $ ` " \ and newline) are removed and
// join what they touch into one word, a backslash outside quotes escapes
// the next character (a newline: the line goes on), and a later
// assignment replaces an earlier one. A command, an expansion ($, `) or
// anything else it does not evaluate is an error: the caller cannot know
// what the file sets.
func shellAssignments(data []byte) (map[string]string, error) {
	vars := map[string]string{}
	s := string(data)
	var words []string
	var word strings.Builder
	inWord := false
	endCommand := func() error {
		for i, w := range words {
			if i == 0 && w == "export" {
				continue
			}
			name, value, ok := strings.Cut(w, "=")
			if !ok || !shellName(name) {
				return errShellCommand
			}
			vars[name] = value
		}
		words = words[:0]
		return nil
	}
	endWord := func() {
		if inWord {
			words = append(words, word.String())
			word.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			endWord()
		case c == '\n' || c == ';':
			endWord()
			if err := endCommand(); err != nil {
				return nil, err
			}
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
			i-- // the newline ends the command
		case c == '\\':
			if i+1 < len(s) && s[i+1] != '\n' {
				word.WriteByte(s[i+1])
				inWord = true
			}
			i++
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("a quote is not closed")
			}
			word.WriteString(s[i+1 : i+1+end])
			inWord = true
			i += end + 1
		case c == '"':
			inWord = true
			for i++; ; i++ {
				if i >= len(s) {
					return nil, errors.New("a quote is not closed")
				}
				if s[i] == '"' {
					break
				}
				if s[i] == '$' || s[i] == '`' {
					return nil, errShellCommand
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
					i++
					if s[i] == '\n' {
						continue
					}
				}
				word.WriteByte(s[i])
			}
		case strings.IndexByte("$`|&<>(){}", c) >= 0:
			return nil, errShellCommand
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	endWord()
	if err := endCommand(); err != nil {
		return nil, err
	}
	return vars, nil
}

// shellName reports whether s is a shell variable's name.
func shellName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// parseFirewalldConf reads firewalld.conf as firewalld's own reader does
// (firewall/core/io/firewalld_conf.py): a line stripped of blanks that
// starts with "#" or ";" is a comment; a setting is "key=value" with one
// "=", both sides stripped; an empty value is skipped; the first setting
// of a key wins. Python reads the file with universal newlines: a lone CR
// ends a line too.
func parseFirewalldConf(data []byte) map[string]string {
	vals := map[string]string{}
	for line := range lines.All(bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		parts := strings.Split(line, "=")
		if len(parts) != 2 {
			continue
		}
		k, v := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
		if _, seen := vals[k]; v != "" && !seen {
			vals[k] = v
		}
	}
	return vals
}

// firewalldZoneTarget reads a zone file's target (the <zone> element's
// attribute; XML comments are not read): "default", "ACCEPT", "DROP" or
// "%%REJECT%%".
func firewalldZoneTarget(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", errors.New("no <zone> element")
		}
		if err != nil {
			return "", fmt.Errorf("reading the zone: %w", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			if el.Name.Local != "zone" {
				return "", fmt.Errorf("the root element is <%s>, not <zone>", el.Name.Local)
			}
			for _, a := range el.Attr {
				if a.Name.Local == "target" {
					return a.Value, nil
				}
			}
			return "default", nil
		}
	}
}

// iptablesFilters reports whether an iptables-restore file drops incoming
// connections: the INPUT chain's policy DROP, or a rule appended to INPUT
// that jumps to DROP or REJECT. iptables-restore skips a line starting
// with "#" (only there) and splits the others into arguments with a
// quoted part kept together, so a comment's text ("-m comment --comment
// "-j DROP"") is one argument, not a jump.
func iptablesFilters(rules []byte) bool {
	for line := range lines.All(rules) {
		if line == "" || line[0] == '#' {
			continue
		}
		args := restoreArgs(line)
		if len(args) >= 2 && args[0] == ":INPUT" && args[1] == "DROP" {
			return true
		}
		if len(args) < 2 || (args[0] != "-A" && args[0] != "--append") || args[1] != "INPUT" {
			continue
		}
		if catchAll(args[2:]) {
			return true
		}
	}
	return false
}

// catchAll reports whether a rule's arguments (after "-A INPUT") drop or
// reject everything that reaches it: a jump to DROP or REJECT with no
// condition. A rule that drops one source, port or interface filters
// only that; a comment and REJECT's reply change nothing.
func catchAll(args []string) bool {
	target := ""
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "-j", "--jump":
			if i+1 >= len(args) {
				return false
			}
			target = args[i+1]
			i++
		case "--reject-with":
			i++
		case "-m", "--match":
			if i+1 < len(args) && args[i+1] == "comment" {
				i++
				continue
			}
			return false
		case "--comment":
			i++
		default:
			return false // any condition
		}
	}
	return target == "DROP" || target == "REJECT"
}

// restoreArgs splits a line as iptables-restore's add_param_to_argv
// (xshared.c) does: on blanks, a part in double quotes kept whole with
// its quotes removed (inside, a backslash takes the next character as
// it is), a closing quote ending the argument. Single quotes and
// backslashes outside quotes are ordinary characters.
func restoreArgs(line string) []string {
	var out []string
	var b strings.Builder
	flush := func() { out = append(out, b.String()); b.Reset() }
	open, escaped := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if open {
			switch {
			case escaped:
				b.WriteByte(c)
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				open = false
				flush()
			default:
				b.WriteByte(c)
			}
			continue
		}
		switch c {
		case '"':
			open = true
		case ' ', '\t', '\n':
			if b.Len() > 0 {
				flush()
			}
		default:
			b.WriteByte(c)
		}
	}
	if b.Len() > 0 {
		flush()
	}
	return out
}
