package stats

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Comparing two independent figures (the same survey two years running) and
// several tests on one survey.

// NewcombeDiff returns the 95 % interval of the difference p2 - p1 of two
// independent shares, k1 of n1 (before: the previous year) and k2 of n2
// (after: this year), by Newcombe's hybrid score method, "method 10" of
// Newcombe (1998), "Interval estimation for the difference between
// independent proportions: comparison of eleven methods", Statistics in
// Medicine 17, 873-890. It combines the Wilson interval (l, u) of each share:
//
//	low  = (p2 - p1) - sqrt((p2 - l2)² + (u1 - p1)²)
//	high = (p2 - p1) + sqrt((u2 - p2)² + (p1 - l1)²)
//
// Unlike the Wald interval it keeps its coverage for the small samples and
// extreme shares of a class survey, and it stays within [-1, 1]. ok is false
// when either share has no respondent.
func NewcombeDiff(k1, n1, k2, n2 int) (lo, hi float64, ok bool) {
	if n1 <= 0 || n2 <= 0 {
		return 0, 0, false
	}
	p1, p2 := float64(k1)/float64(n1), float64(k2)/float64(n2)
	l1, u1 := Wilson(k1, n1)
	l2, u2 := Wilson(k2, n2)
	d := p2 - p1
	return d - math.Hypot(p2-l2, u1-p1), d + math.Hypot(u2-p2, p1-l1), true
}

// StudentSE returns the standard error behind a 95 % Student interval
// [lo, hi] of a mean of n values: its half-width over t(0.975, n-1). It is
// how a mean recorded with its interval (a mean change in points) gives back
// what WelchDiff needs. ok is false below two values.
func StudentSE(lo, hi float64, n int) (se float64, ok bool) {
	if n < 2 {
		return 0, false
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	return (hi - lo) / 2 / t, true
}

// WelchDiff returns the 95 % interval of the difference m2 - m1 of two
// independent means, each given by its standard error and its number of
// values, by Welch's method (R: t.test(y, x)$conf.int, var.equal = FALSE):
// m2 - m1 ± t(0.975, ν)·sqrt(se1² + se2²), with the Welch-Satterthwaite
// degrees of freedom ν = (se1² + se2²)² / (se1⁴/(n1-1) + se2⁴/(n2-1)). It
// does not assume the two years equally spread. ok is false when a mean
// rests on fewer than two values or both have no spread at all.
func WelchDiff(m1, se1 float64, n1 int, m2, se2 float64, n2 int) (lo, hi float64, ok bool) {
	if n1 < 2 || n2 < 2 {
		return 0, 0, false
	}
	v1, v2 := se1*se1, se2*se2
	if v1+v2 == 0 {
		return 0, 0, false
	}
	nu := (v1 + v2) * (v1 + v2) / (v1*v1/float64(n1-1) + v2*v2/float64(n2-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(0.975)
	half := t * math.Sqrt(v1+v2)
	d := m2 - m1
	return d - half, d + half, true
}

// Holm returns the p-values p adjusted for testing them together by Holm's
// step-down method (Holm 1979, "A simple sequentially rejective multiple
// test procedure", Scandinavian Journal of Statistics 6, 65-70; R:
// p.adjust(p, "holm")), in the order given. The i-th smallest of m p-values
// is multiplied by m - i + 1, capped at 1, and no adjusted p-value is
// smaller than that of a smaller p. It keeps the chance of any false
// "significant" among the m at 5 % without assuming the tests independent,
// which the questions of one questionnaire, answered by the same people, are
// not.
func Holm(p []float64) []float64 {
	m := len(p)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	out := make([]float64, m)
	running := 0.0
	for i, j := range order {
		running = math.Max(running, math.Min(1, float64(m-i)*p[j]))
		out[j] = running
	}
	return out
}
