package config

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// valid are values for the fields the store checks, where the generated
// value would be refused. A field added with a check of its own and no
// entry here makes TestEveryFieldRoundTrips fail, saying so.
var valid = map[string]any{
	"language":    "ja",
	"quiet_hours": QuietHours{Enabled: true, Start: "23:15", End: "06:45"},
	"update_days": 14,
}

// TestEveryFieldRoundTrips is generated from the Settings type: each field,
// found by reflection, is given a value that is neither zero nor its
// default, saved with the Store alone and again as the settings window
// saves (config.Edits), loaded again by a new Store, and compared. A field the store does not save comes back as its default.
func TestEveryFieldRoundTrips(t *testing.T) {
	for _, window := range []bool{false, true} {
		via := "Store"
		if window {
			via = "settings window"
		}
		t.Run(via, func(t *testing.T) { roundTrip(t, window) })
	}
}

func roundTrip(t *testing.T, window bool) {
	typ := reflect.TypeFor[Settings]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		t.Run(f.Name, func(t *testing.T) {
			if name == "" || name == "-" {
				t.Fatalf("%s has no JSON name: the settings file could not hold it", f.Name)
			}
			want := reflect.New(f.Type).Elem()
			if v, ok := valid[name]; ok {
				want.Set(reflect.ValueOf(v))
			} else {
				generate(want)
			}
			def := Defaults()
			if want.Kind() == reflect.Bool && want.Bool() == reflect.ValueOf(def).Field(i).Bool() {
				want.SetBool(!want.Bool()) // a switch on by default: off
			}
			if reflect.DeepEqual(want.Interface(), reflect.ValueOf(def).Field(i).Interface()) {
				t.Fatalf("the test gave %s its default value %v: it proves nothing", f.Name, want)
			}
			s := Store{Path: filepath.Join(tempDir(t), "settings.json")}
			change := func(st *Settings) { reflect.ValueOf(st).Elem().Field(i).Set(want) }
			if window {
				// As the settings window saves: only what the person
				// changed from the settings it opened with.
				edit := def
				change(&edit)
				change = Edits(def, edit)
			}
			if _, err := s.Update(change); err != nil {
				t.Fatalf("saving %s = %#v: %v (a field the store checks needs a value in valid)", f.Name, want, err)
			}
			got, err := Store{Path: s.Path}.Load()
			if err != nil {
				t.Fatal(err)
			}
			if g := reflect.ValueOf(got).Field(i).Interface(); !reflect.DeepEqual(g, want.Interface()) {
				t.Errorf("%s (%q) saved as %#v, loaded as %#v", f.Name, name, want, g)
			}
			// The rest kept their defaults.
			reflect.ValueOf(&got).Elem().Field(i).Set(reflect.ValueOf(def).Field(i))
			if !reflect.DeepEqual(got, def) {
				t.Errorf("saving %s changed other fields: %+v", f.Name, got)
			}
		})
	}
}

// generate gives v a value that is not zero: true, 7, "ab" (valid hex, so
// also a raw SSID), a list of one, and each field of a struct.
func generate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(7)
	case reflect.String:
		v.SetString("ab")
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		generate(s.Index(0))
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		generate(k)
		generate(e)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			generate(v.Field(i))
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		generate(v.Elem())
	default:
		panic("generate: no value for a " + v.Kind().String())
	}
}
