package messages

import (
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/langname"
)

// Label keys: the English text is the key, as x/text/message expects.
const (
	keyTranslated      = "Translated from %s"
	keyOriginal        = "Original (%s)"
	keyOriginalUnknown = "Original"
	keyDeleted         = "Message deleted"
	keyHidden          = "Hidden by the content policy"
)

// uiStrings are the labels in every UI locale. Language names come from
// CLDR (x/text/language/display) in the reader's language, so each
// pattern is phrased to take a bare language name.
var uiStrings = map[string][5]string{
	// locale: translated, original, original (unknown), deleted, hidden
	"en":      {keyTranslated, keyOriginal, keyOriginalUnknown, keyDeleted, keyHidden},
	"es":      {"Traducido de %s", "Original (%s)", "Original", "Mensaje eliminado", "Oculto por la política de contenido"},
	"fr":      {"Traduit (original : %s)", "Original (%s)", "Original", "Message supprimé", "Masqué par la politique de contenu"},
	"de":      {"Übersetzt aus: %s", "Original (%s)", "Original", "Nachricht gelöscht", "Durch die Inhaltsrichtlinie ausgeblendet"},
	"pt":      {"Traduzido de %s", "Original (%s)", "Original", "Mensagem apagada", "Oculto pela política de conteúdo"},
	"it":      {"Tradotto da: %s", "Originale (%s)", "Originale", "Messaggio eliminato", "Nascosto dalla politica sui contenuti"},
	"nl":      {"Vertaald uit het %s", "Origineel (%s)", "Origineel", "Bericht verwijderd", "Verborgen door het inhoudsbeleid"},
	"ru":      {"Перевод, язык оригинала: %s", "Оригинал (%s)", "Оригинал", "Сообщение удалено", "Скрыто правилами контента"},
	"ar":      {"مترجم من %s", "الأصل (%s)", "الأصل", "تم حذف الرسالة", "مخفي بموجب سياسة المحتوى"},
	"he":      {"תורגם מ%s", "מקור (%s)", "מקור", "ההודעה נמחקה", "הוסתר לפי מדיניות התוכן"},
	"ja":      {"%sから翻訳", "原文（%s）", "原文", "メッセージは削除されました", "コンテンツポリシーにより非表示"},
	"zh-Hans": {"译自%s", "原文（%s）", "原文", "消息已删除", "因内容政策而隐藏"},
	// Traditional script, for zh-TW, zh-HK and zh-Hant readers (CLDR
	// names languages for them in it too: 英文, not 英语). A message is
	// 訊息 in Traditional usage (消息 reads as "news").
	"zh-Hant": {"譯自%s", "原文（%s）", "原文", "訊息已刪除", "因內容政策而隱藏"},
	"ko":      {"%s에서 번역됨", "원문 (%s)", "원문", "삭제된 메시지", "콘텐츠 정책에 따라 숨겨짐"},
	"tr":      {"%s dilinden çevrildi", "Orijinal (%s)", "Orijinal", "Mesaj silindi", "İçerik politikası nedeniyle gizlendi"},
	"hi":      {"%s से अनुवादित", "मूल (%s)", "मूल", "संदेश हटाया गया", "सामग्री नीति के कारण छिपाया गया"},
	// Reader locales the gateway serves that had English labels.
	"ca": {"Traduït de: %s", "Original (%s)", "Original", "Missatge suprimit", "Amagat per la política de contingut"},
	"id": {"Diterjemahkan dari: %s", "Asli (%s)", "Asli", "Pesan dihapus", "Disembunyikan oleh kebijakan konten"},
	"pl": {"Przetłumaczono z języka: %s", "Oryginał (%s)", "Oryginał", "Wiadomość usunięta", "Ukryto zgodnie z zasadami treści"},
	"th": {"แปลจากภาษา%s", "ต้นฉบับ (%s)", "ต้นฉบับ", "ข้อความถูกลบแล้ว", "ซ่อนตามนโยบายเนื้อหา"},
	"uk": {"Переклад, мова оригіналу: %s", "Оригінал (%s)", "Оригінал", "Повідомлення видалено", "Приховано правилами контенту"},
	"vi": {"Dịch từ %s", "Bản gốc (%s)", "Bản gốc", "Tin nhắn đã bị xóa", "Bị ẩn theo chính sách nội dung"},
}

