//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
)

// readAutofill: the accounts and browser profiles of Windows and macOS are
// not read yet.
func readAutofill(context.Context, host.System) (autofillFacts, error) {
	return autofillFacts{}, errUnsupported(runtime.GOOS)
}
