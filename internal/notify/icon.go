package notify

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
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

// ImageData makes the image-data hint from a PNG, scaled to size×size (a
// box average, once at start), so that a notification shows the app's icon
// where no icon theme holds it (a program run from its build directory).
func ImageData(pngData []byte, size int) (dbus.Variant, error) {
	src, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return dbus.Variant{}, fmt.Errorf("decoding the icon: %w", err)
	}
	rgba := image.NewNRGBA(src.Bounds())
	draw.Draw(rgba, rgba.Bounds(), src, src.Bounds().Min, draw.Src)
	w, h := rgba.Bounds().Dx(), rgba.Bounds().Dy()
	out := make([]byte, size*size*4)
	for y := range size {
		for x := range size {
			var sum [4]int
			n := 0
			for sy := y * h / size; sy < (y+1)*h/size; sy++ {
				for sx := x * w / size; sx < (x+1)*w/size; sx++ {
					i := rgba.PixOffset(sx+rgba.Rect.Min.X, sy+rgba.Rect.Min.Y)
					for c := range 4 {
						sum[c] += int(rgba.Pix[i+c])
					}
					n++
				}
			}
			for c := range 4 {
				if n > 0 {
					out[(y*size+x)*4+c] = byte(sum[c] / n)
				}
			}
		}
	}
	return dbus.MakeVariant(Image{Width: int32(size), Height: int32(size), Rowstride: int32(size * 4), HasAlpha: true, BitsPerSample: 8, Channels: 4, Data: out}), nil
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
