package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// The differential harness: one request, written once with {{name}}
// placeholders, is sent to the emulator and to real udata; each answer is
// normalised (site-specific values back to their placeholders, what is
// random or clock-dependent masked) and the two are compared field by field.

// dfSite is one of the two servers and what differs between them: keys of
// the roles, ids of the objects made so far, the base URL.
type dfSite struct {
	name   string
	base   string
	static string            // prefix of hosted files' public URLs
	keys   map[string]string // role → API key ("" role: anonymous)
	vars   map[string]string // placeholder → this site's value
	client *http.Client
}

// dfReq is a request as written in a sequence. Strings of path, json and
// raw may hold {{name}} placeholders.
type dfReq struct {
	method, path string
	as           string  // role: main, other, admin, bad, or "" (anonymous)
	json         any     // sent as JSON (application/json)
	raw          string  // sent as is, with ct
	ct           string  // Content-Type of raw
	file         *dfFile // multipart upload
}

// dfFile is a multipart upload body: a "file" part and extra fields.
type dfFile struct {
	name, content string
	fields        []string
}

type dfAnswer struct {
	status int
	header http.Header
	raw    []byte
	body   any    // decoded JSON; nil when the body is not JSON
	kind   string // json, html, text or empty
}

// str reads a string at a dotted path of the JSON body ("" when absent).
func (a dfAnswer) str(p string) string {
	s, _ := dfDig(a.body, p).(string)
	return s
}

