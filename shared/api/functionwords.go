package api

import "strings"

// FunctionWords are frequent function words of languages that share the
// Latin script, enough to tell a text in one from a text in another
// without a model: translate's check guesses a whole answer's language
// with them, quality finds a sentence left in the source language. They
// are read only.
var FunctionWords = map[string]map[string]bool{
	"en": wordSet("the and is are was were be been have has had this that with you your for not of to it will would can what why how there their they we our me my from about just because do does here i am it's i'm don't please thanks yes all now today tomorrow see you're or but if"),
	"es": wordSet("el la los las un una y a que de en es por para con no se su lo al del muy pero como está estoy son yo tú usted nosotros este esta eso hola gracias más también porque cuando todos hoy cómo están qué mañana ahora aquí bien sí hay tiene tengo puedo puedes eres soy ser hacer vamos nada algo mi mis voy"),
	"fr": wordSet("le la les un une des et est que qui de du en pour pas ne je tu vous nous il elle ce cette avec sur dans mais très à au aux voici suis sont être avoir c'est j'ai aujourd'hui demain oui merci bonjour tout tous faire ici comment"),
	"de": wordSet("der die das und ist nicht ich du sie wir ein eine zu mit auf für von den dem es im auch sich sehr aber wie wenn diese dieser hier bin sind hat haben so noch heute ja danke bitte alle jetzt kann wird ihr mein dein guten"),
	"it": wordSet("il lo la gli le un una e è che di da per con non si mi ti sono questo questa ma anche molto come del della ho hai ha siamo io oggi domani grazie ciao sì tutti ora qui cosa perché sei siete"),
	"pt": wordSet("o a os as um uma e é que de do da em no na para com não se por mas muito como eu você isso este esta está estou são obrigado também hoje amanhã obrigada olá sim agora aqui vocês estão tem tenho posso fazer nós"),
	"nl": wordSet("de het een en is van niet ik je jij wij zijn met voor op dat die dit maar ook heel hoe wat er naar bij hebben heeft vandaag dank hallo nee alle nu hier kan wordt we jullie mijn"),
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
