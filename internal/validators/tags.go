package validators

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"golang.org/x/text/unicode/norm"
)

// Tag length bounds of udata (settings TAG_MIN_LENGTH / TAG_MAX_LENGTH),
// checked on the slugified form.
const (
	TagMinLength = 3
	TagMaxLength = 96
)

// SlugifyTag returns the form udata stores a tag in (udata/tags.py: slug,
// i.e. awesome-slugify on the lower-cased text): accents transliterated,
// apostrophes dropped, every run of other characters than ASCII letters and
// digits turned into one "-", no leading or trailing "-".
//
// udata transliterates with unidecode, which knows every script; this
// function knows Latin letters (decomposed accents and the letters below).
// Other characters are dropped, so for non-Latin text the result is only a
// hint: the validator never accepts such a tag, it asks for the ASCII form.
func SlugifyTag(s string) string {
	var b strings.Builder
	pendingDash := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if r == '\'' || r == '’' {
			continue
		}
		var out string
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			out = string(r)
		case unicode.Is(unicode.Mn, r):
			continue // combining accent of the previous letter
		default:
			out = latinLetters[r]
		}
		if out == "" {
			pendingDash = true
			continue
		}
		if pendingDash && b.Len() > 0 {
			b.WriteByte('-')
		}
		pendingDash = false
		b.WriteString(out)
	}
	return b.String()
}

// latinLetters transliterates the lower-case Latin letters that do not
// decompose into an ASCII letter and accents, as unidecode does.
var latinLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ŋ': "ng", 'ĸ': "q", 'ſ': "s", 'ŧ': "t", 'ħ': "h",
}

// IsCanonicalTag tells whether udata stores tag unchanged: lower-case ASCII
// letters and digits in words joined by single dashes, 3 to 96 characters.
func IsCanonicalTag(tag string) bool {
	if len(tag) < TagMinLength || len(tag) > TagMaxLength {
		return false
	}
	return SlugifyTag(tag) == tag
}

// Tag refuses a tag that data.gouv.fr would rewrite (its stored form would
// then differ from the configuration on every plan) or refuse (length), and
// shows the form to write.
func Tag() validator.String { return tag{} }

type tag struct{}

func (tag) Description(context.Context) string {
	return fmt.Sprintf("must be written as data.gouv.fr stores tags: lower-case ASCII letters and digits joined by single dashes, %d to %d characters", TagMinLength, TagMaxLength)
}
func (v tag) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (tag) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if IsCanonicalTag(s) {
		return
	}
	slug := SlugifyTag(s)
	switch {
	case strings.TrimSpace(s) == "":
		resp.Diagnostics.AddAttributeError(req.Path, "Empty tag",
			"A tag cannot be empty: remove it from tags (data.gouv.fr refuses it).")
	case slug == "" || hasNonLatin(s):
		resp.Diagnostics.AddAttributeError(req.Path, "Tag not in data.gouv.fr's form",
			fmt.Sprintf("data.gouv.fr rewrites tags to lower-case ASCII letters and digits joined by single dashes, transliterating other scripts; "+
				"write %q in that form (e.g. \"open-data\") so that plans stay empty.", s))
	case len(slug) < TagMinLength || len(slug) > TagMaxLength:
		summary := "Tag too short"
		if len(slug) > TagMaxLength {
			summary = "Tag too long"
		}
		// Only name the stored form when it differs from what was written.
		what := fmt.Sprintf("%q has %s", s, characters(len(slug)))
		if slug != s {
			what = fmt.Sprintf("data.gouv.fr stores the tag %q as %q, which has %s", s, slug, characters(len(slug)))
		}
		resp.Diagnostics.AddAttributeError(req.Path, summary,
			fmt.Sprintf("%s; a tag needs %d to %d (data.gouv.fr refuses it otherwise).", what, TagMinLength, TagMaxLength))
	default:
		resp.Diagnostics.AddAttributeError(req.Path, "Tag not in data.gouv.fr's form",
			fmt.Sprintf("data.gouv.fr stores the tag %q as %q, and every plan would show the difference. Write %q.", s, slug, slug))
	}
}

func characters(n int) string {
	if n == 1 {
		return "1 character"
	}
	return fmt.Sprintf("%d characters", n)
}

// hasNonLatin tells whether s holds letters SlugifyTag cannot transliterate
// the way udata does, so that its result must not be offered as the answer.
func hasNonLatin(s string) bool {
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) && r >= unicode.MaxASCII && latinLetters[r] == "" {
			return true
		}
	}
	return false
}
