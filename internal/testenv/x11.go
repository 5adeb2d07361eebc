package testenv

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Xvfb starts a virtual X server and returns its DISPLAY value.
func Xvfb(t testing.TB) string {
	t.Helper()
	return XvfbSized(t, "1280x1024")
}

// XvfbSized starts a virtual X server whose screen is size ("1366x768")
// and returns its display.
func XvfbSized(t testing.TB, size string) string {
	t.Helper()
	Require(t, "Xvfb", "xwd", "xwininfo")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -displayfd picks a free display and writes its number to fd 3.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", size+"x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb gave no display number")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start")
	}
	return ""
}

// DecodeXWD reads an X Window Dump (what xwd writes) of a TrueColor visual.
func DecodeXWD(data []byte) (image.Image, error) {
	if len(data) < 100 {
		return nil, fmt.Errorf("xwd: %d bytes is too short", len(data))
	}
	h := make([]uint32, 25)
	for i := range h {
		h[i] = binary.BigEndian.Uint32(data[4*i:]) // the header is always MSB first
	}
	headerSize, version := h[0], h[1]
	width, height := int(h[4]), int(h[5])
	byteOrder, bpp, bytesPerLine := h[7], h[11], int(h[12])
	redMask, greenMask, blueMask := h[14], h[15], h[16]
	ncolors := int(h[19])
	if version != 7 || (bpp != 32 && bpp != 24) || width <= 0 || height <= 0 {
		return nil, fmt.Errorf("xwd: version %d, %d bits per pixel, %dx%d not supported", version, bpp, width, height)
	}
	off := int(headerSize) + 12*ncolors
	if len(data) < off+bytesPerLine*height {
		return nil, fmt.Errorf("xwd: truncated image")
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if byteOrder == 1 {
		order = binary.BigEndian
	}
	channel := func(px, mask uint32) uint8 {
		shift := 0
		for mask != 0 && mask&1 == 0 {
			mask >>= 1
			shift++
		}
		return uint8((px >> shift) & mask)
	}
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	for y := 0; y < height; y++ {
		row := data[off+y*bytesPerLine:]
		for x := 0; x < width; x++ {
			var px uint32
			if bpp == 24 { // Wine's OpenGL windows, on a 24-bit display
				b := row[3*x : 3*x+3]
				px = uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
				if byteOrder == 1 {
					px = uint32(b[2]) | uint32(b[1])<<8 | uint32(b[0])<<16
				}
			} else {
				px = order.Uint32(row[4*x:])
			}
			img.SetNRGBA(x, y, color.NRGBA{channel(px, redMask), channel(px, greenMask), channel(px, blueMask), 255})
		}
	}
	return img, nil
}

// Screenshot dumps window id with xwd (on the display env names, or the
// test's own when env is nil) and decodes it.
func Screenshot(t testing.TB, env []string, id string) image.Image {
	t.Helper()
	xwd := exec.Command("xwd", "-id", id, "-silent")
	xwd.Env = env
	raw, err := xwd.Output()
	if err != nil {
		t.Fatalf("xwd: %v", err)
	}
	img, err := DecodeXWD(raw)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// SaveArtifact writes img as test-artifacts/name at the repository's root,
// where the screenshots of the window tests are kept for people to look at.
func SaveArtifact(t testing.TB, name string, img image.Image) {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "test-artifacts")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: test-artifacts/%s", name)
}
