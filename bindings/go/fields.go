package chatwootidentity

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Fields are the contact fields Chatwoot's setUser accepts; an empty string is not set.
// One of Name, Email or AvatarURL is required (ErrMissingContactField otherwise).
type Fields struct {
	Name        string `json:"name,omitempty"`
	Email       string `json:"email,omitempty"`
	AvatarURL   string `json:"avatar_url,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
	Description string `json:"description,omitempty"`
	CompanyName string `json:"company_name,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
	City        string `json:"city,omitempty"`
	// SocialProfiles maps a network to the contact's handle on it ("twitter", "github",
	// "linkedin", ...); the widget forwards them with the contact's additional attributes.
	SocialProfiles map[string]string `json:"social_profiles,omitempty"`
	// CustomAttributes values are strings, booleans, integers or finite floats, of any Go type
	// of those kinds without its own MarshalJSON or MarshalText; a number the browser would not
	// read back exactly (magnitude 2^53 or more) is refused by the library. Anything else is
	// ErrInvalidFieldValue.
	CustomAttributes map[string]any `json:"custom_attributes,omitempty"`
}

// FieldError names the field that was refused before the library was called.
type FieldError struct {
	Field string // the JSON name, e.g. "name" or `custom_attributes["plan"]`
	Err   error  // ErrInvalidUTF8 or ErrInvalidFieldValue
}

func (e *FieldError) Error() string {
	return "chatwootidentity: field " + e.Field + ": " + e.Err.Error()
}

func (e *FieldError) Unwrap() error { return e.Err }

// json returns the fields as one JSON object for the library, after checking what
// encoding/json would change silently (invalid UTF-8 becomes U+FFFD) or what the
// library must never see (a type of custom attribute Chatwoot does not store).
func (f *Fields) json() ([]byte, error) {
	for _, s := range []struct{ name, value string }{
		{"name", f.Name}, {"email", f.Email}, {"avatar_url", f.AvatarURL}, {"phone_number", f.PhoneNumber},
		{"description", f.Description}, {"company_name", f.CompanyName}, {"country_code", f.CountryCode}, {"city", f.City},
	} {
		if !utf8.ValidString(s.value) {
			return nil, &FieldError{Field: s.name, Err: ErrInvalidUTF8}
		}
	}
	// One read of each of the caller's maps into a copy; the copies are checked and encoded.
	profiles := make(map[string]string, len(f.SocialProfiles))
	for k, v := range f.SocialProfiles {
		profiles[k] = v
	}
	for k, v := range profiles {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return nil, &FieldError{Field: "social_profiles", Err: ErrInvalidUTF8}
		}
	}
	attrs := make(map[string]any, len(f.CustomAttributes))
	for k, v := range f.CustomAttributes {
		attrs[k] = v
	}
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same error for the same map, whatever the iteration order
	for _, k := range keys {
		if !utf8.ValidString(k) {
			return nil, &FieldError{Field: "custom_attributes", Err: ErrInvalidUTF8}
		}
		if err := checkAttribute(attrs[k]); err != nil {
			return nil, &FieldError{Field: "custom_attributes[" + strconv.Quote(k) + "]", Err: err}
		}
	}
	own := *f
	own.CustomAttributes = attrs
	own.SocialProfiles = profiles
	b, err := json.Marshal(&own)
	if err != nil { // a NaN or infinite float
		return nil, fmt.Errorf("%w: %v", ErrInvalidFieldValue, err)
	}
	return b, nil
}

func checkAttribute(v any) error {
	switch v.(type) {
	case json.Marshaler, encoding.TextMarshaler:
		return ErrInvalidFieldValue // its own encoding, not the value's kind, would be sent
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		if !utf8.ValidString(rv.String()) {
			return ErrInvalidUTF8
		}
		return nil
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return nil
	}
	return ErrInvalidFieldValue // nil, maps, slices, structs, pointers, ...
}

// Integer is any Go integer type.
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// IntIdentifier is the identifier of a numeric user id: its decimal digits, which is what
// Chatwoot hashes (identifier.to_s). Pass it to SetUserScript or SetUserPayload, which send
// it as a JSON string, so a browser never rounds an id above 2^53.
func IntIdentifier[T Integer](id T) string {
	if id < 0 {
		return strconv.FormatInt(int64(id), 10)
	}
	return strconv.FormatUint(uint64(id), 10)
}
