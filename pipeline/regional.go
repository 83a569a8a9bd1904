package pipeline

// WithholdAcrossCampuses applies the small-cell rule between the figures of
// a region (the union of its campuses: OpenLake with a region) and those of
// its campuses, each already through WithholdSmallCells, and returns region.
//
// Each campus publishes its own figures. Where a campus's figure is
// withheld, the region's figure minus those of the other campuses would give
// it back: so a region figure is withheld too when campus figures are
// withheld under it, unless there are min of them or more. The withheld
// figures' n are cleared, so what the difference would reveal is known only
// to rest on at least one person per withheld campus: min withheld campuses
// rest on min people at least, as the small-cell rule asks. The campuses'
// figures are left as they are: they are published anyway.
//
// A figure of the region matches a campus's when it is the same indicator,
// survey, question, wave and breakdown. min < 1 withholds nothing.
func WithholdAcrossCampuses(region []Row, campuses [][]Row, min int) []Row {
	if min < 1 {
		return region
	}
	type cell struct {
		id, survey, question, wave, dim, cat string
	}
	keyOf := func(r Row) cell { return cell{r.ID, r.Survey, r.Question, r.Wave, r.Dimension, r.Category} }
	withheld := map[cell]int{}
	for _, rows := range campuses {
		for _, r := range rows {
			if r.WithheldBelow > 0 {
				withheld[keyOf(r)]++
			}
		}
	}
	for i, r := range region {
		if k := withheld[keyOf(r)]; k > 0 && k < min && r.WithheldBelow == 0 && protected(r) {
			withhold(&region[i], min)
		}
	}
	return region
}
