package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

func itoa(i int) string { return strconv.Itoa(i) }

// ---------------------------------------------------------------------------
// Identifiers

var oidCounter atomic.Uint32

// newObjectID makes a MongoDB-like ObjectId: 4 bytes of time, 5 random bytes,
// 3 bytes of a counter, in hex. Clients only see 24 hex characters.
// oidProcess is the 5 random bytes of every ObjectId of this process, drawn
// once as MongoDB drivers do: ids made within one second then sort by their
// counter, i.e. by creation order, which udata's listings rely on.
var oidProcess = func() (b [5]byte) {
	_, _ = rand.Read(b[:])
	return b
}()

func newObjectID() string {
	var b [12]byte
	ts := uint32(time.Now().Unix())
	b[0], b[1], b[2], b[3] = byte(ts>>24), byte(ts>>16), byte(ts>>8), byte(ts)
	copy(b[4:9], oidProcess[:])
	c := oidCounter.Add(1)
	b[9], b[10], b[11] = byte(c>>16), byte(c>>8), byte(c)
	return hex.EncodeToString(b[:])
}

func isObjectID(s string) bool {
	if len(s) != 24 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// newUUID makes a random (version 4) UUID, as udata's AutoUUIDField does.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// canonicalUUID parses a path segment the way werkzeug's UUID converter in
// udata does (Python's uuid.UUID: hyphens and braces optional, any case) and
// returns the canonical lower-case form, or "" when it is not a UUID.
func canonicalUUID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "urn:"), "uuid:")
	s = strings.Trim(s, "{}")
	s = strings.ReplaceAll(s, "-", "")
	if len(s) != 32 {
		return ""
	}
	if _, err := hex.DecodeString(s); err != nil {
		return ""
	}
	s = strings.ToLower(s)
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// ---------------------------------------------------------------------------
// Dates

// isoTime formats like Python's datetime.isoformat() on a naive UTC datetime
// localized to UTC: microseconds only when non-zero, "+00:00" offset.
func isoTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05") + "+00:00"
	}
	return t.Format("2006-01-02T15:04:05.000000") + "+00:00"
}

var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
}

// parseDateTime accepts the ISO-like forms dateutil's parser is commonly fed.
// Aware values are converted to UTC (MongoDB stores UTC); naive ones are UTC.
// The result is truncated to the millisecond, as MongoDB stores it.
func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC().Truncate(time.Millisecond), true
		}
	}
	return time.Time{}, false
}

// parseDate cuts a date or datetime to its calendar date, in the zone it was
// written in (dateutil's parse(...).date()), as "YYYY-MM-DD".
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// ---------------------------------------------------------------------------
// Slugs

// translit approximates unidecode for the characters French (and most Latin
// script) titles use. Unknown non-ASCII characters become a space, i.e. a
// separator once slugified.
func translit(r rune) string {
	if r < utf8.RuneSelf {
		return string(r)
	}
	if s, ok := translitTable[r]; ok {
		return s
	}
	return " "
}

var translitTable = func() map[rune]string {
	m := map[rune]string{}
	groups := map[string]string{
		"a": "àáâãäåāăą", "A": "ÀÁÂÃÄÅĀĂĄ", "c": "çćĉċč", "C": "ÇĆĈĊČ",
		"d": "ďđð", "D": "ĎĐÐ", "e": "èéêëēĕėęě", "E": "ÈÉÊËĒĔĖĘĚ",
		"g": "ĝğġģ", "G": "ĜĞĠĢ", "h": "ĥħ", "H": "ĤĦ", "i": "ìíîïĩīĭįı",
		"I": "ÌÍÎÏĨĪĬĮİ", "j": "ĵ", "J": "Ĵ", "k": "ķ", "K": "Ķ", "l": "ĺļľŀł",
		"L": "ĹĻĽĿŁ", "n": "ñńņňŉ", "N": "ÑŃŅŇ", "o": "òóôõöøōŏő", "O": "ÒÓÔÕÖØŌŎŐ",
		"r": "ŕŗř", "R": "ŔŖŘ", "s": "śŝşšș", "S": "ŚŜŞŠȘ", "t": "ţťŧț", "T": "ŢŤŦȚ",
		"u": "ùúûüũūŭůűų", "U": "ÙÚÛÜŨŪŬŮŰŲ", "w": "ŵ", "W": "Ŵ", "y": "ýÿŷ", "Y": "ÝŸŶ",
		"z": "źżž", "Z": "ŹŻŽ", "'": "‘’‚‛′", "\"": "“”„‟″«»", "-": "‐‑‒–—―−",
		" ": "\u00a0\u2009\u202f\u2002\u2003", ".": "·•…",
	}
	for to, from := range groups {
		for _, r := range from {
			m[r] = to
		}
	}
	for r, s := range map[rune]string{
		'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ß': "ss", 'þ': "th", 'Þ': "Th",
		'€': "EUR", '£': "PS", '°': "deg", '²': "2", '³': "3", '¹': "1", '½': " 1/2",
		'¼': " 1/4", '¾': " 3/4", '×': "x", '©': "(c)", '®': "(r)", '™': "tm", '&': "&",
	} {
		m[r] = s
	}
	return m
}()

