// Package stats holds the few statistics greencity reports about its
// questionnaires: the Wilson interval of a share, the exact McNemar test for a
// yes/no question asked twice, the Wilcoxon signed-rank test for a Likert
// question asked twice, and the mean change of paired answers with its
// interval. Every function works at the 95 % level, the only one the report
// uses, and is tested against values computed by a reference implementation.
//
// The distributions come from gonum's stat/distuv where it has them (normal,
// binomial, Student's t). The exact null distribution of the Wilcoxon
// statistic in the presence of ties is in no Go library: it is built here by
// counting (see WilcoxonSignedRank).
package stats

import (
	"cmp"
	"errors"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Errors for inputs a test cannot be computed on.
var (
	// ErrLengths means the two samples of a paired test differ in length.
	ErrLengths = errors.New("stats: paired samples of different lengths")
	// ErrTooFew means there are too few pairs for the statistic.
	ErrTooFew = errors.New("stats: too few pairs")
	// ErrNoSpread means every paired difference is the same: the mean is
	// known, but no interval can honestly be given (see PairedMeanChange).
	ErrNoSpread = errors.New("stats: every paired difference is the same")
)

// z95 is the two-sided 95 % quantile of the standard normal distribution,
// 1.959963984540054.
var z95 = distuv.UnitNormal.Quantile(0.975)

// Wilson returns the 95 % Wilson score interval of a share of k successes in
// n trials (R: prop.test(k, n, correct = FALSE)$conf.int). Unlike the normal
// approximation p ± 1.96·sqrt(p(1-p)/n), it stays within [0, 1] and keeps a
// sensible width at p = 0 or 1 and for the small n of a class survey. It
// returns 0, 0 when n is 0 (no share at all) and panics when k is outside
// [0, n], a programming error.
func Wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 0
	}
	if k < 0 || k > n {
		panic("stats.Wilson: k outside [0, n]")
	}
	p := float64(k) / float64(n)
	nf := float64(n)
	z2 := z95 * z95
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z95 / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	// At k = 0 or k = n one bound is exactly 0 or 1 in exact arithmetic;
	// clamping only absorbs the rounding.
	lo, hi = math.Max(0, centre-half), math.Min(1, centre+half)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// McNemarExact returns the two-sided p-value of the exact McNemar test on a
// yes/no question asked twice to the same people: b is the number of pairs
// that went from yes to no, c from no to yes. Pairs that did not change carry
// no information on the direction of change and do not enter the test. Under
// the null hypothesis each of the b + c changes goes either way with
// probability 1/2, so the test is the exact binomial test of min(b, c) in
// b + c trials at p = 1/2 (R: binom.test(b, b + c, 0.5), which is what
// exact2x2::mcnemar.exact computes). The binomial distribution is
// symmetric at p = 1/2, so the two-sided p-value is twice the smaller tail,
// capped at 1; with no change at all it is 1.
func McNemarExact(b, c int) float64 {
	n := b + c
	if n == 0 {
		return 1
	}
	tail := distuv.Binomial{N: float64(n), P: 0.5}.CDF(float64(min(b, c)))
	return math.Min(1, 2*tail)
}

// ExactLimit is the number of non-zero differences below which
// WilcoxonSignedRank computes the exact p-value, as R's wilcox.test does;
// from there on the normal approximation is within a few thousandths of it.
const ExactLimit = 50

// SignedRank is the result of a Wilcoxon signed-rank test on paired answers.
type SignedRank struct {
	Pairs int     // pairs given
	Zeros int     // pairs whose two answers are equal, left out of the test
	N     int     // pairs the test rests on: Pairs - Zeros
	V     float64 // sum of the ranks of the positive differences y - x (R's V)
	P     float64 // two-sided p-value
	Exact bool    // P comes from the exact distribution, not the normal approximation
}

// WilcoxonSignedRank tests whether the paired answers y (after) tend to
// differ from x (before), without assuming that the gaps between the points
// of a Likert scale are equal. It ranks the absolute differences y - x and
// sums the ranks of the positive ones.
//
// Zero differences (the same answer twice) say nothing about the direction of
// change: they are left out before ranking, as in Wilcoxon's original test
// and R's wilcox.test. With every difference zero, nothing changed and P is 1.
//
// Ties (equal absolute differences, the rule on a 1-5 scale) get the mean of
// the ranks they span. For N < ExactLimit the p-value is exact: the
// distribution of V given these ranks, over the 2^N equally likely sign
// patterns under the null hypothesis, is counted below. R's wilcox.test
// cannot do that with ties and falls back on the normal approximation with a
// warning; the value here is that of exactRankTests::wilcox.exact and
// coin::wilcoxsign_test(distribution = "exact", zero.method = "Wilcoxon").
// For N >= ExactLimit it is the normal approximation with the tie and
// continuity corrections of R's wilcox.test(exact = FALSE, correct = TRUE).
func WilcoxonSignedRank(x, y []float64) (SignedRank, error) {
	if len(x) != len(y) {
		return SignedRank{}, ErrLengths
	}
	res := SignedRank{Pairs: len(x)}
	var d []float64
	for i := range x {
		if diff := y[i] - x[i]; diff != 0 {
			d = append(d, diff)
		}
	}
	res.N, res.Zeros = len(d), len(x)-len(d)
	if res.N == 0 {
		res.P, res.Exact = 1, true
		return res, nil
	}
	abs := make([]float64, len(d))
	for i, v := range d {
		abs[i] = math.Abs(v)
	}
	ranks2, ties := doubledMidranks(abs)
	v2 := 0 // 2V: the doubled ranks are whole numbers, so the counting below is exact
	for i, v := range d {
		if v > 0 {
			v2 += ranks2[i]
		}
	}
	res.V = float64(v2) / 2
	if res.N < ExactLimit {
		res.P, res.Exact = exactSignedRankP(ranks2, v2), true
		return res, nil
	}
	res.P = normalSignedRankP(res.N, res.V, ties)
	return res, nil
}

