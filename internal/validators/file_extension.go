package validators

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultUploadExtensions is the list of file extensions udata 17.6 accepts
// for uploads (GET /api/1/datasets/extensions/ on data.gouv.fr). The
// provider prefers the portal's own list and falls back to this one when the
// portal cannot be asked.
var DefaultUploadExtensions = []string{
	"tar", "gz", "tgz", "rar", "zip", "7z", "xz", "bz2", "csv", "txt", "json", "pdf", "xml", "rtf", "xsd",
	"ods", "odt", "odp", "odg", "xls", "xlsx", "doc", "docx", "pps", "ppt", "jpeg", "jpg", "jpe", "gif", "png",
	"dwg", "svg", "tiff", "ecw", "svgz", "jp2", "webp", "shp", "kml", "kmz", "gpx", "shx", "ovr", "geojson",
	"gpkg", "grib2", "rdf", "ttl", "n3", "dbf", "prj", "sql", "sqlite", "db", "epub", "sbn", "sbx", "cpg", "lyr",
	"owl", "dxf", "ics", "ssim", "other",
}

// FileExtension is the extension udata checks an uploaded file name
// against: what follows the last dot of the base name, lower-cased ("" if
// none). "data.tar.gz" gives "gz".
func FileExtension(name string) string {
	base := filepath.Base(name)
	i := strings.LastIndex(base, ".")
	if i < 0 || i == len(base)-1 {
		return ""
	}
	return strings.ToLower(base[i+1:])
}

// CheckFileExtension returns an error naming the allowed extensions when
// data.gouv.fr would refuse to host a file named name, nil otherwise.
func CheckFileExtension(name string, allowed []string) error {
	ext := FileExtension(name)
	for _, a := range allowed {
		if ext != "" && strings.EqualFold(a, ext) {
			return nil
		}
	}
	sorted := append([]string(nil), allowed...)
	sort.Strings(sorted)
	what := fmt.Sprintf("the extension %q", ext)
	if ext == "" {
		what = "no extension"
	}
	msg := fmt.Sprintf("%s has %s, which data.gouv.fr does not accept for uploads. Allowed extensions: %s.",
		filepath.Base(name), what, strings.Join(sorted, ", "))
	if ext != "" {
		msg += DidYouMean(ext, sorted)
	}
	return fmt.Errorf("%s", msg)
}
