package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestEnglishContractions(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// An auxiliary and "not".
		{"do not", "I do not know why it does not work", "I don't know why it doesn't work"},
		{"can not", "I'm sorry, I can not go today", "I'm sorry, I can't go today"},
		{"cannot", "Cannot open it, I cannot.", "Can't open it, I can't."},
		{"will not", "I know it will not happen", "I know it won't happen"},
		{"at the end", "no, I do not.", "no, I don't."},
		{"capital", "Do not worry, I am here", "Don't worry, I'm here"},
		{"after a noun", "the link you sent does not work", "the link you sent doesn't work"},
		{"have not and a participle", "I have not seen it", "I haven't seen it"},
		{"have not and a noun", "they have not time", "they have not time"},
		// A subject and its auxiliary.
		{"I am", "I am at home", "I'm at home"},
		{"you are", "I think that you are totally right", "I think you're totally right"},
		{"it is not", "sorry, it is not ready, I am on it", "sorry, it's not ready, I'm on it"},
		{"I am not", "I am not sure", "I'm not sure"},
		{"will", "we will see", "we'll see"},
		{"would", "I would like to talk with you", "I'd like to talk with you"},
		{"have and a participle", "done, I have uploaded it", "done, I've uploaded it"},
		{"has and a participle", "I think it has been fixed", "I think it's been fixed"},
		{"have and a noun", "I have a meeting now", "I have a meeting now"},
		{"capitals", "YOU ARE RIGHT", "YOU'RE RIGHT"},
		// Where English cannot contract.
		{"end of the sentence", "I know where it is", "I know where it is"},
		{"before a comma", "yes, it is, thanks", "yes, it is, thanks"},
		{"before a full stop", "Yes, I am. Thanks", "Yes, I am. Thanks"},
		{"question order", "Are you sure?", "Are you sure?"},
		{"object it", "I fix it will", "I fix it will"},
		// "that" after think and its kind.
		{"that after think", "I think that it works", "I think it works"},
		{"that as a subject", "I think that is fine", "I think that's fine"},
		{"that before an article", "I think that the problem is in the database", "I think the problem is in the database"},
		{"that before a noun", "I know that problem", "I know that problem"},
		{"that after a noun", "the file that you sent", "the file that you sent"},
		{"that at the end", "I know that", "I know that"},
		// A text that speaks as no one: a program's message.
		{"impersonal", "%s: it is not a function, it does not exist", "%s: it is not a function, it does not exist"},
		{"impersonal can not", "it can not modify the limit", "it cannot modify the limit"},
		{"impersonal cannot", "Cannot open it", "Cannot open it"},
		// What is not prose stays.
		{"code", "run `I am not` now", "run `I am not` now"},
		{"link", "see https://x.io/I-am-not ok", "see https://x.io/I-am-not ok"},
		{"nothing to do", "thanks, see you tomorrow", "thanks, see you tomorrow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			got := englishContractions(tt.in, prose(scanMessage(tt.in, entity.Protected(toks), "")))
			if got != tt.want {
				t.Errorf("englishContractions(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
