package check

import (
	"context"
	"fmt"
	"time"

	"github.com/go-ole/go-ole"
	"github.com/go-ole/go-ole/oleutil"
)

// The Windows Update Agent's answer is shared for a while: a sweep at
// start and a "Check now" soon after ask once. One search runs at a time
// (sem); the cached answer is read and written only while holding it.
var wua = struct {
	sem chan struct{}
	at  time.Time
	ans *winSearch
	err error
}{sem: make(chan struct{}, 1)}

const wuaFresh = 10 * time.Minute

// searchWindowsUpdate asks the Windows Update Agent which updates wait,
// through its COM automation interface (what PowerShell's PSWindowsUpdate
// and the Settings page use). The search is offline: it reads the
// catalogue Windows itself last downloaded, so Mamori makes no network
// call. COM calls cannot be cancelled: a search that outlives ctx
// finishes on its own thread, and its answer is kept for the next caller.
func searchWindowsUpdate(ctx context.Context) (*winSearch, error) {
	select {
	case wua.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("the Windows Update Agent is still busy with an earlier search: %w", ctx.Err())
	}
	if !wua.at.IsZero() && time.Since(wua.at) < wuaFresh {
		ans, err := wua.ans, wua.err
		<-wua.sem
		return ans, err
	}
	type answer struct {
		s   *winSearch
		err error
	}
	done := make(chan answer, 1)
	go func() {
		defer func() { <-wua.sem }()
		s, err := wuaSearch()
		wua.ans, wua.err, wua.at = s, err, time.Now()
		done <- answer{s, err}
	}()
	select {
	case a := <-done:
		return a.s, a.err
	case <-ctx.Done():
		return nil, fmt.Errorf("the Windows Update Agent did not answer in time: %w", ctx.Err())
	}
}

// wuaSearch runs the search on its goroutine's thread with COM
// initialised.
func wuaSearch() (*winSearch, error) {
	var s *winSearch
	err := withCOM(ole.COINIT_MULTITHREADED, "the Windows Update Agent's answer", func() (err error) {
		s, err = wuaSearchCOM()
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// wuaSearchCOM asks the Windows Update Agent, with COM initialised.
func wuaSearchCOM() (s *winSearch, err error) {
	session, err := createDispatch("Microsoft.Update.Session")
	if err != nil {
		return nil, err
	}
	defer session.Release()
	searcher, err := dispatchCall(session, "CreateUpdateSearcher")
	if err != nil {
		return nil, err
	}
	defer searcher.Release()
	if _, err := oleutil.PutProperty(searcher, "Online", false); err != nil {
		return nil, fmt.Errorf("the Windows Update Agent: Online: %w", err)
	}
	result, err := dispatchCall(searcher, "Search", "IsInstalled=0 and IsHidden=0 and Type='Software'")
	if err != nil {
		return nil, err
	}
	defer result.Release()
	list, err := dispatchGet(result, "Updates")
	if err != nil {
		return nil, err
	}
	defer list.Release()
	var found []wuaUpdate
	n, err := intProperty(list, "Count")
	if err != nil {
		return nil, err
	}
	for i := range n {
		item, err := dispatchGet(list, "Item", i)
		if err != nil {
			return nil, err
		}
		u := wuaUpdate{Title: stringProperty(item, "Title"), MsrcSeverity: stringProperty(item, "MsrcSeverity")}
		if cats, err := dispatchGet(item, "Categories"); err == nil {
			if m, err := intProperty(cats, "Count"); err == nil {
				for j := range m {
					if c, err := dispatchGet(cats, "Item", j); err == nil {
						u.Categories = append(u.Categories, stringProperty(c, "Name"))
						c.Release()
					}
				}
			}
			cats.Release()
		}
		item.Release()
		found = append(found, u)
	}
	s = &winSearch{Pending: pendingFromWUA(found)}
	// When Windows last searched and installed, from Automatic Updates.
	if au, err := createDispatch("Microsoft.Update.AutoUpdate"); err == nil {
		if res, err := dispatchGet(au, "Results"); err == nil {
			s.LastSearch = timeProperty(res, "LastSearchSuccessDate")
			s.LastInstall = timeProperty(res, "LastInstallationSuccessDate")
			res.Release()
		}
		au.Release()
	}
	return s, nil
}

func createDispatch(progID string) (*ole.IDispatch, error) {
	unknown, err := oleutil.CreateObject(progID)
	if err != nil {
		return nil, fmt.Errorf("the Windows Update Agent: %s: %w", progID, err)
	}
	defer unknown.Release()
	d, err := unknown.QueryInterface(ole.IID_IDispatch)
	if err != nil {
		return nil, fmt.Errorf("the Windows Update Agent: %s: %w", progID, err)
	}
	return d, nil
}

func dispatchCall(d *ole.IDispatch, method string, args ...any) (*ole.IDispatch, error) {
	v, err := oleutil.CallMethod(d, method, args...)
	if err != nil {
		return nil, fmt.Errorf("the Windows Update Agent: %s: %w", method, err)
	}
	return toDispatch(v, method)
}

func dispatchGet(d *ole.IDispatch, name string, args ...any) (*ole.IDispatch, error) {
	v, err := oleutil.GetProperty(d, name, args...)
	if err != nil {
		return nil, fmt.Errorf("the Windows Update Agent: %s: %w", name, err)
	}
	return toDispatch(v, name)
}

func toDispatch(v *ole.VARIANT, name string) (*ole.IDispatch, error) {
	if v.VT != ole.VT_DISPATCH || v.ToIDispatch() == nil {
		v.Clear()
		return nil, fmt.Errorf("the Windows Update Agent: %s is not an object", name)
	}
	return v.ToIDispatch(), nil // the variant's reference is the caller's
}

func intProperty(d *ole.IDispatch, name string) (int, error) {
	v, err := oleutil.GetProperty(d, name)
	if err != nil {
		return 0, fmt.Errorf("the Windows Update Agent: %s: %w", name, err)
	}
	defer v.Clear()
	switch n := v.Value().(type) {
	case int32:
		return int(n), nil
	case int64:
		return int(n), nil
	}
	return 0, fmt.Errorf("the Windows Update Agent: %s is not a number", name)
}

func stringProperty(d *ole.IDispatch, name string) string {
	v, err := oleutil.GetProperty(d, name)
	if err != nil {
		return ""
	}
	defer v.Clear()
	s, _ := v.Value().(string)
	return s
}

func timeProperty(d *ole.IDispatch, name string) time.Time {
	v, err := oleutil.GetProperty(d, name)
	if err != nil {
		return time.Time{}
	}
	defer v.Clear()
	t, _ := v.Value().(time.Time)
	return t
}