// slugify is awesome-slugify's Slugify(to_lower=True), which udata's
// SlugField (dataset slugs) and udata.tags.slug use: transliterated, lower
// case, apostrophes removed (so "l'air" gives "lair"), words made of the
// letters and digits in between joined by '-'. With maxLength > 0 it is
// join_words: a word that would pass the limit is skipped (a later, shorter
// one may still fit), then the result is cut at the limit.
func slugify(s string, maxLength int) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(translit(r))
	}
	t := strings.TrimSpace(strings.ReplaceAll(strings.ToLower(b.String()), "'", ""))
	words := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return ""
	}
	if maxLength <= 0 {
		return strings.Join(words, "-")
	}
	out := words[0]
	for _, w := range words[1:] {
		if len(out)+1+len(w) <= maxLength {
			out += "-" + w
		}
	}
	if len(out) > maxLength {
		out = out[:maxLength]
	}
	return out
}

// tagSlug is udata.tags.slug.
func tagSlug(s string) string { return slugify(strings.ToLower(s), 0) }

// normalizeFilename approximates awesome-slugify's
// Slugify(separator="-", to_lower=True, safe_chars="."), the name udata stores
// uploads under: transliterated, runs of characters other than letters,
// digits and dots become '-', lower case, no '-' at either end.
func normalizeFilename(name string) string {
	var b strings.Builder
	for _, r := range name {
		b.WriteString(translit(r))
	}
	var out strings.Builder
	pendingSep := false
	for _, r := range b.String() {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			if pendingSep && out.Len() > 0 {
				out.WriteByte('-')
			}
			pendingSep = false
			out.WriteRune(unicode.ToLower(r))
			continue
		}
		pendingSep = true
	}
	return out.String()
}

// fileExtension is udata.core.storages.utils.extension: the last extension,
// extended to the left through archive extensions (data.csv.tar.gz →
// csv.tar.gz) as long as the previous one is an allowed extension.
func fileExtension(filename string) string {
	if i := strings.LastIndexAny(filename, "/\\"); i >= 0 {
		filename = filename[i+1:]
	}
	ext := ""
	found := false
	for strings.Contains(filename, ".") {
		i := strings.LastIndex(filename, ".")
		if i == 0 { // Python's splitext ignores leading dots
			break
		}
		e := filename[i+1:]
		filename = filename[:i]
		if found && !allowedExtensions[e] {
			break
		}
		if found {
			ext = e + "." + ext
		} else {
			ext, found = e, true
		}
		if !archiveExtensions[e] {
			break
		}
	}
	return ext
}

// storageExtension is what flask-storage checks against the allow-list: the
// part after the last dot, lower case.
func storageExtension(filename string) string {
	i := strings.LastIndex(filename, ".")
	if i < 0 {
		return ""
	}
	return strings.ToLower(filename[i+1:])
}

// mimeType mirrors Python's mimetypes.guess_type on a Debian-like host (its
// built-in table plus /etc/mime.types): compression suffixes are encodings,
// not types, so data.csv.gz is text/csv and data.gz has no type.
func mimeType(filename string) string {
	name := strings.ToLower(filename)
	if strings.HasSuffix(name, ".tgz") {
		name = strings.TrimSuffix(name, ".tgz") + ".tar.gz"
	}
	for _, enc := range []string{".gz", ".bz2", ".xz", ".z", ".br"} {
		if strings.HasSuffix(name, enc) {
			name = strings.TrimSuffix(name, enc)
			break
		}
	}
	ext := storageExtension(name)
	if m, ok := mimeTypes[ext]; ok && strings.Contains(name, ".") {
		return m
	}
	return "application/octet-stream"
}

// ---------------------------------------------------------------------------
// URLs

