package xlsxstream

import "strings"

// builtInDate tells whether a built-in number format (ECMA-376 part 1,
// 18.8.30) shows a date or a time: 14-22 and 45-47 everywhere, 27-36 and
// 50-58 in the East Asian locales that define them (elsewhere they are
// unused).
func builtInDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// dateFormat tells whether a custom number format code shows a date or a
// time: it has a year, month, day, hour, minute or second code outside
// quoted text, the General keyword,
// escaped characters and bracketed sections ([Red], [$-40C], [>100]); an
// elapsed time ([h], [mm], [ss]) counts as a time.
func dateFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++ // the next character is shown, padded or repeated as it is
		case '[':
			j := i + 1
			for j < len(code) && code[j] != ']' {
				j++
			}
			if inner := code[i+1 : min(j, len(code))]; elapsed(inner) {
				return true
			}
			i = j
		case 'G', 'g':
			if len(code)-i >= 7 && strings.EqualFold(code[i:i+7], "general") {
				i += 6
			}
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// elapsed tells whether a bracketed section is an elapsed time: [h], [mm], [ss].
func elapsed(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c != s[0]|0x20 || (c != 'h' && c != 'm' && c != 's') {
			return false
		}
	}
	return true
}
