//go:build ignore

// gen draws Mamori's icons. Run from the repository root:
//
//	go run assets/gen.go
//
// The shapes are computed, not drawn by hand, so the icons can be rebuilt and
// recoloured from this file alone.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"regexp"
)

// shield reports whether (x, y), in a unit square, lies inside a shield:
// straight sides for the upper half, curving to a point at the bottom.
func shield(x, y float64) bool {
	const top, mid, bottom = 0.08, 0.52, 0.95
	if y < top || y > bottom {
		return false
	}
	half := 0.40
	if y > mid {
		t := (y - mid) / (bottom - mid)
		half *= math.Sqrt(1 - t*t)
	}
	// a shallow notch in the top edge
	if y < top+0.06*math.Abs(x-0.5)/0.40 && math.Abs(x-0.5) < 0.40 {
		return false
	}
	return math.Abs(x-0.5) <= half
}

// tick reports whether (x, y) lies on the check mark drawn inside the shield.
func tick(x, y float64) bool {
	const w = 0.055
	return segDist(x, y, 0.32, 0.50, 0.45, 0.64) < w || segDist(x, y, 0.45, 0.64, 0.70, 0.34) < w
}

func segDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/(dx*dx+dy*dy)))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// glyph reports whether (x, y) lies on the mark drawn inside the shield.
type glyph func(x, y float64) bool

// exclaim is "!" for a warning.
func exclaim(x, y float64) bool {
	return segDist(x, y, 0.5, 0.28, 0.5, 0.56) < 0.06 || math.Hypot(x-0.5, y-0.70) < 0.065
}

// cross is "×" for a critical finding.
func cross(x, y float64) bool {
	return segDist(x, y, 0.35, 0.32, 0.65, 0.66) < 0.06 || segDist(x, y, 0.65, 0.32, 0.35, 0.66) < 0.06
}

// question is "?" for a check that could not tell.
func question(x, y float64) bool {
	r := math.Hypot(x-0.5, y-0.38)
	arc := math.Abs(r-0.12) < 0.05 && !(y > 0.38 && x < 0.5)
	return arc || segDist(x, y, 0.5, 0.50, 0.5, 0.57) < 0.05 || math.Hypot(x-0.5, y-0.71) < 0.055
}

func draw(size int, fill color.NRGBA, path string) *image.NRGBA {
	return drawGlyph(size, fill, tick, path)
}

// drawGlyph draws an icon and writes it as a PNG to path ("" writes
// nothing).
func drawGlyph(size int, fill color.NRGBA, mark glyph, path string) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // supersampling for smooth edges
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var inS, inT int
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					if shield(x, y) {
						inS++
						if mark(x, y) {
							inT++
						}
					}
				}
			}
			if inS == 0 {
				continue
			}
			a := float64(inS) / ss / ss
			t := float64(inT) / float64(inS)
			mix := func(c uint8) uint8 { return uint8(float64(c)*(1-t) + 255*t) }
			img.SetNRGBA(px, py, color.NRGBA{mix(fill.R), mix(fill.G), mix(fill.B), uint8(255 * a)})
		}
	}
	if path == "" {
		return img
	}
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	return img
}

