package validators

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NotBlank refuses a string that is empty or only white space: udata
// requires such fields (title, description) and answers 400 otherwise.
func NotBlank() validator.String { return notBlank{} }

type notBlank struct{}

func (notBlank) Description(context.Context) string { return "must contain more than white space" }
func (v notBlank) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (notBlank) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank value",
			fmt.Sprintf("%s must not be empty or only white space: data.gouv.fr requires it. Write some text.", req.Path))
	}
}

// Date accepts a calendar date written YYYY-MM-DD, the form udata stores
// and returns for temporal coverage bounds.
func Date() validator.String { return date{} }

type date struct{}

func (date) Description(context.Context) string { return "must be a date written YYYY-MM-DD" }
func (v date) MarkdownDescription(_ context.Context) string {
	return "must be a date written `YYYY-MM-DD`"
}

func (date) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date",
			fmt.Sprintf("%s must be a calendar date written YYYY-MM-DD, e.g. \"2024-01-31\"; got %q.", req.Path, s))
	}
}

// RFC3339 accepts a date and time with a time zone, e.g.
// "2025-06-01T00:00:00Z" or "2025-06-01T02:00:00+02:00".
func RFC3339() validator.String { return rfc3339{} }

type rfc3339 struct{}

func (rfc3339) Description(context.Context) string {
	return "must be an RFC 3339 date and time, e.g. 2025-06-01T00:00:00Z"
}
func (v rfc3339) MarkdownDescription(_ context.Context) string {
	return "must be an RFC 3339 date and time, e.g. `2025-06-01T00:00:00Z`"
}

func (rfc3339) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date and time",
			fmt.Sprintf("%s must be an RFC 3339 date and time with a time zone, e.g. \"2025-06-01T00:00:00Z\"; got %q.", req.Path, s))
	}
}

// NotEmpty refuses "" (or only white space) for an attribute where an empty
// string means nothing to data.gouv.fr, with a message that says what to
// write instead: what names the value ("licence"), instead is the advice
// ("leave license out for no licence"). Other validators of the attribute
// leave "" to this one, so that one mistake makes one diagnostic.
func NotEmpty(what, instead string) validator.String { return notEmpty{what: what, instead: instead} }

type notEmpty struct{ what, instead string }

func (v notEmpty) Description(context.Context) string { return "must not be an empty string" }
func (v notEmpty) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v notEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || strings.TrimSpace(req.ConfigValue.ValueString()) != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty "+v.what,
		fmt.Sprintf("%s cannot be an empty string: %s.", req.Path, v.instead))
}

// ObjectID accepts the id of a portal object (24 hexadecimal characters,
// udata's MongoDB ids), and refuses a name or slug in its place. what names
// the object ("organization"); instead is the advice for a value that is
// not an id, given the value (e.g. to look it up by slug). "" is left to
// NotEmpty.
func ObjectID(what string, instead func(value string) string) validator.String {
	return objectID{what: what, instead: instead}
}

type objectID struct {
	what    string
	instead func(string) string
}

// ObjectIDPattern is the form of udata's object ids.
var ObjectIDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

func (v objectID) Description(context.Context) string {
	return fmt.Sprintf("must be %s id: 24 hexadecimal characters", article(v.what))
}
func (v objectID) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v objectID) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		return
	}
	if s := req.ConfigValue.ValueString(); !ObjectIDPattern.MatchString(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.what+" id",
			fmt.Sprintf("%s must be %s id: 24 hexadecimal characters, not its name or slug; got %q. %s",
				req.Path, article(v.what), s, v.instead(s)))
	}
}

func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
