package notify

import (
	"context"
	"fmt"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
)

// Script shows notifications on macOS by running AppleScript's "display
// notification". It offers no actions to a program that is not a packaged
// app, so Listen never reports one, and a shown notification cannot be
// withdrawn. (Windows uses the tray icon's balloon: tray.Balloons.)
type Script struct {
	Runner command.Runner
	// System is "darwin"; any other is refused.
	System string
}

var _ Sender = (*Script)(nil)

// Show runs the notifier.
func (s *Script) Show(ctx context.Context, m Message) error {
	if s.System != "darwin" {
		return fmt.Errorf("no notifier for %s", s.System)
	}
	if _, err := s.Runner.Run(ctx, command.Osascript, "-e", appleScript(m)); err != nil {
		return fmt.Errorf("showing a notification: %w", err)
	}
	return nil
}

// Withdraw does nothing: macOS cannot withdraw these.
func (s *Script) Withdraw(ctx context.Context, key string) error { return nil }

// Listen waits for ctx: these notifications report no clicks.
func (s *Script) Listen(ctx context.Context, onAction func(Invoked)) error {
	<-ctx.Done()
	return ctx.Err()
}

// appleScript is the "display notification" statement for m, with the texts
// as AppleScript string literals.
func appleScript(m Message) string {
	return fmt.Sprintf("display notification %s with title %s", asString(m.Body), asString("Mamori")) + " subtitle " + asString(m.Summary)
}

// asString quotes s as an AppleScript string literal.
func asString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