func main() {
	blue := color.NRGBA{0x2b, 0x3a, 0x8c, 0xff}
	draw(256, blue, "assets/icon.png")
	// The icon a notification carries (image-data hint) where no icon
	// theme has it: 64x64 RGBA pixels, ready to send, so the resident agent
	// decodes no image.
	if err := os.WriteFile("assets/icon-64.rgba", draw(64, blue, "").Pix, 0o644); err != nil {
		log.Fatal(err)
	}
	// Tray icons: colour and shape both tell the status, for people who
	// do not see the colours.
	for _, t := range []struct {
		name string
		fill color.NRGBA
		mark glyph
	}{
		{"ok", color.NRGBA{0x2e, 0x7d, 0x32, 0xff}, tick},
		{"warn", color.NRGBA{0xc7, 0x7c, 0x02, 0xff}, exclaim},
		{"critical", color.NRGBA{0xc6, 0x28, 0x28, 0xff}, cross},
		{"unknown", color.NRGBA{0x61, 0x61, 0x61, 0xff}, question},
	} {
		drawGlyph(64, t.fill, t.mark, "assets/tray-"+t.name+".png")
		// Windows' notification area loads icons, not PNGs: every size
		// it picks from at 100-200% scaling, each drawn at its size.
		var sizes []*image.NRGBA
		for _, n := range []int{16, 20, 24, 32, 40, 48} {
			sizes = append(sizes, drawGlyph(n, t.fill, t.mark, ""))
		}
		writeICO("assets/tray-"+t.name+".ico", sizes)
	}
	// The program's own icon on Windows (Explorer, Start menu, the
	// installer), up to the 256-pixel size Explorer shows.
	var sizes []*image.NRGBA
	for _, n := range []int{16, 24, 32, 48, 64, 256} {
		sizes = append(sizes, draw(n, blue, ""))
	}
	writeICO("assets/icon.ico", sizes)
	// The hicolor icon theme, where desktops, docks and notification
	// servers look the installed icon up by the app ID: every size they
	// ask for, each drawn at its size, and a scalable one.
	id := appID()
	for _, n := range []int{16, 22, 24, 32, 48, 64, 128, 256, 512} {
		dir := fmt.Sprintf("assets/hicolor/%dx%d/apps", n, n)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
		draw(n, blue, dir+"/"+id+".png")
	}
	// macOS's icon: PNGs in an icns container, at each size and scale
	// Finder and the Dock ask for.
	writeICNS("assets/Mamori.icns", blue)
	if err := os.MkdirAll("assets/hicolor/scalable/apps", 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("assets/hicolor/scalable/apps/"+id+".svg", []byte(svgIcon(blue)), 0o644); err != nil {
		log.Fatal(err)
	}
}

// svgIcon is the icon as SVG, from the same shapes as shield and tick: the
// straight sides, the curve to the point (a quarter ellipse each side),
// the notch in the top edge, and the tick as a round-capped stroke.
func svgIcon(fill color.NRGBA) string {
	const top, mid, bottom, half = 0.08, 0.52, 0.95, 0.40
	p := func(x, y float64) string { return fmt.Sprintf("%.2f %.2f", 256*x, 256*y) }
	path := "M " + p(0.5-half, top) +
		" L " + p(0.5, top+0.06) + // the notch's lowest point
		" L " + p(0.5+half, top) +
		" L " + p(0.5+half, mid) +
		fmt.Sprintf(" A %.2f %.2f 0 0 1 %s", 256*half, 256*(bottom-mid), p(0.5, bottom)) +
		fmt.Sprintf(" A %.2f %.2f 0 0 1 %s", 256*half, 256*(bottom-mid), p(0.5-half, mid)) + " Z"
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <path d="%s" fill="#%02x%02x%02x"/>
  <polyline points="%s %s %s" fill="none" stroke="#ffffff" stroke-width="%.2f" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`, path, fill.R, fill.G, fill.B, p(0.32, 0.50), p(0.45, 0.64), p(0.70, 0.34), 256*0.11)
}

// writeICO writes images as an ICO file: each a 32-bit BGRA bitmap with
// its AND mask (what every Windows version and Wine read), except 256
// pixels, which is stored as PNG as Windows expects.
func writeICO(path string, imgs []*image.NRGBA) {
	var dir, data bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&dir, le, [3]uint16{0, 1, uint16(len(imgs))})
	offset := 6 + 16*len(imgs)
	for _, img := range imgs {
		n := img.Bounds().Dx()
		var entry bytes.Buffer
		if n >= 256 {
			if err := png.Encode(&entry, img); err != nil {
				log.Fatal(err)
			}
		} else {
			// BITMAPINFOHEADER: the height counts the colour rows and
			// the mask's, both bottom-up.
			binary.Write(&entry, le, struct {
				Size                       uint32
				Width, Height              int32
				Planes, Bits               uint16
				Compression, ImageSize     uint32
				XPerM, YPerM, Used, Import uint32
			}{Size: 40, Width: int32(n), Height: int32(2 * n), Planes: 1, Bits: 32})
			for y := n - 1; y >= 0; y-- {
				for x := 0; x < n; x++ {
					c := img.NRGBAAt(x, y)
					entry.Write([]byte{c.B, c.G, c.R, c.A})
				}
			}
			// The AND mask: one bit a pixel, rows padded to 32 bits; all
			// zero, the alpha channel decides.
			entry.Write(make([]byte, n*((n+31)/32*4)))
		}
		side := uint8(n)
		if n >= 256 {
			side = 0 // 0 means 256
		}
		dir.Write([]byte{side, side, 0, 0})
		binary.Write(&dir, le, [2]uint16{1, 32})
		binary.Write(&dir, le, [2]uint32{uint32(entry.Len()), uint32(offset)})
		offset += entry.Len()
		data.Write(entry.Bytes())
	}
	if err := os.WriteFile(path, append(dir.Bytes(), data.Bytes()...), 0o644); err != nil {
		log.Fatal(err)
	}
}

// appID is FyneApp.toml's ID, the icon's name in the theme.
func appID() string {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		log.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*ID\s*=\s*"([^"]+)"`).FindSubmatch(data)
	if m == nil {
		log.Fatal("FyneApp.toml has no ID")
	}
	return string(m[1])
}

// writeICNS writes an icns file: the magic and total length, then each
// image as its type, its length (with the 8-byte header) and a PNG.
func writeICNS(path string, fill color.NRGBA) {
	var body bytes.Buffer
	for _, e := range []struct {
		kind string
		size int
	}{
		{"ic11", 32}, {"ic12", 64}, {"ic07", 128}, {"ic13", 256},
		{"ic08", 256}, {"ic14", 512}, {"ic09", 512}, {"ic10", 1024},
	} {
		var img bytes.Buffer
		if err := png.Encode(&img, draw(e.size, fill, "")); err != nil {
			log.Fatal(err)
		}
		body.WriteString(e.kind)
		binary.Write(&body, binary.BigEndian, uint32(8+img.Len()))
		body.Write(img.Bytes())
	}
	var out bytes.Buffer
	out.WriteString("icns")
	binary.Write(&out, binary.BigEndian, uint32(8+body.Len()))
	out.Write(body.Bytes())
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
