package apertium

import (
	"regexp"
	"strconv"
	"strings"
)

// Times of day as the reader's language writes them. The modes copy a
// time through as the writer wrote it ("la reunión cogió movida a 3pm",
// "the meeting has been moved to 15h"), and each language writes the
// clock its own way: English chat "3pm" and "3:30pm", French "15h" and
// "15h30", Spanish "15:00", Portuguese "15h", Catalan "15:00" or "15 h".
// A time the target does not write is written as it does; one it writes
// too stays (English "15:00", Portuguese "15:00", Catalan "15 h"). The
// French and Portuguese "15h" is a time only after a word that says when
// ("à 15h", "at 15h"): "in 2h" is two hours; and "15:00" is rewritten
// for French only (not "10:30:00", no time of day).
var (
	clockTwelve = regexp.MustCompile(`\b(1[0-2]|0?[1-9])(?:[:.]([0-5][0-9]))?\s?([AaPp])(?:[Mm]\b|\.[Mm]\.)`)
	clockH      = regexp.MustCompile(`(?i)\b([a-z]+)\s+(2[0-3]|[01]?[0-9])\s?h(?:([0-5][0-9])\b|\b)`)
	clock24     = regexp.MustCompile(`\b(2[0-3]|[01]?[0-9]):([0-5][0-9])\b`)
)

// clockWhen are the words after which English and Spanish read "15h" as
// a time of day.
var clockWhen = map[string]map[string]bool{
	"en": setOf("at", "to", "from", "until", "till", "by", "before", "after", "around"),
	"es": setOf("a", "las", "la", "hasta", "desde", "de", "sobre", "para"),
}

// mayHaveClock is the cheap test before clockTimes.
func mayHaveClock(text string) bool {
	return strings.ContainsAny(text, "0123456789")
}

// clockTimes writes the times of day in output's prose (ranges) as lang
// (a base language) writes them, with the article or preposition that
// Spanish, Portuguese and English put before one where the modes left it
// out or made it the wrong one ("a 3pm" is "a las 15:00", "a 15h" "às
// 15h", French "est à 15h" through Spanish "is to 15h" "is at 3pm").
func clockTimes(output, lang string, ranges [][2]int) string {
	type clock struct {
		from, to, hour, minute int
	}
	var clocks []clock
	// free reports whether output[from:to] is in no time found before
	// ("3:30 pm" is one time, not "3:30" too).
	free := func(from, to int) bool {
		for _, c := range clocks {
			if from < c.to && c.from < to {
				return false
			}
		}
		return true
	}
	for _, m := range proseMatches(clockTwelve, output, ranges) {
		hour, _ := strconv.Atoi(output[m[2]:m[3]])
		minute := 0
		if m[4] >= 0 {
			minute, _ = strconv.Atoi(output[m[4]:m[5]])
		}
		pm := output[m[6]] == 'p' || output[m[6]] == 'P'
		switch {
		case hour == 12 && !pm:
			hour = 0
		case hour != 12 && pm:
			hour += 12
		}
		clocks = append(clocks, clock{from: m[0], to: m[1], hour: hour, minute: minute})
	}
	if when := clockWhen[lang]; when != nil {
		for _, m := range proseMatches(clockH, output, ranges) {
			if !when[strings.ToLower(output[m[2]:m[3]])] || !free(m[4], m[1]) {
				continue
			}
			hour, _ := strconv.Atoi(output[m[4]:m[5]])
			minute := 0
			if m[6] >= 0 {
				minute, _ = strconv.Atoi(output[m[6]:m[7]])
			}
			clocks = append(clocks, clock{from: m[4], to: m[1], hour: hour, minute: minute})
		}
	}
	if lang == "fr" {
		for _, m := range proseMatches(clock24, output, ranges) {
			// "10:30:00" and "1:2:3" are no times of day.
			if m[0] > 0 && output[m[0]-1] == ':' || m[1] < len(output) && output[m[1]] == ':' || !free(m[0], m[1]) {
				continue
			}
			hour, _ := strconv.Atoi(output[m[2]:m[3]])
			minute, _ := strconv.Atoi(output[m[4]:m[5]])
			clocks = append(clocks, clock{from: m[0], to: m[1], hour: hour, minute: minute})
		}
	}
	var edits []edit
	for _, c := range clocks {
		text := writeClock(c.hour, c.minute, lang)
		if text == output[c.from:c.to] {
			continue
		}
		edits = append(edits, edit{from: c.from, to: c.to, text: text})
		if e, ok := clockPreposition(output, c.from, c.hour, lang); ok {
			edits = append(edits, e)
		}
	}
	return applyEdits(output, edits)
}

// writeClock writes hour:minute (24-hour) as lang does.
func writeClock(hour, minute int, lang string) string {
	switch lang {
	case "en":
		h, half := hour%12, "am"
		if h == 0 {
			h = 12
		}
		if hour >= 12 {
			half = "pm"
		}
		if minute == 0 {
			return strconv.Itoa(h) + half
		}
		return strconv.Itoa(h) + ":" + twoDigits(minute) + half
	case "fr", "pt":
		if minute == 0 {
			return strconv.Itoa(hour) + "h"
		}
		return strconv.Itoa(hour) + "h" + twoDigits(minute)
	}
	return strconv.Itoa(hour) + ":" + twoDigits(minute)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// clockArticles are the article Spanish and Catalan put before a time
// (plural, and singular for one o'clock) and the words after which the
// modes leave it out.
var clockArticles = map[string]struct {
	after       map[string]bool
	plural, one string
}{
	"es": {setOf("a", "hasta", "desde", "para", "sobre"), "las", "la"},
	"ca": {setOf("a", "de", "fins", "des"), "les", "la"},
}

// clockPreposition returns the edit of the word before a time at from in
// output: Spanish "a 15:00" is "a las 15:00" ("a la 1:00"), Catalan
// "després de 18:00" "després de les 18:00", Portuguese
// "a 15h" "às 15h", and English "is to 3pm" (French "est à 15h" through
// Spanish) "is at 3pm".
func clockPreposition(output string, from, hour int, lang string) (edit, bool) {
	before := strings.TrimRight(output[:from], " ")
	if len(before) == from {
		return edit{}, false // "a15:00": no word before it
	}
	start := strings.LastIndexAny(before, " \n") + 1
	prev := before[start:]
	if a, ok := clockArticles[lang]; ok && a.after[strings.ToLower(prev)] {
		article := a.plural
		if hour == 1 {
			article = a.one
		}
		return edit{from: len(before), to: len(before), text: " " + article}, true
	}
	switch lang {
	case "pt":
		if prev == "a" || prev == "A" {
			return edit{from: start, to: len(before), text: caseLike(prev, "às")}, true
		}
	case "en":
		if strings.EqualFold(prev, "to") {
			be := strings.TrimRight(before[:start], " ")
			verb := strings.ToLower(be[strings.LastIndexAny(be, " \n")+1:])
			if verb == "is" || verb == "are" || verb == "was" || verb == "were" || verb == "be" {
				return edit{from: start, to: len(before), text: caseLike(prev, "at")}, true
			}
		}
	}
	return edit{}, false
}