// dfDig walks a dotted path; numeric segments index lists.
func dfDig(v any, p string) any {
	for _, k := range strings.Split(p, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

var rePlaceholder = regexp.MustCompile(`\{\{[a-z0-9_.]+\}\}`)

// expand fills the placeholders of s with the site's values.
func (s *dfSite) expand(t *testing.T, str string) string {
	t.Helper()
	return rePlaceholder.ReplaceAllStringFunc(str, func(m string) string {
		v, ok := s.vars[m[2:len(m)-2]]
		if !ok {
			t.Fatalf("%s: no value for %s", s.name, m)
		}
		return v
	})
}

func (s *dfSite) expandJSON(t *testing.T, v any) any {
	switch x := v.(type) {
	case string:
		return s.expand(t, x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[k] = s.expandJSON(t, val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = s.expandJSON(t, val)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = s.expand(t, val)
		}
		return out
	}
	return v
}

// send performs r on the site. The multipart boundary is fixed so both
// sites receive the same bytes.
func (s *dfSite) send(t *testing.T, r dfReq) dfAnswer {
	t.Helper()
	var body io.Reader
	ct := r.ct
	switch {
	case r.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.SetBoundary("differential-test-boundary")
		for i := 0; i+1 < len(r.file.fields); i += 2 {
			_ = mw.WriteField(r.file.fields[i], s.expand(t, r.file.fields[i+1]))
		}
		if r.file.name != "" {
			fw, _ := mw.CreateFormFile("file", r.file.name)
			_, _ = io.WriteString(fw, r.file.content)
		}
		_ = mw.Close()
		body, ct = &buf, mw.FormDataContentType()
	case r.json != nil:
		data, err := json.Marshal(s.expandJSON(t, r.json))
		if err != nil {
			t.Fatal(err)
		}
		body, ct = bytes.NewReader(data), "application/json"
	case r.raw != "" || r.ct != "":
		body = strings.NewReader(s.expand(t, r.raw))
	}
	req, err := http.NewRequest(r.method, s.base+s.expand(t, r.path), body)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	key, ok := s.keys[r.as]
	if !ok {
		t.Fatalf("unknown role %q", r.as)
	}
	if key != "" {
		req.Header.Set("X-API-KEY", key)
	}
	res, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s: %s %s: %v", s.name, r.method, r.path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	a := dfAnswer{status: res.StatusCode, header: res.Header, raw: raw}
	mt := strings.ToLower(res.Header.Get("Content-Type"))
	switch {
	case len(bytes.TrimSpace(raw)) == 0:
		a.kind = "empty"
	case strings.Contains(mt, "json") && json.Unmarshal(raw, &a.body) == nil:
		a.kind = "json"
	case strings.Contains(mt, "html"):
		a.kind = "html"
	default:
		a.kind = "text"
	}
	return a
}

// ---------------------------------------------------------------------------
// Normalisation

var (
	reDateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(\+00:00|Z)?$`)
	// udata stores an upload under {dataset slug}/{YYYYmmdd-HHMMSS}/.
	reUploadStamp = regexp.MustCompile(`/\d{8}-\d{6}/`)
	reObjectID    = regexp.MustCompile(`\b[0-9a-f]{24}\b`)
	reUUID        = regexp.MustCompile(`\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
)

// normalise rewrites an answer's JSON so that two sites' answers compare
// equal when they mean the same: the site's values of placeholders (ids,
// base URL) become the placeholders, and what only the clock or a random
// generator decides is masked. Nothing else is touched.
func (s *dfSite) normalise(v any) any {
	switch x := v.(type) {
	case string:
		return s.normaliseString(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[s.normaliseString(k)] = s.normalise(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = s.normalise(val)
		}
		return out
	}
	return v
}

func (s *dfSite) normaliseString(str string) string {
	if reDateTime.MatchString(str) {
		return "<datetime>"
	}
	// Longest values first, so an id inside a longer value is not cut.
	type pair struct{ value, name string }
	var pairs []pair
	for name, value := range s.vars {
		if len(value) >= 8 { // a short value could occur inside unrelated text
			pairs = append(pairs, pair{value, name})
		}
	}
	pairs = append(pairs, pair{s.static, "static"}, pair{s.base, "base"})
	sort.Slice(pairs, func(i, j int) bool {
		if len(pairs[i].value) != len(pairs[j].value) {
			return len(pairs[i].value) > len(pairs[j].value)
		}
		return pairs[i].name < pairs[j].name
	})
	for _, p := range pairs {
		str = strings.ReplaceAll(str, p.value, "{{"+p.name+"}}")
	}
	str = reUploadStamp.ReplaceAllString(str, "/<stamp>/")
	str = reObjectID.ReplaceAllString(str, "<objectid>")
	return reUUID.ReplaceAllString(str, "<uuid>")
}

// ---------------------------------------------------------------------------
// Comparison

type dfDifference struct {
	path     string
	emu, orc string
}

// dfCompare lists where two normalised JSON values differ: missing keys,
// JSON types, values, list lengths.
func dfCompare(p string, a, b any, out *[]dfDifference) {
	add := func(x, y any) {
		*out = append(*out, dfDifference{p, dfShow(x), dfShow(y)})
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			add(a, b)
			return
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			va, ina := x[k]
			vb, inb := y[k]
			sub := p + "." + k
			switch {
			case !ina:
				*out = append(*out, dfDifference{sub, "(absent)", dfShow(vb)})
			case !inb:
				*out = append(*out, dfDifference{sub, dfShow(va), "(absent)"})
			default:
				dfCompare(sub, va, vb, out)
			}
		}
	case []any:
		y, ok := b.([]any)
		if !ok {
			add(a, b)
			return
		}
		if len(x) != len(y) {
			*out = append(*out, dfDifference{p + ".length", fmt.Sprint(len(x)), fmt.Sprint(len(y))})
		}
		for i := 0; i < min(len(x), len(y)); i++ {
			dfCompare(fmt.Sprintf("%s.%d", p, i), x[i], y[i], out)
		}
	default:
		if fmt.Sprintf("%T", a) != fmt.Sprintf("%T", b) || a != b {
			add(a, b)
		}
	}
}

func dfShow(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// reHelp404 is what flask-restx's ERROR_404_HELP appends to a 404 message:
// the closest rules of udata's whole URL map (difflib), which no client may
// rely on and the emulator does not compute.
var reHelp404 = regexp.MustCompile(`\.? You have requested this URI \[.*\] but did you mean .* \?$`)

// rePySet is a Python set's repr inside a message: its order is Python's
// string hashing, randomised per process.
var rePySet = regexp.MustCompile(`\{'[^']*'(, '[^']*')*\}`)

// normaliseBody is normalise plus the two masks of messages above.
func (s *dfSite) normaliseBody(a dfAnswer) any {
	v := s.normalise(a.body)
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	if msg, ok := m["message"].(string); ok {
		if a.status == 404 {
			msg = strings.TrimSuffix(reHelp404.ReplaceAllString(msg, ""), ".")
		}
		m["message"] = rePySet.ReplaceAllStringFunc(msg, func(set string) string {
			items := strings.Split(set[1:len(set)-1], ", ")
			sort.Strings(items)
			return "{" + strings.Join(items, ", ") + "}"
		})
	}
	return m
}

// compareAnswers lists the differences between the two sites' answers:
// status, kind of body, normalised JSON body, and the headers clients read.
func compareAnswers(sites [2]*dfSite, ans [2]dfAnswer) []dfDifference {
	var diffs []dfDifference
	if ans[0].status != ans[1].status {
		diffs = append(diffs, dfDifference{"status", fmt.Sprint(ans[0].status), fmt.Sprint(ans[1].status)})
	}
	if ans[0].kind != ans[1].kind {
		diffs = append(diffs, dfDifference{"kind", ans[0].kind, ans[1].kind})
	} else if ans[0].kind == "json" {
		dfCompare("body", sites[0].normaliseBody(ans[0]), sites[1].normaliseBody(ans[1]), &diffs)
	}
	for _, h := range []string{"Location", "WWW-Authenticate"} {
		a, b := sites[0].normaliseString(ans[0].header.Get(h)), sites[1].normaliseString(ans[1].header.Get(h))
		if a != b {
			diffs = append(diffs, dfDifference{"header." + h, a, b})
		}
	}
	return diffs
}

// ---------------------------------------------------------------------------
// The differ

// dfAllowance is an accepted divergence: differences at paths matching
// field, in steps matching step, are not failures (patterns where * stands
// for any run of characters).
type dfAllowance struct {
	step, field, reason string
}

type differ struct {
	sites     [2]*dfSite // emulator, udata
	emu       *Server    // the emulator behind sites[0], for fixture changes
	run       string     // random tag making this run's titles unique
	runNumber int        // the same, for a title sent as a number
	allowed   []dfAllowance
	used      map[int]bool
	fixture   map[string]dfFixture // the oracle's names of users and organizations
}

// call sends r to both sites, compares the answers and reports every
// difference not allow-listed, showing both answers.
func (d *differ) call(t *testing.T, label string, r dfReq) [2]dfAnswer {
	t.Helper()
	var ans [2]dfAnswer
	for i, s := range d.sites {
		ans[i] = s.send(t, r)
	}
	step := strings.TrimPrefix(t.Name(), "TestDifferential/") + "/" + label
	var report []string
	for _, diff := range compareAnswers(d.sites, ans) {
		if d.allow(step, diff.path) {
			continue
		}
		report = append(report, fmt.Sprintf("    %s: emulator %s, udata %s", diff.path, diff.emu, diff.orc))
	}
	if len(report) > 0 {
		t.Errorf("%s: %s %s (as %q) diverges:\n%s\n  emulator answered %d %s\n  udata answered %d %s",
			label, r.method, r.path, r.as, strings.Join(report, "\n"),
			ans[0].status, dfClip(ans[0].raw), ans[1].status, dfClip(ans[1].raw))
	}
	return ans
}

// fact compares a value each site's answers led to (a relation between
// timestamps, a count): what normalisation masks but a client relies on.
func (d *differ) fact(t *testing.T, label string, emu, orc any) {
	t.Helper()
	step := strings.TrimPrefix(t.Name(), "TestDifferential/") + "/" + label
	if fmt.Sprint(emu) != fmt.Sprint(orc) && !d.allow(step, "fact") {
		t.Errorf("%s: emulator %v, udata %v", label, emu, orc)
	}
}

func (d *differ) allow(step, field string) bool {
	for i, a := range d.allowed {
		if dfGlob(a.step, step) && dfGlob(a.field, field) {
			d.used[i] = true
			return true
		}
	}
	return false
}

// bind records, under name, the value at a dotted path of each site's
// answer, for later requests ({{name}}) and normalisation.
func (d *differ) bind(t *testing.T, name string, ans [2]dfAnswer, p string) {
	t.Helper()
	for i, s := range d.sites {
		v, ok := dfDig(ans[i].body, p).(string)
		if !ok || v == "" {
			t.Fatalf("%s: no string at %q to bind %s: %s", s.name, p, name, dfClip(ans[i].raw))
		}
		s.vars[name] = v
	}
}

// dfMillis is a datetime at the precision MongoDB keeps, for facts that
// compare a write's answer with later reads.
// dfGlob matches s against a pattern where * is any run of characters.
func dfGlob(pattern, s string) bool {
	re := "^" + strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*") + "$"
	ok, _ := regexp.MatchString(re, s)
	return ok
}

func dfMillis(s string) string {
	base, frac, _ := strings.Cut(strings.TrimSuffix(s, "+00:00"), ".")
	return base + "." + (frac + "000")[:3]
}

func dfClip(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

func newDfClient() *http.Client {
	return &http.Client{
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// ---------------------------------------------------------------------------
// Shorthands for sequences

type jo = map[string]any

func dfGet(p, as string) dfReq { return dfReq{method: "GET", path: p, as: as} }
func dfDel(p, as string) dfReq { return dfReq{method: "DELETE", path: p, as: as} }
func dfPost(p, as string, body any) dfReq {
	return dfReq{method: "POST", path: p, as: as, json: body}
}
func dfPut(p, as string, body any) dfReq {
	return dfReq{method: "PUT", path: p, as: as, json: body}
}

// dfRaw is a request with a body sent as is.
func dfRaw(method, p, as, ct, body string) dfReq {
	return dfReq{method: method, path: p, as: as, ct: ct, raw: body}
}

// dataset creates a dataset as the main user in the main organization
// (fields override the defaults; a nil value drops a default), checks both
// sites agree, and binds its id to name.
func (d *differ) dataset(t *testing.T, name string, fields jo) [2]dfAnswer {
	t.Helper()
	body := jo{"title": "Dataset " + name + " {{run}}", "description": "Some description", "organization": "{{org}}", "tags": []any{"{{run}}"}}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	ans := d.call(t, "create "+name, dfPost("/api/1/datasets/", "main", body))
	if ans[0].status != 201 || ans[1].status != 201 {
		t.Fatalf("creating dataset %s: emulator %d, udata %d", name, ans[0].status, ans[1].status)
	}
	d.bind(t, name, ans, "id")
	return ans
}

// remote creates a remote resource as the main user in the dataset bound
// to ds, and binds its id to name.
func (d *differ) remote(t *testing.T, ds, name string, fields jo) [2]dfAnswer {
	t.Helper()
	body := jo{"title": "Resource " + name, "url": "https://example.com/" + name + ".csv", "filetype": "remote"}
	for k, v := range fields {
		body[k] = v
	}
	ans := d.call(t, "create resource "+name, dfPost("/api/1/datasets/{{"+ds+"}}/resources/", "main", body))
	if ans[0].status != 201 || ans[1].status != 201 {
		t.Fatalf("creating resource %s: emulator %d, udata %d", name, ans[0].status, ans[1].status)
	}
	d.bind(t, name, ans, "id")
	return ans
}

// each runs one labelled request per case, all compared.
type dfCase struct {
	label string
	req   dfReq
}

func (d *differ) each(t *testing.T, cases []dfCase) {
	t.Helper()
	for _, c := range cases {
		d.call(t, c.label, c.req)
	}
}
