package validators

import (
	"strings"
	"testing"
)

func TestFileExtension(t *testing.T) {
	for in, want := range map[string]string{
		"data.csv":            "csv",
		"/tmp/dir.d/DATA.CSV": "csv",
		"archive.tar.gz":      "gz",
		"noext":               "",
		"trailingdot.":        "",
		".hidden":             "hidden",
		"a.b/c":               "",
	} {
		if got := FileExtension(in); got != want {
			t.Errorf("FileExtension(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckFileExtension(t *testing.T) {
	for _, ok := range []string{"x.csv", "X.CSV", "dir/y.json", "z.tar.gz", "w.geojson", "p.other"} {
		if err := CheckFileExtension(ok, DefaultUploadExtensions); err != nil {
			t.Errorf("%s: unexpected error %v", ok, err)
		}
	}
	err := CheckFileExtension("/tmp/data.parquet", DefaultUploadExtensions)
	if err == nil {
		t.Fatal("parquet is not in udata's list: want an error")
	}
	for _, want := range []string{`data.parquet has the extension "parquet"`, "Allowed extensions: 7z, bz2, cpg, csv,", "zip"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	err = CheckFileExtension("/tmp/data.tsv", DefaultUploadExtensions)
	if err == nil || !strings.Contains(err.Error(), `Did you mean`) {
		t.Errorf("tsv: want a suggestion, got %v", err)
	}
	if err := CheckFileExtension("Makefile", DefaultUploadExtensions); err == nil || !strings.Contains(err.Error(), "has no extension") {
		t.Errorf("no extension: got %v", err)
	}
	// The portal's list wins over the built-in one.
	if err := CheckFileExtension("d.parquet", []string{"csv", "parquet"}); err != nil {
		t.Errorf("portal list allowing parquet: %v", err)
	}
}
