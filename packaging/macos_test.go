package packaging

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-project/mamori"
)

// TestMacOSBundle assembles the .app layout and checks it as plutil and
// Finder would: both property lists well formed with the keys a menu-bar
// app needs, values from FyneApp.toml, and an icns whose images are PNGs
// of the sizes their types say. (The programs are built on a Mac.)
func TestMacOSBundle(t *testing.T) {
	info := mamori.App()
	dir := t.TempDir()
	if out, err := exec.Command("../scripts/package-macos", dir).CombinedOutput(); err != nil {
		t.Fatalf("scripts/package-macos: %v\n%s", err, out)
	}
	app := filepath.Join(dir, info.Name+".app", "Contents")
	plist := readPlist(t, filepath.Join(app, "Info.plist"))
	for key, want := range map[string]any{
		"CFBundleIdentifier": info.ID, "CFBundleName": info.Name, "CFBundleExecutable": "mamori",
		"CFBundleShortVersionString": info.Version, "CFBundleVersion": fmt.Sprint(info.Build),
		"CFBundlePackageType": "APPL", "LSUIElement": true, "CFBundleIconFile": "Mamori.icns",
	} {
		if plist[key] != want {
			t.Errorf("Info.plist %s = %v, want %v", key, plist[key], want)
		}
	}
	agent := readPlist(t, filepath.Join(app, "Library", "LaunchAgents", info.ID+".plist"))
	if agent["Label"] != info.ID || agent["BundleProgram"] != "Contents/MacOS/mamori" || agent["RunAtLoad"] != true {
		t.Errorf("LaunchAgent: %v", agent)
	}
	icns, err := os.ReadFile(filepath.Join(app, "Resources", "Mamori.icns"))
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int{"ic11": 32, "ic12": 64, "ic07": 128, "ic13": 256, "ic08": 256, "ic14": 512, "ic09": 512, "ic10": 1024}
	if string(icns[:4]) != "icns" || int(binary.BigEndian.Uint32(icns[4:])) != len(icns) {
		t.Fatalf("icns header: %q, length %d of %d", icns[:4], binary.BigEndian.Uint32(icns[4:]), len(icns))
	}
	seen := 0
	for rest := icns[8:]; len(rest) > 0; seen++ {
		if len(rest) < 8 {
			t.Fatal("icns entry cut short")
		}
		kind, n := string(rest[:4]), int(binary.BigEndian.Uint32(rest[4:]))
		if n < 8 || n > len(rest) {
			t.Fatalf("icns %s: length %d", kind, n)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(rest[8:n]))
		if err != nil || cfg.Width != sizes[kind] || cfg.Height != sizes[kind] {
			t.Errorf("icns %s: %dx%d (%v), want %d", kind, cfg.Width, cfg.Height, err, sizes[kind])
		}
		rest = rest[n:]
	}
	if seen != len(sizes) {
		t.Errorf("icns has %d images, want %d", seen, len(sizes))
	}
}

// readPlist reads an XML property list's top dictionary, strictly: the
// plist root of version 1.0, keys each followed by one value of a plist
// type. Strings, booleans, integers and arrays of strings are returned.
func readPlist(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	out := map[string]any{}
	key := ""
	var array []string
	text := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			switch depth := len(stack); {
			case depth == 0 && name != "plist":
				t.Fatalf("%s: root <%s>, want <plist>", path, name)
			case depth == 0:
				if v := attr(tok, "version"); v != "1.0" {
					t.Fatalf("%s: plist version %q", path, v)
				}
			case depth == 1 && name != "dict":
				t.Fatalf("%s: top <%s>, want <dict>", path, name)
			case depth == 2 && name != "key" && key == "":
				t.Fatalf("%s: <%s> where a <key> belongs", path, name)
			case depth == 2 && name == "key" && key != "":
				t.Fatalf("%s: key %q has no value", path, key)
			}
			if !strings.Contains(" plist dict key string true false integer real date data array ", " "+name+" ") {
				t.Fatalf("%s: <%s> is not a plist element", path, name)
			}
			stack = append(stack, name)
			text = ""
			if name == "array" {
				array = []string{}
			}
		case xml.CharData:
			text += string(tok)
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case len(stack) == 2 && name == "key":
				key = strings.TrimSpace(text)
			case len(stack) == 2:
				var v any = strings.TrimSpace(text)
				switch name {
				case "true":
					v = true
				case "false":
					v = false
				case "array":
					v = array
				}
				if _, dup := out[key]; dup {
					t.Errorf("%s: key %q twice", path, key)
				}
				out[key], key = v, ""
			case len(stack) == 3 && stack[2] == "array" && name == "string":
				array = append(array, strings.TrimSpace(text))
			}
		}
	}
	if key != "" {
		t.Fatalf("%s: key %q has no value", path, key)
	}
	return out
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
