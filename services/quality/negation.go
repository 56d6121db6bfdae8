package quality

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// WeightNegation is what a translation costs that dropped every negation
// of a source that has one ("I do not want to go" → "Quiero ir", "Never
// share your password" → "Comparte siempre tu contraseña"): the meaning is
// reversed, so alone it flags the translation for review. The markers are
// words, so a negation said without one ("Don't forget" → "Recuerda") is
// missed or mistaken; the judge, when on, is asked about it.
const WeightNegation = 40

// negationAdded is the value of a translation that negates where the
// source does not: it may reverse the meaning too ("I want to go" → "No
// quiero ir"), but many positive words translate with a negation ("Stay
// away" → "No te acerques"), so it costs 20 points: alone still an
// accept (80), with any other finding a warning.
const negationAdded = 0.5

// negationWords are, per base language, words that negate (whole words,
// lower case). Languages that negate twice ("no … nunca", "ne … pas")
// are counted per clause (negations), so "Nunca compartas nada" is one
// negation, as "Never share anything" is. Words that also mean something
// else often ("personne", "plus", Arabic "ما", Hebrew "אל") are left out.
var negationWords = map[string][]string{
	"en": {"not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "cannot", "nope",
		// "n't" written without its apostrophe, as chat does.
		"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wouldnt", "shouldnt",
		"wont", "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt"},
	"es": {"no", "nunca", "jamás", "nada", "nadie", "ninguno", "ninguna", "ningún", "ni", "tampoco"},
	"ca": {"no", "mai", "res", "ningú", "cap", "gens", "ni", "tampoc"},
	"pt": {"não", "nunca", "jamais", "nada", "ninguém", "nenhum", "nenhuma", "nem", "tampouco"},
	"fr": {"ne", "pas", "jamais", "rien", "aucun", "aucune", "ni", "non", "nul", "nulle", "guère"},
	"it": {"non", "no", "mai", "niente", "nulla", "nessuno", "nessuna", "nessun", "né", "neanche", "nemmeno", "neppure"},
	"de": {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand", "nein", "weder", "nirgends"},
	"nl": {"niet", "geen", "nooit", "niets", "niemand", "nee", "noch", "nergens"},
	"sv": {"inte", "ej", "aldrig", "ingen", "inget", "inga", "ingenting", "nej", "varken"},
	"da": {"ikke", "ingen", "intet", "aldrig", "nej", "ingenting"},
	"nb": {"ikke", "ingen", "intet", "aldri", "nei", "ingenting"},
	"pl": {"nie", "nigdy", "nic", "nikt", "żaden", "żadna", "żadne", "ani", "nigdzie"},
	"ru": {"не", "нет", "нету", "нельзя", "никогда", "ничего", "ничто", "никто", "ни", "нигде", "никакой", "никакие", "нечего", "некого", "некогда"},
	"uk": {"не", "ні", "ніколи", "нічого", "ніхто", "немає", "ніде", "жоден", "жодного"},
	"tr": {"değil", "yok", "hayır", "asla", "hiç", "hiçbir", "hiçbiri"},
	"ar": {"لا", "لم", "لن", "ليس", "ليست", "لست", "لسنا", "ليسوا", "أبدا", "أبداً", "إطلاقا"},
	"he": {"לא", "אין", "אינו", "אינה", "אינם", "אינן", "שום", "מעולם", "אף"},
	"hi": {"नहीं", "नही", "न", "मत", "ना"},
}

// negationStems are negations written inside words: Turkish puts them in
// the verb ("istemiyorum", I do not want), Korean after it ("가지 않아요",
// "없어요"), Chinese and Japanese write no spaces. They match anywhere in
// a word (Chinese and Japanese: anywhere in the text).
var negationStems = map[string][]string{
	"tr": {"mıyor", "miyor", "muyor", "müyor", "mayacak", "meyecek", "mamış", "memiş"},
	"ko": {"않", "없", "못", "아니", "지 마", "지마"},
	"zh": {"不", "没", "沒", "别", "別", "未", "无", "無", "勿"},
	"ja": {"ない", "なく", "なかっ", "ません", "無", "不", "未", "いいえ"},
}

// negationWholeStems are Korean negations that are words of their own:
// 안 before a verb ("안 가요").
var negationWholeStems = map[string][]string{"ko": {"안"}}

// negationIdioms are set phrases, grouped by meaning, that hold a
// negation marker in some languages and not in others: "Don't mention it"
// is "De nada" (a marker) or "Gern geschehen" (none), "I couldn't agree
// more" is "Estoy totalmente de acuerdo". Counted as markers they read as
// a negation lost or added. Listed for one language only they made the
// pair lopsided ("no te preocupes" was set aside, "don't worry" counted:
// a correct "Don't worry" → "No te preocupes" scored 60), so every group
// lists each language's ways of saying it, with and without a marker.
//
// A phrase of a group is set aside (removeIdioms) when the other text says
// something of the same family ("fine": reassurance, no problem, never
// mind, you're welcome, which translate into each other), whatever words
// either uses: then its markers negate nothing the other text lost. Said
// on one side only, it is counted: "Don't mention it to anyone" → "Díselo
// a todos" and "Don't worry" → "Preocúpate" still lose a negation. A group
// marked always negates nothing in any language ("not only", "不错", good;
// "特别", special; "すみません", sorry; "行きませんか", shall we go?) and
// is set aside wherever it is found.
//
// English phrases are written with contractions; "do not", "dont" and the
// other spellings are derived (englishForms). A local group holds words of
// one script that only contain a marker, and needs no counterpart.
var negationIdioms = []idiomGroup{
	{name: "reassurance", family: "fine", phrases: map[string][]string{
		"en": {"don't worry", "don't you worry", "no worries", "no worry", "not to worry", "never fear"},
		"es": {"no te preocupes", "no se preocupe", "no se preocupen", "no os preocupéis", "no te agobies", "tranquilo", "tranquila", "tranquilos", "descuida", "descuide"},
		"fr": {"ne t'inquiète pas", "ne t'inquiètes pas", "ne vous inquiétez pas", "t'inquiète pas", "t'inquiète", "ne t'en fais pas", "ne vous en faites pas", "t'en fais pas", "pas d'inquiétude", "pas de souci", "pas de soucis", "sois tranquille"},
		"de": {"mach dir keine sorgen", "mach dir keine sorge", "machen sie sich keine sorgen", "keine sorge", "keine sorgen", "keine angst", "keine panik"},
		"ru": {"не волнуйся", "не волнуйтесь", "не беспокойся", "не беспокойтесь", "не переживай", "не переживайте", "не парься"},
		"pt": {"não se preocupe", "não se preocupem", "não te preocupes", "não precisa se preocupar", "fica tranquilo", "fique tranquilo", "fica tranquila", "fique tranquila", "relaxa", "tranquilo"},
		"it": {"non preoccuparti", "non ti preoccupare", "non si preoccupi", "non preoccupatevi", "non vi preoccupate", "stai tranquillo", "stai tranquilla", "tranquillo", "tranquilla"},
		"ca": {"no et preocupis", "no es preocupi", "tranquil"},
		"nl": {"maak je geen zorgen", "maakt u zich geen zorgen", "geen zorgen", "geen zorg"},
		"uk": {"не хвилюйся", "не хвилюйтеся", "не переживай", "не турбуйся"},
		"pl": {"nie martw się", "nie martwcie się", "bez obaw", "spokojnie"},
		"sv": {"oroa dig inte", "ingen fara", "inga bekymmer"},
		"da": {"bare rolig", "ingen fare", "du skal ikke bekymre dig"},
		"nb": {"ikke bekymre deg", "ingen fare", "slapp av"},
		"tr": {"merak etme", "endişelenme", "kafana takma"},
		"ar": {"لا تقلق", "لا تقلقي", "لا داعي للقلق"},
		"he": {"אל תדאג", "אל תדאגי", "אין מה לדאוג"},
		"hi": {"चिंता मत करो", "चिंता मत कीजिए", "चिंता न करें", "फिक्र मत करो"},
		"zh": {"别担心", "別擔心", "不用担心", "不用擔心", "不要担心", "不要擔心", "放心"},
		"ja": {"大丈夫", "心配しないで", "心配いりません", "心配ない", "ご心配なく"},
		"ko": {"걱정 마", "걱정하지 마", "걱정 없", "괜찮"},
	}},
	{name: "no problem", family: "fine", phrases: map[string][]string{
		"en": {"no problem", "no problems", "not a problem", "no prob", "no probs", "no big deal", "not a big deal", "no trouble", "it's fine", "it's ok", "it's okay"},
		"es": {"no es ningún problema", "no es problema", "no es un problema", "no hay ningún problema", "no hay problema", "ningún problema", "sin problema", "sin problemas", "no pasa nada"},
		"fr": {"ce n'est pas un problème", "c'est pas un problème", "il n'y a pas de problème", "y a pas de problème", "pas de problème", "aucun problème", "ce n'est pas grave", "c'est pas grave", "pas grave", "pas de souci", "pas de soucis"},
		"de": {"das ist kein problem", "kein problem", "keine probleme", "kein thema", "kein ding", "nicht schlimm", "halb so schlimm", "macht nichts", "schon gut"},
		"ru": {"не проблема", "нет проблем", "без проблем", "никаких проблем", "ничего страшного"},
		"pt": {"não é problema", "não é um problema", "não tem problema", "não há problema", "nenhum problema", "sem problema", "sem problemas"},
		"it": {"non è un problema", "non c'è problema", "non ci sono problemi", "nessun problema", "non fa niente", "niente di grave"},
		"ca": {"cap problema", "no hi ha problema", "no passa res"},
		"nl": {"geen probleem", "geen punt"},
		"uk": {"не проблема", "немає проблем", "нема проблем", "без проблем"},
		"pl": {"nie ma problemu", "żaden problem", "bez problemu", "nie szkodzi"},
		"sv": {"inga problem", "inget problem"},
		"da": {"intet problem", "ingen problemer", "ikke noget problem"},
		"nb": {"ikke noe problem", "ingen problem", "ingen problemer"},
		"tr": {"sorun değil", "sorun yok", "problem yok", "dert değil"},
		"ar": {"لا مشكلة", "لا توجد مشكلة", "ليست مشكلة"},
		"he": {"אין בעיה", "אין בעיות", "זו לא בעיה"},
		"hi": {"कोई समस्या नहीं", "कोई दिक्कत नहीं", "कोई बात नहीं"},
		"zh": {"没问题", "沒問題", "没关系", "沒關係", "没事", "沒事", "不要紧", "不要緊"},
		"ja": {"問題ない", "問題ありません", "問題なし", "かまいません", "構いません"},
		"ko": {"문제없", "문제 없"},
	}},
	{name: "you're welcome", family: "fine", phrases: map[string][]string{
		"en": {"you're welcome", "don't mention it", "no need to thank me", "no thanks needed", "my pleasure", "anytime", "any time"},
		"es": {"de nada", "no hay de qué", "no hay por qué", "no tienes que agradecer", "a la orden", "con gusto", "un placer"},
		"fr": {"de rien", "il n'y a pas de quoi", "y a pas de quoi", "pas de quoi", "je vous en prie", "je t'en prie", "avec plaisir"},
		"de": {"gern geschehen", "gerne", "gern", "nichts zu danken", "keine ursache", "bitte schön", "bitteschön", "bitte sehr"},
		"ru": {"не за что", "не стоит благодарности", "пожалуйста"},
		"pt": {"de nada", "não há de quê", "não tem de quê", "não precisa agradecer", "disponha", "por nada"},
		"it": {"di niente", "di nulla", "non c'è di che", "prego", "figurati", "si figuri"},
		"ca": {"de res", "no hi ha de què"},
		"nl": {"graag gedaan", "geen dank", "niets te danken"},
		"uk": {"нема за що", "немає за що", "будь ласка"},
		"pl": {"nie ma za co", "proszę bardzo"},
		"sv": {"varsågod", "ingen orsak"},
		"da": {"selv tak", "ingen årsag"},
		"nb": {"bare hyggelig", "ingen årsak"},
		"tr": {"rica ederim", "bir şey değil"},
		"ar": {"عفوا", "عفواً", "لا شكر على واجب"},
		"he": {"אין בעד מה", "על לא דבר"},
		"hi": {"कोई बात नहीं", "आपका स्वागत है"},
		"zh": {"不客气", "不客氣", "不用谢", "不用謝", "不谢", "不謝", "别客气", "別客氣"},
		"ja": {"どういたしまして", "とんでもない", "とんでもございません"},
		"ko": {"천만에요", "별말씀을"},
	}},
	{name: "never mind", family: "fine", phrases: map[string][]string{
		"en": {"never mind", "nevermind", "it doesn't matter", "doesn't matter", "forget it"},
		"es": {"no importa", "da igual", "olvídalo", "no pasa nada"},
		"fr": {"ça n'a pas d'importance", "laisse tomber", "peu importe", "ce n'est pas grave", "c'est pas grave"},
		"de": {"nicht so wichtig", "nicht wichtig", "ist egal", "egal", "schon gut", "vergiss es", "macht nichts"},
		"ru": {"не имеет значения", "не важно", "неважно", "забудь"},
		"pt": {"não importa", "deixa pra lá", "deixa para lá", "esquece", "tanto faz"},
		"it": {"non importa", "non fa niente", "fa niente", "lascia perdere", "lascia stare"},
		"ca": {"no importa", "tant se val"},
		"nl": {"het maakt niet uit", "maakt niet uit", "laat maar", "geeft niet"},
		"uk": {"не важливо", "неважливо", "байдуже", "забудь"},
		"pl": {"nieważne", "nie ważne", "nie szkodzi", "mniejsza z tym"},
		"sv": {"det spelar ingen roll", "strunt samma", "glöm det"},
		"da": {"det gør ikke noget", "ligegyldigt", "glem det"},
		"nb": {"det spiller ingen rolle", "glem det"},
		"tr": {"önemli değil", "boş ver", "fark etmez"},
		"ar": {"لا يهم", "لا بأس"},
		"he": {"לא משנה", "לא חשוב", "עזוב"},
		"hi": {"कोई बात नहीं", "छोड़ो", "जाने दो"},
		"zh": {"没关系", "沒關係", "算了", "无所谓", "無所謂"},
		"ja": {"気にしないで", "どうでもいい"},
		"ko": {"신경 쓰지 마", "괜찮"},
	}},
	{name: "couldn't agree more", family: "agree", phrases: map[string][]string{
		"en": {"couldn't agree more", "can't agree more", "completely agree", "totally agree", "absolutely agree", "fully agree"},
		"es": {"no podría estar más de acuerdo", "no puedo estar más de acuerdo", "totalmente de acuerdo", "completamente de acuerdo", "de acuerdo"},
		"fr": {"je ne pourrais pas être plus d'accord", "on ne peut plus d'accord", "tout à fait d'accord", "entièrement d'accord", "complètement d'accord", "d'accord"},
		"de": {"ich könnte nicht mehr zustimmen", "dem kann ich nur zustimmen", "ganz meiner meinung", "ganz deiner meinung", "ganz ihrer meinung", "völlig einverstanden", "einverstanden", "stimme voll zu", "stimme dir voll zu", "stimme ich dir voll zu", "stimme ich ihnen voll zu", "stimme ich voll zu", "stimme völlig zu"},
		"ru": {"не могу не согласиться", "полностью согласен", "полностью согласна", "совершенно согласен", "совершенно согласна", "согласен", "согласна"},
		"pt": {"não poderia concordar mais", "não podia concordar mais", "concordo plenamente", "concordo totalmente", "concordo"},
		"it": {"non potrei essere più d'accordo", "completamente d'accordo", "pienamente d'accordo", "assolutamente d'accordo", "d'accordo"},
		"ca": {"no podria estar més d'acord", "totalment d'acord", "d'acord"},
		"nl": {"helemaal mee eens", "helemaal met je eens", "mee eens"},
		"uk": {"не можу не погодитися", "повністю згоден", "повністю згодна", "згоден", "згодна"},
		"pl": {"nie mogę się nie zgodzić", "całkowicie się zgadzam", "w pełni się zgadzam", "zgadzam się"},
		"zh": {"完全同意", "非常同意", "同意"},
		"ja": {"全く同感", "まったく同感", "同感", "賛成"},
		"ko": {"전적으로 동의", "완전히 동의", "동의"},
	}},
	{name: "couldn't care less", family: "care", phrases: map[string][]string{
		"en": {"couldn't care less", "don't care"},
		"es": {"no me importa", "me da igual", "me importa un bledo", "me trae sin cuidado"},
		"fr": {"je m'en fiche", "je m'en fous", "ça m'est égal", "je m'en moque"},
		"de": {"ist mir völlig egal", "ist mir egal", "mir egal", "egal"},
		"ru": {"мне всё равно", "мне все равно", "всё равно", "все равно", "мне плевать", "наплевать"},
		"pt": {"não estou nem aí", "não me importa", "pouco me importa", "tanto faz", "não ligo"},
		"it": {"non me ne importa niente", "non me ne importa nulla", "non me ne frega niente", "non me ne importa", "non me ne frega", "me ne frego", "non mi interessa", "mi è indifferente"},
	}},
	{name: "can't wait", always: true, phrases: map[string][]string{
		"en": {"can't wait"},
		"es": {"no puedo esperar", "no veo la hora"},
		"fr": {"je ne peux pas attendre", "j'ai hâte"},
		"de": {"kann es nicht erwarten", "kann es kaum erwarten"},
		"ru": {"не могу дождаться", "жду не дождусь"},
		"pt": {"mal posso esperar", "não vejo a hora", "não posso esperar"},
		"it": {"non vedo l'ora", "non posso aspettare"},
		"ca": {"no puc esperar"},
		"nl": {"kan niet wachten"},
		"uk": {"не можу дочекатися"},
		"pl": {"nie mogę się doczekać"},
		"zh": {"等不及", "迫不及待"},
		"ja": {"待ちきれない", "待ちきれません"},
		"ko": {"기다릴 수 없"},
	}},
	{name: "not only", always: true, phrases: map[string][]string{
		"en": {"not only", "not just"},
		"es": {"no solo", "no sólo", "no solamente", "no únicamente"},
		"fr": {"non seulement"},
		"de": {"nicht nur"},
		"ru": {"не только", "не лишь"},
		"pt": {"não só", "não somente", "não apenas"},
		"it": {"non solo", "non soltanto", "non solamente"},
		"ca": {"no només", "no sols"},
		"nl": {"niet alleen"},
		"uk": {"не тільки", "не лише"},
		"pl": {"nie tylko"},
		"sv": {"inte bara"},
		"da": {"ikke kun", "ikke bare"},
		"nb": {"ikke bare", "ikke kun"},
		"he": {"לא רק"},
		"ar": {"ليس فقط"},
		"hi": {"न केवल", "न सिर्फ"},
		"zh": {"不仅", "不僅", "不只", "不但"},
		"ja": {"だけでなく", "だけではなく"},
		"ko": {"뿐만 아니라"},
	}},
	{name: "not bad", always: true, phrases: map[string][]string{
		"en": {"not bad", "not too bad", "not so bad"},
		"es": {"no está mal", "no está nada mal", "nada mal"},
		"fr": {"pas mal", "pas trop mal"},
		"de": {"nicht schlecht", "nicht übel"},
		"ru": {"не плохо", "неплохо"},
		"pt": {"nada mal", "não está mal", "não é mau"},
		"it": {"non male", "niente male", "non è male"},
		"ca": {"no està malament"},
		"nl": {"niet slecht"},
		"uk": {"не погано", "непогано"},
		"pl": {"nie najgorzej", "nieźle"},
		"sv": {"inte dåligt"},
		"da": {"ikke dårligt"},
		"nb": {"ikke dårlig"},
		"tr": {"fena değil"},
		"he": {"לא רע"},
		"zh": {"不错", "不錯"},
		"ja": {"悪くない"},
		"ko": {"나쁘지 않"},
	}},
	{name: "no doubt", always: true, phrases: map[string][]string{
		"en": {"no doubt", "without a doubt"},
		"es": {"sin duda", "no cabe duda", "no hay duda"},
		"fr": {"sans aucun doute", "sans doute", "nul doute", "aucun doute"},
		"de": {"ohne zweifel", "kein zweifel", "keine frage", "zweifellos"},
		"ru": {"без сомнения", "нет сомнений", "несомненно"},
		"pt": {"sem dúvida", "não há dúvida"},
		"it": {"senza dubbio", "non c'è dubbio", "nessun dubbio"},
		"nl": {"zonder twijfel", "geen twijfel"},
		"pl": {"bez wątpienia", "nie ma wątpliwości"},
		"zh": {"毫无疑问", "毫無疑問"},
	}},
	{name: "no matter", always: true, phrases: map[string][]string{
		"en": {"no matter"},
		"es": {"no importa cómo", "no importa qué", "no importa lo que", "no importa cuánto", "no importa dónde", "no importa quién", "no importa cuándo", "sin importar"},
		"fr": {"n'importe", "peu importe"},
		"de": {"egal wie", "egal was", "egal ob", "egal wo", "ganz gleich"},
		"ru": {"неважно как", "неважно что", "не важно как", "не важно что", "независимо"},
		"pt": {"não importa como", "não importa o que", "não importa quanto", "independentemente"},
		"it": {"non importa come", "non importa cosa", "non importa quanto", "a prescindere"},
		"zh": {"无论", "無論", "不管", "不论", "不論"},
	}},
	{name: "why not", always: true, phrases: map[string][]string{
		"en": {"why not"},
		"es": {"por qué no"},
		"fr": {"pourquoi pas"},
		"de": {"warum nicht"},
		"ru": {"почему бы и нет", "почему бы нет", "почему нет"},
		"pt": {"por que não", "porque não"},
		"it": {"perché no", "perché non"},
		"nl": {"waarom niet"},
		"pl": {"czemu nie", "dlaczego nie"},
		"uk": {"чому б і ні", "чому ні"},
		"zh": {"为什么不", "為什麼不", "何不"},
	}},
	// Tag questions ask for agreement and negate nothing: "isn't it?",
	// "¿no?", "né?", "nicht wahr?". Their family is their own.
	{name: "tag question", family: "tag", phrases: map[string][]string{
		"en": {"isn't it?", "aren't you?", "don't you?", "doesn't it?", "didn't you?", "won't you?", "right?"},
		"es": {"¿no?", "¿verdad?", "¿no es así?"},
		"fr": {"n'est-ce pas ?", "n'est-ce pas?", "non ?", "non?", "hein ?", "hein?"},
		"de": {"nicht wahr?", "oder?", "ne?", "gell?"},
		"ru": {"не так ли?", "правда?", "да?"},
		"pt": {"né?", "não é?", "não é verdade?", "certo?"},
		"it": {"non è vero?", "vero?", "no?"},
	}},
	{name: "apology", always: true, local: true, phrases: map[string][]string{
		"zh": {"不好意思"},
		"ja": {"すみません", "申し訳ありません", "申し訳ない", "申し訳ございません"},
	}},
	// Words that hold a marker and mean something else: 不过 (but), 了不起
	// (amazing), 差不多 (about), 不断 (constantly), 不少 (many), 未来
	// (future), the words of 别 that are not "don't" (特别, special;
	// 区别, difference; 别人, others); Japanese 少ない, 危ない (few,
	// dangerous) and 行きませんか (shall we go?).
	{name: "words", always: true, local: true, phrases: map[string][]string{
		"zh": {"不过", "不過", "了不起", "差不多", "不断", "不斷", "不少", "未来", "未來",
			"特别", "特別", "区别", "區別", "分别", "分別", "告别", "告別", "级别", "級別", "类别", "類別",
			"个别", "個別", "识别", "識別", "性别", "性別", "差别", "差別", "别人", "別人", "别的", "別的"},
		"ja": {"ませんか", "少な", "危な", "未来"},
	}},
}

// idiomGroup is one meaning of negationIdioms.
type idiomGroup struct {
	name string
	// family names the groups whose phrases translate into each other.
	family string
	// always: the group's phrases negate nothing in any language.
	always bool
	// local: words of one script, with no counterpart in others.
	local   bool
	phrases map[string][]string
}

// idiom is one phrase of negationIdioms as it is looked for.
type idiom struct {
	text  string
	group *idiomGroup
}

// idioms are the phrases of negationIdioms per language, English ones in
// every spelling (englishForms), longest first, so that "no hay ningún
// problema" is set aside whole before "ningún problema" could be.
var idioms = func() map[string][]idiom {
	m := map[string][]idiom{}
	for i := range negationIdioms {
		g := &negationIdioms[i]
		for lang, phrases := range g.phrases {
			for _, p := range phrases {
				forms := []string{p}
				if lang == "en" {
					forms = englishForms(p)
				}
				for _, f := range forms {
					m[lang] = append(m[lang], idiom{text: f, group: g})
				}
			}
		}
	}
	for _, list := range m {
		slices.SortFunc(list, func(a, b idiom) int {
			return cmp.Or(cmp.Compare(len(b.text), len(a.text)), strings.Compare(a.text, b.text), strings.Compare(a.group.name, b.group.name))
		})
	}
	return m
}()

// contractions are the other spellings of English contracted words, as
// chat writes them: "don't" is also "do not" and "dont".
var contractions = map[string][]string{
	"can't": {"cannot", "can not", "cant"}, "won't": {"will not", "wont"}, "shan't": {"shall not", "shant"},
	"you're": {"you are", "youre"}, "it's": {"it is", "its"}, "that's": {"that is", "thats"},
	"i'm": {"i am", "im"},
}

// englishForms are the spellings of an English phrase: every word with
// "n't" also written "… not" and without the apostrophe ("couldn't agree
// more": "could not agree more", "couldnt agree more").
func englishForms(p string) []string {
	forms := []string{""}
	for i, w := range strings.Fields(p) {
		spellings := []string{w}
		if alt, ok := contractions[w]; ok {
			spellings = append(spellings, alt...)
		} else if base, ok := strings.CutSuffix(w, "n't"); ok {
			spellings = append(spellings, base+" not", base+"nt")
		}
		var next []string
		for _, f := range forms {
			for _, sp := range spellings {
				if i > 0 {
					sp = " " + sp
				}
				next = append(next, f+sp)
			}
		}
		forms = next
	}
	return forms
}

// idiomAt reports whether the phrase p occurs in s at byte i as words of
// their own: no letter right before it or, but for Korean, whose endings
// follow a stem ("문제없어요"), right after it. Chinese and Japanese write
// no spaces: a phrase counts anywhere.
func idiomAt(s, p string, i int, lang string) bool {
	if lang == "zh" || lang == "ja" {
		return true
	}
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.M, r) || r == '\'' }
	first, _ := utf8.DecodeRuneInString(p)
	if before, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && wordRune(first) && wordRune(before) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if after, _ := utf8.DecodeRuneInString(s[i+len(p):]); lang != "ko" && i+len(p) < len(s) && wordRune(last) && wordRune(after) {
		return false
	}
	return true
}

