package emulator

import (
	"encoding/json"
	"html"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Messages udata (Flask/werkzeug/flask-restx) answers with when nothing more
// specific is said. Clients must never parse them; they are reproduced so that
// logs and error displays look like the real site's.
const (
	msgNotFound         = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."
	msgMethodNotAllowed = "The method is not allowed for the requested URL."
	msgUnauthorized     = "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."
	msgBadRequest       = "The browser (or proxy) sent a request that this server could not understand."
	msgForbidden        = "You do not have the permission to modify that object."
	msgInvalidToken     = "Invalid API token"
	msgReadOnly         = "Due to security reasons, the creation of new content is currently disabled."
	msgDatasetDeleted   = "Dataset has been deleted"
	msgNoResource       = "Resource does not exist"
	msgRequired         = "This field is required."
	msgNotValidChoice   = "Not a valid choice."
	msgUnsupportedMedia = "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
	msgServerError      = "Internal Server Error"
)

// writeJSON writes v as the JSON body of a response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"message": "The server encountered an internal error"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if status == http.StatusUnauthorized {
		// flask-restx adds the challenge to every 401, whatever its cause.
		h.Set("WWW-Authenticate", `Bearer realm="uData"`)
	}
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// writeMessage answers the {"message": "…"} shape used for 401, 403, 404,
// 410, 423 and the "other" 400s.
func writeMessage(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg})
}

// fieldErrors collects form validation errors: field → list of messages, or
// field → nested fieldErrors for sub-forms (checksum, schema, spatial).
type fieldErrors map[string]any

func (e fieldErrors) add(field, msg string) {
	if l, ok := e[field].([]string); ok {
		e[field] = append(l, msg)
		return
	}
	e[field] = []string{msg}
}

// writeFormErrors answers a wtforms validation failure: {"errors": {…}} and
// no "message" key (flask-restx abort with errors= only).
func writeFormErrors(w http.ResponseWriter, errs fieldErrors) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"errors": errs})
}

// writeModelError answers a mongoengine ValidationError: both keys.
func writeModelError(w http.ResponseWriter, errs map[string]any, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"errors": errs, "message": msg})
}

// writeUploadError answers the storage API's upload status shape. The
// storage API raises it as an exception, which flask-restx's error handler
// merges into its default {"message": str(exception)}: an empty message.
func writeUploadError(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "error": msg, "message": ""})
}

// writeServerError answers what udata answers when a view crashes on input
// it does not expect (a 500 from flask-restx): clients see it, so the
// emulator reproduces it for the same inputs.
func writeServerError(w http.ResponseWriter) {
	writeMessage(w, http.StatusInternalServerError, msgServerError)
}

// writeNotFoundPage answers a URL no API route serves: werkzeug then matches
// flask-storage's catch-all /<fs>/<path:filename> (GET only), whose 404 goes
// through udata's app-level handler, not flask-restx's.
func writeNotFoundPage(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]any{"error": msgNotFound, "status": 404})
}

// writeHTMLMethodNotAllowed is werkzeug's own 405 page, answered when the
// only rule matching the path is the GET-only catch-all.
func writeHTMLMethodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeHTML(w, http.StatusMethodNotAllowed, "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n"+
		"<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n")
}

// writeRedirect is werkzeug's redirect(): Location (non-ASCII escaped) and
// a small HTML page.
func writeRedirect(w http.ResponseWriter, status int, loc string) {
	loc = escapeNonASCII(loc)
	w.Header().Set("Location", loc)
	esc := html.EscapeString(loc)
	writeHTML(w, status, "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"+
		"<p>You should be redirected automatically to the target URL: <a href=\""+esc+"\">"+esc+"</a>. If not, click the link.\n")
}

func writeHTML(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// escapeNonASCII percent-encodes the UTF-8 bytes of non-ASCII characters
// (werkzeug's iri_to_uri on an already quoted URL).
func escapeNonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b.WriteString("%" + strings.ToUpper(hexByte(s[i])))
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func hexByte(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// writeArgError answers a flask-restx request parser failure (query string
// or form argument of the wrong type).
func writeArgError(w http.ResponseWriter, name, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"errors":  map[string]string{name: msg},
		"message": "Input payload validation failed",
	})
}

// writeProxyError answers like the front proxy (nginx), with an HTML body:
// clients must not expect JSON from the infrastructure in front of udata.
func writeProxyError(w http.ResponseWriter, status int) {
	text := http.StatusText(status)
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = w.Write([]byte("<html>\r\n<head><title>" + itoa(status) + " " + text + "</title></head>\r\n<body>\r\n<center><h1>" + itoa(status) + " " + text + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"))
}
