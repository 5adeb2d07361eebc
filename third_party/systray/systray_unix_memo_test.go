//go:build (linux || freebsd || openbsd || netbsd) && !android

package systray

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestIconDecodedOnce: switching back to an icon shown before reuses its
// pixels instead of decoding the PNG again (Mamori's patch 4), and a
// different icon gets its own.
func TestIconDecodedOnce(t *testing.T) {
	icon := func(c color.NRGBA) []byte {
		img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
		for i := 0; i < 16; i++ {
			img.Set(i%4, i/4, c)
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	red, blue := icon(color.NRGBA{R: 255, A: 255}), icon(color.NRGBA{B: 255, A: 255})
	first, again := convertToPixels(red), convertToPixels(append([]byte(nil), red...))
	if len(first.Pix) != 64 || &first.Pix[0] != &again.Pix[0] {
		t.Errorf("the same icon was decoded twice (or not at all): %d bytes", len(first.Pix))
	}
	other := convertToPixels(blue)
	if &other.Pix[0] == &first.Pix[0] || other.Pix[3] != 255 || first.Pix[1] != 255 {
		t.Errorf("another icon got the first one's pixels: %v %v", first.Pix[:4], other.Pix[:4])
	}
	if px := convertToPixels([]byte("not a png")); len(px.Pix) != 0 {
		t.Errorf("bytes that are no image gave %d pixels", len(px.Pix))
	}
}