// reURL is udata.uris.URL_REGEX (case-insensitive, unicode host names).
var reURL = regexp.MustCompile(`(?i)^(?:(?P<scheme>[a-z0-9\.\-]*):)?//` +
	`(?P<credentials>\S+(?::\S*)?@)?` +
	`(?:(?P<localhost>localhost(?:\.localdomain)?)` +
	`|(?P<ipv4>(?:\d{0,3}\.){3}(?:\d{0,3}))` +
	`|(?:\[(?P<ipv6>[0-9a-f:]+)\])` +
	`|(?P<hostname>(?:(?:[a-z\x{00a1}-\x{ffff}0-9_]-?)*[a-z\x{00a1}-\x{ffff}0-9]+)` +
	`(?:\.(?:[a-z\x{00a1}-\x{ffff}0-9_]-?)*[a-z\x{00a1}-\x{ffff}0-9]+)*` +
	`(?:\.(?P<tld>[a-z0-9\x{00a1}-\x{ffff}]{2,}))))` +
	`(?::\d{2,5})?(?:/\S*)?(?:\?\S*)?$`)

// notDelegatedTLDs are suffixes that are not in the IANA root zone (udata
// checks against the full IANA list; the emulator refuses the ones people
// actually use for internal hosts and accepts the rest).
var notDelegatedTLDs = map[string]bool{
	"local": true, "localhost": true, "localdomain": true, "test": true, "example": true,
	"invalid": true, "internal": true, "intranet": true, "lan": true, "home": true,
	"corp": true, "private": true, "domain": true, "onion": true, "arpa": true,
}

// validateURL is udata.uris.validate with production settings (no local,
// no private addresses, schemes http/https/ftp/ftps, credentials allowed).
// Host names are not resolved, so the emulator stays hermetic.
func validateURL(raw string) (string, string) {
	u := strings.TrimSpace(raw)
	m := reURL.FindStringSubmatch(u)
	if m == nil {
		return "", fmt.Sprintf("Invalid URL \"%s\"", u)
	}
	group := func(name string) string { return m[reURL.SubexpIndex(name)] }
	fail := func(reason string) (string, string) {
		return "", fmt.Sprintf("Invalid URL \"%s\": %s", u, reason)
	}
	if scheme := strings.ToLower(group("scheme")); scheme != "" {
		switch scheme {
		case "http", "https", "ftp", "ftps":
		default:
			return fail(fmt.Sprintf("Invalid scheme %s, allowed schemes: http, https, ftp, ftps", scheme))
		}
	}
	if tld := group("tld"); tld != "" {
		if isDigits(tld) || notDelegatedTLDs[strings.ToLower(tld)] {
			return fail("Invalid TLD " + tld)
		}
	}
	if group("localhost") != "" {
		return fail("is a local URL")
	}
	direct := group("ipv4")
	if direct == "" {
		direct = group("ipv6")
	}
	if direct != "" {
		ip, err := netip.ParseAddr(direct)
		if err != nil {
			return "", fmt.Sprintf("Invalid URL \"%s\"", u)
		}
		switch ipCategory(ip) {
		case "multicast":
			return fail(ip.String() + " is a multicast IP")
		case "loopback":
			return fail("is a local URL")
		case "private":
			return fail("is a private URL")
		}
	}
	return u, ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

var nonGlobalPrefixes = func() []netip.Prefix {
	var out []netip.Prefix
	for _, p := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32",
		"::/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10",
	} {
		out = append(out, netip.MustParsePrefix(p))
	}
	return out
}()

// ipCategory classifies an address like udata.ssrf.blocked_reason: IPv6
// forms embedding an IPv4 address (mapped, 6to4, NAT64) are judged by it.
func ipCategory(ip netip.Addr) string {
	ip = ip.Unmap()
	if ip.Is6() {
		b := ip.As16()
		switch {
		case b[0] == 0x20 && b[1] == 0x02: // 2002::/16, 6to4
			ip = netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
		case netip.MustParsePrefix("64:ff9b::/96").Contains(ip):
			ip = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		}
	}
	switch {
	case ip.IsMulticast():
		return "multicast"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified(), ip.IsLinkLocalUnicast(), ip.IsPrivate():
		return "private"
	}
	for _, p := range nonGlobalPrefixes {
		if p.Contains(ip) {
			return "private"
		}
	}
	return ""
}

// pyRepr renders a value the way Python's repr() shows it in ValueError
// messages ("'x' is not a valid UpdateFrequency").
func pyRepr(v any) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "'") && !strings.Contains(x, `"`) {
			return `"` + x + `"`
		}
		return "'" + strings.ReplaceAll(x, "'", `\'`) + "'"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case nil:
		return "None"
	default:
		return fmt.Sprint(x)
	}
}
