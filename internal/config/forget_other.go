//go:build !windows

package config

import "os"

func removeFile(path string) error { return os.Remove(path) }
func removeDir(path string) error  { return os.Remove(path) }
