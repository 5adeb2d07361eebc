//go:build !((linux || freebsd || openbsd || netbsd) && !android)

package systray

// The native menus of Windows and macOS change at once, with nothing
// announced to batch.
func beginBatch() {}

func endBatch() {}
