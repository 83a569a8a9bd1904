package stats

import (
	"errors"
	"math"
	"testing"
)

// The expected values below come from a reference implementation, named at
// each case. R could not be run where these tests were written, so every
// value was computed independently of this package and of gonum: by exact
// rational arithmetic (Python fractions) for the binomial and the exact
// signed-rank distributions, and with mpmath at 40 significant digits for the
// normal and Student quantiles, following R's documented formulas. Values
// printed by R in its own documentation are quoted as such.

// near reports whether got is within tol of want (absolute).
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol
}

func TestWilson(t *testing.T) {
	// R: prop.test(k, n, correct = FALSE)$conf.int, the Wilson score
	// interval; values from the closed form with z = qnorm(0.975) at 40
	// digits (mpmath), bounds clamped to [0, 1].
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{15, 18, 0.60777961896084269, 0.94163423194138553}, // the Engagement Tour's 83 %
		{3, 5, 0.23072428127601293, 0.8823792257673521},
		{10, 10, 0.72246720013711075, 1},
		{0, 4, 0, 0.48989083645459736},
		{1, 2, 0.094531205734230713, 0.90546879426576929},
		{1, 30, 0.0059085903816124466, 0.16670390991409174},
		{682, 925, 0.70799598761962053, 0.76463580097148892},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n)
		if !near(lo, tt.lo, 1e-13) || !near(hi, tt.hi, 1e-13) {
			t.Errorf("Wilson(%d, %d) = %.17g, %.17g; want %.17g, %.17g", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
	if lo, hi := Wilson(0, 0); lo != 0 || hi != 0 {
		t.Errorf("Wilson(0, 0) = %v, %v; want 0, 0", lo, hi)
	}
}

func TestMcNemarExact(t *testing.T) {
	// R: binom.test(min(b, c), b + c, 0.5)$p.value, the exact McNemar test.
	// At p = 1/2 it is 2 * sum_{i <= min(b,c)} choose(b+c, i) / 2^(b+c),
	// capped at 1, computed here as exact fractions.
	tests := []struct {
		b, c int
		want float64
	}{
		{2, 9, 67.0 / 1024}, // 2 * (1 + 11 + 55) / 2048
		{1, 12, 7.0 / 2048}, // 2 * (1 + 13) / 8192
		{12, 3, 9.0 / 256},  // symmetric in b and c: 2 * (1 + 15 + 105 + 455) / 32768
		{30, 55, 0.008836205876094518},
		{3, 3, 1},        // as many changes each way: capped at 1
		{0, 0, 1},        // nobody changed
		{0, 5, 1.0 / 16}, // 2 / 32
	}
	for _, tt := range tests {
		if got := McNemarExact(tt.b, tt.c); !near(got, tt.want, 1e-15) {
			t.Errorf("McNemarExact(%d, %d) = %.17g, want %.17g", tt.b, tt.c, got, tt.want)
		}
	}
}

func TestWilcoxonSignedRank(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want SignedRank
	}{
		{
			// R's own example (?wilcox.test, Hollander & Wolfe 1973, p. 29,
			// depression scale), no ties: wilcox.test(x, y, paired = TRUE,
			// alternative = "greater") prints V = 40, p-value = 0.01953; the
			// two-sided p is twice that, 20/512 = 5/128 by enumeration.
			name: "Hollander & Wolfe, no ties",
			x:    []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29},
			y:    []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30},
			want: SignedRank{Pairs: 9, N: 9, V: 40, P: 5.0 / 128, Exact: true},
		},
		{
			// The shipped 2025 survey: interest in the 17 pairs of the
			// Engagement Tour lycée (internal/demodata/survey.go). Two pupils
			// answered the same twice and are left out: N = 15, all but one
			// difference positive. By enumeration of the 2^15 sign patterns
			// of the midranks: p = 3/4096 (exactRankTests::wilcox.exact).
			// R's wilcox.test, unable to be exact with ties, prints
			// p = 0.001422 from the normal approximation.
			name: "Engagement Tour 2025, ties and zeros",
			x:    []float64{3, 2, 4, 3, 3, 2, 4, 3, 2, 4, 3, 3, 4, 2, 3, 3, 3},
			y:    []float64{4, 4, 4, 4, 5, 3, 5, 4, 4, 3, 4, 4, 5, 3, 5, 3, 4},
			want: SignedRank{Pairs: 17, Zeros: 2, N: 15, V: 114, P: 3.0 / 4096, Exact: true},
		},
		{
			// Differences 2, 0, 2, -1, 2, 0, -1, 1: midranks of |d| are 2
			// (three 1s) and 5 (three 2s); V = 5+5+5+2 = 17. By enumeration
			// of the 2^6 sign patterns: P(V >= 17) = 7/64, p = 7/32.
			name: "Likert with ties and zeros, not significant",
			x:    []float64{2, 3, 3, 4, 1, 2, 5, 3},
			y:    []float64{4, 3, 5, 3, 3, 2, 4, 4},
			want: SignedRank{Pairs: 8, Zeros: 2, N: 6, V: 17, P: 7.0 / 32, Exact: true},
		},
		{
			// Every answer falls (|d| = 2, 2, 1, 2, 1): V = 0. Only the
			// all-negative pattern of the 2^5 gives 0, so P(V <= 0) = 1/32
			// and p = 2/32 = 1/16.
			name: "a fall",
			x:    []float64{4, 5, 4, 3, 5},
			y:    []float64{2, 3, 3, 1, 4},
			want: SignedRank{Pairs: 5, N: 5, V: 0, P: 1.0 / 16, Exact: true},
		},
		{
			name: "nothing changed",
			x:    []float64{3, 4, 5},
			y:    []float64{3, 4, 5},
			want: SignedRank{Pairs: 3, Zeros: 3, N: 0, V: 0, P: 1, Exact: true},
		},
		{
			// 64 pairs, N >= ExactLimit: normal approximation with tie and
			// continuity corrections, R's formula at 40 digits (mpmath):
			// x_i = 1 + (2i mod 4), y_i = x_i ± (1 + [i mod 7 = 0]), + when
			// i mod 4 != 0. V = 1544, p = 0.00026530030627710346.
			name: "large sample, normal approximation",
			x:    largeX(),
			y:    largeY(),
			want: SignedRank{Pairs: 64, N: 64, V: 1544, P: 0.00026530030627710346},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := WilcoxonSignedRank(tt.x, tt.y)
			if err != nil {
				t.Fatal(err)
			}
			p := got.P
			got.P = tt.want.P
			if got != tt.want || !near(p, tt.want.P, 1e-14) {
				got.P = p
				t.Errorf("WilcoxonSignedRank() = %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := WilcoxonSignedRank([]float64{1}, nil); !errors.Is(err, ErrLengths) {
		t.Errorf("WilcoxonSignedRank of unequal samples: err = %v, want ErrLengths", err)
	}
}

func largeX() []float64 {
	x := make([]float64, 64)
	for i := range x {
		x[i] = float64(1 + (2*i)%4)
	}
	return x
}

func largeY() []float64 {
	x := largeX()
	y := make([]float64, len(x))
	for i := range y {
		step := 1.0
		if i%7 == 0 {
			step = 2
		}
		if i%4 == 0 {
			step = -step
		}
		y[i] = x[i] + step
	}
	return y
}

func TestNormalSignedRankP(t *testing.T) {
	// R's sleep data (?t.test, Student 1908): wilcox.test(extra ~ group,
	// data = sleep, paired = TRUE) warns about ties and zeros and prints
	// V = 0, p-value = 0.009091. One pair is a zero; the nine others have
	// |d| = 1.2, 2.4, 1.3, 1.3, 1.0, 1.8, 0.8, 4.6, 1.4, ties {1.3, 1.3}.
	if got := normalSignedRankP(9, 0, []int{1, 1, 1, 1, 2, 1, 1, 1}); !near(got, 0.0090906980159250620, 1e-15) {
		t.Errorf("normalSignedRankP(sleep) = %.17g, want 0.0090906980159250620 (R: 0.009091)", got)
	}
	if got := normalSignedRankP(10, 27.5, []int{10}); got != 1 {
		t.Errorf("normalSignedRankP at the mean = %v, want 1", got)
	}
}

func TestPairedMeanChange(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want MeanChange
	}{
		{
			// R's sleep data: t.test(extra ~ group, data = sleep, paired =
			// TRUE) prints mean difference -1.58 and the interval
			// -2.4598858 -0.7001142 (group 1 minus group 2); here after
			// minus before, so the signs flip. 40-digit values: mpmath.
			name: "sleep",
			x:    []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0},
			y:    []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4},
			want: MeanChange{N: 10, Mean: 1.58, Low: 0.70011423672301729, High: 2.4598857632769827},
		},
		{
			// The shipped 2025 survey, interest over the 17 pairs: mean 3 ->
			// 4, sd of the differences 0.7905694, t(0.975, 16) =
			// 2.1199052992212547 (mpmath, inverse of the regularised
			// incomplete beta).
			name: "Engagement Tour 2025",
			x:    []float64{3, 2, 4, 3, 3, 2, 4, 3, 2, 4, 3, 3, 4, 2, 3, 3, 3},
			y:    []float64{4, 4, 4, 4, 5, 3, 5, 4, 4, 3, 4, 4, 5, 3, 5, 3, 4},
			want: MeanChange{N: 17, Mean: 1, Low: 0.59352671395632223, High: 1.4064732860436778},
		},
	}
	for _, tt := range tests {
		got, err := PairedMeanChange(tt.x, tt.y)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got.N != tt.want.N || !near(got.Mean, tt.want.Mean, 1e-14) ||
			!near(got.Low, tt.want.Low, 1e-12) || !near(got.High, tt.want.High, 1e-12) {
			t.Errorf("%s: PairedMeanChange() = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if _, err := PairedMeanChange([]float64{3}, []float64{4}); !errors.Is(err, ErrTooFew) {
		t.Errorf("PairedMeanChange of one pair: err = %v, want ErrTooFew", err)
	}
	if _, err := PairedMeanChange([]float64{3}, nil); !errors.Is(err, ErrLengths) {
		t.Errorf("PairedMeanChange of unequal samples: err = %v, want ErrLengths", err)
	}
}

func TestPairedMeanChange_noSpread(t *testing.T) {
	// Every pair up one point: t.test would print the interval 1 1, a
	// certainty the data do not give. The mean is returned, the interval is
	// not. Differences of 0.1 sum to 0.30000000000000004 over 3 pairs, and
	// their mean differs from 0.1 by a rounding: still no spread.
	tests := []struct {
		x, y []float64
		mean float64
	}{
		{[]float64{3, 2, 4, 1}, []float64{4, 3, 5, 2}, 1},
		{[]float64{0, 0, 0}, []float64{0.1, 0.1, 0.1}, 0.1},
	}
	for _, tt := range tests {
		got, err := PairedMeanChange(tt.x, tt.y)
		if !errors.Is(err, ErrNoSpread) {
			t.Errorf("PairedMeanChange(%v, %v): err = %v, want ErrNoSpread", tt.x, tt.y, err)
		}
		if got.N != len(tt.x) || !near(got.Mean, tt.mean, 1e-15) || got.Low != 0 || got.High != 0 {
			t.Errorf("PairedMeanChange(%v, %v) = %+v, want N %d, mean %v and no interval", tt.x, tt.y, got, len(tt.x), tt.mean)
		}
	}
}
