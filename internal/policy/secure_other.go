//go:build !unix

package policy

import "os"

// secure: on Windows the policy files are not read (the registry is the
// channel, and its Policies keys only administrators can write); a path
// need only exist.
func secure(path string, owner int) error {
	_, err := os.Stat(path)
	return err
}

func judge(string, os.FileInfo, int) error { return nil }

func openFile(name string) (*os.File, error) { return os.Open(name) }
