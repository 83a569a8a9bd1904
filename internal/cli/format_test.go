package cli

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/trend"
	"github.com/google/go-cmp/cmp"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		unit string
		want string
	}{
		{4604, "personnes", "4\u202f604"},
		{80, "animations", "80"},
		{1234567, "personnes", "1\u202f234\u202f567"},
		{0.8333333, "part", "83,3\u202f%"},
		{1.63, "candidats par place", "1,63"},
		{-0.25, "part", "-25,0\u202f%"},
		{0, "personnes", "0"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v, tt.unit); got != tt.want {
			t.Errorf("formatValue(%v, %q) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

// A rise is signed once, whatever the unit: formatValue already signs
// "évolution" and "écart de part" (the targets table once printed "++3,3 %").
func TestSignedOnce(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{formatRate(0.033, "évolution"), "+3,3\u202f% par an"},
		{formatRate(-0.033, "évolution"), "-3,3\u202f% par an"},
		{formatRate(0.013, "part"), "+1,3 point par an"},
		{formatRate(0.23, "points sur 5"), "+0,23 par an"},
		{formatRate(12, "personnes"), "+12 par an"},
		{formatRate(0.02, "écart de part"), "+2,0 points par an"},
		{formatChange(trend.Cell{Change: fp(0.1)}, "évolution"), "+10,0\u202f%"},
		{formatChange(trend.Cell{Change: fp(0.05)}, "écart de part"), "+5,0 points"},
		{formatChange(trend.Cell{Change: fp(-0.05)}, "écart de part"), "-5,0 points"},
		{formatChange(trend.Cell{Change: fp(0.034)}, "part"), "+3,4 pts"},
		{formatChange(trend.Cell{Change: fp(1392), ChangePct: fp(0.828)}, "personnes"), "+1\u202f392 (+82,8\u202f%)"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func fp(f float64) *float64 { return &f }

func TestWriteJSON(t *testing.T) {
	rows := []pipeline.Row{
		{ID: "participants", Value: 4604, N: 4604, Unit: "personnes"},
		{ID: "participants", Dimension: "public", Category: "collégiens", Value: 2087, N: 2087, Unit: "personnes"},
		{ID: "orientation_confirmed_rate", Survey: "ET 2025", Value: 0.8, N: 10, CILow: fp(0.5), CIHigh: fp(0.9), Unit: "part"},
		{ID: "interest_uplift", Survey: "ET 2025", Dimension: "vague", Category: "avant", Value: 3, N: 9, Unit: "points sur 5"},
	}
	var b bytes.Buffer
	if err := writeJSON(&b, 2025, rows); err != nil {
		t.Fatal(err)
	}
	want := `{
  "year": 2025,
  "indicators": [
    {
      "id": "participants",
      "breakdown": {},
      "value": 4604,
      "n": 4604,
      "unit": "personnes"
    },
    {
      "id": "participants",
      "breakdown": {
        "public": "collégiens"
      },
      "value": 2087,
      "n": 2087,
      "unit": "personnes"
    },
    {
      "id": "orientation_confirmed_rate",
      "breakdown": {
        "survey": "ET 2025"
      },
      "value": 0.8,
      "n": 10,
      "ci_low": 0.5,
      "ci_high": 0.9,
      "unit": "part"
    },
    {
      "id": "interest_uplift",
      "breakdown": {
        "survey": "ET 2025",
        "vague": "avant"
      },
      "value": 3,
      "n": 9,
      "unit": "points sur 5"
    }
  ]
}
`
	if d := cmp.Diff(want, b.String()); d != "" {
		t.Errorf("writeJSON (-want +got):\n%s", d)
	}
}

func TestWriteCSV_FormulaInjection(t *testing.T) {
	rows := []pipeline.Row{
		{Year: 2025, ID: "participants", Dimension: "action", Category: "=HYPERLINK(\"http://x\")", Value: 3, N: 3, Unit: "personnes"},
		{Year: 2025, ID: "participants", Dimension: "action", Category: "@SUM(A1)", Value: 2, N: 2, Unit: "personnes"},
	}
	var b bytes.Buffer
	if err := writeCSV(&b, rows, false); err != nil {
		t.Fatal(err)
	}
	want := "year,id,survey,dimension,category,value,n,ci_low,ci_high,unit,question,vague,pairs,pre_only,post_only,test,p_value,p_adjusted,note,coverage,withheld,withheld_rule,withheld_below\n" +
		"2025,participants,,action,\"'=HYPERLINK(\"\"http://x\"\")\",3,3,,,personnes,,,,,,,,,,,,,\n" +
		"2025,participants,,action,'@SUM(A1),2,2,,,personnes,,,,,,,,,,,,,\n"
	if d := cmp.Diff(want, b.String()); d != "" {
		t.Errorf("writeCSV (-want +got):\n%s", d)
	}
}

func TestPValueText(t *testing.T) {
	for p, want := range map[float64]string{0.000732421875: "p = 0,0007", 3.0517578125e-05: "p < 0,0001", 0.5: "p = 0,5000"} {
		if got := pValueText(p); got != want {
			t.Errorf("pValueText(%v) = %q, want %q", p, got, want)
		}
	}
}

// TestWriteCSV_Excel checks the csv for a French Excel: byte order mark,
// semicolons, decimal commas, French headers, the same rows as the csv.
func TestWriteCSV_Excel(t *testing.T) {
	rows := []pipeline.Row{
		{Year: 2025, ID: "participants", Label: "Participations", Dimension: "action", Category: "Fresque; climat", Value: 4604, N: 4604, Unit: "personnes"},
		{Year: 2025, ID: "orientation_confirmed_rate", Label: "Part des répondants dont l'orientation est confortée", Survey: "Engagement tour lycée 2025", Value: 0.8333, N: 18,
			CILow: fp(0.608), CIHigh: fp(0.942), Unit: "part", Note: "petit échantillon"},
		{Year: 2025, ID: "survey_likert", Label: "=cmd", Survey: "=cmd", Question: "satisfaction", Wave: "après", Unit: "part", WithheldBelow: 10},
	}
	var b bytes.Buffer
	if err := writeCSV(&b, rows, true); err != nil {
		t.Fatal(err)
	}
	// A withheld figure: no value, and what stands for it, in words. A
	// label from the queries is neutralised like any other text.
	want := "\ufeffAnnée;Indicateur;Libellé;Enquête;Ventilation;Catégorie;Valeur;n;IC 95 % bas;IC 95 % haut;Unité;Question;Vague;Paires;Avant seulement;Après seulement;Test apparié;p;p ajusté (Holm);Remarque;Couverture;Non publié;Règle;Seuil de publication\r\n" +
		"2025;participants;Participations;;Action;\"Fresque; climat\";4604;4604;;;personnes;;;;;;;;;;;;;\r\n" +
		"2025;orientation_confirmed_rate;Part des répondants dont l'orientation est confortée;Engagement tour lycée 2025;;;0,8333;18;0,608;0,942;part;;;;;;;;;petit échantillon;;;;\r\n" +
		"2025;survey_likert;'=cmd;'=cmd;;;;;;;part;satisfaction;Après;;;;;;;;;< 10;petit effectif;10\r\n"
	if d := cmp.Diff(want, b.String()); d != "" {
		t.Errorf("writeCSV excel (-want +got):\n%s", d)
	}
}

// TestWriteCSV_ExcelFrenchLabels: the csv a person opens names every code
// of the queries in French, as the workbook does (export
// TestWrite_frenchLabels): breakdowns and their values, questions by their
// text, waves, paired tests, indicators by their label beside the id; the
// csv for programs keeps the codes.
func TestWriteCSV_ExcelFrenchLabels(t *testing.T) {
	const survey = "Engagement tour lycée 2025"
	rows := []pipeline.Row{
		{Year: 2025, ID: "participants", Dimension: "type_etablissement", Category: "lycée", Value: 1853, N: 1853, Unit: "personnes"},
		{Year: 2025, ID: "animations", Dimension: "mois", Category: "2025-11", Value: 23, N: 23, Unit: "animations"},
		{Year: 2025, ID: "response_rate", Survey: survey, Dimension: "vague", Category: "pre", Value: 0.95, N: 19, Unit: "part"},
		{Year: 2025, ID: "survey_change", Label: "Évolution entre avant et après, par question", Survey: survey, Question: "connait_metiers", QuestionLabel: "Connais-tu les métiers ?",
			Dimension: "mesure", Category: "part d'accord", Value: 0.5, N: 17, Unit: "écart de part", Test: "mcnemar", PValue: fp(0.002)},
		{Year: 2025, ID: "survey_likert", Label: "Réponses aux questions, avant et après", Survey: survey, Question: "satisfaction", QuestionLabel: "Es-tu satisfait ?", Wave: "post",
			Dimension: "réponse", Category: "4", Value: 0.4, N: 18, Unit: "part"},
	}
	// The columns read: Libellé (the query's, else the report's),
	// Ventilation, Catégorie, Question, Vague, Test apparié.
	want := [][]string{
		{"Participations", "Type d'établissement", "Lycée", "", "", ""},
		{"Animations", "Mois", "nov. 2025", "", "", ""},
		{"Taux de réponse", "Avant / après l'action", "Avant", "", "", ""},
		{"Évolution entre avant et après, par question", "Mesure de l'écart", "part d'accord", "Connais-tu les métiers ?", "", "test exact de McNemar"},
		{"Réponses aux questions, avant et après", "Réponse", "4", "Es-tu satisfait ?", "Après", ""},
	}
	var b bytes.Buffer
	if err := writeCSV(&b, rows, true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
	header := strings.Split(lines[0], ";")
	columns := []string{"Libellé", "Ventilation", "Catégorie", "Question", "Vague", "Test apparié"}
	for i, line := range lines[1:] {
		cells := strings.Split(line, ";")
		var got []string
		for _, c := range columns {
			got = append(got, cells[slices.Index(header, c)])
		}
		if d := cmp.Diff(want[i], got); d != "" {
			t.Errorf("csv-excel row %d (%s) (-want +got):\n%s", i+1, rows[i].ID, d)
		}
	}

	b.Reset()
	if err := writeCSV(&b, rows, false); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{",type_etablissement,lycée,", ",mois,2025-11,", ",vague,pre,", ",connait_metiers,,", ",mcnemar,", ",satisfaction,post,"} {
		if !strings.Contains(b.String(), code) {
			t.Errorf("csv for programs lacks the codes %q:\n%s", code, b.String())
		}
	}
}
