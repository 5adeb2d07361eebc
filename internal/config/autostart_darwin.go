package config

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

func (a Autostart) plistPath() string {
	return filepath.Join(a.ConfigHome, "Library", "LaunchAgents", a.AppID+".plist")
}

func (a Autostart) install() error {
	plist := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>%s</string>
  <key>ProgramArguments</key><array><string>%s</string></array>
  <key>RunAtLoad</key><true/>
</dict>
</plist>
`, html.EscapeString(a.AppID), html.EscapeString(a.Exe))
	if err := atomicfile.Write(a.plistPath(), []byte(plist), 0o644); err != nil {
		return fmt.Errorf("writing the LaunchAgent: %w", err)
	}
	return nil
}

func (a Autostart) remove() error { return removeIfPresent(a.plistPath()) }

// enabled: the LaunchAgent Mamori writes is there or not. (The bundle's
// own, for SMAppService, is approved in System Settings and not read here.)
func (a Autostart) enabled() (on, known bool, err error) {
	_, err = os.Stat(a.plistPath())
	if errors.Is(err, fs.ErrNotExist) {
		return false, true, nil
	}
	return err == nil, err == nil, err
}
