package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
)

// The digest of the configuration, in the methods annex of every report: the
// SHA-256 of a canonical form of the settings that change figures, so that
// an auditor can tell whether a report was made with the settings they hold.

// digestKeys are the settings that change figures, in the canonical form:
// which campus's rows are read (campus), which dates belong to a year
// (year_boundary), which figures are withheld (min_cell_size), how
// questionnaire exports are read (survey_formats) and what the targets are
// judged against (targets).
var digestKeys = []string{"campus", "year_boundary", "min_cell_size", "survey_formats", "targets"}

// digestLeftOut are the other settings, which change no figure: where files
// are read and written, which years a run takes, what the cover says and
// in which language (lang). The
// respondent key is among them: it is secret, and no figure depends on it as
// long as both waves of a survey are imported with the same key, so it never
// enters the canonical form nor the annex (TestConfigDigest_respondentKey).
// reports says which programmes' and funders' reports are written, not how
// a figure is computed: a scoped report names its programme in its title.
// Every key of Config is in one list or the other
// (TestConfigDigest_everyKeyClassified).
var digestLeftOut = []string{"data_dir", "database", "report_dir", "years", "respondent_key",
	"producer", "contact", "data_status", "targets_status", "reports", "lang"}

// configDigest returns the canonical form of the settings of c that change
// figures, and its SHA-256 in hex. The canonical form is JSON with no blank
// and no final line break, object keys sorted, settings named by their
// config.yaml keys (also inside survey_formats and targets), numbers as Go
// writes them at their shortest, absent values as null: the same settings
// give the same bytes whatever their order or layout in config.yaml.
func configDigest(c Config) (canonical, digest string, err error) {
	all := canonicalValue(reflect.ValueOf(c)).(map[string]any)
	settings := map[string]any{}
	for _, k := range digestKeys {
		settings[k] = all[k]
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(settings); err != nil {
		return "", "", fmt.Errorf("configuration digest: %w", err)
	}
	canonical = string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	sum := sha256.Sum256([]byte(canonical))
	return canonical, hex.EncodeToString(sum[:]), nil
}

// canonicalValue turns v into maps keyed by the mapstructure tags of its
// structs (the config.yaml keys), slices and plain values, which
// encoding/json writes with sorted keys. An empty slice and a nil one are
// the same setting: both become an empty list.
func canonicalValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return canonicalValue(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for i := range v.NumField() {
			if key := v.Type().Field(i).Tag.Get("mapstructure"); key != "" {
				m[key] = canonicalValue(v.Field(i))
			}
		}
		return m
	case reflect.Slice, reflect.Array:
		out := []any{}
		for i := range v.Len() {
			out = append(out, canonicalValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		m := map[string]any{}
		for _, k := range v.MapKeys() {
			m[fmt.Sprint(k.Interface())] = canonicalValue(v.MapIndex(k))
		}
		return m
	}
	return v.Interface()
}
