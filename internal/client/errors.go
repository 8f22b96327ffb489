package client

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
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
	// server while its answer was lost: the object may or may not exist.
	ErrUncertain = errors.New("outcome uncertain")
)

// APIError is a non-2xx answer of the API.
type APIError struct {
	Method     string
	Path       string // URL path only: never the query, never the key
	StatusCode int
	// Message is the server's own words ("message" or "error" of the body).
	Message string
	// FieldErrors are the per-field messages of a 400 {"errors": {...}}
	// body; nested objects are flattened as "parent.child".
	FieldErrors map[string][]string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

func (e *APIError) Error() string { return "not implemented" }

// Is matches the sentinel of the status code.
func (e *APIError) Is(target error) bool { return false }

// UncertainError is returned when a POST may have been processed by the
// server but its answer was lost. errors.Is(err, ErrUncertain) is true.
type UncertainError struct {
	Method, Path string
	Err          error // the cause: a transport error or an *APIError
}

func (e *UncertainError) Error() string   { return "not implemented" }
func (e *UncertainError) Unwrap() []error { return []error{ErrUncertain, e.Err} }

var _ = fmt.Sprintf
var _ = http.StatusOK
var _ = sort.Strings
var _ = strings.TrimSpace
