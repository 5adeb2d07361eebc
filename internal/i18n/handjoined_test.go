package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoListIsJoinedByHand: a list a person reads is handed to the printer
// as a []string, which joins it in the person's language (List); joined
// in Go with ", " it would read so in Japanese too. It fails where a
// text's arguments (any call named T: monitor.T, Printer.T) hold a
// strings.Join, a value the same function built with one, or a literal
// ", " or "(+" (a hand-made "… (+3)"). Evidence, logs and errors are for
// whoever helps the person and may join as they like.
func TestNoListIsJoinedByHand(t *testing.T) {
	fset := token.NewFileSet()
	var checked int
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			if filepath.ToSlash(path) == "../../internal/i18n/list.go" {
				return nil // the one join, in the person's language
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			checked++
			for _, decl := range f.Decls {
				if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil {
					for _, bad := range handJoined(fn.Body) {
						t.Errorf("%s: a list a person reads is joined by hand; pass the []string to the text, which joins it in the person's language", fset.Position(bad))
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 100 {
		t.Fatalf("read %d files; is the walk in the right place?", checked)
	}
}

// handJoined returns the positions in body where a text's arguments hold a
// list joined by hand.
func handJoined(body *ast.BlockStmt) []token.Pos {
	joined := map[string]bool{} // names assigned a strings.Join
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for i, rhs := range as.Rhs {
				if isJoin(rhs) && i < len(as.Lhs) {
					if id, ok := as.Lhs[i].(*ast.Ident); ok {
						joined[id.Name] = true
					}
				}
			}
		}
		return true
	})
	var bad []token.Pos
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !isText(call.Fun) {
			return true
		}
		for _, arg := range call.Args[1:] {
			ast.Inspect(arg, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					if isJoin(x) {
						bad = append(bad, x.Pos())
					}
				case *ast.Ident:
					if joined[x.Name] {
						bad = append(bad, x.Pos())
					}
				case *ast.BasicLit:
					if s, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING && (strings.Contains(s, ", ") || strings.Contains(s, "(+")) {
						bad = append(bad, x.Pos())
					}
				}
				return true
			})
		}
		return true
	})
	return bad
}

// isText reports whether fun is a call that renders a catalogue text: T
// or anything.T.
func isText(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name == "T"
	case *ast.SelectorExpr:
		return f.Sel.Name == "T"
	}
	return false
}

func isJoin(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "strings" && sel.Sel.Name == "Join"
}
