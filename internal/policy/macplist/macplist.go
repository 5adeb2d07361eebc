// Package macplist decodes a macOS property list, XML or binary, with
// howett.net/plist. It is a package of its own so that only the Mac's
// policy channel links a plist parser: the agent on Linux and Windows never
// reads one.
package macplist

import (
	"errors"

	"howett.net/plist"
)

// Decode reads a property list whose top is a dictionary.
func Decode(data []byte) (map[string]any, error) {
	if len(data) == 0 {
		// howett.net/plist gives an empty dictionary for it.
		return nil, errors.New("empty")
	}
	var m map[string]any
	if _, err := plist.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("not a dictionary")
	}
	return m, nil
}
