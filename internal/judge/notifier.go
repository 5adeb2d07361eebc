package judge

import (
	"context"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/notify"
)

// sender is how this judge shows and withdraws notifications: the agent
// shows them (it stays on the bus while they are on screen, and hears the
// clicks), except where only a program of the system can (AppleScript on
// macOS).
func (j *Judge) sender() notify.Sender {
	if j.Notifier != nil {
		return j.Notifier
	}
	return agentSender{j}
}

// agentSender hands notifications to the agent, which shows them.
type agentSender struct{ j *Judge }

func (a agentSender) Show(_ context.Context, m notify.Message) error {
	a.j.send(wire.Op{Show: &m})
	return nil
}

func (a agentSender) Withdraw(_ context.Context, key string) error {
	a.j.send(wire.Op{Withdraw: key})
	return nil
}
