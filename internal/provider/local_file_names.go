package provider

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// This file compares the names of uploaded files the way data.gouv.fr
// derives a hosted file's format and mime from its name: the format is the
// file's extension (with the extensions of an archive, e.g. "csv.gz"), the
// mime is guessed from the extensions (udata/core/storages/utils.py).

// sameExtensions tells whether two file names end with the same extensions
// (every dot-separated part after the first dot of the base name, without
// regard to letter case), so that data.gouv.fr gives both the same format
// and mime. It errs on the side of "not the same": "data.2024.csv" and
// "data.csv" differ here although udata gives both "csv".
func sameExtensions(a, b string) bool {
	ea, eb := extensions(a), extensions(b)
	return ea != "" && ea == eb
}

func extensions(name string) string {
	base := strings.ToLower(filepath.Base(name))
	i := strings.Index(base, ".")
	if i < 0 {
		return ""
	}
	return base[i+1:]
}

// uploadedName is the name of the file a hosted resource holds now: the
// path it was uploaded from, or else (an imported resource) the last part
// of the address data.gouv.fr serves it at.
func uploadedName(state *resourceModel) string {
	if !state.FilePath.IsNull() && !state.FilePath.IsUnknown() {
		return state.FilePath.ValueString()
	}
	u, err := url.Parse(state.URL.ValueString())
	if err != nil {
		return ""
	}
	return path.Base(u.Path)
}
