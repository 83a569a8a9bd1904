package charts

import (
	"strings"
	"testing"
)

// TestRender_scopeLogo checks that a logo is shown only as a data: URI of an
// image: anything else could reach the network or run a script.
func TestRender_scopeLogo(t *testing.T) {
	for _, tc := range []struct {
		logo  string
		shown bool
	}{
		{"data:image/png;base64,iVBORw0KGgo=", true},
		{"javascript:alert(1)", false},
		{"https://example.org/logo.png", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
	} {
		page := mustRender(t, Report{Campus: "CMQ Test", Year: 2025,
			Scope: &Scope{Kind: ScopeFunder, Name: "EDF", Actions: []string{"Visite"}, Logo: tc.logo}})
		if got := strings.Contains(page, `<img class="logo"`); got != tc.shown {
			t.Errorf("logo %q shown = %v, want %v", tc.logo, got, tc.shown)
		}
		if !strings.Contains(page, "<h1>Financeur : EDF — 2025</h1>") || !strings.Contains(page, "Ce rapport ne compte que l&#39;action financée par EDF en 2025 : « Visite ».") {
			t.Errorf("scoped page lacks its title or its scope")
		}
	}
}
