package apertium

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/entity"
)

func TestEnglishWordOrder(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Yes/no questions: an auxiliary goes first, any other verb
		// asks with "do" in its tense and person.
		{"have the verb", "You have a minute?", "Do you have a minute?"},
		{"modal", "You can revise my PR?", "Can you revise my PR?"},
		{"be", "You are free tomorrow?", "Are you free tomorrow?"},
		{"third person", "It works now?", "Does it work now?"},
		{"past", "You finished?", "Did you finish?"},
		{"irregular past", "You saw the build?", "Did you see the build?"},
		{"have a participle", "You have seen my message?", "Have you seen my message?"},
		{"a participle like its present", "You have read the doc?", "Have you read the doc?"},
		{"read in the present", "Where you read it?", "Where do you read it?"},
		{"regular participle", "You have tried it?", "Have you tried it?"},
		{"I with a modal", "I can go in?", "Can I go in?"},
		{"I with be", "I am in the list?", "Am I in the list?"},
		{"somebody asks anyone", "Somebody has the link?", "Does anyone have the link?"},
		{"a request", "You send me the file when you can?", "Can you send me the file when you can?"},
		{"not a request without me", "You send the file?", "Do you send the file?"},
		{"negative", "It is not ready?", "Isn't it ready?"},
		{"negative have", "You have not seen it?", "Haven't you seen it?"},
		{"lower case", "ok, you have a minute?", "ok, do you have a minute?"},
		{"after a greeting and a name", "hi Ana, you have a minute?", "hi Ana, do you have a minute?"},
		{"second sentence", "Thanks. You can come tomorrow?", "Thanks. Can you come tomorrow?"},
		// Questions with a question word.
		{"question word", "Where you live?", "Where do you live?"},
		{"question word, third person", "When it starts?", "When does it start?"},
		{"question word, modal", "What you can do?", "What can you do?"},
		{"question word, do the verb", "How you do it?", "How do you do it?"},
		{"question word, negative", "Why it does not work?", "Why doesn't it work?"},
		{"question word and infinitive", "What you want to say?", "What do you want to say?"},
		// Indirect questions are written as statements.
		{"indirect", "I do not know where is the file", "I do not know where the file is"},
		{"indirect with the modes' it", "I do not know where it is the meeting.", "I do not know where the meeting is."},
		{"indirect in a question", "hi, somebody knows where is the document?", "hi, does anyone know where the document is?"},
		{"indirect, long phrase", "You know where is the documentation of the project?", "Do you know where the documentation of the project is?"},
		// A subject after its verb, the order of a Spanish clause.
		{"question word, be", "When it is the meeting?", "When is the meeting?"},
		{"question word, verb", "when it begins the meeting?", "when does the meeting begin?"},
		{"question word, negative", "Why it does not work the link?", "Why doesn't the link work?"},
		{"be and adjective, asked", "It is ready the report?", "Is the report ready?"},
		{"be and adjective, plural", "They are ready the reports?", "Are the reports ready?"},
		{"be and adjective, said", "it is ready the report", "the report is ready"},
		{"be and a place", "It was in a meeting", "It was in a meeting"},
		{"be and a place, asked", "It is at the office?", "Is it at the office?"},
		{"verb, asked", "It works the link?", "Does the link work?"},
		{"intransitive", "it does not work the link", "the link does not work"},
		{"intransitive, contraction", "It doesn't work the new link.", "The new link doesn't work."},
		{"intransitive, adverb after", "it failed the deploy again", "it failed the deploy again"},
		{"intransitive after a comma", "ok, it failed the deploy", "ok, the deploy failed"},
		{"an object stays", "it opens the door", "it opens the door"},
		{"what it is stays", "It was a strong fall", "It was a strong fall"},
		{"what it is stays, asked", "Is it a fall?", "Is it a fall?"},
		{"an object stays, asked", "It opens the door?", "Does it open the door?"},
		{"a mention stays", "it does not work the @ana link", "it does not work the @ana link"},
		// "already" after its subject.
		{"already", "already I fixed it", "I already fixed it"},
		{"already, be", "Already it is fixed", "It is already fixed"},
		{"already alone", "already done", "already done"},
		{"already, have before its object", "Already I have it, thanks", "I already have it, thanks"},
		{"already, have before the object", "already we have the data", "we already have the data"},
		{"already, have an auxiliary", "already I have sent it", "I have already sent it"},
		{"how much is no subject", "it is raining a lot", "it is raining a lot"},
		{"already in a question", "you already finished the report?", "did you already finish the report?"},
		{"already first in a question", "Already you saw it?", "Did you already see it?"},
		{"already with have in a question", "you have already finished?", "have you already finished?"},
		{"still in a question", "you are still here?", "are you still here?"},
		{"already in a statement, then a question", "already I fixed it, can you check?", "I already fixed it, can you check?"},
		// Days.
		{"day", "see you the Monday", "see you on Monday"},
		{"day after a preposition", "until the Friday", "until Friday"},
		{"day first", "The Friday?", "On Friday?"},
		// A subject said twice.
		{"subject again", "ok, I do it I", "ok, I do it"},
		{"subject again, asked", "you fix it you?", "do you fix it?"},
		// Left as they are.
		{"already a question", "Can you help me?", "Can you help me?"},
		{"statement", "You are right.", "You are right."},
		{"I and a verb", "I think it works?", "I think it works?"},
		{"I have", "I have a question?", "I have a question?"},
		{"unknown verb", "You guys ready?", "You guys ready?"},
		{"name", "Juan comes today?", "Juan comes today?"},
		{"acronym", "IT works now?", "IT works now?"},
		{"no agreement", "It are ready?", "It are ready?"},
		{"emphatic do", "You do it?", "You do it?"},
		{"indirect, gerund", "Do you know what is happening?", "Do you know what is happening?"},
		{"indirect, no determiner", "Do you know what is in the box?", "Do you know what is in the box?"},
		{"indirect, no noun", "I know where it is the", "I know where it is the"},
		{"indirect, more after", "I know where is the file and the key", "I know where is the file and the key"},
		{"mention", "@you can help?", "@you can help?"},
		{"mention between subject and verb", "you @ana can help?", "you @ana can help?"},
		{"mention in an indirect question", "I know where is the @ana file", "I know where is the @ana file"},
		{"mention before the question", "@ana, you can help?", "@ana, can you help?"},
		{"link", "see https://x.io/?you=can ok", "see https://x.io/?you=can ok"},
		{"code", "run `you can` now?", "run `you can` now?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			got := englishWordOrder(tt.in, "", prose(scanMessage(tt.in, entity.Protected(toks), "")))
			if got != tt.want {
				t.Errorf("englishWordOrder(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestVerbForms(t *testing.T) {
	tests := []struct {
		form string
		want verbForm
	}{
		{"works", verbForm{base: "work", form: third}},
		{"fixes", verbForm{base: "fix", form: third}},
		{"tries", verbForm{base: "try", form: third}},
		{"has", verbForm{base: "have", form: third}},
		{"goes", verbForm{base: "go", form: third}},
		{"worked", verbForm{base: "work", form: past, participle: true}},
		{"used", verbForm{base: "use", form: past, participle: true}},
		{"tried", verbForm{base: "try", form: past, participle: true}},
		{"saw", verbForm{base: "see", form: past}},
		{"seen", verbForm{base: "see", form: past, participle: true}},
		// The present first, and a participle after "have" too.
		{"come", verbForm{base: "come", form: base, participle: true}},
		{"put", verbForm{base: "put", form: base, participle: true}},
		{"read", verbForm{base: "read", form: base, participle: true}},
	}
	for _, tt := range tests {
		if got := verbForms[tt.form]; got != tt.want {
			t.Errorf("verbForms[%q] = %+v, want %+v", tt.form, got, tt.want)
		}
	}
}

// TestWordOrderThroughApertium checks the questions spa-eng and cat-eng
// write as statements, and that the order goes with the chat fixes.
func TestWordOrderThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "spa-eng")
	plain := newEngine(t, Config{NoChatFixes: true})
	tests := []struct{ source, text, want string }{
		{"es", "¿Tienes un minuto?", "Do you have a minute?"},
		{"es", "no puedo abrir el archivo, ¿me lo mandas otra vez?", "I can't open the file, can you send it to me again?"},
		{"es", "¿a qué hora empieza la llamada?", "what time does the call start?"},
		{"es", "¿Puedes revisar mi PR?", "Can you review my PR?"},
		{"es", "¿funciona ahora?", "does it work now?"},
		{"es", "¿Dónde vives?", "Where do you live?"},
		{"es", "¿por qué no funciona?", "why doesn't it work?"},
		{"es", "¿Sabes dónde está el archivo?", "Do you know where the file is?"},
		{"es", "¿Has visto mi mensaje?", "Have you seen my message?"},
		{"es", "¿Terminaste?", "Did you finish?"},
		{"es", "¿vamos a la playa?", "shall we go to the beach?"},
		{"es", "¿tenemos reunión hoy?", "do we have meeting today?"},
		{"es", "ha llegado el paquete", "the package has arrived"},
		{"es", "¿ha llegado el paquete?", "has the package arrived?"},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, tt.source, "en", "")
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want {
			t.Errorf("%s>en %q = %q, want %q", tt.source, tt.text, got.Text, tt.want)
		}
		before, err := plain.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if before.Text == tt.want {
			t.Errorf("%s>en %q without the fixes = %q, want the modes' statement order", tt.source, tt.text, before.Text)
		}
	}
}

