package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/report"
)

// StatusWindow is the status window's controller: it follows the agent's
// results over internal/ipc and draws them, keeps the person's place
// (scroll position, open Details, what a fix just changed) across every
// update, comes to the front when the agent asks (the person asked for the
// window again), and carries out the buttons.
type StatusWindow struct {
	Window fyne.Window
	// Show sets the window's content (cmd/window wraps it to keep the
	// window's size).
	Show    func(fyne.CanvasObject)
	Printer *i18n.Printer
	// Languages gives the printer of a language: when the agent's results
	// come in another language (the person changed it in the settings),
	// the whole window follows. nil keeps Printer's.
	Languages func(lang string) *i18n.Printer
	// Address is the agent's (internal/ipc).
	Address string
	// Focus is the check the window opens at, with its Details open;
	// AskFix offers its fix at once (a notification's Fix it).
	Focus  string
	AskFix bool
	// Undos keeps what each fix changed, for Undo.
	Undos fix.Undos
	// Fixes are the fixes the checks declare: what Fix it plans, and what
	// Undo accepts.
	Fixes fix.Fixes
	// Sys reads the settings a fix changes; Runner changes them and opens
	// the OS settings pages.
	Sys    host.System
	Runner interface {
		command.Runner
		osprefs.Launcher
	}
	// OS and Desktop choose the settings page that fixes a check
	// (runtime.GOOS, XDG_CURRENT_DESKTOP).
	OS, Desktop string
	// StartAgent starts the agent's program (Start Mamori); nil hides the
	// button.
	StartAgent func() error
	// Log receives what the person need not read; nil discards it.
	Log io.Writer
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu    sync.Mutex
	doc   *report.Document
	state viewState
	view  *statusParts
	retry chan struct{}
	act   StatusActions
	// acted is the check the person just fixed or undid, at actedAt: the
	// list keeps it in view, Details open, until its new result is drawn
	// in its new place (the list sorts by state, so a fixed check moves).
	acted   string
	actedAt time.Time
}

// keepActedInView is how long the window waits for the result of a check
// the person fixed or undid before it stops keeping it in view.
const keepActedInView = time.Minute

func (s *StatusWindow) logf(format string, args ...any) {
	if s.Log != nil {
		fmt.Fprintf(s.Log, "mamori-window: "+format+"\n", args...)
	}
}

// pages are the settings pages for check id's result as shown: its
// advice may name another page than the check's usual one
// (check.PagesFor).
func (s *StatusWindow) pages(id string) osprefs.Pages {
	advice := ""
	if s.doc != nil {
		for _, c := range s.doc.Checks {
			if c.ID == id {
				advice = c.Advice.Key
			}
		}
	}
	return check.PagesFor(id, advice)
}

