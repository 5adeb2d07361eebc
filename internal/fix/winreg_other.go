//go:build !windows

package fix

import "errors"

// setWinDesktop: there is no Windows registry here.
func setWinDesktop(name, value string) error {
	return errors.New("the Windows registry exists only on Windows")
}