// BenchmarkWriteForChat: what the chat fixes write last costs a chat line
// into English (punctuation, word order, lower-case starts), against the
// edge tidying every answer gets (baseline) and against punctuation alone.
func BenchmarkWriteForChat(b *testing.B) {
	const source, output = "hola, ¿alguien sabe dónde está el documento del proyecto?", "Hi, somebody knows where is the document of the project?"
	req := scannedRequest(source, "es", "en", "")
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			tidyEdges(source, output)
		}
	})
	b.Run("punctuate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			punctuate(source, output, "es", "en", "", req.Protect)
		}
	})
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			writeForChat(req, output)
		}
	})
	for _, bb := range []struct{ name, source, output, from, to string }{
		// Into Spanish, where "your", the imperative and "estar" run.
		{"all-es", "please check your email, I'm in a meeting", "Por favor comprobar vuestro email, Soy en una reunión", "en", "es"},
		// Into French, where the pronouns before a modal move.
		{"all-fr", "can you send me the report when you're free?", "tu me peux envoyer le rapport quand tu es libre ?", "en", "fr"},
		// Into Portuguese, where a link is one (senses.go).
		{"all-pt", "¿puedes enviarme el enlace?", "podes enviar-me o enlace?", "es", "pt"},
	} {
		req := scannedRequest(bb.source, bb.from, bb.to, "")
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				writeForChat(req, bb.output)
			}
		})
	}
}

