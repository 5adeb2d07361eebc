// Package commandtest is a stand-in for the external programs a check runs,
// for tests on systems that lack them: each allowlisted program answers
// with recorded output.
package commandtest

import (
	"context"

	"github.com/mamori-project/mamori/internal/command"
)

// Runner answers allowlisted programs with recorded output. A program not in
// the map is not installed.
type Runner map[command.Name]func(args []string) ([]byte, error)

var _ command.Runner = Runner{}

// Has reports whether the program has an answer.
func (f Runner) Has(n command.Name) bool { _, ok := f[n]; return ok }

// Run returns the program's recorded answer.
func (f Runner) Run(_ context.Context, n command.Name, args ...string) ([]byte, error) {
	if fn, ok := f[n]; ok {
		return fn(args)
	}
	return nil, command.ErrNotFound
}
