package client

import (
	"net/http"
	"time"
)

// The retry decision, kept apart from the loop that sends requests (retry.go)
// so that every rule can be read in one place and tested as a table, the way
// go-retryablehttp tests its CheckRetry policy: no server, no clock.

// verdict is what to do after one attempt that did not succeed.
type verdict int

const (
	// verdictFail returns the error as it is.
	verdictFail verdict = iota
	// verdictRetry waits decision.wait, then sends the request again.
	verdictRetry
	// verdictUncertain returns an *UncertainError: a non-idempotent request
	// may have been applied, so neither a retry nor a plain failure is honest.
	verdictUncertain
)

func (v verdict) String() string {
	switch v {
	case verdictRetry:
		return "retry"
	case verdictUncertain:
		return "uncertain"
	default:
		return "fail"
	}
}

// retryPolicy holds the limits of a Client that the decision depends on.
type retryPolicy struct {
	maxRetries         int // retries after the first attempt
	readOnlyMaxRetries int // retries of a 423 (maintenance)
	waitMin, waitMax   time.Duration
}

// attemptOutcome is what one attempt gave: either a status (a response came
// back) or a transport error.
type attemptOutcome struct {
	method     string
	idempotent bool // GET, PUT, DELETE, or a POST the server makes harmless to repeat
	attempt    int  // 1 for the first attempt
	status     int  // 0 when no response came back
	err        error
	// mayHaveReachedServer is false only when provably no byte was sent
	// (no connection obtained, or the dial failed).
	mayHaveReachedServer bool
	// canceled: the caller's context is done, so waiting again is pointless.
	canceled   bool
	retryAfter time.Duration // parsed Retry-After; 0 when absent
}

// decision is the policy's answer. gaveUp marks a failure after the retries
// ran out, which the loop names in the error.
type decision struct {
	verdict verdict
	wait    time.Duration
	gaveUp  bool
}

// decide applies the retry rules to one outcome. jitter draws the backoff
// wait below a ceiling (uniform in [0, ceiling] in production); it is a
// parameter so that tests get exact waits.
func (p retryPolicy) decide(o attemptOutcome, jitter func(ceiling time.Duration) time.Duration) decision {
	if o.status == 0 {
		return p.decideTransport(o, jitter)
	}
	retry := decision{verdict: verdictRetry, wait: jitter(p.backoffCeiling(o.attempt))}
	if o.retryAfter > 0 {
		// The server knows when it will be back; RetryWaitMax still caps it
		// so that a wrong header cannot stall an apply for hours.
		retry.wait = min(o.retryAfter, p.waitMax)
	}
	exhausted := decision{verdict: verdictFail, gaveUp: true}
	switch code := o.status; {
	case code == http.StatusTooManyRequests:
		// The front proxy answers 429 before udata sees anything: safe to
		// repeat whatever the method.
		if o.attempt > p.maxRetries {
			return exhausted
		}
		return retry
	case code == http.StatusLocked:
		// udata refuses writes during maintenance before doing anything, but
		// maintenance can last long: fewer retries.
		if o.attempt > min(p.maxRetries, p.readOnlyMaxRetries) {
			return exhausted
		}
		return retry
	case code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
		if !o.idempotent {
			return decision{verdict: verdictUncertain}
		}
		if o.attempt > p.maxRetries {
			return exhausted
		}
		return retry
	case code >= 500 && !o.idempotent:
		// udata may have saved the object before failing.
		return decision{verdict: verdictUncertain}
	default:
		return decision{verdict: verdictFail}
	}
}

// decideTransport handles an attempt that got no response.
func (p retryPolicy) decideTransport(o attemptOutcome, jitter func(time.Duration) time.Duration) decision {
	sentUnsafe := !o.idempotent && o.mayHaveReachedServer
	switch {
	case o.canceled || !retryableTransportError(o.err):
		if sentUnsafe {
			return decision{verdict: verdictUncertain}
		}
		return decision{verdict: verdictFail}
	case sentUnsafe:
		return decision{verdict: verdictUncertain}
	case o.attempt > p.maxRetries:
		return decision{verdict: verdictFail, gaveUp: true}
	}
	return decision{verdict: verdictRetry, wait: jitter(p.backoffCeiling(o.attempt))}
}

// backoffCeiling is min(waitMax, waitMin·2^(attempt-1)): the bound of the
// full-jitter exponential backoff.
func (p retryPolicy) backoffCeiling(attempt int) time.Duration {
	ceil := p.waitMin
	for i := 1; i < attempt && ceil < p.waitMax; i++ {
		ceil *= 2
	}
	return min(ceil, p.waitMax)
}