// FuzzWriteForChat: whatever a mode writes, what the chat fixes write
// last neither panics nor loses a protected part. (go test -fuzz
// FuzzWriteForChat; the seeds run with the tests.)
func FuzzWriteForChat(f *testing.F) {
	for _, s := range []string{
		"When it is the meeting?", "It is ready the report?", "you @ana can help?", "Soy a punto",
		"I know where it is the", "Already it", "the Monday", "¿Dónde eres de?", "Si  il", "it does not work the",
		"Son on-line", "ok, I do it I", "?", "It", "a punto", "dónde es", "por favor enviármelo", "Por favor, abrir",
		"gracias por vuestra ayuda", "el vostre", "están a punto", "por favor ír", "tu me le peux",
		"Seré tarde", "de en casa", "you already?", "Already you",
		"demain par le matin", "Hier l'après-midi", "la complexión", "les complexions", "o enlace",
	} {
		f.Add(s, "es", "en")
		f.Add(s, "en", "es")
		f.Add(s, "es", "fr")
		f.Add(s, "en", "ca")
		f.Add(s, "es", "pt")
	}
	f.Fuzz(func(t *testing.T, text, source, target string) {
		if !utf8.ValidString(text) {
			return
		}
		req := scannedRequest(text, source, target, "")
		got := writeForChat(req, text)
		if !utf8.ValidString(got) {
			t.Fatalf("writeForChat(%q) = %q: not UTF-8", text, got)
		}
		for _, p := range req.Protect {
			if strings.Contains(text, p) && !strings.Contains(got, p) {
				t.Fatalf("writeForChat(%q) = %q: lost %q", text, got, p)
			}
		}
	})
}

// TestQuestionScope: a Spanish "¿" after a clause says the question is
// only what follows it.
func TestQuestionScope(t *testing.T) {
	tests := []struct{ name, source, in, want string }{
		{"second clause asked", "no puedo abrir el archivo, ¿me lo mandas otra vez?",
			"I can't open the file, you send it to me again?", "I can't open the file, can you send it to me again?"},
		{"whole sentence asked", "¿puedo abrir el archivo, me lo mandas?",
			"I can open the file, you send it to me?", "Can I open the file, you send it to me?"},
		{"no opener", "I can't open it, you have it?", "I can't open it, you have it?", "I can't open it, do you have it?"},
		{"second question", "Hola. Ya está, ¿lo tienes? Vale, ¿vienes?",
			"Hi. It is done, you have it? Ok, you come?", "Hi. It is done, do you have it? Ok, do you come?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			got := englishWordOrder(tt.in, tt.source, prose(scanMessage(tt.in, entity.Protected(toks), "")))
			if got != tt.want {
				t.Errorf("englishWordOrder(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuestionClauses(t *testing.T) {
	for source, want := range map[string][]int{
		"¿tienes un minuto?":                     {0},
		"no puedo, ¿me lo mandas?":               {0},
		"¿puedo abrir el archivo, me lo mandas?": {1},
		"you have it?":                           {-1},
		"ok. ¿vienes? y, ¿tú, qué opinas?":       {0, 1},
		"¿vienes. no":                            nil,
	} {
		if got := questionClauses(source); !slices.Equal(got, want) {
			t.Errorf("questionClauses(%q) = %v, want %v", source, got, want)
		}
	}
}
