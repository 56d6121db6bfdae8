package apertium

import "testing"

func TestSenseEdits(t *testing.T) {
	tests := []struct {
		name, source, target, sourceText, in, want string
	}{
		{"build", "en", "es", "the build failed", "la complexión falló", "la compilación falló"},
		{"a restaurant's menu", "fr", "en", "on peut avoir la carte ?", "can we have the map?", "can we have the menu?"},
		{"a bank card stays", "fr", "en", "tu as ta carte bancaire ?", "do you have your banking map?", "do you have your banking map?"},
		{"dessert, regendered", "pt", "es", "a sobremesa estava ótima", "la sobremesa estaba óptima", "el postre estaba genial"},
		{"nuts, allergic", "en", "es", "I'm allergic to nuts", "Soy alérgico a tuercas", "Soy alérgico a frutos secos"},
		{"nuts and bolts stay", "en", "es", "nuts and bolts", "tuercas y pernos", "tuercas y pernos"},
		{"waiter", "es", "pt", "la camarera", "a camarera", "a empregada"},
		{"builds, capitals", "en", "es", "BUILDS", "LAS COMPLEXIONES", "LAS COMPILACIONES"},
		{"first letter", "en", "es", "Builds fail", "Complexiones fallan", "Compilaciones fallan"},
		{"complexion stays", "en", "es", "a build and a complexion", "una complexión", "una complexión"},
		{"from Spanish stays", "fr", "es", "la complexion", "la complexión", "la complexión"},
		{"Catalan", "en", "ca", "the builds", "les complexions", "les compilacions"},
		{"a person's legs", "en", "es", "I broke my leg", "Rompí mi pata", "Rompí mi pierna"},
		{"a table's leg stays", "en", "es", "the table leg is broken", "la pata de mesa está rota", "la pata de mesa está rota"},
		{"a match in Catalan", "en", "ca", "the match starts at eight", "el matx arrenca", "el partit arrenca"},
		{"a match in Portuguese", "es", "pt", "hoy hay partido", "hoje há partido", "hoje há jogo"},
		{"broken stays partido", "es", "pt", "el vaso está partido", "o copo está partido", "o copo está partido"},
		{"a French match", "fr", "en", "on a perdu le match", "we've lost the party", "we've lost the match"},
		{"the gym", "pt", "en", "vou ao ginásio", "I go to the gymnasium", "I go to the gym"},
		{"train", "es", "en", "hoy tengo que entrenar", "today I have to coach", "today I have to train"},
		{"tired out", "fr", "es", "je suis crevée", "estoy apurada", "estoy agotada"},
		{"tired out, English", "fr", "en", "je suis épuisé", "I'm apurado", "I'm exhausted"},
		{"rent", "es", "en", "¿cuánto pagas de alquiler?", "how much you pay for hire?", "how much you pay for rent?"},
		{"raise the rent", "fr", "en", "il veut augmenter le loyer", "he wants to augment the hire", "he wants to raise the rent"},
		{"a flat", "es", "en", "las llaves del piso nuevo", "the keys of the new floor", "the keys of the new flat"},
		{"a floor stays", "es", "en", "vivo en el tercer piso", "I live in the third floor", "I live in the third floor"},
		{"landlord", "pt", "es", "o senhorio", "el señorío", "el casero"},
		{"washing machine", "en", "pt", "the washing machine doesn't fit", "a lavadora não cabida", "a máquina de lavar não cabe"},
		{"soon", "es", "en", "vamos a mudarnos pronto", "we'll move prompt", "we'll move soon"},
		{"moving house in French", "es", "fr", "la mudanza", "le revirement", "le déménagement"},
		{"bake", "en", "es", "I'll bake a cake", "Coceré un pastel", "Hornearé un pastel"},
		{"boil stays", "en", "es", "boil the rice", "cuece el arroz", "cuece el arroz"},
		{"a gift", "pt", "es", "obrigado pelo presente", "gracias por el presente", "gracias por el regalo"},
		{"ice", "es", "fr", "hay que comprar hielo", "il faut acheter gel", "il faut acheter glace"},
		{"candles", "en", "fr", "the candles", "les voiles", "les bougies"},
		{"a size", "en", "es", "they didn't have your size", "no tuvieron vuestra medida", "no tuvieron vuestra talla"},
		{"the size of a file stays", "en", "es", "the size of the file", "la medida del archivo", "la medida del archivo"},
		{"a size in Catalan", "en", "ca", "what's your size?", "la teva mida", "la teva talla"},
		{"a card", "en", "es", "I paid with card", "Pagué con carta", "Pagué con tarjeta"},
		{"playing cards stay", "en", "es", "let's play cards", "jugamos a las cartas", "jugamos a las cartas"},
		{"a card in Catalan", "en", "ca", "I paid by card", "Vaig pagar amb carta", "Vaig pagar amb targeta"},
		{"cash", "es", "en", "no tengo efectivo", "I don't have effective", "I don't have cash"},
		{"effective stays", "es", "en", "el método es efectivo", "the method is effective", "the method is effective"},
		{"bags", "pt", "en", "esqueci-me dos sacos", "I forgot the sacks", "I forgot the bags"},
		{"a bed in Catalan", "en", "ca", "I have to stay in bed", "Haig de quedar en jaç", "Haig de quedar en llit"},
		{"a pill", "pt", "en", "já tomaste o comprimido?", "did you already take the compressed?", "did you already take the pill?"},
		{"sick", "es", "en", "hoy estoy malo", "today I'm bad", "today I'm sick"},
		{"a bad plan stays", "es", "en", "el plan es malo", "the plan is bad", "the plan is bad"},
		{"a doctor's appointment", "en", "pt", "I have a doctor's appointment", "Tenho cita com o médico", "Tenho consulta com o médico"},
		{"homework", "es", "en", "¿has hecho los deberes?", "have you done the duties?", "have you done the homework?"},
		{"failed", "es", "en", "la niña ha suspendido matemáticas", "the girl has suspended mathematical", "the girl has failed maths"},
		{"a match suspended stays", "es", "en", "el partido se ha suspendido", "the match has been suspended", "the match has been suspended"},
		{"French kids", "fr", "en", "les enfants sont là", "the boys are there", "the kids are there"},
		{"link", "es", "pt", "el enlace", "o enlace não funciona", "o link não funciona"},
		{"links from English", "en", "pt", "the links", "os Enlaces", "os Links"},
		{"a word inside stays", "es", "pt", "enlaces", "enlacesx", "enlacesx"},
		{"no target", "en", "fr", "the build", "la complexion", "la complexion"},
		{"late", "es", "en", "llegaré atrasado", "I'll arrive retarded", "I'll arrive late"},
		{"late, capital", "pt", "en", "atrasado", "Retarded", "Late"},
		{"address", "en", "fr", "send me the address", "envoie-moi la direction", "envoie-moi l'adresse"},
		{"address, capitals", "en", "fr", "THE ADDRESS", "LA DIRECTION", "L'ADRESSE"},
		{"direction stays", "en", "fr", "the direction", "la direction", "la direction"},
		{"dashboard", "en", "es", "check the dashboards", "controla los salpicaderos", "controla los paneles"},
		{"bug", "en", "ca", "a bug", "un insecte", "un error"},
		{"insect stays", "en", "ca", "an insect", "un insecte", "un insecte"},
		{"bug after an elided article", "en", "ca", "fix the bug", "arranja l'insecte", "arranja l'error"},
		{"bugs after an elided preposition", "en", "ca", "a list of bugs", "una llista d'insectes", "una llista d'errors"},
		{"link, elided", "en", "ca", "share the link", "comparteix el nexe", "comparteix l'enllaç"},
		{"link and mail from French", "fr", "es", "le lien de ton mail", "el vínculo de tu mail", "el enlace de tu correo"},
		{"bond of kin stays", "fr", "es", "un lien de parenté", "un vínculo de parentesco", "un vínculo de parentesco"},
		{"late in French", "es", "fr", "la reunión está retrasada", "la réunion est arriérée", "la réunion est en retard"},
		{"arrears stay", "en", "fr", "the arrears", "les arriérés", "les arriérés"},
		{"flaky", "en", "es", "the tests are flaky", "las pruebas son escamosas", "las pruebas son inestables"},
		{"flaky skin stays", "en", "es", "flaky skin", "piel escamosa", "piel escamosa"},
		{"keys, the article regendered", "en", "es", "the keys", "Los tonos", "Las llaves"},
		{"a key", "en", "es", "a key", "un tono", "una llave"},
		{"key after two words", "en", "es", "a copy of the key", "una copia del tono", "una copia de la llave"},
		{"my keys", "en", "es", "my keys", "mis tonos", "mis llaves"},
		{"a tone stays", "en", "es", "a friendly tone", "un tono amable", "un tono amable"},
		{"an API key stays", "en", "es", "the API key", "la API el tono", "la API el tono"},
		{"cancelled", "en", "es", "was cancelled", "fue anulada", "fue cancelada"},
		{"turn on, when the source says it", "es", "en", "no enciende", "it doesn't light", "it doesn't turn on"},
		{"a light stays", "es", "en", "enciende la luz", "light the light", "light the light"},
		{"an appointment", "es", "en", "cita con el médico", "date with the doctor", "appointment with the doctor"},
		{"a date stays", "es", "en", "tengo una cita", "I have a date", "I have a date"},
		{"flaky in Catalan", "en", "ca", "a flaky test", "una prova escamosa", "una prova inestable"},
		{"lunch", "es", "en", "después del almuerzo", "after the breakfast", "after the lunch"},
		{"breakfast stays", "es", "en", "el desayuno", "the breakfast", "the breakfast"},
		{"lunch from Portuguese", "pt", "en", "o almoço", "The breakfast", "The lunch"},
		{"breakfast in Portugal stays", "pt", "en", "o pequeno-almoço", "the breakfast", "the breakfast"},
		{"moved", "fr", "en", "la réunion a été déplacée", "the meeting has been displaced", "the meeting has been moved"},
		{"away", "es", "en", "estaré ausente", "I'll be absentee", "I'll be away"},
		{"settings", "en", "es", "open settings", "abre encuadres", "abre ajustes"},
		{"settings in French", "es", "fr", "los ajustes", "les ajustages", "les réglages"},
		{"team", "es", "en", "el equipo", "the squad", "the team"},
		{"crashes", "fr", "en", "l'appli plante", "the app plants", "the app crashes"},
		{"invoice", "es", "en", "envío la factura", "I'll send the bill", "I'll send the invoice"},
		{"the bill stays", "es", "en", "la cuenta, por favor", "the bill, please", "the bill, please"},
		{"refugees stay", "es", "en", "los refugiados desplazados", "the displaced refugees", "the displaced refugees"},
		{"an order", "en", "es", "where is my order?", "¿dónde está mi orden?", "¿dónde está mi pedido?"},
		{"the order of things stays", "en", "es", "the order of the steps", "el orden de los pasos", "el orden de los pasos"},
		{"an order, Catalan", "en", "ca", "your order", "el teu ordre", "la teva comanda"},
		{"a request is an order", "es", "en", "hice un pedido", "I placed a request", "I placed an order"},
		{"a request stays", "es", "en", "hice una petición", "I made a request", "I made a request"},
		{"package", "en", "es", "the package", "el envase", "el paquete"},
		{"shipping", "es", "en", "el envío", "the sending", "the shipping"},
		{"breakfast", "en", "es", "is breakfast included?", "¿es el almuerzo incluido?", "¿es el desayuno incluido?"},
		{"booked", "es", "en", "ya reservé el hotel", "I already reserved the hotel", "I already booked the hotel"},
		{"asleep", "es", "en", "los niños ya están dormidos", "the boys are already slept", "the kids are already asleep"},
		{"slept stays", "es", "en", "he dormido mal", "I have slept badly", "I have slept badly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := applyEdits(tt.in, senseEdits(tt.sourceText, tt.source, tt.target, proseWordsOf(tt.in)))
			if got != tt.want {
				t.Errorf("senseEdits(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if tt.in != tt.want && !mayHaveSense(tt.in, tt.target) {
				t.Errorf("mayHaveSense(%q, %s) = false", tt.in, tt.target)
			}
		})
	}
	// A link, as a link, is not prose.
	in := "o enlace https://example.com/enlace"
	if got := applyEdits(in, senseEdits("el enlace", "es", "pt", proseWordsOf(in))); got != "o link https://example.com/enlace" {
		t.Errorf("senseEdits(%q) = %q", in, got)
	}
}

func TestSensesThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "eng-cat", "es-pt", "es-fr", "spa-eng", "pt-es", "fr-es")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, target, text, want string }{
		{"en", "es", "we have a problem with the build", "la compilación"},
		{"en", "ca", "the build failed", "la compilació"},
		{"es", "pt", "¿puedes enviarme el enlace?", "o link"},
		{"en", "pt", "send me the links", "os links"},
		// Through Spanish, before its second mode.
		{"en", "fr", "the build is broken", "la compilation"},
		{"en", "pt", "the build failed again", "a compilação"},
		{"en", "fr", "can you send me the address?", "l'adresse"},
		{"en", "es", "check the dashboard", "el panel"},
		{"en", "ca", "I found a bug", "un error"},
		{"fr", "es", "je t'envoie le lien", "el enlace"},
		{"en", "fr", "the train is delayed", "en retard"},
		{"en", "es", "the tests are flaky again", "inestables"},
		{"en", "ca", "the tests are flaky", "inestables"},
		{"en", "pt", "the tests are flaky", "instáveis"},
		{"en", "fr", "the tests are flaky", "instables"},
		{"pt", "en", "vejo isso depois do almoço", "after lunch"},
		{"es", "en", "nos vemos después del almuerzo", "after lunch"},
		{"fr", "en", "la réunion a été déplacée à demain", "moved"},
		{"fr", "en", "je serai absent cet après-midi", "away"},
		{"en", "fr", "I can't find the settings", "réglages"},
		{"pt", "en", "falei com a equipa", "the team"},
		{"en", "es", "where is my order?", "mi pedido"},
		{"en", "ca", "your order has shipped", "la teva comanda"},
		{"es", "en", "mi pedido todavía no ha llegado", "my order"},
		{"fr", "es", "ma commande est prête", "mi pedido"},
		{"en", "fr", "my order hasn't arrived yet", "ma commande"},
		{"en", "es", "the package is here", "el paquete"},
	} {
		checkFixThroughApertium(t, e, plain, tt.source, tt.target, tt.text, tt.want)
	}
}
