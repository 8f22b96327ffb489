package emulator

import (
	"strings"
	"testing"
	"time"
)

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Qualité de l'air":         "qualite-de-lair", // awesome-slugify drops apostrophes
		"L’eau potable":            "leau-potable",    // unidecode turns ’ into a quote, then quotes vanish
		"  --Hello,   World!--  ":  "hello-world",
		"Œuvres & Cœurs":           "oeuvres-coeurs",
		"1,000 habitants":          "1-000-habitants",
		"Données 2024 (v2)":        "donnees-2024-v2",
		"ÉNERGIE":                  "energie",
		"a__b":                     "a-b",
		"!!!":                      "",
		strings.Repeat("ab ", 200): strings.Trim(strings.Repeat("ab-", 200)[:255], "-"),
		// join_words skips a word that would pass the limit, not the next ones.
		strings.Repeat("a", 250) + " " + strings.Repeat("b", 10) + " cd": strings.Repeat("a", 250) + "-cd",
	} {
		if got := slugify(in, 255); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeFilename(t *testing.T) {
	for in, want := range map[string]string{
		"Mon Fichier (v2).CSV": "mon-fichier-v2-.csv", // awesome-slugify joins the words around "." too
		"données_2024.csv":     "donnees-2024.csv",
		"archive.CSV.tar.gz":   "archive.csv.tar.gz",
		"-a-.csv":              "a-.csv",
		"C:\\dir\\x.csv":       "c-dir-x.csv",
	} {
		if got := normalizeFilename(in); got != want {
			t.Errorf("normalizeFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFileExtensionAndMime(t *testing.T) {
	for _, tc := range []struct{ name, ext, mime string }{
		{"test.unknown", "unknown", "application/octet-stream"},
		{"test.2022.zip", "zip", "application/zip"},
		{"test.2022.csv.tar.gz", "csv.tar.gz", "application/x-tar"},
		{"test.geojson.csv", "csv", "text/csv"},
		{"data.csv.gz", "csv.gz", "text/csv"},
		{"data.gz", "gz", "application/octet-stream"},
		{"data.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"noext", "", "application/octet-stream"},
	} {
		if got := fileExtension(tc.name); got != tc.ext {
			t.Errorf("fileExtension(%q) = %q, want %q", tc.name, got, tc.ext)
		}
		if got := mimeType(tc.name); got != tc.mime {
			t.Errorf("mimeType(%q) = %q, want %q", tc.name, got, tc.mime)
		}
	}
}

func TestValidateURL(t *testing.T) {
	for _, tc := range []struct {
		url    string
		reason string // "" when valid
	}{
		{"https://www.data.gouv.fr/fr/datasets/", ""},
		{"  http://example.com/a b", `Invalid URL "http://example.com/a b"`},
		{"ftp://ftp.example.org:21/x", ""},
		{"https://user:pass@example.com/", ""},
		{"http://93.184.216.34/x", ""},
		{"http://localhost:8080/", "is a local URL"},
		{"http://127.0.0.1/", "is a local URL"},
		{"http://[::1]/", "is a local URL"},
		{"http://10.1.2.3/", "is a private URL"},
		{"http://169.254.169.254/latest/meta-data", "is a private URL"},
		{"http://[fd00::1]/", "is a private URL"},
		{"http://239.1.1.1/", "is a multicast IP"},
		{"http://999.1.1.1/", `Invalid URL "http://999.1.1.1/"`},
		{"gopher://example.com/", "Invalid scheme gopher"},
		{"http://server.local/", "Invalid TLD local"},
		{"http://intranet/", `Invalid URL "http://intranet/"`},
		{"not a url", `Invalid URL "not a url"`},
	} {
		_, msg := validateURL(tc.url)
		if (tc.reason == "") != (msg == "") || !strings.Contains(msg, tc.reason) {
			t.Errorf("validateURL(%q) = %q, want %q", tc.url, msg, tc.reason)
		}
	}
}

func TestFormats(t *testing.T) {
	if got := isoTime(time.Date(2026, 11, 28, 10, 4, 5, 123000000, time.UTC)); got != "2026-11-28T10:04:05.123000+00:00" {
		t.Errorf("isoTime = %q", got)
	}
	if got := isoTime(time.Date(2026, 11, 28, 10, 4, 5, 0, time.UTC)); got != "2026-11-28T10:04:05+00:00" {
		t.Errorf("isoTime = %q", got)
	}
	if got := canonicalUUID("{6B1C1A4E2D374A889A4E5D0C3B1F7E21}"); got != "6b1c1a4e-2d37-4a88-9a4e-5d0c3b1f7e21" {
		t.Errorf("canonicalUUID = %q", got)
	}
	if canonicalUUID("nope") != "" || !isObjectID(newObjectID()) || canonicalUUID(newUUID()) == "" {
		t.Error("identifiers")
	}
	if d, ok := parseDate("2024-03-05T23:30:00-05:00"); !ok || d != "2024-03-05" {
		t.Errorf("parseDate = %q %v", d, ok)
	}
	if tm, ok := parseDateTime("2024-03-05T23:30:00.1234567+02:00"); !ok || isoTime(tm) != "2024-03-05T21:30:00.123000+00:00" {
		t.Errorf("parseDateTime = %v %v", tm, ok)
	}
}
