package mamori

import (
	"bytes"
	"image/png"
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
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("tray icon %s is not a PNG: %v", s, err)
		}
		if seen[string(b)] {
			t.Errorf("tray icon %s is the same as another status's", s)
		}
		seen[string(b)] = true
	}
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
