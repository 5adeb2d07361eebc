package msg

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"github.com/godbus/dbus/v5"
)

// Image is the freedesktop image-data hint: raw RGBA pixels, signature
// (iiibiiay).
type Image struct {
	Width, Height, Rowstride int32
	HasAlpha                 bool
	BitsPerSample, Channels  int32
	Data                     []byte
}

// ImageData makes the image-data hint from size×size RGBA pixels with
// alpha, so that a notification shows the app's icon where no icon theme
// holds it (a program run from its build directory).
func ImageData(rgba []byte, size int) (dbus.Variant, error) {
	if size <= 0 || len(rgba) != size*size*4 {
		return dbus.Variant{}, fmt.Errorf("icon pixels: %d bytes for %dx%d RGBA", len(rgba), size, size)
	}
	return dbus.MakeVariant(Image{Width: int32(size), Height: int32(size), Rowstride: int32(size * 4), HasAlpha: true, BitsPerSample: 8, Channels: 4, Data: rgba}), nil
}

// PNGImageData makes the image-data hint from a square PNG (a tray
// icon), decoded when a notification needs it so the agent holds no
// pixels between notifications. The hint's pixels are not premultiplied.
func PNGImageData(data []byte) (dbus.Variant, error) {
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return dbus.Variant{}, fmt.Errorf("decoding an icon: %w", err)
	}
	b := src.Bounds()
	if b.Dx() != b.Dy() {
		return dbus.Variant{}, fmt.Errorf("icon is %dx%d, not square", b.Dx(), b.Dy())
	}
	// Pixel by pixel rather than with image/draw, which the resident
	// agent would link for this alone: an icon is a few thousand pixels.
	img := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			img.Set(x-b.Min.X, y-b.Min.Y, src.At(x, y))
		}
	}
	return ImageData(img.Pix, b.Dx())
}

// IconInstalled reports whether an icon theme holds the icon named id, as
// the freedesktop icon theme lookup finds it: the hicolor theme or
// pixmaps under $XDG_DATA_HOME and $XDG_DATA_DIRS.
func IconInstalled(getenv func(string) string, id string) bool {
	dataHome := getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(dataHome) {
		dataHome = filepath.Join(getenv("HOME"), ".local", "share")
	}
	dirs := getenv("XDG_DATA_DIRS")
	if dirs == "" {
		dirs = "/usr/local/share:/usr/share"
	}
	for _, d := range append([]string{dataHome}, strings.Split(dirs, ":")...) {
		if !filepath.IsAbs(d) {
			continue
		}
		for _, pattern := range []string{"icons/hicolor/*/apps/" + id + ".*", "pixmaps/" + id + ".*"} {
			if m, _ := filepath.Glob(filepath.Join(d, pattern)); len(m) > 0 {
				if _, err := os.Stat(m[0]); err == nil {
					return true
				}
			}
		}
	}
	return false
}
