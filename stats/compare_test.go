package stats

import "testing"

func TestNewcombeDiff(t *testing.T) {
	// Newcombe (1998), Statistics in Medicine 17, 873-890, Table II, method
	// 10 (hybrid score): 56/70 - 48/80 gives +0.0524 to +0.3339 and 9/10 -
	// 3/10 gives +0.1705 to +0.8090. The 17 digits are those of the formula
	// at 40 digits (mpmath, z = sqrt(2)·erfinv(0.95)), which round to the
	// published four.
	tests := []struct {
		name           string
		k1, n1, k2, n2 int
		lo, hi         float64
	}{
		{"Newcombe (a)", 48, 80, 56, 70, 0.052431472402364878, 0.33387265403690598},
		{"Newcombe (b)", 3, 10, 9, 10, 0.17052272393450288, 0.80901797353548798},
		// The shipped surveys: 70 % of 20 in 2024, 83 % of 18 in 2025. The
		// interval holds 0: a change that cannot be told from noise.
		{"orientation 2024-2025", 14, 20, 15, 18, -0.14007434746757873, 0.37762451167794075},
		{"nobody either year", 0, 10, 0, 12, -0.27753279986288925, 0.24249400665524089},
	}
	for _, tt := range tests {
		lo, hi, ok := NewcombeDiff(tt.k1, tt.n1, tt.k2, tt.n2)
		if !ok || !near(lo, tt.lo, 1e-13) || !near(hi, tt.hi, 1e-13) {
			t.Errorf("%s: NewcombeDiff(%d, %d, %d, %d) = %.17g, %.17g, %v; want %.17g, %.17g", tt.name,
				tt.k1, tt.n1, tt.k2, tt.n2, lo, hi, ok, tt.lo, tt.hi)
		}
	}
	if _, _, ok := NewcombeDiff(0, 0, 3, 10); ok {
		t.Error("NewcombeDiff with an empty year: ok, want no interval")
	}
}

func TestWelchDiff(t *testing.T) {
	// R: t.test(y, x)$conf.int (Welch) on the samples below; the standard
	// errors, degrees of freedom and bounds at 40 digits with mpmath (the
	// Student quantile by inverting the regularised incomplete beta).
	tests := []struct {
		name    string
		m1, se1 float64
		n1      int
		m2, se2 float64
		n2      int
		lo, hi  float64
	}{
		// x = 1, 2, 3, 4; y = 2, 4, 6, 8, 10: ν = 5.5207877461706783.
		{"small", 2.5, 0.64549722436790281, 4, 6, 1.414213562373095, 5, -0.38536808051404473, 7.3853680805140447},
		// x = 0 1 1 1 2 0 1 1 1 1 (mean 0.9); y = 1 1 2 1 1 2 0 1 1 1 2 1
		// (mean 14/12): ν = 19.406023124495832.
		{"changes in points", 0.9, 0.17950549357115013, 10, 14.0 / 12, 0.16666666666666667, 12, -0.24529238445704891, 0.77862571779038224},
	}
	for _, tt := range tests {
		lo, hi, ok := WelchDiff(tt.m1, tt.se1, tt.n1, tt.m2, tt.se2, tt.n2)
		if !ok || !near(lo, tt.lo, 1e-10) || !near(hi, tt.hi, 1e-10) {
			t.Errorf("%s: WelchDiff = %.17g, %.17g, %v; want %.17g, %.17g", tt.name, lo, hi, ok, tt.lo, tt.hi)
		}
	}
	if _, _, ok := WelchDiff(1, 0.1, 1, 2, 0.1, 10); ok {
		t.Error("WelchDiff of a single value: ok, want no interval")
	}
	if _, _, ok := WelchDiff(1, 0, 5, 2, 0, 10); ok {
		t.Error("WelchDiff without spread: ok, want no interval")
	}
}

func TestStudentSE(t *testing.T) {
	// The 17 pairs of the shipped survey (TestPairedMeanChange): the
	// interval 0.5935..1.4065 and t(0.975, 16) = 2.1199052992212547 give back
	// sd/√n = 0.7905694150420949/√17 = 0.19174124721184257.
	se, ok := StudentSE(0.59352671395632223, 1.4064732860436778, 17)
	if !ok || !near(se, 0.19174124721184257, 1e-12) {
		t.Errorf("StudentSE = %.17g, %v; want 0.19174124721184257", se, ok)
	}
	if _, ok := StudentSE(1, 1, 1); ok {
		t.Error("StudentSE of one value: ok, want none")
	}
}

func TestHolm(t *testing.T) {
	// R: p.adjust(c(0.01, 0.04, 0.03, 0.5), "holm") = 0.04 0.09 0.09 0.50.
	// By hand: sorted 0.01, 0.03, 0.04, 0.5 times 4, 3, 2, 1 = 0.04, 0.09,
	// 0.08, 0.5; 0.08 is raised to 0.09, the adjusted p of a smaller p.
	got := Holm([]float64{0.01, 0.04, 0.03, 0.5})
	want := []float64{0.04, 0.09, 0.09, 0.5}
	for i := range want {
		if !near(got[i], want[i], 1e-15) {
			t.Errorf("Holm = %v, want %v", got, want)
			break
		}
	}
	// Capped at 1; one p is left as it is.
	if got := Holm([]float64{0.6, 0.7}); got[0] != 1 || got[1] != 1 {
		t.Errorf("Holm(0.6, 0.7) = %v, want 1 1", got)
	}
	if got := Holm([]float64{0.03}); got[0] != 0.03 {
		t.Errorf("Holm(0.03) = %v, want 0.03", got)
	}
}
