package command

import "strings"

// fixedEnv is the environment every program starts from: on Windows, the
// system's own variables are passed (passedEnv) rather than made up.
func fixedEnv() []string { return nil }

// passedEnv are the variables every Windows program needs to start.
var passedEnv = []string{"SystemRoot", "windir", "SystemDrive", "ComSpec", "PATHEXT", "PATH", "TEMP", "TMP",
	"USERPROFILE", "APPDATA", "LOCALAPPDATA", "ProgramData", "ProgramFiles", "ProgramFiles(x86)"}

// sameVar compares names as Windows does, ignoring case.
func sameVar(a, b string) bool { return strings.EqualFold(a, b) }
