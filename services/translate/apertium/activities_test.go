package apertium

import "testing"

func TestActivityEdits(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// A sport is played with "jugar a".
		{"play tennis", "¿tocas tenis?", "¿juegas al tenis?"},
		{"play, capital", "Tocamos fútbol ayer", "Jugamos al fútbol ayer"},
		{"jugar without a", "vamos a jugar baloncesto", "vamos a jugar al baloncesto"},
		{"jugar al stays", "vamos a jugar al tenis", "vamos a jugar al tenis"},
		{"an instrument stays", "Toco la guitarra", "Toco la guitarra"},
		// Going to do an activity.
		{"going swimming", "vamos natación mañana", "vamos a nadar mañana"},
		{"come running", "¿quieres venir corriendo?", "¿quieres venir a correr?"},
		{"I'm going running", "Estoy yendo corriendo", "Voy a correr"},
		{"went swimming", "Fui nadar ayer", "Fui a nadar ayer"},
		{"ir a stays", "voy a nadar", "voy a nadar"},
		{"camping", "vamos camping en agosto", "vamos de camping en agosto"},
		{"walking there stays", "vamos andando", "vamos andando"},
		// Aches.
		{"legs", "mis patas dolieron", "me duelen las piernas"},
		{"back, a lot, capital", "Mi atrás duele mucho", "Me duele mucho la espalda"},
		{"feet", "mis pies dolidos después del paseo", "me duelen los pies después del paseo"},
		{"your stomach", "¿tu estómago duele?", "¿te duele el estómago?"},
		{"not a body part stays", "mi código duele", "mi código duele"},
		// French aches through fr-es.
		{"mal al", "tengo mal al vientre", "me duele el vientre"},
		{"mal a la, the head", "¿tienes mal a la frente?", "¿te duele la cabeza?"},
		{"mal a los, capital", "Tengo mal a los pies", "Me duelen los pies"},
		{"mal a alone stays", "tengo mal a veces", "tengo mal a veces"},
		// Too much to.
		{"too tired to", "Estoy demasiado cansado de salir", "Estoy demasiado cansado para salir"},
		{"too cold to, clitic", "hace demasiado frío de verlo", "hace demasiado frío para verlo"},
		{"de before a noun stays", "demasiado lleno de gente", "demasiado lleno de gente"},
		// Help to.
		{"help carry", "¿me puedes ayudar llevar las cajas?", "¿me puedes ayudar a llevar las cajas?"},
		{"help a noun stays", "gracias por ayudar la gente", "gracias por ayudar la gente"},
		// Code stays.
		{"code", "`tocas tenis` tocas tenis", "`tocas tenis` juegas al tenis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := applyEdits(tt.in, activityEdits(proseWordsOf(tt.in))); got != tt.want {
				t.Errorf("activityEdits(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !mayHaveActivities(tt.in) && tt.in != tt.want {
				t.Errorf("mayHaveActivities(%q) = false", tt.in)
			}
		})
	}
}

func TestCatalanPlayEdits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"jugues tennis?", "jugues a tennis?"},
		{"vam jugar futbol ahir", "vam jugar a futbol ahir"},
		{"vam jugar a futbol", "vam jugar a futbol"},
		{"jugues amb mi?", "jugues amb mi?"},
	}
	for _, tt := range tests {
		if got := applyEdits(tt.in, catalanPlayEdits(proseWordsOf(tt.in))); got != tt.want {
			t.Errorf("catalanPlayEdits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMovingEdits(t *testing.T) {
	tests := []struct{ name, source, in, want string }{
		{"moving", "we're moving next month", "movemos el mes que viene", "nos mudamos el mes que viene"},
		{"estar moving, capital", "I'm moving to Madrid", "Estoy moviendo a Madrid", "Me mudo a Madrid"},
		{"moved", "we moved last year", "Movimos el año pasado", "Nos mudamos el año pasado"},
		{"moved out", "they've moved out", "han movido fuera", "se han mudado fuera"},
		{"going to move", "we're going to move to a bigger flat", "vamos a mover a un piso más grande", "vamos a mudarnos a un piso más grande"},
		{"a thing moved stays", "we moved the meeting to Friday", "movimos la reunión al viernes", "movimos la reunión al viernes"},
		{"moving to the next stays", "let's move to the next item", "vamos a mover al elemento próximo", "vamos a mover al elemento próximo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := applyEdits(tt.in, movingEdits(tt.source, proseWordsOf(tt.in))); got != tt.want {
				t.Errorf("movingEdits(%q, %q) = %q, want %q", tt.source, tt.in, got, tt.want)
			}
		})
	}
}
