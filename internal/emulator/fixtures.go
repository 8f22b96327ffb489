package emulator

import "time"

// Fixed reference data and the people and organizations every emulator
// starts with. Ids are fixed so that tests and humans can rely on them.

const (
	AliceKey = "udata_emulator_alice" // default main user, admin of the fixture org
	BobKey   = "udata_emulator_bob"   // no rights
	AdminKey = "udata_emulator_admin" // site admin

	OrgID   = "6630a1b2c3d4e5f601234567" // the fixture organization alice administers
	OrgSlug = "emulator-organization"

	// OtherOrgID is an organization nobody among the fixture users belongs
	// to: publishing as it is refused to alice and bob.
	OtherOrgID   = "6630a1b2c3d4e5f601234568"
	OtherOrgSlug = "other-organization"

	AliceID = "6630a1b2c3d4e5f6012345a1"
	BobID   = "6630a1b2c3d4e5f6012345b2"
	AdminID = "6630a1b2c3d4e5f6012345c3"
)

type user struct {
	ID, Slug, FirstName, LastName, Email string
	Sysadmin                             bool
}

type member struct {
	UserID, Role string // role: admin, editor, partial_editor
}

type organization struct {
	ID, Name, Slug, Description string
	Acronym                     *string
	Members                     []member
	Deleted                     *time.Time // soft deletion: gone from its members' /me/
	// created through the API: no monthly metrics (udata computes them in
	// a periodic job; the fixtures' were computed when they were loaded).
	created bool
}

func fixtureUsers(mainKey string) map[string]*user {
	return map[string]*user{
		mainKey:  {ID: AliceID, Slug: "alice-emulator", FirstName: "Alice", LastName: "Emulator", Email: "alice@emulator.test"},
		BobKey:   {ID: BobID, Slug: "bob-emulator", FirstName: "Bob", LastName: "Emulator", Email: "bob@emulator.test"},
		AdminKey: {ID: AdminID, Slug: "admin-emulator", FirstName: "Admin", LastName: "Emulator", Email: "admin@emulator.test", Sysadmin: true},
	}
}

func fixtureOrgs() map[string]*organization {
	acr := "EMU"
	return map[string]*organization{
		OrgID: {ID: OrgID, Name: "Emulator Organization", Slug: OrgSlug, Acronym: &acr,
			Description: "The organization the emulator's main user administers.",
			Members:     []member{{UserID: AliceID, Role: "admin"}}},
		OtherOrgID: {ID: OtherOrgID, Name: "Other Organization", Slug: OtherOrgSlug,
			Description: "An organization none of the emulator's users belongs to."},
	}
}

// fixtureOrgSlugs registers the fixture organizations' slugs, so that an
// organization created with the same name gets a suffixed one.
func fixtureOrgSlugs() slugRegistry {
	r := newSlugRegistry()
	for id, o := range fixtureOrgs() {
		r.current[o.Slug] = id
	}
	return r
}

type license struct {
	ID              string   `json:"id"`
	Title           string   `json:"title"`
	Maintainer      *string  `json:"maintainer"`
	URL             *string  `json:"url"`
	Flags           []string `json:"flags"`
	AlternateURLs   []string `json:"alternate_urls"`
	AlternateTitles []string `json:"alternate_titles"`
}

func sp(s string) *string { return &s }

