package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Writes to the models udata declares with api_fields (dataservices,
// contact points) go through api_fields.patch, not a wtforms form: the
// body's keys are applied in their order, a blank string is null, and three
// kinds of refusal come out, each with its own body:
//
//   - a FieldValidationError raised while patching (a choice, an unknown
//     reference, a field's checks): {"errors": {field: msg}, "message": msg},
//     at the first such field in the body's order;
//   - mongoengine's ValidationError at save, collecting every field's
//     error in the model's field order:
//     {"errors": {...}, "message": "ValidationError (Model:id) (msg: ['field'] ...)"};
//   - a model-wide check at save, or a malformed ObjectId:
//     {"errors": {}, "message": msg}.

// answer writes a refusal; nil means the write goes on.
type answer func(http.ResponseWriter)

func fieldRefusal(field, msg string) answer {
	return func(w http.ResponseWriter) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": map[string]string{field: msg}, "message": msg})
	}
}

func messageRefusal(msg string) answer {
	return func(w http.ResponseWriter) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": map[string]any{}, "message": msg})
	}
}

func serverError() answer { return writeServerError }

// saveErrors are mongoengine's field errors at save.
type saveErrors struct {
	order []string
	msgs  map[string]string
}

func (e *saveErrors) add(field, msg string) {
	if e.msgs == nil {
		e.msgs = map[string]string{}
	}
	if _, ok := e.msgs[field]; ok {
		return
	}
	e.order = append(e.order, field)
	e.msgs[field] = msg
}

// refusal is the save's answer for a document of model (id "" before its
// first save), the fields listed in fieldOrder (the model's declaration
// order, which mongoengine follows).
func (e *saveErrors) refusal(model, id string, fieldOrder []string) answer {
	if len(e.msgs) == 0 {
		return nil
	}
	if id == "" {
		id = "None"
	}
	var parts []string
	for _, f := range fieldOrder {
		if m, ok := e.msgs[f]; ok {
			parts = append(parts, fmt.Sprintf("%s: ['%s']", m, f))
		}
	}
	for _, f := range e.order { // fields outside the declared order, last
		if !slices.Contains(fieldOrder, f) {
			parts = append(parts, fmt.Sprintf("%s: ['%s']", e.msgs[f], f))
		}
	}
	msg := fmt.Sprintf("ValidationError (%s:%s) (%s)", model, id, strings.Join(parts, " "))
	errs := make(map[string]string, len(e.msgs))
	for k, v := range e.msgs {
		errs[k] = v
	}
	return func(w http.ResponseWriter) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": errs, "message": msg})
	}
}

// modelBody is request.json for api_fields.patch: the object, and its keys
// in their order (Python's dict keeps it; Go's map does not).
type modelBody struct {
	fields map[string]any
	keys   []string
}

func (c *call) readModelBody() (modelBody, bool) {
	raw, err := io.ReadAll(io.LimitReader(c.r.Body, maxJSONBody+1))
	if err != nil {
		writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		return modelBody{}, false
	}
	c.r.Body = io.NopCloser(bytes.NewReader(raw))
	obj, ok := c.readJSONObject() // data.items() on a list or a scalar: a 500
	if !ok {
		return modelBody{}, false
	}
	return modelBody{fields: obj, keys: objectKeys(raw)}, true
}

// objectKeys lists the top-level keys of a JSON object in their order.
func objectKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

// blankIsNull is patch's first rule for a StringField: a string of white
// space only is no value.
func blankIsNull(v any) any {
	if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
		return nil
	}
	return v
}

// stringValue is a StringField's value after patch: nil, a string, or
// ok=false for another JSON type (refused at save).
func stringValue(v any) (*string, bool) {
	switch x := blankIsNull(v).(type) {
	case nil:
		return nil, true
	case string:
		return &x, true
	}
	return nil, false
}

const (
	msgStringType    = "StringField only accepts string values"
	msgStringTooLong = "String value is too long"
	msgFieldRequired = "Field is required"
)

// checkString is a StringField's (or URLField's) validation at save.
func checkString(errs *saveErrors, field string, v *string, maxLen int, isURL bool) {
	if v == nil {
		return
	}
	if maxLen > 0 && utf8.RuneCountInString(*v) > maxLen {
		errs.add(field, msgStringTooLong)
		return
	}
	if isURL {
		if _, msg := validateURL(*v); msg != "" {
			errs.add(field, msg)
		}
	}
}

