package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// paragraph is a label that wraps by Japanese rules as well as Latin ones
// (breakLines): it gives its Fyne label the text broken into lines that
// fit its width, broken again whenever the width changes. The label still
// wraps by word, which never has to act on lines that fit, so that its
// minimum width stays a wrapping label's (the window can narrow).
type paragraph struct {
	widget.BaseWidget
	text  string
	label *widget.Label
	// width is the width the text was broken for.
	width float32
}

func newParagraph(text string, style fyne.TextStyle) *paragraph {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	l.Wrapping = fyne.TextWrapWord
	p := &paragraph{text: text, label: l}
	p.ExtendBaseWidget(p)
	return p
}

// Text is the text as given, without the breaks.
func (p *paragraph) Text() string { return p.text }

// SetText changes the text.
func (p *paragraph) SetText(text string) {
	p.text, p.width = text, 0
	p.label.SetText(text)
	p.breakFor(p.Size().Width)
}

func (p *paragraph) CreateRenderer() fyne.WidgetRenderer { return &paragraphRenderer{p} }

// breakFor breaks the text for a label width wide: the room inside the
// label's padding, less a pixel for rounding, measured as Fyne draws it.
func (p *paragraph) breakFor(width float32) {
	if width == p.width || width <= 0 {
		return
	}
	p.width = width
	room := width - 2*theme.InnerPadding() - 1
	size := theme.TextSize()
	style := p.label.TextStyle
	measure := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	text := strings.Join(breakLines(p.text, room, measure), "\n")
	if text != p.label.Text {
		p.label.Text = text
		p.label.Refresh()
	}
}

type paragraphRenderer struct{ p *paragraph }

func (r *paragraphRenderer) Layout(size fyne.Size) {
	r.p.breakFor(size.Width)
	r.p.label.Resize(size)
}

func (r *paragraphRenderer) MinSize() fyne.Size           { return r.p.label.MinSize() }
func (r *paragraphRenderer) Refresh()                     { r.p.label.Refresh() }
func (r *paragraphRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.label} }
func (r *paragraphRenderer) Destroy()                     {}