// licenses is (a subset of) data.gouv.fr's licence list, as the udata
// oracle kit loads it (its licenses.json): the two must agree so that the
// differential test can compare them.
var licenses = []license{
	lic("notspecified", "License Not Specified", nil, nil, "domain_content", "domain_data"),
	{ID: "lov2", Title: "Licence Ouverte / Open Licence version 2.0", Maintainer: sp("Etalab"),
		URL: sp("https://www.etalab.gouv.fr/licence-ouverte-open-licence"), Flags: []string{"domain_content", "domain_data"},
		AlternateURLs: []string{}, AlternateTitles: []string{"Licence Ouverte v2.0", "Open Licence v2.0"}},
	lic("fr-lo", "Licence Ouverte / Open Licence", sp("Etalab"), sp("https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf"), "domain_content", "domain_data"),
	lic("odc-odbl", "Open Data Commons Open Database License (ODbL)", sp("Open Data Commons"), sp("https://opendatacommons.org/licenses/odbl/summary/"), "domain_data"),
	lic("odc-by", "Open Data Commons Attribution License", sp("Open Data Commons"), sp("https://opendatacommons.org/licenses/by/summary/"), "domain_data"),
	lic("odc-pddl", "Open Data Commons Public Domain Dedication and Licence (PDDL)", sp("Open Data Commons"), sp("https://opendatacommons.org/licenses/pddl/summary/"), "domain_data"),
	lic("cc-by", "Creative Commons Attribution", sp("Creative Commons"), sp("https://www.opendefinition.org/licenses/cc-by"), "domain_content"),
	lic("cc-by-sa", "Creative Commons Attribution Share-Alike", sp("Creative Commons"), sp("https://www.opendefinition.org/licenses/cc-by-sa"), "domain_content"),
	lic("cc-zero", "Creative Commons CCZero", sp("Creative Commons"), sp("https://www.opendefinition.org/licenses/cc-zero"), "domain_content", "domain_data"),
	lic("other-at", "Other (Attribution)", nil, nil, "domain_content", "domain_data"),
	lic("other-open", "Other (Open)", nil, nil, "domain_content", "domain_data"),
	lic("other-pd", "Other (Public Domain)", nil, nil, "domain_content", "domain_data"),
}

func lic(id, title string, maintainer, url *string, flags ...string) license {
	return license{ID: id, Title: title, Maintainer: maintainer, URL: url, Flags: flags,
		AlternateURLs: []string{}, AlternateTitles: []string{}}
}

func knownLicense(id string) bool {
	for _, l := range licenses {
		if l.ID == id {
			return true
		}
	}
	return false
}

type choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// frequencies is udata's UpdateFrequency, in declaration order.
var frequencies = []choice{
	{"continuous", "Real time"}, {"oneMinute", "Every minute"}, {"fiveMinutes", "Every five minutes"},
	{"tenMinutes", "Every ten minutes"}, {"fifteenMinutes", "Every fifteen minutes"},
	{"thirtyMinutes", "Every thirty minute"}, {"hourly", "Every hour"}, {"bihourly", "Every two hours"},
	{"trihourly", "Every three hours"}, {"twelveHours", "Every twelve hours"},
	{"severalTimesADay", "Several times a day"}, {"threeTimesADay", "Three times a day"},
	{"semidaily", "Twice a day"}, {"daily", "Daily"}, {"fiveTimesAWeek", "Five times a week"},
	{"threeTimesAWeek", "Three times a week"}, {"semiweekly", "Twice a week"}, {"weekly", "Weekly"},
	{"biweekly", "Every two weeks"}, {"threeTimesAMonth", "Three times a month"},
	{"semimonthly", "Twice a month"}, {"monthly", "Monthly"}, {"bimonthly", "Every two months"},
	{"quarterly", "Quarterly"}, {"threeTimesAYear", "Three times a year"}, {"semiannual", "Twice a year"},
	{"annual", "Annually"}, {"biennial", "Every two years"}, {"triennial", "Every three years"},
	{"quadrennial", "Every four years"}, {"quinquennial", "Every five years"},
	{"decennial", "Every ten years"}, {"bidecennial", "Every twenty years"},
	{"tridecennial", "Every thirty years"}, {"punctual", "Punctual"}, {"irregular", "Irregular"},
	{"never", "Never"}, {"notPlanned", "Not planned"}, {"other", "Other"}, {"unknown", "Unknown"},
}

