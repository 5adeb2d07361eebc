package agent

import (
	"sync"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/logfmt"
)

// Launcher opens Mamori's windows: one window process (mamori-window) per
// window, while it is open. Asking for a window that is already open does
// nothing; the window process raises itself.
type Launcher struct {
	// Dir is where mamori-window is: beside the agent's own executable.
	Dir string
	// Program is the window program's name; "" means mamori-window.
	Program string
	Log     *logfmt.Logger
	// Env, when set, is the window program's environment at each start
	// (the locale Fyne reads before the program's main runs).
	Env func() []string

	mu   sync.Mutex
	open map[string]*command.Child
}

// Open opens the window which ("status", "settings" or "welcome"), at check when one
// is named; "fix" is the status window asking at once to fix check. It is
// the Agent's Windows function.
func (l *Launcher) Open(which, check string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	args := []string{which}
	if which == "fix" {
		// The status window, at the check, asking at once to fix it.
		which, args = "status", []string{"status", "--fix"}
	}
	if l.open[which] != nil {
		return nil // already on screen
	}
	if check != "" {
		args = append(args, "--check", check)
	}
	prog := l.Program
	if prog == "" {
		prog = "mamori-window"
	}
	var env []string
	if l.Env != nil {
		env = l.Env()
	}
	child, err := command.StartEnv(l.Dir, prog, env, args...)
	if err != nil {
		return err
	}
	if l.open == nil {
		l.open = map[string]*command.Child{}
	}
	l.open[which] = child
	go func() {
		err := child.Wait()
		l.Log.Info("window closed", "window", which, "err", err)
		l.mu.Lock()
		delete(l.open, which)
		l.mu.Unlock()
	}()
	return nil
}

// Close ends every window process the launcher started: the agent is
// ending because the uninstaller is about to remove their program.
func (l *Launcher) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for which, child := range l.open {
		if err := child.Kill(); err != nil {
			l.Log.Warn("closing a window", "window", which, "err", err)
		}
	}
}