// ui is the catalog of labels with one printer per UI locale, built once.
type ui struct {
	tags     []language.Tag
	matcher  language.Matcher
	printers []*message.Printer
}

var (
	uiOnce sync.Once
	uiData *ui
)

func labels() *ui {
	uiOnce.Do(func() {
		b := catalog.NewBuilder(catalog.Fallback(language.English))
		u := &ui{}
		keys := [5]string{keyTranslated, keyOriginal, keyOriginalUnknown, keyDeleted, keyHidden}
		// English first: it is the matcher's default.
		order := []string{"en"}
		for loc := range uiStrings {
			if loc != "en" {
				order = append(order, loc)
			}
		}
		for _, loc := range order {
			tag := language.MustParse(loc)
			for i, msg := range uiStrings[loc] {
				if err := b.SetString(tag, keys[i], msg); err != nil {
					panic(err) // the table above is fixed: a bad entry is a programming error
				}
			}
			u.tags = append(u.tags, tag)
		}
		u.matcher = language.NewMatcher(u.tags)
		for _, tag := range u.tags {
			u.printers = append(u.printers, message.NewPrinter(tag, message.Catalog(b)))
		}
		uiData = u
	})
	return uiData
}

// UILocales lists the locales labels are written in.
func UILocales() []string {
	u := labels()
	out := make([]string, len(u.tags))
	for i, t := range u.tags {
		out[i] = t.String()
	}
	return out
}

// uiIndex picks the UI locale for a reader: one in the reader's language
// (api.SameLanguage), else English. The matcher alone would also answer
// with a neighbouring language (Azerbaijani or Kazakh readers would get
// Russian labels, Galician readers Spanish, Marathi readers Hindi).
func (u *ui) index(reader string) int {
	tag, err := api.ParseTag(reader)
	if err != nil {
		return 0
	}
	_, idx, conf := u.matcher.Match(tag)
	if conf == language.No || conf != language.Exact && !api.SameLanguage(tag, u.tags[idx]) {
		return 0
	}
	return idx
}

// LanguageName names lang in the reader's language ("Spanish", "español",
// "スペイン語"), a tag with a script for its language and script
// ("Serbian (Latin)", not CLDR's "Serbo-Croatian": langname.Name); the tag
// itself when CLDR has no name for it.
func LanguageName(reader, lang string) string {
	u := labels()
	tag, err := api.ParseTag(lang)
	if err != nil {
		return lang
	}
	if n := langname.Name(u.tags[u.index(reader)], tag); n != "" {
		return n
	}
	return lang
}

// Label is the line a reader sees with a message, in the reader's
// language: what was done (status) and from which language.
func Label(reader, status, source string) string {
	u := labels()
	p := u.printers[u.index(reader)]
	switch status {
	case "translated":
		return p.Sprintf(keyTranslated, LanguageName(reader, source))
	case "deleted":
		return p.Sprintf(keyDeleted)
	case "hidden":
		return p.Sprintf(keyHidden)
	}
	if source == "" || source == "und" {
		return p.Sprintf(keyOriginalUnknown)
	}
	return p.Sprintf(keyOriginal, LanguageName(reader, source))
}

// rtlScripts are the scripts written right to left.
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true, "Adlm": true, "Rohg": true, "Samr": true, "Mand": true,
}

// Direction is "rtl" for languages written right to left (ar, he, fa, ur,
// ps, yi, ...: judged by the tag's likely script), else "ltr".
func Direction(lang string) string {
	tag, err := api.ParseTag(lang)
	if err != nil {
		return "ltr"
	}
	script, _ := tag.Script()
	if rtlScripts[script.String()] {
		return "rtl"
	}
	return "ltr"
}
