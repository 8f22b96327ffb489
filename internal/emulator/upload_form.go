package emulator

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The upload form, read as werkzeug reads it: the fields, and the file part
// streamed to a temporary file, hashed on the way (never held whole in
// memory).

const maxFormField = 64 << 10

// maxURLEncodedForm bounds a urlencoded body (werkzeug's max_form_memory_size
// is 500 kB): only the chunked protocol's final call, a few short fields,
// comes that way.
const maxURLEncodedForm = 500 << 10

// uploadArgs is udata's upload_parser.
type uploadArgs struct {
	file       *storedFile
	filename   string // of the file part
	form       map[string]string
	totalParts int
}

// readUpload reads the form as werkzeug's request.form and request.files
// do: a multipart body is streamed (the "file" part goes to a temporary
// file, hashed on the way, the other fields are kept); a urlencoded body
// has fields only (udata accepts the chunked protocol's final call that
// way); any other body has neither.
func (c *call) readUpload() (*uploadArgs, bool) {
	args := &uploadArgs{form: map[string]string{}}
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	switch {
	case err == nil && mt == "multipart/form-data" && params["boundary"] != "":
		err = c.readParts(multipart.NewReader(c.r.Body, params["boundary"]), args)
	case err == nil && mt == "application/x-www-form-urlencoded":
		err = readURLEncoded(c.r.Body, args.form)
	default:
		err = nil
	}
	if err != nil {
		if args.file != nil {
			_ = os.Remove(args.file.tmp)
			args.file = nil
		}
		if errors.Is(err, errBodyTooLarge) {
			c.w.Header().Set("Connection", "close")
			writeProxyError(c.w, http.StatusRequestEntityTooLarge)
		} else {
			writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		}
		return nil, false
	}
	for _, name := range []string{"partindex", "partbyteoffset", "totalparts", "chunksize"} {
		v, present := args.form[name]
		if !present || v == "" {
			continue
		}
		if _, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil {
			if args.file != nil {
				_ = os.Remove(args.file.tmp)
			}
			writeArgError(c.w, name, "invalid literal for int() with base 10: "+pyRepr(v))
			return nil, false
		}
	}
	args.totalParts = formInt(args.form, "totalparts", 0)
	return args, true
}

// readURLEncoded keeps the first value of each field, like readParts.
func readURLEncoded(body io.Reader, form map[string]string) error {
	raw, err := io.ReadAll(io.LimitReader(body, maxURLEncodedForm+1))
	if err != nil {
		return err
	}
	if len(raw) > maxURLEncodedForm {
		return errors.New("urlencoded form too large")
	}
	vals, err := url.ParseQuery(string(raw))
	if err != nil {
		return err
	}
	for k, v := range vals {
		form[k] = v[0]
	}
	return nil
}

func formInt(form map[string]string, name string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(form[name])); err == nil {
		return n
	}
	return def
}

func (c *call) readParts(mr *multipart.Reader, args *uploadArgs) error {
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		_, dp, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		name := part.FormName()
		filename, isFile := dp["filename"]
		switch {
		case name == "file" && isFile && filename != "" && args.file == nil:
			// werkzeug keeps the file name as sent (directories included).
			// A part of a chunked upload (its fields come first) is not
			// hashed: only the assembled file's sum is answered.
			f, err := c.s.streamToTemp(part, formInt(args.form, "totalparts", 1) <= 1)
			if err != nil {
				return err
			}
			args.file, args.filename = f, filename
		case isFile:
			if _, err := io.Copy(io.Discard, part); err != nil {
				return err
			}
		default:
			v, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
			if err != nil {
				return err
			}
			if len(v) > maxFormField {
				return fmt.Errorf("form field %q too large", name)
			}
			if _, seen := args.form[name]; !seen {
				args.form[name] = string(v)
			}
		}
		_ = part.Close()
	}
}

// streamToTemp copies r to a new temporary file, hashing it on the way
// when hash is set.
func (s *Server) streamToTemp(r io.Reader, hash bool) (*storedFile, error) {
	f, err := os.CreateTemp(filepath.Join(s.dataDir, "tmp"), "upload-*")
	if err != nil {
		return nil, err
	}
	// Whole-megabyte writes: a multipart reader hands out a few KiB at a
	// time, and the kernel zeroes the rest of each new page-cache folio on
	// every write smaller than it (ext4 with large folios), which cost the
	// emulator more CPU than the hashing (issue 12's upload benchmark).
	// (The file is hidden behind a plain io.Writer: bufio hands a reader
	// straight to a file's ReadFrom, unbuffered.)
	bw := bufio.NewWriterSize(struct{ io.Writer }{f}, 1<<20)
	var w io.Writer = bw
	h := sha1.New()
	if hash {
		w = io.MultiWriter(bw, h)
	}
	n, err := io.Copy(w, r)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return nil, err
	}
	out := &storedFile{tmp: f.Name(), size: n}
	if hash {
		out.sha1 = hex.EncodeToString(h.Sum(nil))
	}
	return out, nil
}
