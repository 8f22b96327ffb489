package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Reading JSON bodies the way Flask and udata's api.validate do, and the
// small wtforms-like field converters the dataset and resource forms share.

const maxJSONBody = 32 << 20

// isJSONMimetype is Flask's Request.is_json.
func isJSONMimetype(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// readJSON is Flask's request.json: 415 when the Content-Type is not JSON,
// 400 when the body does not parse. Numbers are kept exact.
func (c *call) readJSON() (any, bool) {
	if !isJSONMimetype(c.r.Header.Get("Content-Type")) {
		writeMessage(c.w, http.StatusUnsupportedMediaType, msgUnsupportedMedia)
		return nil, false
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, maxJSONBody+1))
	if err != nil {
		writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		return nil, false
	}
	if len(data) > maxJSONBody {
		c.w.Header().Set("Connection", "close")
		writeProxyError(c.w, http.StatusRequestEntityTooLarge)
		return nil, false
	}
	if !utf8.Valid(data) {
		writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		return nil, false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		return nil, false
	}
	return v, true
}

// readJSONObject is request.json where udata goes on to use it as a dict
// (request.json.get, data.items()): any other JSON value is a 500.
func (c *call) readJSONObject() (map[string]any, bool) {
	v, ok := c.readJSON()
	if !ok {
		return nil, false
	}
	obj, isObj := v.(map[string]any)
	if !isObj {
		writeServerError(c.w)
		return nil, false
	}
	return obj, true
}

// writeAfterReading opens every handler that writes the state from a
// request's body: read takes the body (and answers the client when it
// cannot) before the write lock is taken, so that a client slow to send
// holds no other request; write then runs under the lock. (Writes to a
// dataset's resources go through editResources, which checks udata's
// permission before the read.)
func writeAfterReading[B any](c *call, read func(*call) (B, bool), write func(B)) {
	body, ok := read(c)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	write(body)
}

// readForm is udata's api.validate before the form runs: the Content-Type
// must mention application/json and the body must be a JSON object.
func (c *call) readForm() (map[string]any, bool) {
	if !strings.Contains(c.r.Header.Get("Content-Type"), "application/json") {
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]string{"Content-Type": "expecting application/json"}})
		return nil, false
	}
	v, ok := c.readJSON()
	if !ok {
		return nil, false
	}
	obj, isObj := v.(map[string]any)
	if !isObj {
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]string{"request": "expecting a JSON object"}})
		return nil, false
	}
	return obj, true
}

// Field converters. Each returns the converted value and an error message
// ("" when fine), the way a wtforms field fills its errors.

func lengthError(maxLen int) string {
	return "Field cannot be longer than " + strconv.Itoa(maxLen) + " characters."
}

const msgNotString = "Not a valid string value."

// pyStr is what a wtforms StringField keeps of a JSON scalar: strings as
// they are, numbers and booleans as Python's str() writes them. ok is false
// for null, lists and objects.
func pyStr(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		if x {
			return "True", true
		}
		return "False", true
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return strconv.FormatInt(i, 10), true
		}
		f, err := x.Float64()
		if err != nil {
			return string(x), true
		}
		return pyFloat(f), true
	case float64:
		return pyFloat(x), true
	}
	return "", false
}

// pyFloat is Python's repr() of a float.
func pyFloat(f float64) string {
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		if len(exp) < 2 {
			exp = "0" + exp
		}
		return mant + "e" + string(sign) + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// requiredString is a StringField/MarkdownField with DataRequired and a
// maximum length.
func requiredString(v any, maxLen int) (string, string) {
	if v == nil {
		return "", msgRequired
	}
	s, ok := pyStr(v)
	if !ok {
		return "", msgNotString
	}
	if strings.TrimSpace(s) == "" {
		return "", msgRequired
	}
	if maxLen > 0 && utf8.RuneCountInString(s) > maxLen {
		return "", lengthError(maxLen)
	}
	return s, ""
}

// optionalString is a StringField (EmptyNone: "" and null become nil).
func optionalString(v any, maxLen int) (*string, string) {
	if v == nil {
		return nil, ""
	}
	s, ok := pyStr(v)
	if !ok {
		return nil, msgNotString
	}
	if s == "" {
		return nil, ""
	}
	if maxLen > 0 && utf8.RuneCountInString(s) > maxLen {
		return nil, lengthError(maxLen)
	}
	return &s, ""
}

// boolValue is wtforms' BooleanField fed with JSON.
func boolValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != "" && x != "false"
	case json.Number:
		f, err := x.Float64()
		return err != nil || f != 0
	default:
		return true
	}
}

// intValue is wtforms' IntegerField: integers, or strings holding one.
func intValue(v any) (*int64, string) {
	switch x := v.(type) {
	case nil:
		return nil, ""
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return &i, ""
		}
	case string:
		if i, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
			return &i, ""
		}
	}
	return nil, "Not a valid integer value."
}

// objectValue is udata's ExtrasField: a JSON object, copied.
func objectValue(v any) (map[string]any, string) {
	switch x := v.(type) {
	case nil:
		return map[string]any{}, ""
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[k] = val
		}
		return out, ""
	}
	return nil, "Unsupported data type"
}

// dateTimeValue is udata's DateTimeField: null clears, strings parse.
func dateTimeValue(v any) (*timeValue, string) {
	if v == nil {
		return &timeValue{}, ""
	}
	s, ok := v.(string)
	if !ok {
		return nil, "Not a valid datetime value."
	}
	t, ok := parseDateTime(s)
	if !ok {
		// wtforms keeps dateutil's e.args[0], the unformatted message.
		return nil, "Unknown string format: %s"
	}
	return &timeValue{t: &t}, ""
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// setRequired validates body[key] as requiredString and stores it in *dst,
// or records the field's error (leaving *dst as it was).
func (e fieldErrors) setRequired(body map[string]any, key string, maxLen int, dst *string) {
	if s, msg := requiredString(body[key], maxLen); msg != "" {
		e.add(key, msg)
	} else {
		*dst = s
	}
}

// setOptional validates body[key] as optionalString and stores it in *dst,
// or records the field's error (leaving *dst as it was).
func (e fieldErrors) setOptional(body map[string]any, key string, maxLen int, dst **string) {
	if s, msg := optionalString(body[key], maxLen); msg != "" {
		e.add(key, msg)
	} else {
		*dst = s
	}
}
