package agent

import (
	"context"

	"github.com/mamori-project/mamori/internal/notify/msg"
)

// balloons is what the tray's balloon does (tray.Balloons on Windows).
type balloons interface {
	Show(ctx context.Context, m msg.Message) error
	Withdraw(ctx context.Context, key string) error
	Listen(ctx context.Context, onAction func(msg.Invoked)) error
}

// Balloons are notifications the agent shows itself, as the judge words
// them: the tray icon's balloon on Windows. A click is the judge's event
// "invoked".
type Balloons struct{ B balloons }

// Listen hands each click on a balloon to the judge.
func (b Balloons) Listen(ctx context.Context, onClick func(event []string)) error {
	return b.B.Listen(ctx, func(inv msg.Invoked) { onClick([]string{"invoked", inv.Key, inv.Action}) })
}

// Show shows m.
func (b Balloons) Show(ctx context.Context, m msg.Message) error { return b.B.Show(ctx, m) }

// Withdraw takes away the balloon about key.
func (b Balloons) Withdraw(ctx context.Context, key string) error { return b.B.Withdraw(ctx, key) }
