package check

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/go-ole/go-ole"
)

// withCOM runs fn on the calling goroutine's thread, locked to it, with
// COM initialised in model (ole.COINIT_MULTITHREADED for the Windows
// Update Agent, ole.COINIT_APARTMENTTHREADED for the shell's objects) and
// uninitialised after. A panic in fn, a COM server answering with
// something unexpected, comes back as an error naming what answered: it
// must not take the agent down.
func withCOM(model uint32, what string, fn func() error) (err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := ole.CoInitializeEx(0, model); err != nil {
		var oe *ole.OleError
		if !errors.As(err, &oe) || oe.Code() != 1 { // S_FALSE: already initialised
			return fmt.Errorf("starting COM: %w", err)
		}
	}
	defer ole.CoUninitialize()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: %v", what, p)
		}
	}()
	return fn()
}
