package notify

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/mamori-project/mamori/internal/command"
)

// Script shows notifications by running the system's own notifier: a
// PowerShell toast on Windows, AppleScript's "display notification" on
// macOS. Neither offers actions to a program that is not a packaged app, so
// Listen never reports one; a Windows toast with the same key replaces the
// previous one (its Tag), a macOS notification does not.
type Script struct {
	Runner command.Runner
	// System is "windows" or "darwin".
	System string
	// AppID is the app's ID (Windows groups toasts under it).
	AppID string
}

var _ Sender = (*Script)(nil)

// Show runs the notifier.
func (s *Script) Show(ctx context.Context, m Message) error {
	var err error
	switch s.System {
	case "windows":
		_, err = s.Runner.Run(ctx, command.PowerShell, "-NoProfile", "-NonInteractive", "-EncodedCommand", encodePowerShell(toastScript(m, s.AppID)))
	case "darwin":
		_, err = s.Runner.Run(ctx, command.Osascript, "-e", appleScript(m))
	default:
		return fmt.Errorf("no notifier for %s", s.System)
	}
	if err != nil {
		return fmt.Errorf("showing a notification: %w", err)
	}
	return nil
}

// Withdraw removes a Windows toast by its tag; macOS cannot.
func (s *Script) Withdraw(ctx context.Context, key string) error {
	if s.System != "windows" {
		return nil
	}
	script := fmt.Sprintf(`[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null
[Windows.UI.Notifications.ToastNotificationManager]::History.Remove('%s', 'mamori', '%s')`, psQuote(key), psQuote(s.AppID))
	_, err := s.Runner.Run(ctx, command.PowerShell, "-NoProfile", "-NonInteractive", "-EncodedCommand", encodePowerShell(script))
	return err
}

// Listen waits for ctx: these notifiers report no clicks.
func (s *Script) Listen(ctx context.Context, onAction func(Invoked)) error {
	<-ctx.Done()
	return ctx.Err()
}

// xmlEscape escapes text for the toast's XML.
var xmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// psQuote doubles single quotes for a PowerShell single-quoted string.
func psQuote(s string) string { return strings.ReplaceAll(s, "'", "''") }

// toastScript is the PowerShell that shows m as a toast. The texts go into
// XML (escaped) inside a single-quoted PowerShell string (quotes doubled),
// so no text can break out of either.
func toastScript(m Message, appID string) string {
	scenario := ""
	if m.Urgency == Critical {
		scenario = ` scenario="urgent"`
	}
	xml := fmt.Sprintf(`<toast%s><visual><binding template="ToastGeneric"><text>%s</text><text>%s</text></binding></visual></toast>`,
		scenario, xmlEscape.Replace(m.Summary), xmlEscape.Replace(m.Body))
	return fmt.Sprintf(`[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null
[Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, ContentType = WindowsRuntime] | Out-Null
$doc = New-Object Windows.Data.Xml.Dom.XmlDocument
$doc.LoadXml('%s')
$toast = New-Object Windows.UI.Notifications.ToastNotification $doc
$toast.Tag = '%s'
$toast.Group = 'mamori'
[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('%s').Show($toast)`,
		psQuote(xml), psQuote(m.Key), psQuote(appID))
}

// encodePowerShell encodes a script for -EncodedCommand (UTF-16LE, base64),
// which keeps it out of any command-line quoting.
func encodePowerShell(script string) string {
	u := utf16.Encode([]rune(script))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		b[2*i], b[2*i+1] = byte(c), byte(c>>8)
	}
	return base64.StdEncoding.EncodeToString(b)
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
