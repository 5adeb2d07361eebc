package command

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
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

var (
	// glibLogLine is a line of GLib's log: "(process:1234): GLib-GIO-DEBUG:
	// 23:16:08.721: …", "GLib-GIO-Message: …". No value line starts so:
	// each starts with a schema's name.
	glibLogLine = regexp.MustCompile(`^(\([^()\s]*:\d+\): )?GLib-GIO-[A-Za-z]+: `)
	// pickedBackend is GLib's debug line naming the backend it picked;
	// the quotes around the extension point are ‘’ or, in the C locale,
	// question marks.
	pickedBackend = regexp.MustCompile(`Found default implementation (\S+) \(\S+\) for \S*gsettings-backend`)
)

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
		if m := pickedBackend.FindStringSubmatch(line); m != nil {
			backend = m[1]
		}
		if strings.Contains(line, memoryFallback) {
			backend = "memory"
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(nil, len(stdout)+1)
	for sc.Scan() {
		line := sc.Text()
		if glibLogLine.MatchString(line) {
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
