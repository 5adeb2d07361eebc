package fix

import (
	"context"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
)

// KDE: kwriteconfig writes the person's own files; the daemons are told.

// kwrite writes (or, for "", deletes) a KDE setting with kwriteconfig.
func kwrite(ctx context.Context, run command.Runner, c Change, value string) error {
	prog := command.KWriteConfig6
	if !run.Has(prog) {
		prog = command.KWriteConfig5
	}
	parts := strings.Split(c.Key, "/")
	args := []string{"--file", c.Schema}
	for _, g := range parts[:len(parts)-1] {
		args = append(args, "--group", g)
	}
	args = append(args, "--key", parts[len(parts)-1])
	if value == "" {
		args = append(args, "--delete")
	} else {
		if c.Kind == Switch {
			args = append(args, "--type", "bool")
		}
		args = append(args, value)
	}
	_, err := run.Run(ctx, prog, args...)
	return err
}
