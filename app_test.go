package mamori

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/png"
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestAppReadsFyneApp(t *testing.T) {
	info := App()
	if info.Name != "Mamori" || info.ID == "" || info.Version == "" {
		t.Fatalf("App() = %+v, want Name Mamori and a non-empty ID and Version", info)
	}
	if info.IconPath != "assets/icon.png" {
		t.Errorf("IconPath = %q, want assets/icon.png (the embedded icon)", info.IconPath)
	}
	if _, err := png.Decode(bytes.NewReader(Icon())); err != nil {
		t.Errorf("embedded icon is not a PNG: %v", err)
	}
	seen := map[string]bool{}
	for _, s := range []string{"ok", "warn", "critical", "unknown"} {
		b := TrayIcon(s)
		if runtime.GOOS == "windows" {
			if _, err := icoSizes(b); err != nil {
				t.Errorf("tray icon %s is not an icon: %v", s, err)
			}
		} else if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("tray icon %s is not a PNG: %v", s, err)
		}
		if seen[string(b)] {
			t.Errorf("tray icon %s is the same as another status's", s)
		}
		seen[string(b)] = true
	}
}

// The Windows icons hold every size the notification area and Explorer
// pick from, each a well-formed 32-bit bitmap (or PNG at 256) with its
// shape in the alpha channel.
func TestWindowsIcons(t *testing.T) {
	for name, want := range map[string][]int{
		"tray-ok": {16, 20, 24, 32, 40, 48}, "tray-warn": {16, 20, 24, 32, 40, 48},
		"tray-critical": {16, 20, 24, 32, 40, 48}, "tray-unknown": {16, 20, 24, 32, 40, 48},
		"icon": {16, 24, 32, 48, 64, 256},
	} {
		b, err := os.ReadFile("assets/" + name + ".ico")
		if err != nil {
			t.Fatal(err)
		}
		got, err := icoSizes(b)
		if err != nil {
			t.Errorf("%s.ico: %v", name, err)
		} else if !slices.Equal(got, want) {
			t.Errorf("%s.ico has sizes %v, want %v", name, got, want)
		}
	}
}

// icoSizes reads an ICO file's directory and checks each image in it: a
// BITMAPINFOHEADER of its size and 32 bits with some opaque and some clear
// pixels, or a PNG of its size.
func icoSizes(b []byte) ([]int, error) {
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b) != 0 || le.Uint16(b[2:]) != 1 {
		return nil, errors.New("no ICO header")
	}
	var sizes []int
	for i := range int(le.Uint16(b[4:])) {
		e := b[6+16*i:]
		if len(e) < 16 {
			return nil, errors.New("directory cut short")
		}
		n := int(e[0])
		if n == 0 {
			n = 256
		}
		size, off := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if off+size > len(b) {
			return nil, fmt.Errorf("image %d runs past the end", n)
		}
		img := b[off : off+size]
		if bytes.HasPrefix(img, []byte("\x89PNG")) {
			cfg, err := png.DecodeConfig(bytes.NewReader(img))
			if err != nil || cfg.Width != n || cfg.Height != n {
				return nil, fmt.Errorf("PNG image %d: %v %+v", n, err, cfg)
			}
		} else {
			if le.Uint32(img) != 40 || int(le.Uint32(img[4:])) != n || int(le.Uint32(img[8:])) != 2*n || le.Uint16(img[14:]) != 32 {
				return nil, fmt.Errorf("image %d: not a 32-bit bitmap of its size", n)
			}
			if want := 40 + 4*n*n + n*((n+31)/32*4); size != want {
				return nil, fmt.Errorf("image %d: %d bytes, want %d", n, size, want)
			}
			var opaque, clear int
			for p := 40; p < 40+4*n*n; p += 4 {
				switch img[p+3] {
				case 255:
					opaque++
				case 0:
					clear++
				}
			}
			if opaque == 0 || clear == 0 {
				return nil, fmt.Errorf("image %d: no shape in its alpha (%d opaque, %d clear)", n, opaque, clear)
			}
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

func TestParseFyneAppRejectsIncomplete(t *testing.T) {
	for name, in := range map[string]string{
		"empty":      "",
		"no version": "[Details]\nName = \"X\"\nID = \"a.b\"\n",
		"garbage":    "[Details\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseFyneApp([]byte(in)); err == nil {
				t.Errorf("parseFyneApp(%q) succeeded, want an error", in)
			}
		})
	}
}

// TestParseFyneAppLikeTOML reads FyneApp.toml, and variants of it, with a
// real TOML parser and with parseFyneApp, and requires the same values.
func TestParseFyneAppLikeTOML(t *testing.T) {
	type details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	variants := map[string]string{
		"the real file":        string(fyneAppTOML),
		"comments and spacing": "# c\nWebsite=\"https://x.example/a#b\" # trailing\n\n[Details]\nName = \"M \\\"quoted\\\" \\\\ x\"\nID=\"a.b\"\nVersion = \"1.2.3\"\nBuild=42\nIcon = \"i.png\"\n",
		"unicode":              "[Details]\nName = \"守り\"\nID = \"a.b\"\nVersion = \"0.1\"\n",
	}
	for name, src := range variants {
		t.Run(name, func(t *testing.T) {
			var want struct {
				Website string
				Details details
			}
			if _, err := toml.Decode(src, &want); err != nil {
				t.Fatalf("toml: %v", err)
			}
			got, err := parseFyneApp([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			d := want.Details
			if got.Website != want.Website || got.Name != d.Name || got.ID != d.ID || got.Version != d.Version || got.Build != d.Build || got.IconPath != d.Icon {
				t.Errorf("parseFyneApp = %+v, TOML says %+v", got, want)
			}
		})
	}
}

func FuzzParseFyneApp(f *testing.F) {
	f.Add(string(fyneAppTOML))
	f.Add("[Details]\nName = \"M \\\"q\\\"\"\nID=\"a.b\"\nVersion=\"1\"\nBuild=x\n")
	f.Fuzz(func(t *testing.T, src string) {
		if info, err := parseFyneApp([]byte(src)); err == nil && (info.Name == "" || info.ID == "" || info.Version == "") {
			t.Errorf("accepted without a name, ID or version: %+v", info)
		}
	})
}

// TestIconPixels64 holds the embedded notification icon to the PNG icon:
// the same picture, drawn at 64x64 (assets/gen.go makes both).
func TestIconPixels64(t *testing.T) {
	px := IconPixels64()
	if len(px) != 64*64*4 {
		t.Fatalf("%d bytes, want 64x64 RGBA", len(px))
	}
	big, err := png.Decode(bytes.NewReader(Icon()))
	if err != nil {
		t.Fatal(err)
	}
	// Compare the alpha of each 64x64 pixel with the big icon's at the
	// same place: the shapes match.
	b := big.Bounds()
	differ := 0
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			_, _, _, a := big.At(b.Min.X+x*b.Dx()/64+b.Dx()/128, b.Min.Y+y*b.Dy()/64+b.Dy()/128).RGBA()
			if (a > 0x8000) != (px[(y*64+x)*4+3] > 0x80) {
				differ++
			}
		}
	}
	if differ > 64*64/20 {
		t.Errorf("%d of 4096 pixels differ from icon.png's shape", differ)
	}
}