// choiceRefusal is patch's check of a StringField's choices.
func choiceRefusal(field string, v string, choices []string) answer {
	if slices.Contains(choices, v) {
		return nil
	}
	quoted := make([]string, len(choices))
	for i, c := range choices {
		quoted[i] = "'" + c + "'"
	}
	return fieldRefusal(field, fmt.Sprintf("'%s' is not a valid choice. Valid choices: [%s]", v, strings.Join(quoted, ", ")))
}

// referenceID is what wrap_primary_key looks up: a string, or the "id" of
// an object; ok is false for null.
func referenceID(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case map[string]any:
		if id, ok := x["id"]; ok {
			return referenceID(id)
		}
	}
	s, _ := pyStr(v)
	return s, true
}

// objectIDReference looks an ObjectId reference up: a malformed id is
// mongoengine's error, an unknown one patch's.
func objectIDReference(field string, v any, exists func(string) bool) (string, answer) {
	id, _ := referenceID(v)
	if !isObjectID(id) {
		return "", messageRefusal(fmt.Sprintf("'%s' is not a valid ObjectId, it must be a 12-byte input or a 24-character hex string", id))
	}
	if !exists(id) {
		return "", fieldRefusal(field, fmt.Sprintf("Unknown reference '%s'", id))
	}
	return id, nil
}

// referenceList is a ListField of references: each id looked up, null a
// crash (a 500) as on udata.
func referenceList(field string, v any, exists func(string) bool) ([]string, answer) {
	var items []any
	switch x := v.(type) {
	case []any:
		items = x
	case string: // Python iterates the characters
		for _, r := range x {
			items = append(items, string(r))
		}
	case map[string]any:
		for k := range x {
			items = append(items, k)
		}
	default:
		return nil, serverError()
	}
	ids := []string{}
	for _, item := range items {
		if item == nil {
			return nil, serverError()
		}
		id, fail := objectIDReference(field, item, exists)
		if fail != nil {
			return nil, fail
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// dateTimeField is a DateTimeField: null clears, a string is parsed at
// save; ok is false when it cannot be.
func dateTimeField(v any) (t *time.Time, ok bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case string:
		if p, good := parseDateTime(x); good {
			return &p, true
		}
	}
	return nil, false
}

func cannotParseDate(v any) string {
	s, _ := pyStr(v)
	return fmt.Sprintf("cannot parse date \"%s\"", s)
}

// ownerFields are the owner and organization fields of udata's Owned mixin,
// patched on a document whose current owner and organization are given.
type ownerFields struct {
	OwnerID, OrgID string
}

// patchOwner applies "owner" or "organization" of a body the way udata's
// Owned checks do: only oneself as owner, only an organization one is a
// member of, and neither changed after creation but by a site admin
// (udata lets a PATCH clear
// the organization, leaving the object without owner: reproduced).
func (c *call) patchOwner(o *ownerFields, key string, v any, create bool) answer {
	st := c.s.st
	if v == nil {
		if key == "owner" {
			o.OwnerID = ""
		} else {
			o.OrgID = ""
		}
		return nil
	}
	switch key {
	case "owner":
		id, fail := objectIDReference(key, v, func(id string) bool { return st.userByID(id) != nil })
		if fail != nil {
			return fail
		}
		if id == o.OwnerID {
			return nil
		}
		if !c.user.Sysadmin && id != c.user.ID {
			return fieldRefusal(key, "You can only set yourself as owner")
		}
		if !create && !c.user.Sysadmin {
			return fieldRefusal(key, "Cannot modify owner after creation")
		}
		o.OwnerID = id
	case "organization":
		id, fail := objectIDReference(key, v, func(id string) bool { return st.orgs[id] != nil })
		if fail != nil {
			return fail
		}
		if id == o.OrgID {
			return nil
		}
		if !c.user.Sysadmin && st.orgRole(c.user, id) == "" {
			return fieldRefusal(key, "Permission denied for this organization")
		}
		// only_creation lets site admins through.
		if !create && o.OrgID != "" && !c.user.Sysadmin {
			return fieldRefusal(key, "Cannot modify organization after creation")
		}
		o.OrgID = id
	}
	return nil
}
