package ui

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

// frame is room left on the work area for a window's title bar and
// borders, which the window manager adds around the size Fyne is given.
var frame = fyne.NewSize(16, 48)

// Fit is the size to give a window: want, shrunk to fit area (the screen
// less its panels) with room for the window's frame. An unknown (zero)
// area leaves want as it is.
func Fit(want, area fyne.Size) fyne.Size {
	if area.Width <= 0 || area.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, area.Width-frame.Width), min(want.Height, area.Height-frame.Height))
}

// SavedSize is the size the person last gave one window, kept in a small
// file of its own: a window's size is not a setting, and keeping it must
// never rewrite the settings file.
type SavedSize struct{ Path string }

type savedSize struct {
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
}

// Load returns the saved size; ok is false when there is none or it is not
// a plausible window size.
func (s SavedSize) Load() (size fyne.Size, ok bool) {
	data, err := atomicfile.Read(s.Path, 4<<10)
	if err != nil {
		return fyne.Size{}, false
	}
	var v savedSize
	if json.Unmarshal(data, &v) != nil || !plausible(v.Width) || !plausible(v.Height) {
		return fyne.Size{}, false
	}
	return fyne.NewSize(v.Width, v.Height), true
}

func plausible(x float32) bool {
	return !math.IsNaN(float64(x)) && x >= 200 && x <= 20000
}

// Save keeps size.
func (s SavedSize) Save(size fyne.Size) error {
	data, err := json.Marshal(savedSize{Width: size.Width, Height: size.Height})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(s.Path, append(data, '\n'), 0o600)
}

// SizeKeeper wraps a window's content and reports the size the window
// settles at after the person resizes it: a second after the last change,
// and only when it differs from the size the window was given.
type SizeKeeper struct {
	// Given is the size the window was opened at.
	Given fyne.Size
	// Size reads the window's size now (its canvas's, which is the content
	// and its padding); it runs on Fyne's goroutine.
	Size func() fyne.Size
	// Keep is called with the new size.
	Keep func(fyne.Size)

	mu    sync.Mutex
	last  fyne.Size
	timer *time.Timer
}

// Wrap returns content laid out to fill the window, with its size watched.
func (k *SizeKeeper) Wrap(content fyne.CanvasObject) fyne.CanvasObject {
	return &fyne.Container{Layout: k, Objects: []fyne.CanvasObject{content}}
}

// Layout fills size with the content and notes the size.
func (k *SizeKeeper) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if size == k.last {
		return
	}
	k.last = size
	if k.timer != nil {
		k.timer.Stop()
	}
	k.timer = time.AfterFunc(time.Second, func() {
		fyne.Do(func() {
			if settled := k.Size(); !near(settled, k.Given) {
				go k.Keep(settled)
			}
		})
	})
}

// MinSize is the content's.
func (k *SizeKeeper) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}

// near: within a unit each way (the canvas rounds to whole pixels).
func near(a, b fyne.Size) bool {
	return math.Abs(float64(a.Width-b.Width)) <= 1 && math.Abs(float64(a.Height-b.Height)) <= 1
}
