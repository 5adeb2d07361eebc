package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// WorkArea is the primary screen less its panels, in w's units; zero when
// it cannot be told. It asks GLFW, which Fyne has started by the time a
// window exists, and must run on the main goroutine, as Fyne's own calls
// do. On X11 GLFW reads the window manager's _NET_WORKAREA; without a
// window manager it is the whole screen.
func WorkArea(w fyne.Window) fyne.Size {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	_, _, width, height := m.GetWorkarea()
	scale := w.Canvas().Scale()
	if width <= 0 || height <= 0 || scale <= 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(float32(width)/scale, float32(height)/scale)
}

// SetWindowClass makes the windows Fyne creates from now on carry class
// (the application's name, "Mamori") and instance in WM_CLASS, so that
// docks and task bars group them and find Mamori's icon through the
// .desktop file's StartupWMClass. Fyne names none, and GLFW then uses the
// window's title. The class is the name a task bar shows for a group of
// windows whose titles differ (Xfce's, through libwnck), so it is the
// name a person reads, not the application ID.
// Like WorkArea it runs on the main goroutine, after the first NewWindow
// (which starts GLFW) and before the window is shown (Fyne creates the X
// window then, from the hints set at that moment).
func SetWindowClass(class, instance string) {
	glfw.WindowHintString(glfw.X11ClassName, class)
	glfw.WindowHintString(glfw.X11InstanceName, instance)
}