// legacyFrequencies are accepted and rewritten (UpdateFrequency._missing_).
var legacyFrequencies = map[string]string{
	"realtime": "continuous", "fourTimesADay": "severalTimesADay", "fourTimesAWeek": "other",
	"fortnighly": "biweekly", "biannual": "semiannual",
}

// canonicalFrequency returns the stored id for a frequency, or "" if invalid.
func canonicalFrequency(f string) string {
	for _, c := range frequencies {
		if c.ID == f {
			return f
		}
	}
	return legacyFrequencies[f]
}

var resourceTypes = []choice{
	{"main", "Main file"}, {"documentation", "Documentation"}, {"update", "Update"},
	{"api", "API"}, {"code", "Code repository"}, {"other", "Other"},
}

func validResourceType(t string) bool {
	for _, c := range resourceTypes {
		if c.ID == t {
			return true
		}
	}
	return false
}

var checksumTypes = map[string]bool{"sha1": true, "sha2": true, "sha256": true, "md5": true, "crc": true}

var archiveExtensionList = []string{"tar", "gz", "tgz", "rar", "zip", "7z", "xz", "bz2"}

// extensionList is ALLOWED_RESOURCES_EXTENSIONS of udata 17.6.
var extensionList = append(append([]string{}, archiveExtensionList...),
	"csv", "txt", "json", "pdf", "xml", "rtf", "xsd", "ods", "odt", "odp", "odg", "xls", "xlsx",
	"doc", "docx", "pps", "ppt", "jpeg", "jpg", "jpe", "gif", "png", "dwg", "svg", "tiff", "ecw",
	"svgz", "jp2", "webp", "shp", "kml", "kmz", "gpx", "shx", "ovr", "geojson", "gpkg", "grib2",
	"rdf", "ttl", "n3", "dbf", "prj", "sql", "sqlite", "db", "epub", "sbn", "sbx", "cpg", "lyr",
	"owl", "dxf", "ics", "ssim", "other")

func toSet(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, s := range l {
		m[s] = true
	}
	return m
}

var (
	allowedExtensions = toSet(extensionList)
	archiveExtensions = toSet(archiveExtensionList)
)

// mimeTypes maps extensions to what Python's mimetypes answers on a Debian
// host; an extension missing here is served as application/octet-stream.
var mimeTypes = map[string]string{
	"csv": "text/csv", "txt": "text/plain", "json": "application/json", "pdf": "application/pdf",
	"xml": "text/xml", "rtf": "application/rtf", "xsd": "application/xml",
	"ods": "application/vnd.oasis.opendocument.spreadsheet", "odt": "application/vnd.oasis.opendocument.text",
	"odp": "application/vnd.oasis.opendocument.presentation", "odg": "application/vnd.oasis.opendocument.graphics",
	"xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pps": "application/vnd.ms-powerpoint", "ppt": "application/vnd.ms-powerpoint",
	"jpeg": "image/jpeg", "jpg": "image/jpeg", "jpe": "image/jpeg", "gif": "image/gif", "png": "image/png",
	"svg": "image/svg+xml", "svgz": "image/svg+xml", "tiff": "image/tiff", "jp2": "image/jp2", "webp": "image/webp",
	"kml": "application/vnd.google-earth.kml+xml", "kmz": "application/vnd.google-earth.kmz",
	"gpx": "application/gpx+xml", "geojson": "application/geo+json", "rdf": "application/rdf+xml",
	"ttl": "text/turtle", "n3": "text/n3", "sql": "application/sql", "epub": "application/epub+zip",
	"ics": "text/calendar", "tar": "application/x-tar", "zip": "application/zip", "rar": "application/vnd.rar",
	"7z": "application/x-7z-compressed", "owl": "application/rdf+xml", "dxf": "image/vnd.dxf",
	"dwg": "image/vnd.dwg", "gpkg": "application/geopackage+sqlite3", "sqlite": "application/vnd.sqlite3",
}
