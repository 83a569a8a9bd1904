package charts

import "github.com/cmq-greencity/greencity/lang"

// fr writes numbers and words as a French report does, for the tests.
var fr = lang.MustNew(lang.French)

// thinSpace is the narrow no-break space of French numbers ("4 604", "83 %").
const thinSpace = "\u202f"