// eachIdiom calls f with the byte offset of every occurrence of p in s
// as words of their own.
func eachIdiom(s, p, lang string, f func(i int)) {
	for from := 0; from < len(s); {
		j := strings.Index(s[from:], p)
		if j < 0 {
			return
		}
		if i := from + j; idiomAt(s, p, i, lang) {
			f(i)
			from = i + len(p)
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			from = i + size
		}
	}
}

// idiomFamilies are the families of the phrases of negationIdioms that s
// (lower case, apostrophes plain) holds.
func idiomFamilies(s, lang string) map[string]bool {
	out := map[string]bool{}
	for _, id := range idioms[lang] {
		if id.group.family == "" || out[id.group.family] {
			continue
		}
		eachIdiom(s, id.text, lang, func(int) { out[id.group.family] = true })
	}
	return out
}

// removeIdioms blanks the phrases of s that negate nothing here: those of
// a group marked always, and those of a family that other holds. It
// returns the text and the phrases set aside that held a marker.
func removeIdioms(s, lang string, other map[string]bool) (string, []string) {
	var aside []string
	for _, id := range idioms[lang] {
		if !id.group.always && !other[id.group.family] || !strings.Contains(s, id.text) {
			continue
		}
		var b strings.Builder
		last := 0
		eachIdiom(s, id.text, lang, func(i int) {
			b.WriteString(s[last:i])
			b.WriteByte(' ')
			last = i + len(id.text)
		})
		if last == 0 {
			continue
		}
		b.WriteString(s[last:])
		if n, _ := negations(id.text, lang); n > 0 && !id.group.always && !slices.Contains(aside, id.text) {
			aside = append(aside, id.text)
		}
		s = b.String()
	}
	return s, aside
}