func (s *StatusWindow) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Start draws the first results (asked for before the window shows, so it
// does not open on "not running" for the moment a subscription takes) and
// follows the agent from then on. Call it before the window shows, on
// Fyne's goroutine.
func (s *StatusWindow) Start() {
	s.retry = make(chan struct{}, 1)
	s.state = viewState{open: map[string]bool{}, fixed: map[string]string{}, fixedAt: map[string]time.Time{}, focus: s.Focus}
	if s.Focus != "" {
		s.state.open[s.Focus] = true
	}
	s.act = s.actions()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var first *report.Document
	if r, err := ipc.Call(ctx, s.Address, ipc.Request{Cmd: ipc.CmdStatus}); err == nil {
		first, _ = report.Decode(r.Status)
	}
	s.render(first)
	if s.AskFix && first != nil {
		s.AskFix = false
		OfferFix(s.Printer, s.Focus, s.act)
	}
	go s.follow()
}

// follow shows the agent's results as they come, for as long as the
// window is open; after the agent went away it waits for retry (Start
// Mamori, Check now).
func (s *StatusWindow) follow() {
	for {
		quit := false
		err := ipc.Subscribe(context.Background(), s.Address, ipc.Request{Cmd: ipc.CmdWatch}, func(r ipc.Response) error {
			if r.Quit {
				quit = true
				return io.EOF
			}
			doc, err := report.Decode(r.Status)
			if err != nil {
				return err
			}
			fyne.Do(func() {
				s.render(doc)
				if r.Show != nil {
					s.raise(*r.Show)
				}
			})
			return nil
		})
		if quit {
			// The person quit Mamori: its window goes with it.
			s.logf("Mamori was quit; closing")
			fyne.Do(s.Window.Close)
			return
		}
		s.logf("not following the agent: %v", err)
		fyne.Do(func() { s.render(nil) })
		<-s.retry
	}
}

// render draws doc where the person left the window: the same scroll
// position, the same Details open, what a fix changed still said.
func (s *StatusWindow) render(doc *report.Document) {
	if doc != nil && doc.Lang != "" && s.Languages != nil && doc.Lang != s.Printer.Lang {
		s.relanguage(doc.Lang)
	}
	s.doc = doc
	if doc != nil && s.state.checking && checkedSince(doc, s.state.asked) {
		s.state.checking = false
	}
	parts := statusView(s.Printer, doc, s.act, &s.state)
	s.view = parts
	s.Show(parts.root)
	if s.acted != "" && doc != nil {
		s.reveal(s.acted)
		if checkedAfter(doc, s.acted, s.actedAt) || s.now().Sub(s.actedAt) > keepActedInView {
			s.acted = ""
		}
	}
}

// actedOn keeps check id, which the person just fixed or undid, in view
// with its Details open: what the fix changed and Undo beside it, or the
// check back as it was, wherever its new result puts it in the list.
func (s *StatusWindow) actedOn(id string) {
	s.state.open[id] = true
	s.acted, s.actedAt = id, s.now()
	s.render(s.doc)
}

// reveal scrolls the list to check id's row when any of it is out of
// view, and leaves the list where it is when all of it is in view.
func (s *StatusWindow) reveal(id string) {
	top, height, ok := s.rowAt(id)
	if !ok {
		return
	}
	if off := s.view.scroll.Offset.Y; top >= off && top+height <= off+s.view.scroll.Size().Height {
		return
	}
	s.scrollTo(id)
}

// relanguage switches the whole window to lang: its title, its frame and
// buttons (drawn anew by render), and what Fyne draws itself.
func (s *StatusWindow) relanguage(lang string) {
	s.Printer = s.Languages(lang)
	s.act = s.actions()
	s.Window.SetTitle(s.Printer.T("window.status.title", nil))
	Relanguage(lang)
}

// raise brings the window to the front at show's check: Details open,
// scrolled to, and with Fix its fix offered.
func (s *StatusWindow) raise(show ipc.Show) {
	s.Window.Show()
	s.Window.RequestFocus()
	if show.Check == "" {
		return
	}
	s.state.open[show.Check] = true
	s.render(s.doc)
	s.scrollTo(show.Check)
	if show.Fix {
		OfferFix(s.Printer, show.Check, s.act)
	}
}

// scrollTo scrolls the list so that check id's row is at its top.
func (s *StatusWindow) scrollTo(id string) {
	if y, _, ok := s.rowAt(id); ok {
		s.view.scroll.ScrollToOffset(fyne.NewPos(0, y))
	}
}

// rowAt is where check id's row lies in the scrolled content, and its
// height: the list is padded inside the scroll, and the row lies in the
// list. ok is false when the window shows no such row.
func (s *StatusWindow) rowAt(id string) (y, height float32, ok bool) {
	if s.view == nil || s.view.scroll == nil {
		return 0, 0, false
	}
	row, ok := s.view.rows[id]
	if !ok {
		return 0, 0, false
	}
	return row.Position().Y + s.view.list.Position().Y, row.Size().Height, true
}

// checkedAfter reports whether doc has check id's result from t on.
func checkedAfter(doc *report.Document, id string, t time.Time) bool {
	for _, c := range doc.Checks {
		if c.ID == id {
			return !c.CheckedAt.Before(t)
		}
	}
	return false
}

// checkedSince reports whether every check in doc has run since t.
func checkedSince(doc *report.Document, t time.Time) bool {
	for _, c := range doc.Checks {
		if c.CheckedAt.Before(t) {
			return false
		}
	}
	return true
}

// call sends one request to the agent.
func (s *StatusWindow) call(req ipc.Request) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := ipc.Call(ctx, s.Address, req)
	return err
}

