package safety

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

// TestOwnListsCatch: Parley's own lists (lexicon/own: Hebrew, Indonesian,
// Ukrainian, Vietnamese) catch their words in running text, in the
// affixed and inflected forms they list, and in the obfuscations the
// normalizer reads; their verdicts name them parley:<lang>.
func TestOwnListsCatch(t *testing.T) {
	c := checker(t)
	tests := []struct {
		lang, text string
		want       []string // the entries matched, in text order
		category   string   // the worst category
	}{
		{"he", "לך תזדיין יא בן זונה", []string{"לך תזדיין", "בן זונה"}, "profanity"},
		{"he", "אתה סתם חתיכת חרא, כוס אמק!", []string{"חתיכת חרא", "כוס אמק"}, "profanity"},
		{"he", "תגיד להזונה הזאת... לא, הזונה הזאת", []string{"הזונה"}, "profanity"}, // prefixed ה
		{"he", "כל הכושים האלה", []string{"הכושים"}, "hate"},                         // prefixed ה, listed
		{"he", "שלח לי פורנו", []string{"פורנו"}, "sexual_content"},
		{"he", "הוא רצה לאנוס אותה", []string{"לאנוס"}, "sex_crimes"},
		{"id", "Dasar bangsat lu, kontolnya kecil", []string{"bangsat", "kontolnya"}, "profanity"},
		{"id", "NGENTOT!!! dientot aja sana", []string{"ngentot", "dientot"}, "sexual_content"},
		{"id", "jangan jadi bencong", []string{"bencong"}, "hate"},
		{"id", "dia diperkosa semalam", []string{"diperkosa"}, "sex_crimes"},
		{"id", "k0nt0l", []string{"kontol"}, "profanity"}, // leetspeak
		{"uk", "Іди нахуй, курва", []string{"нахуй", "курва"}, "profanity"},
		{"uk", "який же йобаний пиздець", []string{"йобаний", "пиздець"}, "profanity"},
		{"uk", "заїбало все, їбанутий день", []string{"заїбало", "їбанутий"}, "profanity"},
		{"uk", "ці кацапи знову", []string{"кацапи"}, "hate"},
		{"uk", "хyйня", []string{"хуйня"}, "profanity"}, // a Latin y in a Cyrillic word
		{"uk", "його хотіли згвалтувати", []string{"згвалтувати"}, "sex_crimes"},
		{"vi", "Địt mẹ mày, thằng khốn", []string{"địt mẹ", "thằng khốn"}, "profanity"},
		{"vi", "đéo hiểu kiểu gì, vcl", []string{"đéo", "vcl"}, "profanity"},
		{"vi", "con đĩ này", []string{"con đĩ"}, "sexual_content"},
		{"vi", "đồ tàu khựa", []string{"tàu khựa"}, "hate"},
		{"vi", "LỒN", []string{"lồn"}, "profanity"}, // case folds with its tone
		{"vi", "dit me may", []string{"dit me"}, "profanity"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			v := c.Verdict(tt.text, language.Make(tt.lang))
			var got []string
			for _, s := range v.Spans {
				got = append(got, s.Match)
				if s.Detector != "parley:"+tt.lang {
					t.Errorf("span %+v: detector %s, want parley:%s", s, s.Detector, tt.lang)
				}
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("span %+v does not point at its text", s)
				}
			}
			if v.Lexicon != "parley:"+tt.lang {
				t.Errorf("lexicon = %s", v.Lexicon)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("matches = %q, want %q (spans %+v)", got, tt.want, v.Spans)
			}
			if tt.category != "" && (len(v.Categories) == 0 || v.Categories[0] != tt.category) {
				t.Errorf("categories = %v, want %s first", v.Categories, tt.category)
			}
		})
	}
}