// clauseEnds separate clauses: a negation is counted once per clause.
const clauseEnds = ",;:.!?¿¡\n，、；：。！？…؟،"

// negations counts the clauses of s (lower case, apostrophes plain:
// normalised) that hold a negation marker of lang, and ok is false when
// there is no list for lang.
func negations(s, lang string) (n int, ok bool) {
	words, wordsOK := negationWords[lang]
	stems, stemsOK := negationStems[lang]
	if !wordsOK && !stemsOK {
		return 0, false
	}
	dense := lang == "zh" || lang == "ja"
	for _, clause := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(clauseEnds, r) }) {
		if dense {
			if containsAny(clause, stems...) {
				n++
			}
			continue
		}
		if clauseNegates(clause, lang, words, stems) && !restrictive(clause, lang) {
			n++
		}
	}
	return n, true
}

// clauseNegates reports whether a clause of a language that writes spaces
// holds a negation: a word of the list, an English "n't", a French "n'",
// or a stem inside a word.
func clauseNegates(clause, lang string, words, stems []string) bool {
	if lang == "ko" && containsAny(clause, "지 마", "지마") {
		return true
	}
	for _, tok := range strings.FieldsFunc(clause, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && r != '\''
	}) {
		if lang == "en" && strings.HasSuffix(tok, "n't") || lang == "fr" && strings.HasPrefix(tok, "n'") {
			return true
		}
		for _, w := range words {
			if tok == w {
				return true
			}
			for _, c := range clitics[lang] {
				if strings.TrimPrefix(tok, c) == w {
					return true
				}
			}
		}
		for _, st := range negationWholeStems[lang] {
			if tok == st {
				return true
			}
		}
		for _, st := range stems {
			if strings.Contains(tok, st) {
				return true
			}
		}
	}
	return false
}

