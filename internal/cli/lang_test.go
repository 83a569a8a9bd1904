package cli

import "github.com/cmq-greencity/greencity/lang"

// french writes as a French report does, for the tests.
var french = lang.MustNew(lang.French)
