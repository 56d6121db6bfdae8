package quality

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numberWords are, per base language, the words for 0 to 12 (index =
// value; several forms separated by spaces: genders, cases), with which a
// translation may write a number of the source ("2 copies" → "zwei
// Kopien"). A number written so is no loss. Words of four letters or more
// also match as the start of a longer word ("zweimal", "двух"); Chinese
// and Japanese ones match anywhere in the text, as those write no spaces.
// The lists are a convenience for the weaker finding (a number missing
// with no other number in its place): they never excuse a changed one.
var numberWords = map[string][13]string{
	"en": {"zero", "one once", "two twice", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve dozen"},
	"es": {"cero", "uno una un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce docena"},
	"ca": {"zero", "u un una", "dos dues", "tres", "quatre", "cinc", "sis", "set", "vuit", "nou", "deu", "onze", "dotze"},
	"pt": {"zero", "um uma", "dois duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze dúzia"},
	"fr": {"zéro", "un une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze douzaine"},
	"it": {"zero", "uno una un", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici dozzina"},
	"de": {"null", "eins ein eine einen einem einer einmal", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf dutzend"},
	"nl": {"nul", "een één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"},
	"sv": {"noll", "en ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"},
	"da": {"nul", "en et", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"},
	"nb": {"null", "en ei et", "to", "tre", "fire", "fem", "seks", "sju syv", "åtte", "ni", "ti", "elleve", "tolv"},
	"pl": {"zero", "jeden jedna jedno jednego jednej", "dwa dwie dwóch dwoma dwu", "trzy trzech", "cztery czterech", "pięć pięciu", "sześć sześciu", "siedem siedmiu", "osiem ośmiu", "dziewięć", "dziesięć", "jedenaście", "dwanaście"},
	"ru": {"ноль нуль", "один одна одно одного одной одну", "два две двух двум", "три трёх трех", "четыре четырёх", "пять пяти", "шесть шести", "семь семи", "восемь восьми", "девять", "десять", "одиннадцать", "двенадцать"},
	"uk": {"нуль", "один одна одне одного одну", "два дві двох", "три трьох", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять", "одинадцять", "дванадцять"},
	"tr": {"sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on", "onbir", "oniki"},
	"ar": {"صفر", "واحد واحدة", "اثنان اثنين اثنتان اثنتين", "ثلاث ثلاثة", "أربع أربعة", "خمس خمسة", "ست ستة", "سبع سبعة", "ثمان ثماني ثمانية", "تسع تسعة", "عشر عشرة", "", ""},
	"he": {"אפס", "אחד אחת", "שניים שתיים שני שתי", "שלוש שלושה", "ארבע ארבעה", "חמש חמישה", "שש שישה", "שבע שבעה", "שמונה", "תשע תשעה", "עשר עשרה", "", ""},
	"hi": {"शून्य", "एक", "दो", "तीन", "चार", "पांच पाँच", "छह छः", "सात", "आठ", "नौ", "दस", "ग्यारह", "बारह"},
	"zh": {"零 〇", "一", "二 两 兩 俩 倆", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"},
	"ja": {"零 ゼロ", "一 ひとつ", "二 ふたつ", "三 みっつ", "四 よっつ", "五 いつつ", "六 むっつ", "七 ななつ", "八 やっつ", "九 ここのつ", "十 とお", "十一", "十二"},
	// Korean: native numerals (the sino-Korean 이, 삼, 사 are also common
	// words), whole words only, one-syllable ones before a counter.
	"ko": {"영 공", "하나 한", "둘 두", "셋 세 석", "넷 네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "열하나 열한", "열둘 열두"},
}

// tensWords are, per base language, the words for 20 to 90 (index =
// value/10 − 2), with the words for their decades where those are not the
// tens word with an ending ("nineties", "девяностые"; "neunziger" starts
// with "neunzig"), so that "the 90s" written "los años noventa" is no lost
// number. Russian and Ukrainian ones are stems ("девяност": девяносто,
// девяностые, девяностых). A form written with hyphens is a run of words
// ("quatre-vingt-dix", also written "quatre vingt dix").
var tensWords = map[string][8]string{
	"en": {"twenty twenties", "thirty thirties", "forty forties", "fifty fifties", "sixty sixties", "seventy seventies", "eighty eighties", "ninety nineties"},
	"es": {"veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"},
	"ca": {"vint=", "trenta", "quaranta", "cinquanta", "seixanta", "setanta", "vuitanta", "noranta"},
	"pt": {"vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"},
	"fr": {"vingt vingtaine", "trente", "quarante", "cinquante", "soixante", "soixante-dix septante", "quatre-vingts quatre-vingt huitante octante", "quatre-vingt-dix nonante"},
	"it": {"venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"},
	"de": {"zwanzig", "dreißig dreissig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"},
	"nl": {"twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"},
	"sv": {"tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"},
	"da": {"tyve", "tredive", "fyrre", "halvtreds", "tres=", "halvfjerds", "firs=", "halvfems"},
	"nb": {"tjue", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti"},
	"pl": {"dwadzieścia dwudziest", "trzydzieści trzydziest", "czterdzieści czterdziest", "pięćdziesiąt", "sześćdziesiąt", "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt"},
	"ru": {"двадцат", "тридцат", "сорок", "пятьдесят пятидесят", "шестьдесят шестидесят", "семьдесят семидесят", "восемьдесят восьмидесят", "девяност"},
	"uk": {"двадцят", "тридцят", "сорок", "п'ятдесят", "шістдесят", "сімдесят", "вісімдесят", "дев'яност"},
	"tr": {"yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"},
	"ar": {"عشرون عشرين عشرينيات", "ثلاثون ثلاثين", "أربعون أربعين", "خمسون خمسين", "ستون ستين", "سبعون سبعين", "ثمانون ثمانين", "تسعون تسعين"},
	"he": {"עשרים", "שלושים", "ארבעים", "חמישים", "שישים", "שבעים", "שמונים", "תשעים"},
	"hi": {"बीस", "तीस", "चालीस", "पचास", "साठ", "सत्तर", "अस्सी", "नब्बे"},
	"zh": {"二十", "三十", "四十", "五十", "六十", "七十", "八十", "九十"},
	"ja": {"二十", "三十", "四十", "五十", "六十", "七十", "八十", "九十"},
	// Korean: native tens, and sino-Korean ones (two syllables, so not
	// the common words that 이, 삼, 사 are).
	"ko": {"스물 스무 이십", "서른 삼십", "마흔 사십", "쉰 오십", "예순 육십", "일흔 칠십", "여든 팔십", "아흔 구십"},
}

// powerWords are, per base language, the words for 100, 1,000 and
// 1,000,000. Short ones that begin other words ("cien" of "ciencia",
// "cent" of "centre") are marked "=": whole words only.
var powerWords = map[string][3]string{
	"en": {"hundred", "thousand", "million"},
	"es": {"cien= ciento= cientos=", "mil miles", "millón millones"},
	"ca": {"cent= cents=", "mil", "milió milions"},
	"pt": {"cem cento=", "mil", "milhão milhões"},
	"fr": {"cent= cents=", "mille=", "million"},
	"it": {"cento=", "mille= mila", "milione milioni"},
	"de": {"hundert einhundert", "tausend eintausend", "million"},
	"nl": {"honderd", "duizend", "miljoen"},
	"sv": {"hundra etthundra", "tusen ettusen", "miljon"},
	"da": {"hundrede", "tusind", "million"},
	"nb": {"hundre", "tusen", "million"},
	"pl": {"sto", "tysiąc tysięc", "milion"},
	"ru": {"сто сотня", "тысяч", "миллион"},
	"uk": {"сто", "тисяч", "мільйон"},
	"tr": {"yüz", "bin", "milyon"},
	"ar": {"مئة مائة", "ألف", "مليون"},
	"he": {"מאה", "אלף", "מיליון"},
	"hi": {"सौ", "हज़ार हजार", "मिलियन"},
	"zh": {"百", "千", "百万 百萬"},
	"ja": {"百", "千", "百万"},
	"ko": {"백", "천", "백만"},
}

// wordFormsOf are the forms of the value v in the lists of base, nil for
// a value no list has.
func wordFormsOf(base string, v int) []string {
	switch {
	case v >= 0 && v <= 12:
		if l, ok := numberWords[base]; ok {
			return strings.Fields(l[v])
		}
	case v >= 20 && v <= 90 && v%10 == 0:
		if l, ok := tensWords[base]; ok {
			return strings.Fields(l[v/10-2])
		}
	case v == 100:
		return strings.Fields(powerWords[base][0])
	case v == 1000:
		return strings.Fields(powerWords[base][1])
	case v == 1_000_000:
		return strings.Fields(powerWords[base][2])
	}
	return nil
}

// wordValue reports whether a number may be written as a word: 0 to 12,
// the tens, 100, 1,000 and 1,000,000.
func wordValue(v int) bool {
	return v >= 0 && v <= 12 || v >= 20 && v <= 90 && v%10 == 0 || v == 100 || v == 1000 || v == 1_000_000
}

// dualLanguages write two of a thing with a dual ending rather than a
// numeral ("نسختين", two copies; "יומיים", two days): a word with the
// ending counts as writing 2.
var dualLanguages = map[string][]string{
	"ar": {"تين", "تان", "ين", "ان"},
	"he": {"יים", "ַיִם"},
}

// clitics are prefixes written onto a word in Arabic (and, with) and
// Hebrew (and, the, in, to, that): "والاثنين" holds "اثنين".
var clitics = map[string][]string{
	"ar": {"و", "ف", "ب", "ل", "ال", "وال", "بال"},
	"he": {"ו", "ה", "ב", "ל", "ש", "מ", "כ"},
}

// numberWord reports whether text, in the language lang, writes the
// value v (wordValue) as a word, and which word.
func numberWord(v int, lang, text string) (string, bool) {
	base := baseOf(lang)
	forms := wordFormsOf(base, v)
	if len(forms) == 0 {
		return "", false
	}
	if base == "zh" || base == "ja" {
		for _, f := range forms {
			if strings.Contains(text, f) {
				return f, true
			}
		}
		return "", false
	}
	toks := tokens(text)
	for i, tok := range toks {
		for _, f := range forms {
			if strings.Contains(f, "-") {
				// A run of words: "quatre-vingt-dix" is three tokens.
				if run := strings.Split(f, "-"); i+len(run) <= len(toks) && slices.Equal(toks[i:i+len(run)], run) {
					return strings.Join(run, "-"), true
				}
				continue
			}
			if matchesWord(tok, f, base) {
				return tok, true
			}
		}
		if v == 2 {
			for _, end := range dualLanguages[base] {
				if utf8.RuneCountInString(tok) >= 4 && strings.HasSuffix(tok, end) {
					return tok, true
				}
			}
		}
	}
	return "", false
}

// matchesWord reports whether the token tok is the word w (or w with a
// clitic before it, or, for a word of four letters or more not marked
// "=", w with an ending after it).
func matchesWord(tok, w, base string) bool {
	w, whole := strings.CutSuffix(w, "=")
	if tok == w {
		return true
	}
	prefix := !whole && utf8.RuneCountInString(w) >= 4
	if prefix && strings.HasPrefix(tok, w) {
		return true
	}
	for _, c := range clitics[base] {
		if t := strings.TrimPrefix(tok, c); t == w || prefix && len(t) < len(tok) && strings.HasPrefix(t, w) {
			return true // "والاثنين", "התשעים"
		}
	}
	return false
}

// tokens are the lower-case words of s: runs of letters and marks, with
// apostrophes inside them ("don't", "п'ять") made plain.
func tokens(s string) []string {
	s = apostrophes.Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && r != '\''
	})
}

// baseOf is the base language of a tag that validate already accepted,
// "" for none.
func baseOf(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}