// wake asks follow to reach the agent again.
func (s *StatusWindow) wake() {
	select {
	case s.retry <- struct{}{}:
	default:
	}
}

func (s *StatusWindow) actions() StatusActions {
	// The fix actions' own context: the window's lifetime.
	ctx := context.Background()
	p := s.Printer
	act := StatusActions{
		Fix: func(id string) (fix.Plan, bool) {
			plan, err := s.Fixes.For(ctx, s.Sys, id)
			if err != nil && !errors.Is(err, fix.ErrNoFix) {
				s.logf("planning a fix: %v", err)
			}
			return plan, err == nil
		},
		ApplyFix: func(plan fix.Plan) error {
			if err := plan.Apply(ctx, s.Runner); err != nil {
				return err
			}
			if err := s.Undos.Keep(plan); err != nil {
				s.logf("keeping the undo: %v", err)
			}
			// Said in place, beside Undo, until the window closes, and
			// kept in view.
			s.state.fixed[plan.Check] = fixedText(p, plan)
			s.state.fixedAt[plan.Check] = s.now()
			s.actedOn(plan.Check)
			go s.call(ipc.Request{Cmd: ipc.CmdCheckNow})
			return nil
		},
		CanUndo: func(id string) bool { _, ok := s.Undos.Get(id); return ok },
		Undoable: func(id string) (fix.Plan, error) {
			plan, ok := s.Undos.Get(id)
			if !ok {
				return fix.Plan{}, fmt.Errorf("no fix of %s to undo", id)
			}
			return plan, plan.Verify(s.Fixes)
		},
		UndoFix: func(plan fix.Plan) ([]fix.Kept, error) {
			// Told first: the setting's own event may re-run the check
			// before the undo returns. The person is putting back what
			// they chose; a notification about it would be noise.
			if err := s.call(ipc.Request{Cmd: ipc.CmdUndoing, Check: plan.Check}); err != nil {
				s.logf("telling the agent about the undo: %v", err)
			}
			kept, err := plan.Undo(ctx, s.Sys, s.Fixes)
			if err != nil {
				return kept, err
			}
			// Done: what was put back is back, and what was left stays.
			s.Undos.Forget(plan.Check)
			delete(s.state.fixed, plan.Check)
			delete(s.state.fixedAt, plan.Check)
			s.actedOn(plan.Check)
			go s.call(ipc.Request{Cmd: ipc.CmdCheckNow})
			return kept, nil
		},
		// Mamori's dialogs (dialog.go): its paragraph wraps their text
		// by Japanese rules, and their buttons speak the person's
		// language.
		Told: func(title, message string) { ShowMessage(s.Window, p, title, message) },
		Confirm: func(title, message string, ok func()) {
			ShowQuestion(s.Window, p, title, message, ok)
		},
		Failed: func(message string) { ShowMessage(s.Window, p, p.T("dialog.failed", nil), message) },
		HasPage: func(id string) bool {
			page, ok := osprefs.For(s.pages(id), s.OS, s.Desktop)
			return ok && osprefs.Available(s.Runner, page)
		},
		OpenPage: func(id string) {
			if page, ok := osprefs.For(s.pages(id), s.OS, s.Desktop); ok {
				if err := osprefs.Open(s.Runner, page); err != nil {
					s.logf("%v", err)
				}
			}
		},
		CheckNow: func() {
			s.state.checking, s.state.asked = true, s.now()
			s.render(s.doc)
			go func() {
				// The fresh results arrive through follow.
				if err := s.call(ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
					s.logf("%v", err)
					fyne.Do(func() { s.state.checking = false; s.render(s.doc) })
					return
				}
				s.wake()
			}()
		},
	}
	if s.StartAgent != nil {
		act.StartAgent = func() {
			go func() {
				if err := s.StartAgent(); err != nil {
					s.logf("starting the agent: %v", err)
					return
				}
				// Follow it once it answers: a few tries after the click,
				// not a poll.
				for range 25 {
					time.Sleep(200 * time.Millisecond)
					if s.call(ipc.Request{Cmd: ipc.CmdStatus}) == nil {
						break
					}
				}
				s.wake()
			}()
		}
	}
	return act
}
