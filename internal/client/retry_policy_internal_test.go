package client

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"testing"
	"time"
)

// TestRetryPolicy is the decision table: each row is one failed attempt and
// what the client must do next. The jitter is the ceiling itself so that
// waits are exact.
func TestRetryPolicy(t *testing.T) {
	p := retryPolicy{maxRetries: 4, readOnlyMaxRetries: 3, waitMin: time.Second, waitMax: 10 * time.Second}
	reset := errors.New("connection reset by peer")
	dial := &net.OpError{Op: "dial", Err: errors.New("connection refused")}
	badCert := x509.UnknownAuthorityError{}

	const (
		get  = "GET"
		post = "POST"
		put  = "PUT"
	)
	type row struct {
		name string
		o    attemptOutcome
		want decision
	}
	retry := func(w time.Duration) decision { return decision{verdict: verdictRetry, wait: w} }
	fail := decision{verdict: verdictFail}
	gaveUp := decision{verdict: verdictFail, gaveUp: true}
	uncertain := decision{verdict: verdictUncertain}

	rows := []row{
		// Transport failures.
		{"GET reset: retried", attemptOutcome{method: get, idempotent: true, attempt: 1, err: reset, mayHaveReachedServer: true}, retry(time.Second)},
		{"GET reset, 3rd attempt: backoff doubles", attemptOutcome{method: get, idempotent: true, attempt: 3, err: reset, mayHaveReachedServer: true}, retry(4 * time.Second)},
		{"GET reset after the last retry: gave up", attemptOutcome{method: get, idempotent: true, attempt: 5, err: reset}, gaveUp},
		{"GET reset, 4th attempt: 8s ceiling", attemptOutcome{method: get, idempotent: true, attempt: 4, err: reset}, retry(8 * time.Second)},
		{"POST dial failure: never sent, retried", attemptOutcome{method: post, attempt: 1, err: dial}, retry(time.Second)},
		{"POST reset after sending: uncertain", attemptOutcome{method: post, attempt: 1, err: reset, mayHaveReachedServer: true}, uncertain},
		{"idempotent POST reset: retried", attemptOutcome{method: post, idempotent: true, attempt: 1, err: reset, mayHaveReachedServer: true}, retry(time.Second)},
		{"GET canceled: fail", attemptOutcome{method: get, idempotent: true, attempt: 1, err: context.Canceled, canceled: true}, fail},
		{"POST canceled after sending: uncertain", attemptOutcome{method: post, attempt: 1, err: reset, canceled: true, mayHaveReachedServer: true}, uncertain},
		{"POST canceled before sending: fail", attemptOutcome{method: post, attempt: 1, err: reset, canceled: true}, fail},
		{"GET bad certificate: not retried", attemptOutcome{method: get, idempotent: true, attempt: 1, err: badCert, mayHaveReachedServer: true}, fail},
		{"GET too many redirects: not retried", attemptOutcome{method: get, idempotent: true, attempt: 1, err: errTooManyRedirects, mayHaveReachedServer: true}, fail},

		// Statuses.
		{"GET 429: retried", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 429}, retry(time.Second)},
		{"POST 429: retried (the proxy answered)", attemptOutcome{method: post, attempt: 2, status: 429}, retry(2 * time.Second)},
		{"429 with Retry-After", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 429, retryAfter: 3 * time.Second}, retry(3 * time.Second)},
		{"429 with long Retry-After: capped", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 429, retryAfter: time.Hour}, retry(10 * time.Second)},
		{"429 after the last retry", attemptOutcome{method: get, idempotent: true, attempt: 5, status: 429}, gaveUp},
		{"POST 423: retried", attemptOutcome{method: post, attempt: 3, status: 423}, retry(4 * time.Second)},
		{"423 past its own limit", attemptOutcome{method: put, idempotent: true, attempt: 4, status: 423}, gaveUp},
		{"GET 503: retried", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 503}, retry(time.Second)},
		{"PUT 502 after the last retry", attemptOutcome{method: put, idempotent: true, attempt: 5, status: 502}, gaveUp},
		{"POST 504: uncertain", attemptOutcome{method: post, attempt: 1, status: 504}, uncertain},
		{"idempotent POST 503: retried", attemptOutcome{method: post, idempotent: true, attempt: 1, status: 503}, retry(time.Second)},
		{"POST 500: uncertain", attemptOutcome{method: post, attempt: 1, status: 500}, uncertain},
		{"GET 500: fail", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 500}, fail},
		{"GET 404: fail", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 404}, fail},
		{"POST 400: fail", attemptOutcome{method: post, attempt: 1, status: 400}, fail},
		{"GET 409 with Retry-After: still fail", attemptOutcome{method: get, idempotent: true, attempt: 1, status: 409, retryAfter: time.Second}, fail},
	}
	ceiling := func(d time.Duration) time.Duration { return d }
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			got := p.decide(r.o, ceiling)
			if got.verdict != r.want.verdict || got.gaveUp != r.want.gaveUp {
				t.Fatalf("verdict %v (gave up %v), want %v (gave up %v)", got.verdict, got.gaveUp, r.want.verdict, r.want.gaveUp)
			}
			if r.want.verdict == verdictRetry && got.wait != r.want.wait {
				t.Errorf("wait %v, want %v", got.wait, r.want.wait)
			}
		})
	}
}

// TestRetryPolicyNoRetries: MaxRetries < 0 becomes 0, so the first failure
// is final even where a retry would be allowed.
func TestRetryPolicyNoRetries(t *testing.T) {
	p := retryPolicy{maxRetries: 0, readOnlyMaxRetries: 3, waitMin: time.Second, waitMax: time.Second}
	for _, status := range []int{423, 429, 503} {
		if d := p.decide(attemptOutcome{method: "GET", idempotent: true, attempt: 1, status: status}, func(d time.Duration) time.Duration { return d }); d.verdict != verdictFail {
			t.Errorf("status %d: verdict %v, want fail", status, d.verdict)
		}
	}
}
