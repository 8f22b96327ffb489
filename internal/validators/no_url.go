package validators

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NoURL refuses a text holding a web address, as udata's check_no_urls
// does (a contact point's name: 400 "URLs not allowed in this field").
// udata finds addresses with URLExtract 1.9.0, which looks for a top-level
// domain of IANA's list after a dot, not for a scheme: "Paris.fr",
// "Dept.Finance" and "dev.team" are addresses to it, "Bob.Smith", "x.csv"
// and "data.gouv" are not. containsURL follows its rules (urlextract_core.py:
// gen_urls, _validate_tld_match, _complete_url, _is_domain_valid) for
// the ASCII text names are written in, with the list it ships
// (tlds-alpha-by-domain.txt, version 2024022800).
func NoURL() validator.String { return noURL{} }

type noURL struct{}

func (noURL) Description(context.Context) string {
	return "must not hold a web address (a name followed by a dot and a top-level domain, e.g. example.org)"
}
func (v noURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (noURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if u := ContainsURL(req.ConfigValue.ValueString()); u != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Web address not allowed",
			fmt.Sprintf("%s holds %q, which data.gouv.fr reads as a web address (a name, a dot and a top-level domain): it refuses "+
				"such names (\"URLs not allowed in this field\"). Write the name without it, e.g. with a space instead of the dot; "+
				"a contact form's address goes in contact_form.", req.Path, u))
	}
}

//go:embed tlds-alpha-by-domain.txt
var tldFile string

var (
	tldsOnce sync.Once
	tlds     map[string]bool // lower case, without the dot
)

func topLevelDomains() map[string]bool {
	tldsOnce.Do(func() {
		tlds = map[string]bool{}
		sc := bufio.NewScanner(strings.NewReader(tldFile))
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
				tlds[strings.ToLower(line)] = true
			}
		}
	})
	return tlds
}

// URLExtract's character classes.
const (
	stopLeft  = " \t\n\r\v\f\"<>;|=])}" // where an address cannot extend to the left
	stopRight = " \t\n\r\v\f\"<>;"      // nor to the right
	afterTLD  = " \t\n\r\v\f/\"'<>?:.,)}]\\`"
	enclosure = "({[\"'\\`"
)

var urlExtractHostLabel = regexp.MustCompile(`^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])$`)

// ContainsURL returns the first web address URLExtract finds in text, ""
// when there is none.
func ContainsURL(text string) string {
	known := topLevelDomains()
	for i := 0; i < len(text); i++ {
		if text[i] != '.' {
			continue
		}
		// The top-level domain: the label after the dot, up to a character
		// URLExtract allows after it (or the end).
		end := i + 1
		for end < len(text) && !strings.ContainsRune(afterTLD, rune(text[end])) {
			end++
		}
		tld := strings.ToLower(text[i+1 : end])
		if tld == "" || !known[tld] && !isOctet(tld) {
			continue
		}
		if i == 0 || strings.ContainsRune(stopLeft, rune(text[i-1])) {
			continue
		}
		if u := addressAround(text, i, tld); u != "" {
			return u
		}
	}
	if i := strings.Index(strings.ToLower(text), "://localhost"); i > 0 && !strings.ContainsRune(stopLeft, rune(text[i-1])) {
		if end := i + len("://localhost"); end == len(text) || strings.ContainsRune(afterTLD, rune(text[end])) {
			return text[:end]
		}
	}
	return ""
}

// addressAround completes the candidate address around the top-level
// domain found at text[dot:] (URLExtract's _complete_url) and checks its
// host (_is_domain_valid): the host must end with that domain, the label
// before it be a host name's, or the whole host be an IPv4 address.
func addressAround(text string, dot int, tld string) string {
	start, end := dot, dot
	for start > 0 && !strings.ContainsRune(stopLeft, rune(text[start-1])) && text[start-1] <= 127 {
		start--
	}
	for end < len(text) && !strings.ContainsRune(stopRight, rune(text[end])) {
		end++
	}
	candidate := strings.TrimLeft(text[start:end], enclosure+"/")
	candidate = strings.TrimLeft(candidate, "-.~_")
	authority := candidate
	scheme := strings.Index(authority, "://")
	if scheme >= 0 {
		authority = authority[scheme+3:]
	}
	if i := strings.IndexAny(authority, "/?#"+enclosure+")}],"); i >= 0 {
		authority = authority[:i]
	}
	host := authority
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		if scheme < 0 {
			return "" // an e-mail address, which URLExtract leaves alone
		}
		host = host[i+1:]
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		if _, err := strconv.Atoi(host[i+1:]); err != nil && host[i+1:] != "" {
			return "" // not a port: no host uritools would read
		}
		host = host[:i]
	}
	host = strings.TrimSuffix(host, ".") // "example.org." ends a sentence
	if isIPv4(host) {
		return candidate
	}
	if isOctet(tld) {
		return "" // a number after a dot is a domain only in an IPv4 address
	}
	parts := strings.Split(host, ".")
	if len(parts) < 2 || !strings.EqualFold(parts[len(parts)-1], tld) || !urlExtractHostLabel.MatchString(parts[len(parts)-2]) {
		return ""
	}
	return candidate
}

func isOctet(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n <= 255 && strconv.Itoa(n) == s
}

func isIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if !isOctet(p) {
			return false
		}
	}
	return true
}
