package emulator

// The sub-forms of udata's resource form (ChecksumForm, SchemaForm): a
// FormField that wtforms-json flattens, so each sub-field sent replaces the
// current one and each sub-field left out keeps it. A value that is not an
// object (null included) removes the whole sub-object.

// checksumValue: the type defaults to sha1, the value is required.
func checksumValue(cur *checksum, v any) (*checksum, fieldErrors) {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, nil
	}
	cs := &checksum{Type: "sha1"}
	if cur != nil {
		*cs = *cur
	}
	sub := fieldErrors{}
	if t, present := m["type"]; present {
		if ts, ok := t.(string); ok && checksumTypes[ts] {
			cs.Type = ts
		} else {
			sub.add("type", msgNotValidChoice)
		}
	}
	if val, present := m["value"]; present {
		if s, e := requiredString(val, 0); e != "" {
			sub.add("value", e)
		} else {
			cs.Value = s
		}
	} else if cs.Value == "" {
		sub.add("value", msgRequired)
	}
	if len(sub) > 0 {
		return nil, sub
	}
	return cs, nil
}

// resourceSchema is SchemaForm then Schema.clean(): a schema has a name or
// a url (a url may point anywhere and keeps any name and version); a
// version alone is refused. Without a catalogue nothing else is checked.
func resourceSchema(cur map[string]*string, v any) (map[string]*string, fieldErrors) {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, nil
	}
	sc := map[string]*string{}
	for k, val := range cur {
		sc[k] = val
	}
	sub := fieldErrors{}
	for _, k := range []string{"name", "version", "url"} {
		val, present := m[k]
		if !present {
			continue
		}
		s, e := optionalString(val, 0)
		if e != "" {
			sub.add(k, e)
			continue
		}
		if k == "url" && s != nil {
			u, msg := validateURL(*s)
			if msg != "" {
				sub.add(k, msg)
				continue
			}
			s = &u
		}
		sc[k] = s
	}
	if len(sub) > 0 {
		return nil, sub
	}
	if sc["name"] == nil && sc["url"] == nil {
		if sc["version"] != nil {
			sub.add("version", "A schema must contains a name or an URL when a version is provided.")
			return nil, sub
		}
		return nil, nil
	}
	return sc, nil
}
