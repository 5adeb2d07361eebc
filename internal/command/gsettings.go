package command

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// gsettings answers from whichever settings backend GLib picks, and only
// one of them holds the desktop's settings: dconf, where GNOME, Cinnamon
// and MATE keep them. The "memory" and "null" backends answer every key
// with the schema's built-in default, and the "keyfile" backend (GLib's
// fallback since 2.72 when the dconf module is not installed) with a file
// of its own that the desktop never reads. Their answers look exactly like
// the desktop's, so a check would take a default for the person's choice.
// GLib says which backend it picked in a GLib-GIO debug line, and, when it
// falls back to "memory", in a message on standard error.

// desktopBackend is the settings backend the desktops read.
const desktopBackend = "dconf"

// gsettingsDebug makes GLib name the backend it picks. GLib prints debug
// lines on standard output, among the values: gsettingsAnswer takes them
// out.
const gsettingsDebug = "G_MESSAGES_DEBUG=GLib-GIO"

// NotDesktopError is gsettings answering from a settings backend that is
// not the desktop's: its values are not the session's settings.
type NotDesktopError struct {
	// Backend is the backend gsettings used ("memory", "null", "keyfile").
	Backend string
}

func (e *NotDesktopError) Error() string {
	return fmt.Sprintf("gsettings read its %q settings backend, not the desktop's (%s): the values it gives are not the session's settings", e.Backend, desktopBackend)
}

// glibLogLine reports whether line is a line of GLib's log: "(process:1234):
// GLib-GIO-DEBUG: 23:16:08.721: …", "GLib-GIO-Message: …". No value line
// starts so: each starts with a schema's name. It matches what
// `^(\([^()\s]*:\d+\): )?GLib-GIO-[A-Za-z]+: ` would; it is written out
// because this package is linked into the resident agent, which would
// otherwise link and compile regexp for two patterns it never uses
// (bench/RESULTS.md; the test holds the pattern and compares).
func glibLogLine(line string) bool {
	if rest, ok := strings.CutPrefix(line, "("); ok {
		if end := strings.IndexByte(rest, ')'); end >= 0 && isProcess(rest[:end]) && strings.HasPrefix(rest[end:], "): ") {
			line = rest[end+len("): "):]
		}
	}
	rest, ok := strings.CutPrefix(line, "GLib-GIO-")
	if !ok {
		return false
	}
	n := 0
	for n < len(rest) && ('A' <= rest[n] && rest[n] <= 'Z' || 'a' <= rest[n] && rest[n] <= 'z') {
		n++
	}
	return n > 0 && strings.HasPrefix(rest[n:], ": ")
}

// isProcess reports whether s is what GLib puts in brackets before a log
// line, "name:1234": no bracket or space, a colon, then digits.
func isProcess(s string) bool {
	if strings.ContainsAny(s, "(") || strings.IndexFunc(s, isRESpace) >= 0 {
		return false
	}
	colon := strings.LastIndexByte(s, ':')
	if colon < 0 || colon == len(s)-1 {
		return false
	}
	for _, c := range s[colon+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isRESpace is \s as regexp (RE2) has it: ASCII white space.
func isRESpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// pickedBackend finds GLib's debug line naming the backend it picked, and
// returns that name: what `Found default implementation (\S+) \(\S+\) for
// \S*gsettings-backend` would capture. The quotes around the extension
// point are ‘’ or, in the C locale, question marks.
func pickedBackend(line string) (string, bool) {
	const lead = "Found default implementation "
	for i := strings.Index(line, lead); i >= 0; {
		rest := line[i+len(lead):]
		if name, ok := backendAfter(rest); ok {
			return name, true
		}
		next := strings.Index(line[i+1:], lead)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return "", false
}

// backendAfter reads "NAME (TYPE) for …gsettings-backend…", the text after
// "Found default implementation ".
func backendAfter(s string) (string, bool) {
	word := func(s string) (string, string) {
		end := strings.IndexFunc(s, isRESpace)
		if end < 0 {
			end = len(s)
		}
		return s[:end], s[end:]
	}
	name, rest := word(s)
	if name == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(rest, " (")
	if !ok {
		return "", false
	}
	typ, rest := word(rest)
	if len(typ) < 2 || !strings.HasSuffix(typ, ")") {
		return "", false
	}
	rest, ok = strings.CutPrefix(rest, " for ")
	if !ok {
		return "", false
	}
	point, _ := word(rest)
	return name, strings.Contains(point, "gsettings-backend")
}

// memoryFallback is GLib's message when no other backend could be loaded.
const memoryFallback = "Using the 'memory' GSettings backend"

// gsettingsAnswer takes GLib's log lines out of gsettings' standard output
// and returns what is left, or a *NotDesktopError when GLib says (on
// either stream) that it answered from a backend other than dconf. env is
// the environment gsettings ran with: a GLib too old to print the debug
// line still obeys GSETTINGS_BACKEND.
func gsettingsAnswer(stdout []byte, stderr string, env []string) ([]byte, error) {
	var kept bytes.Buffer
	backend := ""
	note := func(line string) {
		if name, ok := pickedBackend(line); ok {
			backend = name
		}
		if strings.Contains(line, memoryFallback) {
			backend = "memory"
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(nil, len(stdout)+1)
	for sc.Scan() {
		line := sc.Text()
		if glibLogLine(line) {
			note(line)
			continue
		}
		kept.WriteString(line)
		kept.WriteByte('\n')
	}
	for _, line := range strings.Split(stderr, "\n") {
		note(line)
	}
	if backend == "" {
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, "GSETTINGS_BACKEND="); ok && v != "" {
				backend = v
			}
		}
	}
	if backend != "" && backend != desktopBackend {
		return nil, &NotDesktopError{Backend: backend}
	}
	return kept.Bytes(), nil
}