// restrictive reports a French clause whose only negation is "ne … que",
// which means "only" ("je n'ai que 5 euros"), not "not".
func restrictive(clause, lang string) bool {
	if lang != "fr" {
		return false
	}
	toks := tokens(clause)
	que := false
	for _, t := range toks {
		switch {
		case t == "que" || strings.HasPrefix(t, "qu'"):
			que = true
		case t != "ne" && !strings.HasPrefix(t, "n'") && slices.Contains(negationWords["fr"], t):
			return false // "ne … pas que", "ne … jamais que"
		}
	}
	return que
}

// Short texts. A set phrase that no list has ("Don't mention it" →
// "Ganz meinerseits") is all there is to a short message, and the lists
// cannot be sure of it: a source of fewer than shortNegationWords words
// whose translation lost its negation is at least shortNegationValue,
// which alone is a warning (70), not a flag.
const (
	shortNegationWords = 6
	shortNegationValue = 0.25
)

// negation compares the negations of source and translation: a source
// that negates and a translation with no negation at all is value 0 (a
// short source shortNegationValue), one with fewer negated clauses loses
// in proportion up to half, and a translation that negates where the
// source does not is negationAdded. Set phrases are set aside first
// (negationIdioms). Neutral when either language has no list.
func negation(in *input) api.Signal {
	sg := api.Signal{Name: SignalNegation, Value: 1}
	src := apostrophes.Replace(strings.ToLower(in.srcEnt.rest))
	tr := apostrophes.Replace(strings.ToLower(in.trEnt.rest))
	_, okS := negations("", in.sourceBase)
	_, okT := negations("", in.targetBase)
	switch {
	case !okS || !okT:
		sg.Reason = "neutral: no negation words for " + languagesWithout(in, okS, okT)
		return sg
	case in.sourceBase == in.targetBase:
		sg.Reason = "neutral: source and target are the same language"
		return sg
	}
	famS, famT := idiomFamilies(src, in.sourceBase), idiomFamilies(tr, in.targetBase)
	src, asideS := removeIdioms(src, in.sourceBase, famT)
	tr, asideT := removeIdioms(tr, in.targetBase, famS)
	ns, _ := negations(src, in.sourceBase)
	nt, _ := negations(tr, in.targetBase)
	sg.Weight = WeightNegation
	switch {
	case ns > 0 && nt == 0:
		sg.Value = 0
		sg.Reason = fmt.Sprintf("the source negates (%s) and the translation does not: the meaning may be reversed", plural(ns, "clause"))
		if n := sourceWords(in); n < shortNegationWords {
			sg.Value = shortNegationValue
			sg.Reason += fmt.Sprintf(" (a short message, %s: a set phrase may say it without a negation)", plural(n, "word"))
		}
	case nt < ns:
		sg.Value = round2(1 - 0.5*float64(ns-nt)/float64(ns))
		sg.Reason = fmt.Sprintf("the source negates in %s, the translation in %d", plural(ns, "clause"), nt)
	case ns == 0 && nt > 0:
		sg.Value = negationAdded
		sg.Reason = fmt.Sprintf("the translation negates (%s) where the source does not", plural(nt, "clause"))
	case ns == 0:
		sg.Reason = "neither text negates"
	default:
		sg.Reason = fmt.Sprintf("the source negates in %s, the translation in %d", plural(ns, "clause"), nt)
	}
	if aside := append(quoted(asideS), quoted(asideT)...); len(aside) > 0 {
		sg.Reason += "; set phrases that say the same on both sides set aside: " + listShort(aside)
	}
	return sg
}

// sourceWords counts the words of the source; two Han, kana or Hangul
// characters make one.
func sourceWords(in *input) int {
	n, dense := 0, 0
	for _, w := range in.srcWords {
		if w.dense {
			dense++
		} else {
			n++
		}
	}
	return n + (dense+1)/2
}

// quoted quotes each of phrases.
func quoted(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = fmt.Sprintf("%q", p)
	}
	return out
}

// languagesWithout names the languages of in that have no list.
func languagesWithout(in *input, okS, okT bool) string {
	var out []string
	if !okS {
		out = append(out, cmp.Or(in.sourceLang, "an unknown source language"))
	}
	if !okT {
		out = append(out, in.targetLang)
	}
	return strings.Join(out, " and ")
}

// plural writes a count with its noun: "1 clause", "2 clauses".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
