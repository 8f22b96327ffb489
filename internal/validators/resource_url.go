package validators

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// ResourceURLSchemes are the schemes udata accepts for a remote resource
// (setting URLS_ALLOWED_SCHEMES).
var ResourceURLSchemes = []string{"http", "https", "ftp", "ftps"}

// ResourceURL checks a remote resource's URL the way udata does
// (udata/uris.py with data.gouv.fr's settings), so that a URL data.gouv.fr
// would refuse with 400 is reported at plan time on the url attribute:
// scheme http, https, ftp or ftps; a host that is a public IP address or a
// name ending in a real top-level domain; never localhost, a loopback,
// private, link-local, multicast or unspecified address. Credentials in the
// URL are accepted, as on data.gouv.fr (URLS_ALLOW_CREDENTIALS).
func ResourceURL() validator.String { return resourceURL{} }

type resourceURL struct{}

func (resourceURL) Description(context.Context) string {
	return "must be an http, https, ftp or ftps URL of a public host with a real top-level domain"
}
func (v resourceURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (resourceURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckResourceURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid resource URL",
			fmt.Sprintf("data.gouv.fr would refuse this URL: %s. Use the public address of the file, e.g. https://example.org/data.csv.", err))
	}
}

// hostLabel is one label of a host name as udata's URL_REGEX accepts it:
// letters (any script), digits and underscores, single hyphens inside.
var hostLabel = regexp.MustCompile(`^(?:[\p{L}\p{N}_]-?)*[\p{L}\p{N}]+$`)

// CheckResourceURL returns why udata would refuse raw as a resource URL, or
// nil. The URL is trimmed first, as udata does.
func CheckResourceURL(raw string) error {
	s := strings.TrimSpace(raw)
	if s == "" {
		return fmt.Errorf("the URL is empty")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("%q contains white space (encode spaces as %%20)", s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a URL", s)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "" || u.Opaque != "" || !strings.Contains(s, "://") {
		return fmt.Errorf("%q is not an absolute URL: write it with its scheme, e.g. https://%s", s, strings.TrimPrefix(s, "//"))
	}
	allowed := false
	for _, sch := range ResourceURLSchemes {
		allowed = allowed || scheme == sch
	}
	if !allowed {
		return fmt.Errorf("%q has scheme %q; allowed: %s", s, scheme, QuoteList(ResourceURLSchemes))
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || len(p) < 2 || len(p) > 5 || n > 65535 {
			return fmt.Errorf("%q has an invalid port %q", s, p)
		}
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return fmt.Errorf("%q has no host", s)
	}
	if host == "localhost" || host == "localhost.localdomain" || strings.HasSuffix(host, ".localhost") {
		return fmt.Errorf("%q is a local URL (localhost)", s)
	}
	if strings.HasPrefix(u.Host, "[") || net.ParseIP(host) != nil || looksLikeIPv4(host) {
		return checkIP(s, host)
	}
	return checkHostName(s, host)
}

// looksLikeIPv4 catches dotted quads that do not parse (999.1.1.1), which
// udata's regex takes for an address and then refuses.
var ipv4Shape = regexp.MustCompile(`^\d{0,3}\.\d{0,3}\.\d{0,3}\.\d{0,3}$`)

func looksLikeIPv4(host string) bool { return ipv4Shape.MatchString(host) }

func checkIP(s, host string) error {
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%q has an invalid IP address %q", s, host)
	}
	addr = addr.Unmap()
	switch {
	case addr.IsLoopback():
		return fmt.Errorf("%q is a local URL (loopback address)", s)
	case addr.IsMulticast():
		return fmt.Errorf("%q uses a multicast address", s)
	case addr.IsUnspecified():
		return fmt.Errorf("%q uses the unspecified address %s", s, addr)
	case addr.IsPrivate(), addr.IsLinkLocalUnicast(), sharedAddressSpace.Contains(addr):
		return fmt.Errorf("%q is a private URL (%s is not a public address)", s, addr)
	case isMask(addr):
		return fmt.Errorf("%q uses the mask address %s", s, addr)
	}
	return nil
}

// isMask tells whether an IPv4 address is a netmask (ones then zeros, e.g.
// 255.255.255.0) or a hostmask (zeros then ones, e.g. 0.0.0.255), which
// udata refuses as hosts.
func isMask(addr netip.Addr) bool {
	if !addr.Is4() {
		return false
	}
	b := addr.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	inv := ^v
	return v&(v+1) == 0 || inv&(inv+1) == 0
}

// sharedAddressSpace is the carrier-grade NAT range (RFC 6598), private in
// the sense of udata's netaddr.is_private.
var sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10")

func checkHostName(s, host string) error {
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return fmt.Errorf("%q has host %q, which has no top-level domain (e.g. .fr, .org)", s, host)
	}
	for _, l := range labels {
		if !hostLabel.MatchString(l) {
			return fmt.Errorf("%q has an invalid host name %q", s, host)
		}
	}
	tld := labels[len(labels)-1]
	ascii, err := idna.ToASCII(tld)
	if err != nil || len([]rune(tld)) < 2 || !isRealTLD(ascii) {
		return fmt.Errorf("%q has host %q, whose top-level domain %q does not exist", s, host, tld)
	}
	return nil
}

// isRealTLD tells whether tld is a top-level domain delegated by ICANN,
// as udata checks against the IANA list (URLS_ALLOWED_TLDS).
func isRealTLD(tld string) bool {
	suffix, icann := publicsuffix.PublicSuffix(tld)
	return icann && suffix == tld
}
