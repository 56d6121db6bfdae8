package api

import "strings"

// hanPairs lists frequent characters that simplified and traditional
// Chinese write differently, simplified first, in pairs. Only characters
// that the other variant never uses are listed: 后, 里, 干 and 台 are also
// traditional characters of their own ("queen", a unit of length, ...)
// and would misjudge traditional text. A few hundred pairs cover most
// chat sentences that differ at all; a text with none of them is
// neutral, not proof of either script.
const hanPairs = "们們会會发發这這说說个個来來时時为為国國对對过過还還没沒问問经經见見话話让讓给給开開关關现現" +
	"从從东東动動学學长長实實点點种種进進题題报報谁誰吗嗎边邊应應该該电電样樣认認间間头頭无無当當两兩" +
	"请請谢謝书書买買卖賣钱錢车車门門机機网網决決难難觉覺历歷华華计計单單马馬写寫帮幫气氣业業员員" +
	"办辦场場团團级級节節线線总總组組约約处處语語议議读讀论論页頁图圖条條飞飛欢歡爱愛热熱岁歲号號" +
	"师師医醫际際导導视視运運达達连連选選远遠错錯钟鐘阳陽队隊务務变變传傳众眾优優伤傷紧緊红紅" +
	"结結统統绝絕续續维維习習乐樂亲親产產轻輕较較输輸转轉软軟区區卫衛双雙响響园園围圍坏壞块塊声聲" +
	"备備够夠宝寶将將层層币幣张張归歸录錄态態怀懷恶惡惊驚战戰担擔换換断斷旧舊显顯杂雜权權极極" +
	"构構标標检檢楼樓汉漢测測满滿灯燈烦煩爷爺状狀独獨猫貓环環画畫疗療盘盤确確码碼礼禮离離积積称稱稳穩" +
	"笔筆简簡类類纸紙细細练練终終绍紹络絡继繼罗羅职職联聯脑腦艺藝获獲虑慮补補装裝规規览覽讨討训訓" +
	"记記讲講许許设設访訪证證评評识識诉訴试試详詳误誤调調谈談负負责責质質购購费費资資赛賽赶趕轮輪迟遲" +
	"邮郵铁鐵银銀闻聞阶階陆陸险險随隨顺順须須顾顧预預领領频頻颜顏风風饭飯验驗鱼魚鸟鳥齐齊龙龍妈媽"

// hanVariant maps each listed character to 'S' (simplified only) or 'T'
// (traditional only).
var hanVariant = func() map[rune]byte {
	m := map[rune]byte{}
	rs := []rune(hanPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] == rs[i+1] {
			continue
		}
		m[rs[i]], m[rs[i+1]] = 'S', 'T'
	}
	return m
}()

// HanVariants counts the characters of s that only simplified Chinese
// writes (们, 发, 这) and those that only traditional Chinese writes (們,
// 發, 這), from a table of frequent ones. Both are 0 for a text that the
// two write alike ("你好", "我明天早上") and for text in no Chinese.
func HanVariants(s string) (simplified, traditional int) {
	for _, r := range s {
		switch hanVariant[r] {
		case 'S':
			simplified++
		case 'T':
			traditional++
		}
	}
	return simplified, traditional
}

// ScriptChanges reports whether text, written in source, must change to
// be written in target, a tag of the same language in another script: a
// change of script (zh-Hans to zh-Hant, sr-Latn to sr-Cyrl) is a
// translation (SameWriting), and an answer identical to such a message is
// a copy, unless the text is one that both scripts write alike. For
// Chinese that is decided by HanVariants: a text without any character
// that the target writes otherwise ("你好", "我明天早上") is already in
// the target's script. It is false for the same writing and for tags of
// different languages (whether those change is no question of script).
func ScriptChanges(text, source, target string) bool {
	ss, ts, sameBase, ok := writings(source, target)
	if !ok || !sameBase || ss == ts {
		return false
	}
	simplified, traditional := HanVariants(text)
	switch ss.String() + "-" + ts.String() {
	case "Hans-Hant":
		return simplified > 0
	case "Hant-Hans":
		return traditional > 0
	}
	return true // another pair of scripts (sr-Cyrl, sr-Latn): every letter changes
}

// japaneseHan are the characters of hanPairs that Japanese writes too:
// simplified forms that are also Japanese ones (会, 国, 学, 点, 写) and
// 没, which Japanese writes in 没収 and 出没. A text that has them may
// well be Japanese.
const japaneseHan = "会来国学点当号区双声旧担断画礼称将独状医宝条写灯机猫楼装随没"

// chineseOnly are frequent characters that Chinese writes and Japanese
// does not: traditional forms whose Japanese form is the simplified one or
// another (會, 國, 發, 說, 讀), pronouns and particles (您, 她, 吗, 呢,
// 吧, 啊, 嘛, 么, 麼).
const chineseOnly = "們這說會來國學點當發對經實氣總變圖讀沒嗎麼么您她咱吗呢吧啊嘛哦呀啦"

// chineseFunction are Chinese function characters that Japanese writes
// too, in words of its own (的 in 目的 and 経済的, 了 in 終了, 在 in 現在,
// 都 in 東京都): one of them proves nothing, two do.
const chineseFunction = "的了是在和也都就"

// japaneseWords are Japanese words with a character of chineseFunction:
// the character does not count there.
var japaneseWords = []string{
	"目的", "的確", "的中", "終了", "完了", "了解", "了承", "修了", "満了",
	"是非", "是正", "現在", "存在", "在住", "在庫", "在宅", "滞在", "所在", "不在", "健在", "在籍", "在学", "在日", "駐在", "実在", "潜在",
	"平和", "和食", "和風", "令和", "昭和", "調和", "緩和", "和解", "大和", "和室", "和服", "飽和", "中和", "違和",
	"京都", "都市", "首都", "都内", "都心", "都道府県", "都合", "都度", "都庁", "都知事", "都立", "都会",
	"就職", "就任", "成就", "就業", "就活", "就寝",
}

// ChineseNotJapanese reports whether s, a text of Han characters (with no
// kana: a Japanese sentence almost always has some), shows itself as
// Chinese rather than as Japanese written in kanji only (a headline or
// notice: "年次株主総会開催。", "東京駅八重洲中央口前集合。"): a character
// only simplified Chinese writes that Japanese does not (这, 说, 们, 开;
// not 会 or 国, which Japanese writes alike), a character chineseOnly
// lists, or two Chinese function characters (的, 了, 是, 在, 和, 也, 都,
// 就) outside Japanese words that hold them. A language detector cannot
// tell kanji-only Japanese from Chinese: it names Chinese.
func ChineseNotJapanese(s string) bool {
	rs := []rune(s)
	function := 0
	for i, r := range rs {
		switch {
		case hanVariant[r] == 'S' && !strings.ContainsRune(japaneseHan, r),
			strings.ContainsRune(chineseOnly, r):
			return true
		case strings.ContainsRune(chineseFunction, r) && !inWord(rs, i, japaneseWords):
			function++
			if function >= 2 {
				return true
			}
		}
	}
	return false
}

// inWord reports whether the character rs[i] is part of one of words.
func inWord(rs []rune, i int, words []string) bool {
	for _, w := range words {
		wr := []rune(w)
		for k, c := range wr {
			if c != rs[i] || i-k < 0 || i-k+len(wr) > len(rs) {
				continue
			}
			if string(rs[i-k:i-k+len(wr)]) == w {
				return true
			}
		}
	}
	return false
}
