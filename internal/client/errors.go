package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. Every non-2xx answer is an *APIError whose Is method
// matches the sentinel of its status, so callers write
// errors.Is(err, client.ErrNotFound) without looking at status codes.
var (
	ErrNotFound     = errors.New("not found")
	ErrGone         = errors.New("gone (deleted)")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrValidation   = errors.New("validation failed")
	ErrReadOnly     = errors.New("portal in read-only maintenance")
	ErrRateLimited  = errors.New("rate limited")
	// ErrUncertain marks a create (POST) whose request may have reached the
	// server while its answer was lost: the object may or may not exist,
	// so the caller looks it up before creating it again.
	ErrUncertain = errors.New("outcome uncertain")
	// ErrUploadMismatch: the server's checksum or size of an uploaded file
	// differs from what was sent.
	ErrUploadMismatch = errors.New("uploaded file differs from what was sent")
	// ErrTooLarge: the portal, or a proxy in front of it, refused a request
	// body that large (413): an upload's parts, or a file sent in one
	// request, must be smaller there.
	ErrTooLarge = errors.New("request too large")
	// ErrFileChanged: the local file changed while its parts were sent; the
	// parts were not assembled, so the portal serves nothing of them.
	ErrFileChanged = errors.New("the local file changed while it was uploaded")
)

// APIError is a non-2xx answer of the API.
type APIError struct {
	Method     string
	Path       string // URL path only: never the query, never the key
	StatusCode int
	// Message is the server's own words: "message" of the body, or "error"
	// of an upload answer, or a short plain-text body.
	Message string
	// FieldErrors are the per-field messages of a 400 {"errors": {...}}
	// body; nested objects are flattened as "parent.child" (list items as
	// "parent.0.child").
	FieldErrors map[string][]string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

// Error reads like "PUT /api/1/datasets/x/: 400 Bad Request: title: This field is required."
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	switch e.StatusCode {
	case http.StatusLocked:
		b.WriteString(": the portal is in read-only maintenance (writes are disabled for now, retry later)")
	case http.StatusTooManyRequests:
		b.WriteString(": rate limited")
		if e.RetryAfter > 0 {
			fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
		}
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	keys := make([]string, 0, len(e.FieldErrors))
	for k := range e.FieldErrors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", k, strings.Join(e.FieldErrors[k], " "))
	}
	return b.String()
}

// Is matches the sentinel of the status code.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrGone:
		return e.StatusCode == http.StatusGone
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest
	case ErrReadOnly:
		return e.StatusCode == http.StatusLocked
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrTooLarge:
		return e.StatusCode == http.StatusRequestEntityTooLarge
	}
	return false
}

// UncertainError is returned when a POST may have been processed by the
// server but its answer was lost (connection broken after the request was
// written, 5xx from a proxy). errors.Is(err, ErrUncertain) is true, and
// errors.As reaches the cause (an *APIError or a transport error).
type UncertainError struct {
	Method, Path string
	Err          error
}

func (e *UncertainError) Error() string {
	// The cause already names the method and path.
	return fmt.Sprintf("%v; the request may or may not have been processed: the create may or may not have happened, look the object up before trying again", e.Err)
}

// Unwrap exposes both ErrUncertain and the cause.
func (e *UncertainError) Unwrap() []error { return []error{ErrUncertain, e.Err} }

// maxErrorBody bounds how much of an error body is read.
const maxErrorBody = 1 << 20

// apiError builds an *APIError from a non-2xx answer and closes its body.
func (c *Client) apiError(r *request, resp *http.Response) *APIError {
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &APIError{
		Method:     r.method,
		Path:       r.path,
		StatusCode: resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	var body struct {
		Message json.RawMessage `json:"message"`
		Error   json.RawMessage `json:"error"`
		Errors  json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(raw, &body); err == nil {
		e.Message = firstText(body.Message, body.Error)
		if len(body.Errors) > 0 && string(body.Errors) != "null" {
			var v any
			if json.Unmarshal(body.Errors, &v) == nil {
				e.FieldErrors = map[string][]string{}
				flattenErrors("", v, e.FieldErrors)
				if len(e.FieldErrors) == 0 {
					e.FieldErrors = nil
				}
			}
		}
	} else {
		e.Message = plainText(raw)
	}
	e.Message = c.redact(e.Message)
	for k, msgs := range e.FieldErrors {
		for i := range msgs {
			msgs[i] = c.redact(msgs[i])
		}
		e.FieldErrors[k] = msgs
	}
	return e
}

// firstText returns the first JSON value that is a non-empty string.
func firstText(vals ...json.RawMessage) string {
	for _, v := range vals {
		var s string
		if json.Unmarshal(v, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// flattenErrors turns udata's (WTForms) nested error objects into
// "parent.child" keys. Lists of strings are messages; lists of objects are
// per-item errors (e.g. resources), keyed by index.
func flattenErrors(prefix string, v any, out map[string][]string) {
	key := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			flattenErrors(key(k), sub, out)
		}
	case []any:
		for i, item := range t {
			switch it := item.(type) {
			case string:
				out[prefix] = append(out[prefix], it)
			case nil:
			default:
				flattenErrors(key(strconv.Itoa(i)), it, out)
			}
		}
	case string:
		out[prefix] = append(out[prefix], t)
	case nil:
	default:
		b, _ := json.Marshal(t)
		out[prefix] = append(out[prefix], string(b))
	}
}

// plainText keeps a short non-JSON body (a proxy's text answer), but not
// an HTML error page.
func plainText(raw []byte) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if strings.HasPrefix(s, "<") {
		return ""
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