// normalSignedRankP is the two-sided p-value of V by the normal
// approximation, as R's wilcox.test(exact = FALSE, correct = TRUE) computes
// it: the variance lessened by the ties, and V moved half a unit toward its
// mean (continuity correction).
func normalSignedRankP(n int, v float64, ties []int) float64 {
	nf := float64(n)
	tieSum := 0.0
	for _, t := range ties {
		tieSum += float64(t*t*t - t)
	}
	sigma := math.Sqrt(nf*(nf+1)*(2*nf+1)/24 - tieSum/48)
	z := v - nf*(nf+1)/4
	if z == 0 || sigma == 0 {
		return 1
	}
	z = (z - math.Copysign(0.5, z)) / sigma
	return math.Min(1, 2*distuv.UnitNormal.CDF(-math.Abs(z)))
}

// doubledMidranks returns twice the rank of each value (ties get the mean of
// the ranks they span, so twice it is a whole number) and the size of each
// group of ties.
func doubledMidranks(v []float64) ([]int, []int) {
	order := make([]int, len(v))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
	ranks2 := make([]int, len(v))
	var ties []int
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && v[order[j+1]] == v[order[i]] {
			j++
		}
		// Positions i..j (0-based) hold ranks i+1..j+1, whose mean doubled is i+j+2.
		for k := i; k <= j; k++ {
			ranks2[order[k]] = i + j + 2
		}
		ties = append(ties, j-i+1)
		i = j + 1
	}
	return ranks2, ties
}

// exactSignedRankP returns the exact two-sided p-value of a doubled
// statistic v2 given the doubled ranks. Under the null hypothesis each
// difference is positive or negative with probability 1/2, independently, so
// the statistic is a sum of a random subset of the ranks. count[s] is the
// number of subsets whose doubled ranks add up to s, built one rank at a
// time (the subset-sum recurrence); it stays below 2^ExactLimit, exact in a
// float64. The distribution is symmetric about half the total, so the
// two-sided p-value is twice the smaller tail, capped at 1.
func exactSignedRankP(ranks2 []int, v2 int) float64 {
	total := 0
	for _, r := range ranks2 {
		total += r
	}
	count := make([]float64, total+1)
	count[0] = 1
	reach := 0
	for _, r := range ranks2 {
		for s := reach; s >= 0; s-- {
			count[s+r] += count[s]
		}
		reach += r
	}
	var le, ge float64
	for s, c := range count {
		if s <= v2 {
			le += c
		}
		if s >= v2 {
			ge += c
		}
	}
	all := math.Ldexp(1, len(ranks2))
	return math.Min(1, 2*math.Min(le, ge)/all)
}

// MeanChange is the mean of the paired differences y - x with its 95 %
// interval.
type MeanChange struct {
	N         int     // pairs
	Mean      float64 // mean of y - x
	Low, High float64 // bounds of its 95 % Student interval
}

// PairedMeanChange returns the mean change from x (before) to y (after) over
// pairs and its 95 % Student t interval, mean ± t(0.975, N-1)·sd/√N (R:
// t.test(y, x, paired = TRUE)$conf.int). The interval treats the 1-5 scale as
// numbers; the Wilcoxon test beside it does not need to. It needs two pairs
// at least (ErrTooFew).
//
// When every difference is the same (17 pairs each up one point), the
// standard deviation is 0 and the Student interval is [+1,0 ; +1,0]: it
// would claim that the change is known exactly, when a few more people could
// have moved it. No other interval fixes that on a 1-5 scale: the exact
// Hodges-Lehmann interval that goes with the signed-rank test (R:
// wilcox.test(conf.int = TRUE)) is bounded by Walsh averages, which are all
// +1 too, and a bootstrap only resamples the same +1. So no interval is
// given then: PairedMeanChange returns the mean with ErrNoSpread, and the
// figure says why it has none.
func PairedMeanChange(x, y []float64) (MeanChange, error) {
	if len(x) != len(y) {
		return MeanChange{}, ErrLengths
	}
	n := len(x)
	if n < 2 {
		return MeanChange{N: n}, ErrTooFew
	}
	var sum float64
	for i := range x {
		sum += y[i] - x[i]
	}
	mean := sum / float64(n)
	var ss float64
	for i := range x {
		e := y[i] - x[i] - mean
		ss += e * e
	}
	// Compared difference by difference: the mean of equal differences may
	// differ from them by a rounding, leaving a spread of 1e-17.
	same := true
	for i := range x {
		same = same && y[i]-x[i] == y[0]-x[0]
	}
	if same {
		return MeanChange{N: n, Mean: mean}, ErrNoSpread
	}
	se := math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	return MeanChange{N: n, Mean: mean, Low: mean - t*se, High: mean + t*se}, nil
}