// ownListCorpus are ordinary chat lines per language, written to meet the
// words that look like entries: Vietnamese with its tones (buổi, lớn, đi,
// phở, các), untoned ("mong" is an English slur) and walnuts (óc chó);
// Indonesian moles (tahi lalat), tai chi and E. coli; Hebrew cups (כוס),
// "under" (תחת) and the letter zayin; Ukrainian and Russian words near
// the entries.
var ownListCorpus = map[string][]string{
	"vi": {
		"Chào buổi sáng cả nhà, hôm nay trời đẹp quá!",
		"Mong bạn sớm khỏe lại nhé.",
		"Mình đi ăn phở ở quán đầu ngõ không?",
		"Các bạn nhớ nộp bài trước thứ sáu.",
		"Nhà mình có con chó lớn lắm, nó tên là Bơ.",
		"Hạt óc chó rất tốt cho sức khỏe.",
		"Sữa óc chó uống buổi tối rất ngon.",
		"Con đi học về chưa?",
		"Tôi bị cúm nên nghỉ làm hôm nay.",
		"Cuộc họp dời sang buổi chiều lúc ba giờ.",
		"Em mong anh hiểu cho em.",
		"Lớn lên con muốn làm bác sĩ.",
		"Tin tức hôm nay: giá xăng tăng nhẹ.",
		"DM me the link please, cảm ơn nhé",
		"Cô ấy đi du lịch Đà Lạt cuối tuần này.",
		"Đừng quên mua lon nước ngọt cho bữa tiệc.",
		"Mấy giờ rồi? Mình sắp đến nơi.",
	},
	"id": {
		"Selamat pagi semuanya, jangan lupa rapat jam sembilan.",
		"Dia punya tahi lalat kecil di pipi kirinya.",
		"Ayah saya rutin latihan tai chi setiap pagi di taman.",
		"Bakteri E. coli bisa menyebabkan diare.",
		"Anjing saya lucu sekali, namanya Bobi.",
		"Nanti malam kita makan sate di dekat kantor ya.",
		"Tolong kirim laporan keuangan sebelum hari Jumat.",
		"Harga beras naik lagi minggu ini.",
		"Aku lagi di jalan, macet banget.",
		"Terima kasih banyak atas bantuannya!",
		"Besok aku ada meeting sama klien dari Jepang.",
		"Jangan lupa pakai payung, sepertinya mau hujan.",
		"Kucingnya tidur di atas sofa seharian.",
		"Selamat ulang tahun, semoga panjang umur!",
		"Deadline proyek ini diundur ke bulan depan.",
		"Saya sedang belajar bahasa Inggris di kursus.",
	},
	"he": {
		"בוקר טוב לכולם, מה שלומכם?",
		"שתיתי כוס קפה לפני הפגישה.",
		"אפשר עוד כוס מים בבקשה?",
		"הספר נמצא מתחת לשולחן.",
		"החתול ישן תחת העץ כל הצהריים.",
		"האות זין היא האות השביעית באלף-בית.",
		"חיילים עם כלי זין עמדו בשער.",
		"נתראה מחר בשמונה בערב.",
		"תודה רבה על העזרה!",
		"הזין את הנתונים לטבלה ושלח לי.",
		"אני מגיע עוד עשר דקות, יש פקקים.",
		"המסעדה החדשה ברחוב הרצל ממש טובה.",
		"יום הולדת שמח, מזל טוב!",
		"הכלב שלי אוהב לשחק בפארק.",
		"מי מגיע לישיבה ביום ראשון?",
		"קניתי כוסות חדשות למטבח.",
	},
	"uk": {
		"Доброго ранку всім, як справи?",
		"Зустрінемося завтра о дев'ятій біля метро.",
		"Дякую за допомогу, ти дуже виручив!",
		"Сьогодні на вечерю борщ і вареники.",
		"Наш собака дуже любить гуляти в парку.",
		"Надішли мені, будь ласка, звіт до п'ятниці.",
		"У мене зламався телефон, напиши на пошту.",
		"Погода сьогодні чудова, ходімо на прогулянку.",
		"Вітаю з днем народження!",
		"Я вже їду, буду за десять хвилин.",
		"Купи хліба і молока, будь ласка.",
		"Учора ми дивилися новий фільм у кіно.",
		"Діти пішли до школи о восьмій.",
		"Ціни на пальне знову зросли.",
		"Він працює програмістом у Львові.",
		"Мама приготувала смачний пиріг.",
	},
}

// TestOwnListsBenignCorpus: ordinary chat in each of these languages
// yields no finding, with the language's list and the fallback set
// (English plus every non-Latin entry). The Hebrew and Ukrainian lines
// yield none without a language either (und), where the phrases of every
// language apply.
func TestOwnListsBenignCorpus(t *testing.T) {
	c := checker(t)
	for lang, lines := range ownListCorpus {
		if len(lines) < 15 {
			t.Errorf("%s: %d lines, want 15 or more", lang, len(lines))
		}
		tags := []string{lang}
		if lang == "he" || lang == "uk" {
			tags = append(tags, "und")
		}
		for _, line := range lines {
			for _, tag := range tags {
				if v := c.Verdict(line, language.Make(tag)); !v.Safe || len(v.Spans) > 0 {
					t.Errorf("%s (as %s) %q: %+v", lang, tag, line, v.Spans)
				}
			}
		}
	}
}

// TestOwnListsLoaded: the own lists are in the checker, and a text
// tagged with a regional variant (vi-VN, uk-UA) gets its base language's.
func TestOwnListsLoaded(t *testing.T) {
	c := checker(t)
	for _, lang := range []string{"he", "id", "uk", "vi"} {
		if !slices.Contains(c.Languages(), lang) {
			t.Errorf("no %s list: %v", lang, c.Languages())
		}
	}
	for tag, text := range map[string]string{"vi-VN": "con đĩ", "uk-UA": "курва"} {
		base, _ := language.Make(tag).Base()
		if v := c.Verdict(text, language.Make(tag)); v.Lexicon != "parley:"+base.String() || v.Safe {
			t.Errorf("%s: %+v", tag, v)
		}
	}
}
