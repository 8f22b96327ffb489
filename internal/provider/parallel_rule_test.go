package provider_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// What keeps an acceptance test sequential (DESIGN.md, "Tests"): a process
// environment variable (t.Setenv, which Go refuses in a parallel test
// anyway), an emulator-wide control (RequireEmulator: faults, read-only
// mode), the portal's purge of every deleted object (Purger), or a change
// to the main user's organizations (AdministeredOrganization,
// EditedOrganization, PublishCatalogue). A sequential test never overlaps
// a parallel one; every other acceptance test runs in parallel.
var sequentialReasons = []string{"Setenv", "RequireEmulator", "Purger", "AdministeredOrganization", "EditedOrganization", "PublishCatalogue"}

// TestAcceptanceTestsParallelUnlessTheyMayNot reads this package's tests:
// each acceptance test (one that reaches resource.Test or
// resource.ParallelTest, through the package's own functions) runs in
// parallel (resource.ParallelTest or t.Parallel) exactly when it reaches
// none of sequentialReasons.
func TestAcceptanceTestsParallelUnlessTheyMayNot(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	// uses holds, for each function of the package's tests, the names it
	// mentions (calls, selectors): the markers, and the functions it calls.
	uses := map[string]map[string]bool{}
	var tests []string
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Recv != nil {
				continue
			}
			names := map[string]bool{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if x, ok := n.X.(*ast.Ident); ok && x.Name == "resource" {
						names["resource."+n.Sel.Name] = true
					} else {
						names[n.Sel.Name] = true
					}
				case *ast.Ident:
					names[n.Name] = true
				}
				return true
			})
			uses[fn.Name.Name] = names
			if strings.HasPrefix(fn.Name.Name, "Test") && fn.Name.Name != "TestMain" {
				tests = append(tests, fn.Name.Name)
			}
		}
	}
	// reaches tells whether fn mentions name, itself or through the
	// package's functions it calls.
	reaches := func(fn, name string) bool {
		seen := map[string]bool{}
		var walk func(string) bool
		walk = func(f string) bool {
			if seen[f] {
				return false
			}
			seen[f] = true
			for n := range uses[f] {
				if n == name || (uses[n] != nil && walk(n)) {
					return true
				}
			}
			return false
		}
		return walk(fn)
	}
	sort.Strings(tests)
	for _, test := range tests {
		if !reaches(test, "resource.Test") && !reaches(test, "resource.ParallelTest") {
			continue // not an acceptance test
		}
		parallel := reaches(test, "resource.ParallelTest") || reaches(test, "Parallel")
		var reasons []string
		for _, r := range sequentialReasons {
			if reaches(test, r) {
				reasons = append(reasons, r)
			}
		}
		switch {
		case parallel && len(reasons) > 0:
			t.Errorf("%s runs in parallel but uses %s: make it sequential (resource.Test)", test, strings.Join(reasons, ", "))
		case !parallel && len(reasons) == 0:
			t.Errorf("%s is sequential without a reason to be: use resource.ParallelTest (or name its reason in sequentialReasons)", test)
		}
	}
}
