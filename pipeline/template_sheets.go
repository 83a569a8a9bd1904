package pipeline

// The collection templates (greencity template, package collect) carry two
// sheets of their own beside the data: a help sheet in French with an example
// row, and a hidden sheet holding the values of the drop-down lists (a list
// written in the validation itself may not exceed 255 characters, a list of
// actions does). Neither holds data: an import never reads them, so that
// neither the example row nor the hidden lists are taken for rows, and the
// rule that refuses a hidden sheet of data does not apply to them. They are
// known by their names, whatever their state (LibreOffice may turn a "very
// hidden" sheet into a merely hidden one when it saves the file); the list
// sheet's name is one no evaluator gives her own lists, which a hidden
// sheet "Listes" of hers is noted as any hidden sheet not read.
const (
	HelpSheet = "aide"
	ListSheet = "greencity_listes"
)

// IsTemplateSheet tells a template's own sheet (HelpSheet, ListSheet), by
// its name compared as headers are (Key).
func IsTemplateSheet(name string) bool {
	k := Key(name)
	return k == Key(HelpSheet) || k == Key(ListSheet)
}
