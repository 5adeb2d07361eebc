// Package bus holds what Mamori's D-Bus listeners share: subscribing to
// signals and handing each to a function until the context ends.
package bus

import (
	"context"
	"errors"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// Listen adds the match rules and calls handle with each signal conn
// receives, until ctx is done (it returns ctx's error) or the connection
// closes. Signals that match none of this listener's rules may arrive too,
// when the connection is shared: handle must check what it gets.
func Listen(ctx context.Context, conn *dbus.Conn, rules [][]dbus.MatchOption, handle func(*dbus.Signal)) error {
	if conn == nil {
		return errors.New("no bus connection")
	}
	for _, r := range rules {
		if err := conn.AddMatchSignalContext(ctx, r...); err != nil {
			return fmt.Errorf("subscribing to signals: %w", err)
		}
	}
	ch := make(chan *dbus.Signal, 64)
	conn.Signal(ch)
	defer conn.RemoveSignal(ch)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case sig, ok := <-ch:
			if !ok || sig == nil {
				return errors.New("the bus connection closed")
			}
			handle(sig)
		}
	}
}
