// Package apertium is the offline rung of the translate chain: rule-based
// translation with Apertium, the way apertium-apy serves it. Each mode
// (translation direction) runs as a long-lived pipeline of the mode's
// programs in null-flush mode, so a request costs two pipe writes and a
// read instead of a dozen process starts; deformatting and reformatting
// happen in Go.
package apertium

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
)

// Defaults for Config.
const (
	DefaultModesDir = "/usr/share/apertium/modes"
	DefaultTimeout  = 5 * time.Second
	DefaultProcs    = 1
	// DefaultIdleTimeout stops a pipeline no request has used for this
	// long: a mode's programs hold 37-150 MiB (docs/apertium.md, "Memory"),
	// and a chat that stopped using a pair should not keep them for the
	// life of the process. Long enough that a conversation's pauses keep
	// its modes warm; a cold start costs the next request 0.06-0.8 s
	// (docs/apertium.md: eng-spa's chat fixes are most of it).
	DefaultIdleTimeout = 5 * time.Minute
	// DefaultDrainTimeout is how long a pipeline goes on with a request
	// whose caller gave up before it is restarted: three of
	// DefaultTimeout, so that a cold start that outlasts one request's
	// budget on a busy machine still finishes, while a program that hangs
	// keeps its mode from requests no longer than that.
	DefaultDrainTimeout = 15 * time.Second
	// DefaultMaxPairs is how many modes may have running programs at once:
	// the memory limits of deploy/ are sized for it.
	DefaultMaxPairs = 4
)

// Name is the rung name the chain reports.
const Name = "apertium"

// ErrNotInstalled reports that Apertium's programs or language data are
// missing, so the rung cannot exist on this machine.
var ErrNotInstalled = errors.New("apertium is not installed")

// ErrClosed reports a request to an engine that has been closed.
var ErrClosed = errors.New("apertium engine closed")

// Config selects modes and sizes the pipelines.
type Config struct {
	// ModesDir holds the *.mode files (DefaultModesDir when empty).
	ModesDir string
	// Pairs restricts the engine to these mode names ("eng-spa",
	// "es-pt_BR"); empty serves every usable mode in ModesDir.
	Pairs []string
	// Timeout bounds one request, waiting for a pipeline included
	// (DefaultTimeout when zero). The caller's deadline still applies.
	Timeout time.Duration
	// Procs is the number of pipelines per mode (DefaultProcs when below 1).
	Procs int
	// NoPivot turns off translation through a pivot language: by default a
	// pair no mode serves is translated in two steps when one language
	// connects them (en → es → fr with eng-spa and es-fr).
	NoPivot bool
	// IdleTimeout stops a pipeline that served no request for this long;
	// the next request starts it again (DefaultIdleTimeout when zero,
	// never when negative).
	IdleTimeout time.Duration
	// DrainTimeout bounds how long a pipeline goes on with a request whose
	// caller gave up (most often one that timed out while its mode
	// loaded) before the pipeline is restarted; the answer, when it comes
	// in time, is read and dropped and the pipeline kept warm
	// (DefaultDrainTimeout when zero, restarted at once when negative).
	DrainTimeout time.Duration
	// MaxPairs caps the modes with running programs (a pivot request uses
	// two): starting one more first stops the least recently used mode
	// that serves no request (DefaultMaxPairs when zero, no cap when
	// negative).
	MaxPairs int
	// NoChatFixes serves the modes as Debian ships them: chat's set
	// phrases are not written as the target's (phrases.go), chat
	// spellings are not written out (chatwords.go) and the tagger's
	// output is not rewritten (fixes.go).
	NoChatFixes bool
}

// ConfigFromEnv reads APERTIUM_MODES_DIR, APERTIUM_PAIRS (comma-separated
// mode names), APERTIUM_TIMEOUT, APERTIUM_PROCS, APERTIUM_PIVOT,
// APERTIUM_IDLE_TIMEOUT, APERTIUM_DRAIN_TIMEOUT, APERTIUM_MAX_PAIRS (0 turns
// the last three off) and APERTIUM_CHAT_FIXES.
func ConfigFromEnv(r *config.Reader) Config {
	return Config{
		ModesDir:     r.String("APERTIUM_MODES_DIR", DefaultModesDir),
		Pairs:        r.List("APERTIUM_PAIRS", nil),
		Timeout:      r.Duration("APERTIUM_TIMEOUT", DefaultTimeout),
		Procs:        r.Int("APERTIUM_PROCS", DefaultProcs),
		NoPivot:      !r.Bool("APERTIUM_PIVOT", true),
		IdleTimeout:  offIfZero(r.Duration("APERTIUM_IDLE_TIMEOUT", DefaultIdleTimeout)),
		DrainTimeout: offIfZero(r.Duration("APERTIUM_DRAIN_TIMEOUT", DefaultDrainTimeout)),
		MaxPairs:     int(offIfZero(time.Duration(r.IntMin("APERTIUM_MAX_PAIRS", DefaultMaxPairs, 0)))),
		NoChatFixes:  !r.Bool("APERTIUM_CHAT_FIXES", true),
	}
}

// offIfZero maps a setting's 0 ("off") to Config's "negative: off", since
// Config reads 0 as "default".
func offIfZero(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// Available reports whether Apertium is installed with at least one usable
// mode in DefaultModesDir.
func Available() bool {
	modes, _, err := discoverModes(DefaultModesDir)
	return err == nil && len(modes) > 0
}

// Engine translates with Apertium. It implements backend.Backend and is
// safe for concurrent use.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	modes  []*mode          // sorted by name
	index  map[string]*mode // pairKey(source, target) -> mode
	pivots map[string]route // pairKey(source, target) -> two modes, for pairs no mode serves
	// analysers read a language's words (agree.go), by base language;
	// genderCache remembers what they read.
	analysers   map[string]*mode
	genderCache genderCache
	done        chan struct{} // closed by Close

	mu     sync.Mutex
	pools  map[string]*pool // by mode name, created on first use
	closed bool

	// roomMu serialises the starts that count live modes against
	// MaxPairs, so that two cold modes cannot both take the last place.
	roomMu  sync.Mutex
	overCap atomic.Bool // a start went over MaxPairs: stop a mode once one is free
	stops   [numStopReasons]atomic.Int64
	reaper  sync.WaitGroup

	abandoned [numAbandonOutcomes]atomic.Int64
	draining  sync.WaitGroup // settle goroutines
}

// Why the engine stopped an idle pipeline (Stats.Stops).
const (
	StopIdle    = iota // it served no request for Config.IdleTimeout
	StopEvicted        // its mode was the least recently used when Config.MaxPairs was reached
	numStopReasons
)

// What became of a pipeline whose request's caller gave up
// (Stats.Abandoned).
const (
	AbandonDrained   = iota // the late answer came within Config.DrainTimeout; the pipeline was kept
	AbandonRestarted        // it did not, or drain is off: the pipeline was restarted
	numAbandonOutcomes
)

var _ backend.Backend = (*Engine)(nil)

// pool is the pipelines of one mode. A pipeline is in free exactly when no
// request owns it; taking from the channel is what serialises requests on
// a pipeline, and the channel's order spreads them round-robin.
type pool struct {
	mode *mode
	all  []*pipeline
	free chan *pipeline
	used atomic.Int64 // unix nanoseconds of the last time a request took or returned a pipeline
}

func pairKey(source, target string) string { return source + ">" + target }

// New discovers the modes in cfg.ModesDir and returns an engine that
// starts each mode's pipelines on first use. The error wraps
// ErrNotInstalled when the programs or modes are missing.
func New(cfg Config, log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.ModesDir == "" {
		cfg.ModesDir = DefaultModesDir
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Procs < 1 {
		cfg.Procs = DefaultProcs
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.DrainTimeout == 0 {
		cfg.DrainTimeout = DefaultDrainTimeout
	}
	if cfg.MaxPairs == 0 {
		cfg.MaxPairs = DefaultMaxPairs
	}
	if _, err := os.Stat(cfg.ModesDir); err != nil {
		return nil, fmt.Errorf("%w: modes directory: %v", ErrNotInstalled, err)
	}
	found, skipped, err := discoverModes(cfg.ModesDir)
	if err != nil {
		return nil, fmt.Errorf("read modes: %w", err)
	}
	modes, err := selectModes(cfg, found, skipped)
	if err != nil {
		return nil, err
	}
	e := &Engine{
		cfg:   cfg,
		log:   log,
		index: map[string]*mode{},
		done:  make(chan struct{}),
		pools: map[string]*pool{},
	}
	for _, m := range modes {
		if !cfg.NoChatFixes {
			m.commands = withFixes(m.commands, m.source, m.target)
		}
		k := pairKey(m.source, m.target)
		if other, dup := e.index[k]; dup {
			log.Info("apertium mode shadowed by another for the same pair", "mode", m.name, "kept", other.name)
			continue
		}
		e.index[k] = m
		e.modes = append(e.modes, m)
	}
	if !cfg.NoPivot {
		e.pivots = e.pivotRoutes()
	}
	e.analysers = analysersOf(e.modes)
	for name, why := range skipped {
		log.Debug("apertium mode skipped", "mode", name, "reason", why)
	}
	if cfg.IdleTimeout > 0 {
		e.reaper.Add(1)
		go e.reapIdle(cfg.IdleTimeout)
	}
	log.Info("apertium ready", "modes_dir", cfg.ModesDir, "pairs", len(e.modes), "pivot_pairs", len(e.pivots),
		"procs", cfg.Procs, "timeout", cfg.Timeout, "idle_timeout", cfg.IdleTimeout, "drain_timeout", cfg.DrainTimeout, "max_pairs", cfg.MaxPairs,
		"chat_fixes", !cfg.NoChatFixes)
	return e, nil
}

// selectModes applies cfg.Pairs to the discovered modes.
func selectModes(cfg Config, found []*mode, skipped map[string]string) ([]*mode, error) {
	if len(cfg.Pairs) == 0 {
		if len(found) == 0 {
			return nil, fmt.Errorf("%w: no usable mode in %s", ErrNotInstalled, cfg.ModesDir)
		}
		return found, nil
	}
	byName := map[string]*mode{}
	for _, m := range found {
		byName[m.name] = m
	}
	var out []*mode
	for _, name := range cfg.Pairs {
		if m, ok := byName[name]; ok {
			out = append(out, m)
			continue
		}
		if why, ok := skipped[name]; ok {
			if strings.HasPrefix(why, "programs not installed") {
				return nil, fmt.Errorf("%w: mode %s: %s", ErrNotInstalled, name, why)
			}
			return nil, fmt.Errorf("apertium mode %s cannot be served: %s", name, why)
		}
		return nil, fmt.Errorf("%w: no mode %s in %s", ErrNotInstalled, name, cfg.ModesDir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// Name returns "apertium".
func (e *Engine) Name() string { return Name }

// Pairs lists the directed pairs the engine serves, in BCP 47; a pair
// served through a pivot language names it in Via.
func (e *Engine) Pairs() []api.LanguagePair {
	out := make([]api.LanguagePair, 0, len(e.modes)+len(e.pivots))
	for _, m := range e.modes {
		out = append(out, api.LanguagePair{Source: m.source, Target: m.target})
	}
	for _, r := range e.pivots {
		out = append(out, api.LanguagePair{Source: r.first.source, Target: r.second.target, Via: r.first.target})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out
}

// Modes lists the names of the modes the engine serves.
func (e *Engine) Modes() []string {
	out := make([]string, 0, len(e.modes))
	for _, m := range e.modes {
		out = append(out, m.name)
	}
	return out
}

// resolve finds the mode for a request. A regional target ("pt-BR") uses
// its regional mode when there is one and the plain one otherwise; a plain
// target never picks a regional mode.
func (e *Engine) resolve(source, target string) (*mode, bool) {
	src, tgt, regional, ok := requestLanguages(source, target)
	if !ok {
		return nil, false
	}
	if regional != "" {
		if m, ok := e.index[pairKey(src, regional)]; ok {
			return m, true
		}
	}
	m, ok := e.index[pairKey(src, tgt)]
	return m, ok
}

// route is how one request is translated: by one mode, or by two through
// a pivot language (first's target is second's source).
type route struct {
	first, second *mode // second is nil for a direct mode
}

// name is the mode, or both modes joined with "+" ("eng-spa+es-fr"): the
// model a translation reports.
func (r route) name() string {
	if r.second == nil {
		return r.first.name
	}
	return r.first.name + "+" + r.second.name
}

// pivotRoutes finds, for each pair that no mode serves, two modes through
// one pivot language: source → pivot → target. Apertium's pairs are built
// around a few languages (Spanish, Catalan, English), so one pivot joins
// most installed languages: eng-spa and es-fr give en → fr. Quality is
// lower than a direct mode's (the second mode translates the first one's
// output, errors included), which quality estimation sees like any other
// translation; the offline rung's alternative is the untranslated original.
// Two pivots in a row are not tried: the result would rarely be worth
// reading. The modes are sorted by name, so the route chosen for a pair
// is the same on every start.
func (e *Engine) pivotRoutes() map[string]route {
	out := map[string]route{}
	for _, first := range e.modes {
		if strings.Contains(first.target, "-") {
			continue // a regional variant is an end, not a pivot
		}
		for _, second := range e.modes {
			if second.source != first.target || api.Base(second.target) == first.source {
				continue
			}
			if _, direct := e.resolve(first.source, second.target); direct {
				continue
			}
			k := pairKey(first.source, second.target)
			if _, ok := out[k]; !ok {
				out[k] = route{first: first, second: second}
			}
		}
	}
	return out
}

// route finds how to translate source to target: a direct mode (regional
// first, as resolve), else a pivot route (regional first). A direct mode to
// the plain language beats a pivot to the regional one: a second step of
// rule-based translation costs more than a regional spelling is worth.
func (e *Engine) route(source, target string) (route, bool) {
	if m, ok := e.resolve(source, target); ok {
		return route{first: m}, true
	}
	if len(e.pivots) == 0 {
		return route{}, false
	}
	src, tgt, regional, ok := requestLanguages(source, target)
	if !ok {
		return route{}, false
	}
	if regional != "" {
		if r, ok := e.pivots[pairKey(src, regional)]; ok {
			return r, true
		}
	}
	r, ok := e.pivots[pairKey(src, tgt)]
	return r, ok
}

// Supports reports whether a mode, or two through a pivot, serve source to
// target (BCP 47).
func (e *Engine) Supports(source, target string) bool {
	_, ok := e.route(source, target)
	return ok
}

// Info describes the engine for /v1/languages.
func (e *Engine) Info(context.Context) api.BackendInfo {
	e.mu.Lock()
	closed := e.closed
	e.mu.Unlock()
	return api.BackendInfo{Name: Name, Available: !closed && len(e.modes) > 0, Pairs: e.Pairs()}
}

// Translation is the detailed answer of TranslateDetail.
type Translation struct {
	Text string
	// Mode is the Apertium mode that translated ("eng-spa"), or the two
	// joined with "+" through a pivot ("eng-spa+es-fr").
	Mode string
	// UnknownWords counts the words Apertium marked as unknown to its
	// analyser (*), bilingual dictionary (@) or generator (#). The marks
	// are stripped from Text, as "apertium -u" does; the count is a
	// quality signal.
	UnknownWords int
}

// KeyRevision is part of the translate chain's cache keys for this rung:
// "2" since markup moves with its words (word-bound blanks) and dropped
// words leave no double blanks, "3" since the "*" around a "**" pair
// ("***x***") moves with it too, "4" since block-level tags end the
// sentence (list items, table cells and divs had their contents swapped),
// "5" since the word after a protected term that starts a sentence keeps
// its lower case ("GitHub y Microsoft", not "GitHub Y Microsoft") and an
// '@' that starts a word goes in as a superblank (marksEnd), "6" since
// glossary terms take the place of Apertium's own renderings (terms.go),
// "7" since a capital Apertium puts inside a sentence the writer wrote
// without one is lowered ("gracias tanto", not "gracias Tanto";
// casing.go), "8" since chat spellings are written out and the tagger's
// "please" and the like fixed ("Por favor ayuda", not "*pls Ayuda" nor
// "Complacer ayuda"; chatwords.go, fixes.go), and no space is left before
// a comma or period where a word was dropped ("Es una casa grande.", not
// "grande ."; tidyBeforeClosers), chat's set phrases are the target's
// ("Lo siento", not "Losiento"; phrases.go) and the determiner before a
// glossary term has its gender ("a conversa", not "o conversa";
// agree.go), "9" since English "I" keeps its capital after a protected
// part ("Ok, I look", not "Ok, i look") and the Spanish modes' tagger
// fixes read "mañana", "mandar", "nos vemos" and the verbs like "gustar"
// ("I love the new version", not "It loves me the new version"), a
// pivot's second mode translates the first one's fixes (not "Por favor,
// you plough the thread" for French "S'il vous plaît") and English
// function words lose the capitals Apertium gave them inside a sentence
// ("thank you very much for your help"), laughter is the target's
// ("hahaha") and no English article stands before a mention ("saw
// @carlos", not "saw the @carlos"), "10" since Spanish verbs in the first
// and second person have the subject Spanish leaves out ("I have a
// question", not "Have a question"), "tener razón" is to be right, an
// English question's auxiliary goes after its subject ("Puedes
// ayudar?", not "Puede ayudas?") and "when" is "cuando" or "cuándo" as
// it asks or not, a thing that works is "funcionar"
// (not "obrar"), "what time" is "qué hora" and "take a look" "echar
// una mirada", the noun "file" is "archivo" (not "lima"), English
// "thanks for", "congratulations on" and "let me know" are the
// target's ("Gracias por la actualización", "Avísame", not "Da las
// gracias por", "Dejado me saber"), Spanish "gracias" is Portuguese
// "obrigado" and Brazilian "valeu por" "gracias por", "a qué hora" is "at what time", "está caído" "is down",
// "voy a revisar" "I will revise", "no consigo" "I can not", "acabo de
// llegar" "I have just arrived" and "se me olvidó" "I forgot", "let's"
// is "vamos a", es-fr's "el enlace" is "le lien" (not "L'il lien"), a pivot
// lowers the word after a fix's words ("obrigado pela
// ajuda", not "pelA"), the phrase table has more phrases ("you're
// right", "what do you think", "sorry for the delay", "I'm working on
// it") and a phrase before a name is the table's ("Feliz cumpleaños
// Ana"), "11" since each language punctuates as it writes: Spanish
// opens questions and exclamations ("Hola, ¿cómo estás?"), French sets a
// no-break space before ? ! ; : and the others drop the space a French
// source had there ("You come? Great!", not "You come ? Great !";
// punctuation.go), "12" since English asks its questions in its own word
// order ("Do you have a minute?", not "You have a minute?"; wordorder.go)
// and a message written in lower case is translated in lower case
// (lowerStarts), Spanish says where and how one is with "estar" ("Estoy
// en una reunión", not "Soy en"; estar.go), "your" is one person's
// ("tu ayuda", not "vuestra"; register.go), "por favor" asks with the
// imperative ("por favor, envíame", not "por favor enviarme";
// imperative.go) and French elides "s'il" (orthography.go), "13" since
// English contracts as chat does ("I don't know", "you're right";
// contractions.go) and Spanish chat verbs are read as chat means them
// ("hablar de" talk about, "revisar" review, "subir" a file upload), a
// command with an object pronoun is one ("llámame", not "me llamo";
// imperative.go), a time to come after "cuando" is in the subjunctive
// ("cuando tengas tiempo"; subjunctive.go), Catalan says "si us plau",
// Spanish "creo que" for an opinion, "vernos" and a person's
// "trabajar" (work.go), and French "tu travailles" and "à la réunion",
// "14" since French puts an infinitive's pronouns before it ("tu peux
// m'envoyer"; frenchclitics.go), Spanish opens a question asked after a
// statement's comma there ("falló, ¿puedes mirarlo?"), arrives late
// ("llegaré tarde"; idioms.go), "avisar" is to let know, English asks
// "did you already finish?", and chat's "docs", "config", "repo" and
// "see you on Monday" are read, "15" since Catalan asks English's
// questions as statements ("em pots enviar el fitxer?", "vindràs demà?"),
// English's perfect is asked ("¿has acabado?"), being late is arriving
// late ("Arribaré tard", "J'arriverai tard"), Spanish says "déjame ver"
// and "desde casa", a build is "la compilación" (senses.go), Portuguese
// "preciso de ajuda" and a "link", French "demain matin", "tu as besoin
// d'aide", "je n'ai rien", "un peu cher", "à 5" and "où est le rapport
// ?", what things do is read as verbs ("the meeting starts"), "at 5" is
// "a las 5", chat's French "je sais pas" is a negation, and English says
// "I'll be back in an hour", "busy", "email", "my camera doesn't work",
// "I'll call you later" and "look at it", "16" since French puts a
// Spanish time adverb before the subject ("demain j'ai une réunion") and
// "déjà" after the verb, English says hours without the article ("at
// three", "before five"), "does it work for you?", "I'll tell you", "on
// the home page", "late" (never "retarded"), "can you send me?" for
// "usted"'s "poder" and "I already have it", Spanish says "estaré allí",
// "en casa", "la dirección", "está mal" and "¿cuál es tu…?", "gracias
// por" from French, and "who is working" and "I'm done" are read, "17"
// since French "avoir" is "tener", chat's "on" "nous", "tu" before a
// clitic the pronoun, "je serai de retour", "à trois heures", English
// "on time", "I'm swamped", "restart", "I'll take care of it", "I don't
// have time", "on the metro", "I leave earlier", the present after
// "cuando", Spanish asks "¿a qué hora empieza la reunión?", says "de
// vacaciones", "estaba" for "I was", "llegar tarde" and "trabajando desde
// casa" from French and "diez" from Portuguese, "18" since Portuguese
// says Spanish's perfect in the preterite ("já comeste?"), English
// "charger", "give me a hand", "for today", "what do you think of",
// "talk about it" and "I can't find", Spanish "justo te envié", "la
// invitación" and "me siento bien", Spanish "temprano" from Portuguese,
// and "thanks for everything" and "works for me" are read, "19" since
// Spanish says "nos vemos", "conectarme", "iniciar sesión", "día libre"
// and "recoger", English "I've run out of" and "I got the wrong", French
// "ça te va" and "je suis d'accord", and "no idea" is read, "20" since
// "you" after a verb is its object ("Te llamaré"), English says "I
// don't remember", "you leave", "send it to you", "shall I…?" and "it is
// raining a lot", Spanish "en la oficina" from French, and "I'm glad"
// and "I'm almost there" are read.
// Translations cached before, with markup left where the
// words were, blocks swapped, such a capital, the glossary's terms or the
// fixes missing, are then not served again. An engine without the chat
// fixes (Config.NoChatFixes) has keys of its own.
func (e *Engine) KeyRevision() string {
	if e.cfg.NoChatFixes {
		return "10-debian"
	}
	return "133"
}

// Deterministic tells the translate chain that this rung answers one
// request the same way every time: an answer it declined (markup it
// could not place, a protected part lost) is not asked for again.
func (e *Engine) Deterministic() bool { return true }

// Translate implements backend.Backend.
func (e *Engine) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	t, err := e.TranslateDetail(ctx, req)
	if err != nil {
		return backend.Result{}, err
	}
	return backend.Result{Text: t.Text, Model: t.Mode, UnknownWords: t.UnknownWords}, nil
}

// TranslateDetail translates and also reports the unknown-word count.
func (e *Engine) TranslateDetail(ctx context.Context, req backend.Request) (Translation, error) {
	if !utf8.ValidString(req.Text) {
		return Translation{}, api.FieldError(api.CodeInvalidUTF8, "text", "text is not valid UTF-8")
	}
	if strings.TrimSpace(req.Text) == "" {
		return Translation{}, api.FieldError(api.CodeEmptyText, "text", "text is empty")
	}
	rt, ok := e.route(req.Source, req.Target)
	if !ok {
		return Translation{}, api.Errorf(api.CodeUnsupportedLanguage,
			"apertium has no mode for %s to %s (a package named like apertium-%s-%s would provide one)",
			req.Source, req.Target, iso3(req.Source), iso3(req.Target))
	}
	stream, lay, err := encodeRequest(req, rt.first.wordBound && (rt.second == nil || rt.second.wordBound), !e.cfg.NoChatFixes)
	if err != nil {
		return Translation{}, err
	}
	lay.english = api.Base(req.Target) == "en"
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	raw, first, err := e.translateRoute(ctx, rt, stream, req.Text)
	if err != nil {
		return Translation{}, err
	}
	text, marked, err := lay.rebuild(raw)
	if err != nil {
		// The chain moves on, as for an answer that lost a protected
		// part: the markup would be served around the wrong words.
		return Translation{}, backend.Errorf(backend.ErrProtected, err, "apertium %s: %v", rt.name(), err)
	}
	unknown := len(marked)
	if rt.second != nil {
		unknown = unknownAfterPivot(first, marked)
	}
	text = tidyBeforeClosers(req.Text, tidyEdges(req.Text, text))
	if lay.english && req.Format != api.FormatHTML {
		text = dropArticleBeforeMentions(req.Text, text)
	}
	if req.Format != api.FormatHTML {
		text = innerCapitals(req.Text, text, req.Source, req.Target)
	}
	// After the capitals: a glossary's target is written as the glossary
	// has it.
	text = e.applyTerms(ctx, rt, req, text)
	if !e.cfg.NoChatFixes && req.Format != api.FormatHTML {
		// After the glossary's terms: a term the glossary has is
		// written as the glossary writes it. The source's table for the
		// words the modes marked; through a pivot, the pivot's for the
		// words the second mode marked that the first did not (written
		// by the fixes on the pivot's text: estar's "desconectado",
		// which es-fr does not know). The scan only where a marked word
		// may be one of the table's.
		type table struct {
			source string
			marked []string
		}
		tables := []table{{req.Source, marked}}
		if rt.second != nil {
			tables = append(tables, table{rt.second.source, pivotWords(first, marked)})
		}
		for _, tb := range tables {
			if !mayHaveChatNouns(tb.source, req.Target, tb.marked) {
				continue
			}
			var known int
			text, known = writeChatNouns(tb.source, req.Target, text, prose(scanMessage(text, keptParts(req), req.Format)), tb.marked)
			unknown = max(0, unknown-known)
		}
	}
	if !e.cfg.NoChatFixes {
		text = writeForChat(req, text)
	}
	return Translation{Text: text, Mode: rt.name(), UnknownWords: unknown}, nil
}

// writeForChat writes text, the translation of req, as the target
// language writes it and its writer wrote the message: the target's
// punctuation (punctuation.go), English word order in the questions the
// modes write as statements (wordorder.go), one person's "your" where
// the modes wrote a group's (register.go), Spanish "por favor" with the
// imperative (imperative.go), Spanish "estar" where the
// modes wrote "ser" of a place or a state (estar.go), French "s'il" where
// es-fr writes "si il" (orthography.go), sport, aches and moving house as
// Spanish says them ("juegas al tenis", "me duelen las piernas", "nos
// mudamos"; activities.go), idioms the modes write word by word
// (idioms.go), and sentences that start in lower
// case where the writer started theirs so (lowerStarts). Last of
// the chat fixes, on the text as written; HTML is punctuated by its
// markup's owner and left as it is.
func writeForChat(req backend.Request, text string) string {
	if req.Format == api.FormatHTML {
		return text
	}
	keep := keptParts(req)
	text = punctuate(req.Text, text, req.Source, req.Target, req.Format, keep)
	// proseNow scans text as it is then. The scans cost more than the
	// rewrites (µs against the ms the modes take): the Spanish rules share
	// one, and the others run only where their rewrite may apply, but for
	// English word order, which has rules for most text.
	proseNow := func() [][2]int { return prose(scanMessage(text, keep, req.Format)) }
	src, tgt := api.Base(req.Source), api.Base(req.Target)
	switch tgt {
	case "en":
		if src != "en" {
			text = englishWordOrder(text, req.Text, proseNow())
			if strings.Contains(text, "it ") || strings.Contains(text, "It ") {
				text = firstPersonIt(req.Text, src, text, proseNow())
			}
			if mayContract(text) {
				text = englishContractions(text, proseNow())
			}
			if mayLook(text) {
				text = englishLookAt(text, proseNow())
			}
			if strings.Contains(text, "alk") || strings.Contains(text, "find") || strings.Contains(text, "ill ") {
				text = englishTalkAboutFind(text, proseNow())
			}
			if mayHaveSense(req.Text, src, text, tgt) {
				text = writeSenses(req.Text, src, tgt, text, proseNow())
			}
			if mayHaveOther(text) {
				text = englishOther(text, proseNow())
			}
			if strings.Contains(text, "ll the ") {
				text = englishAllDays(text, proseNow())
			}
			if mayHaveFood(text) {
				text = englishFood(req.Text, text, proseNow())
			}
			// After the senses: "the breakfast" may be "the lunch".
			if mayHaveMeal(text) {
				text = englishMeals(text, proseNow())
			}
			if mayHaveLessons(text) {
				text = englishLessons(text, proseNow())
			}
			if strings.Contains(text, "screenshot") {
				text = englishScreenshots(text, proseNow())
			}
			if mayHavePaperwork(text) {
				text = englishPaperwork(text, proseNow())
			}
			// The rounds' English rewrites, each list on the text the one
			// before it wrote, each where its words are.
			for _, rs := range englishRoundRewrites {
				if mayRewrite(rs, text) {
					text = applyRewrites(rs, text, proseNow())
				}
			}
			// "the name of him" where the writer said whose after the
			// thing ("o nome dele"): "his name" (hens.go).
			if (src == "pt" || src == "es") && mayRewrite(hensOfHimRewrites, text) && saysWhose(req.Text) {
				text = applyRewrites(hensOfHimRewrites, text, proseNow())
			}
			// "we make cookies?" where a Spanish source suggests
			// ("¿hacemos galletas?"): "shall we make cookies?" (rainy.go).
			if src == "es" && mayRewrite(rainyShallWeRewrites, text) && rainySuggests.MatchString(req.Text) {
				text = applyRewrites(rainyShallWeRewrites, text, proseNow())
			}
			if src == "pt" && strings.Contains(text, " years") && turnsYears(req.Text) {
				text = birthdays(tgt, text, proseNow())
			}
		}
	case "es":
		if strings.Contains(text, "¿") {
			text = spanishQuestionAccents(text, proseNow())
		}
		// One scan for the four: each edits words of its own.
		words := proseWords(text, 0, len(text), proseNow())
		var edits []edit
		if src == "en" {
			edits = yourEdits(req.Text, text, words, tgt)
		}
		edits = append(edits, imperativeEdits(words, joinClitics)...)
		if src == "en" {
			edits = append(edits, yourCommandEdits(req.Text, words)...)
		}
		edits = append(edits, estarEdits(req.Text, words)...)
		if src == "en" {
			edits = append(edits, workEdits(words, speaksAsPerson(req.Text))...)
		}
		edits = append(edits, senseEdits(req.Text, src, tgt, words)...)
		if mayHaveActivities(text) {
			edits = append(edits, activityEdits(words)...)
		}
		if src == "en" && (strings.Contains(text, "mov") || strings.Contains(text, "Mov") || strings.Contains(text, "muev")) {
			edits = append(edits, movingEdits(req.Text, words)...)
		}
		if src == "en" && strings.Contains(text, "egres") {
			edits = append(edits, returnEdits(words)...)
		}
		if strings.Contains(text, "uer") || strings.Contains(text, "uier") || strings.Contains(text, "UIER") {
			edits = append(edits, wantSubjunctiveEdits(words)...)
		}
		if mayHavePets(text) {
			edits = append(edits, afraidEdits(words)...)
			edits = append(edits, feedEdits(words)...)
		}
		edits = subjunctiveEdits(text, words, edits)
		text = applyEdits(text, edits)
		if mayHaveSpanishIdioms(text) {
			text = spanishIdioms(text, proseNow())
		}
		if strings.Contains(text, "EL ") || strings.Contains(text, "AL ") {
			text = spanishEl(text, proseNow())
		}
		if (strings.Contains(text, "uele") || strings.Contains(text, "olí")) && spanishSmell.MatchString(text) {
			text = spanishSmells(text, proseNow())
		}
		text = howOneSaysEdits(req.Text, src, tgt, text, proseNow)
		if src == "en" && strings.Contains(text, "ómo") && asksHowSomeoneIs(req.Text) {
			text = howIsPerson(tgt, text, proseNow())
		}
		if src == "pt" && strings.Contains(text, " años") && turnsYears(req.Text) {
			text = birthdays(tgt, text, proseNow())
		}
	case "ca":
		if src == "en" && strings.Contains(text, "ostr") {
			text = informalYour(req.Text, text, tgt, proseNow())
		}
		please := strings.Contains(text, "favor") || strings.Contains(text, "FAVOR")
		estar := mayCatalanEstar(text)
		play := strings.Contains(text, "jug")
		if please || estar || play || mayHaveSense(req.Text, src, text, tgt) {
			words := proseWords(text, 0, len(text), proseNow())
			var edits []edit
			if please {
				edits = catalanPleaseEdits(text, words)
			}
			if estar {
				edits = append(edits, catalanEstarEdits(words)...)
			}
			if play {
				edits = append(edits, catalanPlayEdits(words)...)
			}
			text = applyEdits(text, append(edits, senseEdits(req.Text, src, tgt, words)...))
		}
	case "pt":
		if mayHaveSense(req.Text, src, text, tgt) {
			text = writeSenses(req.Text, src, tgt, text, proseNow())
		}
		if strings.Contains(text, "esde") && portugueseFromHome.MatchString(text) {
			text = fromHome(text, tgt, proseNow())
		}
		if (src == "en" || src == "es") && strings.Contains(text, "ham") {
			text = portugueseCalls(req.Text, src, text, proseNow())
		}
		if src == "en" && strings.Contains(text, "m local") {
			text = portugueseLocal(text, proseNow())
		}
		if mayHaveOldPortuguese(text) {
			text = portugueseSpelling(text, proseNow())
		}
		text = howOneSaysEdits(req.Text, src, tgt, text, proseNow)
		if src == "en" && strings.Contains(text, "omo") && asksHowSomeoneIs(req.Text) {
			text = howIsPerson(tgt, text, proseNow())
		}
	case "fr":
		// Each rewrite's words, looked for in lower case before its
		// regular expression runs: the expressions cost more than the
		// look (µs each), and most lines have none of the words. The
		// rewrites make none of the others' words.
		lower := strings.ToLower(text)
		has := func(words ...string) bool {
			return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(lower, w) })
		}
		if src == "en" {
			text = frenchCommand(req.Text, text)
		}
		if has("qu'ai") {
			text = frenchSubjectAfterQue(text, proseNow())
		}
		if has("si", "de", "que") && mayElide(text) {
			text = frenchElision(text, proseNow())
		}
		if frenchModalClitics.MatchString(text) {
			text = frenchPronounsBeforeInfinitive(text, proseNow())
		}
		if mayHaveFrenchDayParts(text) {
			text = frenchDayParts(text, proseNow())
		}
		if has("pas") && has("rien", "personne", "jamais") && frenchDoubleNegative.MatchString(text) {
			text = frenchNegation(text, proseNow())
		}
		if has("en") && frenchInTime.MatchString(text) {
			text = frenchWhenIn(text, proseNow())
		}
		if has("encore") && has("pas") && (frenchYetAfter.MatchString(text) || frenchYetBefore.MatchString(text)) {
			text = frenchNotYet(text, proseNow())
		}
		if has("il", "elle") && (has("où", "quand", "comment", "pourquoi") && frenchQuestionPronoun.MatchString(text) ||
			has("est-ce qui") && frenchWhoPronoun.MatchString(text)) {
			text = frenchQuestions(text, proseNow())
		}
		if has("maison") && frenchFromHome.MatchString(text) {
			text = fromHome(text, tgt, proseNow())
		}
		if mayHaveFrenchAdjective(lower) && frenchAdjectiveAfter.MatchString(text) {
			text = frenchAdjectivesFirst(text, proseNow())
		}
		if has("aux") && (frenchAtHour.MatchString(text) || frenchAtHourWord.MatchString(text)) {
			text = frenchHours(text, proseNow())
		}
		if mayHaveSense(req.Text, src, text, tgt) {
			text = writeSenses(req.Text, src, tgt, text, proseNow())
		}
		if has("tour") && frenchBack.MatchString(text) {
			text = frenchBeBack(text, proseNow())
		}
		if has("garé") && frenchParked.MatchString(text) {
			text = frenchPark(text, proseNow())
		}
		if has("il y a qu", "enchant", "oublié", "demasiad", "de camping", "au tour") {
			text = frenchChores(text, proseNow())
		}
		if has(" mu") && (frenchMoult.MatchString(text) || frenchMoulted.MatchString(text)) {
			text = frenchMove(text, proseNow())
		}
		if has("vient") && frenchNextTime.MatchString(text) {
			text = frenchNext(text, proseNow())
		}
		if has("duele") && frenchAches.MatchString(text) {
			text = frenchAche(text, proseNow())
		}
		if has("pas") && frenchNoneOf.MatchString(text) {
			text = frenchNoneOfWrite(text, proseNow())
		}
		if has("dormi") && frenchFellAsleep.MatchString(text) {
			text = frenchFallAsleep(text, proseNow())
		}
		if has("huele") && frenchSmell.MatchString(text) {
			text = frenchSmells(text, proseNow())
		}
		if has("liste") && frenchShoppingList.MatchString(text) {
			text = frenchShoppingLists(text, proseNow())
		}
		text = howOneSaysEdits(req.Text, src, tgt, text, proseNow)
	}
	// The rounds' rewrites of a language (chatRewrites), each where its
	// words are.
	if rs := chatRewrites[tgt]; mayRewrite(rs, text) {
		text = applyRewrites(rs, text, proseNow())
	}
	// English's "good" and "best" before the noun (outages.go): the
	// output's words first, as most lines have none.
	if rs := goodFirstRewrites[tgt]; src == "en" && mayRewrite(rs, text) && saysGood(req.Text) {
		text = applyRewrites(rs, text, proseNow())
	}
	if tgt == "pt" && !strings.EqualFold(req.Target, "pt-BR") {
		// Portugal's words where es-pt writes Brazil's (breakfast.go).
		if mayRewrite(europeanRewrites, text) {
			text = applyRewrites(europeanRewrites, text, proseNow())
		}
		// European Portuguese's article before a possessive, last: the
		// rewrites above write possessives too.
		if mayHavePossessive(text) {
			text = europeanPossessives(text, proseNow())
		}
	}
	if mayHaveClock(text) {
		text = clockTimes(text, tgt, proseNow())
	}
	text = lowerStarts(req.Text, text, proseNow, tgt)
	return text
}

// englishRoundRewrites are the English rewrites of holidays.go, photos.go,
// nights.go, parcels.go and breakfast.go, in that order.
var englishRoundRewrites = [][]gatedRewrite{commuteRewrites, photoRewrites, nightRewrites, parcelRewrites, breakfastRewrites, breakfastArticles, phoneRewrites, orderRewrites, accountRewritesByTarget["en"], houseRewritesByTarget["en"], outingRewritesByTarget["en"], leisureRewritesByTarget["en"], voiceRewritesByTarget["en"], streetRewritesByTarget["en"], tripRewritesByTarget["en"], anniversaryRewritesByTarget["en"], liftRewritesByTarget["en"], outageRewritesEnglish, reunionRewritesEnglish, newcomerRewritesEnglish, screenRewritesEnglish, trainRewritesEnglish, plantRewritesEnglish, heatRewritesEnglish, skiingRewritesEnglish, inlawsRewritesEnglish, hensRewritesEnglish, balloonsRewritesEnglish, fiestasRewritesEnglish, meteorsRewritesEnglish, roofsRewritesEnglish, anklesRewritesEnglish, kayaksRewritesEnglish, seriesRewritesEnglish, sewingRewritesEnglish, choirsRewritesEnglish, chickenpoxRewritesEnglish, hairRewritesEnglish}

// chatRewrites are the rewrites of lessons.go, family.go, paperwork.go,
// holidays.go, photos.go, nights.go, parcels.go and breakfast.go for each
// target but English (whose word order comes first), run last of the chat
// fixes before the clock.
var chatRewrites = map[string][]gatedRewrite{
	"es": slices.Concat(lessonRewritesByTarget["es"], paperworkRewritesByTarget["es"], commuteRewritesByTarget["es"], photoRewritesByTarget["es"], breakfastRewritesByTarget["es"], orderRewritesByTarget["es"], taxiRewritesByTarget["es"], giftRewritesByTarget["es"], accountRewritesByTarget["es"], houseRewritesByTarget["es"], outingRewritesByTarget["es"], leisureRewritesByTarget["es"], hobbyRewritesByTarget["es"], voiceRewritesByTarget["es"], marketRewritesByTarget["es"], milestoneRewritesByTarget["es"], shiftRewritesByTarget["es"], newcomerRewritesSpanish, trainRewritesSpanish, heatRewritesSpanish, proposalRewritesSpanish, hensRewritesSpanish, lisbonRewritesSpanish, chickenpoxRewritesSpanish),
	"fr": slices.Concat(lessonRewritesByTarget["fr"], familyRewritesFrench, paperworkRewritesByTarget["fr"], commuteRewritesByTarget["fr"], parcelRewritesByTarget["fr"], breakfastRewritesByTarget["fr"], phoneRewritesByTarget["fr"], orderRewritesByTarget["fr"], accountRewritesByTarget["fr"], houseRewritesByTarget["fr"], outingRewritesByTarget["fr"], leisureRewritesByTarget["fr"], voiceRewritesByTarget["fr"], marketRewritesByTarget["fr"], anniversaryRewritesByTarget["fr"], parkRewritesByTarget["fr"], outageRewritesByTarget["fr"], trainRewritesFrench, plantRewritesFrench, heatRewritesFrench, proposalRewritesFrench, skiingRewritesFrench, hensRewritesFrench, balloonsRewritesFrench, waspsRewritesFrench, fiestasRewritesFrench, meteorsRewritesFrench, roofsRewritesFrench, anklesRewritesFrench, lisbonRewritesFrench, ferriesRewritesFrench, seriesRewritesFrench),
	"pt": slices.Concat(paperworkRewritesByTarget["pt"], commuteRewritesByTarget["pt"], parcelRewritesByTarget["pt"], nightRewritesByTarget["pt"], phoneRewritesByTarget["pt"], accountRewritesByTarget["pt"], houseRewritesByTarget["pt"], marketRewritesByTarget["pt"], plantRewritesPortuguese, kayaksRewritesPortuguese, seriesRewritesPortuguese),
	"ca": slices.Concat(lessonRewritesByTarget["ca"], photoRewritesByTarget["ca"], giftRewritesByTarget["ca"], leisureRewritesByTarget["ca"], milestoneRewritesByTarget["ca"], vetRewritesByTarget["ca"], cruiseRewritesByTarget["ca"], lisbonRewritesCatalan),
}

// translateRoute runs a deformatted stream through rt: its mode, or both
// modes of a pivot, and returns the raw output stream and, through a
// pivot, the words the first mode marked unknown.
//
// source is the request's text, for the fixes a pivot's Spanish gets
// before it goes on ("" for none): "Estou numa reunião" from "Estoy en
// una reunión", where the mode's "Soy en" would give "Sou numa"
// (spanishEstar), "ton email" from "tu email" (informalYour), and "envia-me"
// from "envíame" (imperativeEdits), where "enviarme" gave "enviar-me".
func (e *Engine) translateRoute(ctx context.Context, rt route, stream, source string) (raw string, first []string, err error) {
	if raw, err = e.translateStream(ctx, rt.first, stream); err != nil || rt.second == nil {
		return raw, nil, err
	}
	// The first mode's output goes on in stream form, protected terms
	// still superblanks, markup still word-bound blanks, unknown words
	// bare (relay).
	stream, first = relay(raw)
	if source != "" && !e.cfg.NoChatFixes && api.Base(rt.first.target) == "es" {
		words := proseWords(stream, 0, len(stream), streamText(stream))
		edits := estarEdits(source, words)
		if rt.first.source == "en" {
			edits = append(edits, yourEdits(source, stream, words, "es")...)
			edits = append(edits, workEdits(words, speaksAsPerson(source))...)
			// A build, "compilación", not "complexión" (senses.go).
			edits = append(edits, senseEditsIn(source, "en", "es", words, true)...)
			edits = append(edits, movingEdits(source, words)...)
			edits = append(edits, returnEdits(words)...)
			edits = append(edits, whatForEdits(words)...)
			if mayHavePets(stream) {
				edits = append(edits, afraidEdits(words)...)
				edits = append(edits, feedEdits(words)...)
			}
			if api.Base(rt.second.target) == "fr" {
				// What "we" did, in the perfect (cruises.go).
				edits = append(edits, weDidEdits(source, words)...)
			}
			if api.Base(rt.second.target) != "fr" {
				// French asks "que je cuisine" of the indicative
				// ("cocino"); the subjunctive "cocine" is its "qu'il".
				edits = append(edits, wantSubjunctiveEdits(words)...)
			}
		}
		// The imperative the request is ("envíame", es-pt "envia-me",
		// es-fr "envoie-moi", "s'il te plaît, révise"; tuPlease). The
		// subjunctive after "cuando" is Spanish's, and French says
		// "quand tu arrives"; Portuguese's future subjunctive ("quando
		// chegares") es-pt writes for Spanish's subjunctive only
		// (cuandoMood), so a pivot into Portuguese takes it.
		edits = append(edits, imperativeEdits(words, joinCliticsForModes)...)
		if mayHaveActivities(stream) {
			edits = append(edits, activityEdits(words)...)
		}
		if rt.first.source == "fr" && api.Base(rt.second.target) == "en" {
			// The subject fr-es leaves out (heat.go).
			edits = append(edits, frenchSubjectIntoEnglish(source, words)...)
		}
		if api.Base(rt.second.target) == "pt" {
			edits = subjunctiveEdits(stream, words, edits)
		}
		stream = applyEdits(stream, edits)
		if rt.first.source == "en" && api.Base(rt.second.target) == "fr" && startsWithSubject(source) {
			// The subject es-fr would say "il" for, on the verb the
			// edits above wrote ("Era" is "Estaba"; outages.go).
			words = proseWords(stream, 0, len(stream), streamText(stream))
			stream = applyEdits(stream, frenchSubjectEdits(source, words))
		}
	}
	raw, err = e.translateStream(ctx, rt.second, stream)
	return raw, first, err
}

// encodeRequest deformats req: with req.Tokens and pipelines that carry
// word-bound blanks, markup delimiters go in as word-bound blanks and the
// other protected tokens as superblanks (markup.go); otherwise every
// occurrence of req.Protect is a superblank. With chat fixes, the set
// phrases of chat text go in as their target's (phrases.go) and chat
// spellings written out (chatwords.go).
func encodeRequest(req backend.Request, wordBound, chat bool) (string, *layout, error) {
	var words map[string]string
	if chat {
		words = chatWordsFor(req.Source)
	}
	phrased := func(spans []span) []span {
		if !chat || req.Format == api.FormatHTML {
			return spans
		}
		return phrases.withPhrases(req.Text, spans, req.Source, req.Target)
	}
	if req.Tokens == nil || !wordBound {
		stream, lay := encodeWords(req.Text, phrased(atomSpans(protectedSpans(req.Text, req.Protect))), nil, words)
		return stream, lay, nil
	}
	spans, pairs, err := tokenSpans(req.Text, req.Tokens, req.Protect, req.Format == api.FormatHTML)
	if err != nil {
		return "", nil, err
	}
	stream, lay := encodeWords(req.Text, phrased(spans), pairs, words)
	return stream, lay, nil
}

// translateStream runs a deformatted stream through one of m's pipelines
// and returns the raw output stream.
func (e *Engine) translateStream(ctx context.Context, m *mode, stream string) (string, error) {
	p, err := e.pool(m)
	if err != nil {
		return "", err
	}
	var pl *pipeline
	select {
	case pl = <-p.free:
	case <-ctx.Done():
		return "", fmt.Errorf("apertium %s: waiting for a pipeline: %w", m.name, ctx.Err())
	case <-e.done:
		return "", ErrClosed
	}
	p.used.Store(time.Now().UnixNano())
	var raw string
	if pl.running() {
		raw, err = e.run(ctx, pl, stream)
	} else if err = e.start(p, pl); err == nil {
		raw, err = e.run(ctx, pl, stream)
	}
	if pl.late != nil {
		// This request gave up on an answer still being made; the
		// pipeline rejoins the pool once it is back in step.
		e.draining.Add(1)
		go e.settle(p, pl)
	} else {
		e.release(p, pl)
	}
	if err != nil {
		if errors.Is(err, errStopped) {
			return "", ErrClosed
		}
		return "", fmt.Errorf("apertium %s: %w", m.name, err)
	}
	return raw, nil
}

// release hands pl, which the caller owns, back to p.
func (e *Engine) release(p *pool, pl *pipeline) {
	// The reaper reads idleSince after taking pl from free: the channel
	// orders the two.
	pl.idleSince = time.Now()
	p.used.Store(pl.idleSince.UnixNano())
	p.free <- pl
	if e.overCap.Load() {
		e.makeRoom(nil)
	}
}

// settle waits for the answer to the request pl's last caller gave up on
// (pipeline.finishLate), then hands pl back to p. Requests for the mode
// meanwhile wait for a pipeline as they would for a busy one.
func (e *Engine) settle(p *pool, pl *pipeline) {
	defer e.draining.Done()
	t0 := time.Now()
	if pl.finishLate(e.cfg.DrainTimeout) {
		e.abandoned[AbandonDrained].Add(1)
		e.log.Info("apertium answer drained after its request gave up; pipeline kept", "mode", p.mode.name, "waited", time.Since(t0))
	} else {
		e.abandoned[AbandonRestarted].Add(1)
	}
	e.release(p, pl)
}

// run sends one request through pl, retrying once on a pipeline that died
// under it (a program crashed or was killed): the pipeline has restarted by
// then, and translation is idempotent.
func (e *Engine) run(ctx context.Context, pl *pipeline, stream string) (string, error) {
	raw, err := pl.translate(ctx, stream)
	if err != nil && errors.Is(err, errDied) && ctx.Err() == nil {
		raw, err = pl.translate(ctx, stream)
	}
	return raw, err
}

// pool returns the pipelines of m, creating them (not yet started) on
// first use.
func (e *Engine) pool(m *mode) (*pool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if p, ok := e.pools[m.name]; ok {
		return p, nil
	}
	p := &pool{mode: m, free: make(chan *pipeline, e.cfg.Procs)}
	for range e.cfg.Procs {
		pl := newPipeline(m, e.log)
		p.all = append(p.all, pl)
		p.free <- pl
	}
	e.pools[m.name] = p
	return p, nil
}

// Close stops every pipeline, cancelling requests in flight, and returns
// when every program has exited and been reaped.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	close(e.done)
	pools := make([]*pool, 0, len(e.pools))
	for _, p := range e.pools {
		pools = append(pools, p)
	}
	e.mu.Unlock()
	// Mark every pipeline stopped and kill it first, so that requests in
	// flight fail fast and hand their pipelines back.
	for _, p := range pools {
		for _, pl := range p.all {
			pl.shutdown()
		}
	}
	for _, p := range pools {
		for range p.all {
			pl := <-p.free
			pl.reset()
		}
	}
	e.draining.Wait()
	e.reaper.Wait()
	return nil
}

// start starts pl, a pipeline of p that the caller owns and that is not
// running, first stopping the least recently used modes beyond
// Config.MaxPairs.
func (e *Engine) start(p *pool, pl *pipeline) error {
	e.roomMu.Lock()
	defer e.roomMu.Unlock()
	e.makeRoomLocked(p)
	pl.reset() // a pipeline whose program died still holds the others
	return pl.start()
}

// makeRoom stops the least recently used modes until at most
// Config.MaxPairs modes run, keep (which is about to start) included.
func (e *Engine) makeRoom(keep *pool) {
	e.roomMu.Lock()
	defer e.roomMu.Unlock()
	e.makeRoomLocked(keep)
}

func (e *Engine) makeRoomLocked(keep *pool) {
	if e.cfg.MaxPairs < 0 {
		return
	}
	limit := e.cfg.MaxPairs
	if keep != nil {
		limit--
	}
	for {
		live := e.livePools(keep)
		if len(live) <= limit {
			e.overCap.Store(false)
			return
		}
		stopped := false
		for _, p := range live {
			if n := e.stopPool(p); n > 0 {
				e.stops[StopEvicted].Add(int64(n))
				e.log.Debug("apertium mode stopped to stay within APERTIUM_MAX_PAIRS", "mode", p.mode.name, "pipelines", n, "max_pairs", e.cfg.MaxPairs)
				stopped = true
				break
			}
		}
		if !stopped {
			// Every other running mode is serving a request, which must
			// not be cut: go over the cap until one of them is free
			// (checked when a request returns its pipeline).
			e.overCap.Store(true)
			e.log.Debug("apertium over APERTIUM_MAX_PAIRS while every running mode is busy", "running", len(live), "max_pairs", e.cfg.MaxPairs)
			return
		}
	}
}

// livePools returns the pools, other than keep, with a running pipeline,
// least recently used first.
func (e *Engine) livePools(keep *pool) []*pool {
	var live []*pool
	for _, p := range e.poolList() {
		if p != keep && slices.ContainsFunc(p.all, (*pipeline).live) {
			live = append(live, p)
		}
	}
	sort.Slice(live, func(i, j int) bool { return live[i].used.Load() < live[j].used.Load() })
	return live
}

// poolList returns the pools created so far.
func (e *Engine) poolList() []*pool {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]*pool, 0, len(e.pools))
	for _, p := range e.pools {
		out = append(out, p)
	}
	return out
}

// stopPool stops every pipeline of p when none is serving a request, and
// returns how many were running (0 when p is busy). Taking the pipelines
// from free, as a request does, is what keeps requests in flight safe:
// the engine never stops a pipeline it does not own.
func (e *Engine) stopPool(p *pool) int {
	got := takeFree(p)
	if len(got) < len(p.all) {
		for _, pl := range got {
			p.free <- pl
		}
		return 0
	}
	n := 0
	for _, pl := range got {
		if pl.live() {
			pl.reset()
			n++
		}
		p.free <- pl
	}
	return n
}

// takeFree takes, without waiting, the pipelines of p that no request
// owns.
func takeFree(p *pool) []*pipeline {
	var got []*pipeline
	for range len(p.all) {
		select {
		case pl := <-p.free:
			got = append(got, pl)
		default:
			return got
		}
	}
	return got
}

// reapIdle stops, every tick, the pipelines that have served no request
// for idle, until Close. A stopped pipeline starts again on the next
// request for its mode.
func (e *Engine) reapIdle(idle time.Duration) {
	defer e.reaper.Done()
	// A pipeline lives at most idle plus one tick after its last request.
	t := time.NewTicker(min(max(idle/4, 10*time.Millisecond), 30*time.Second))
	defer t.Stop()
	for {
		select {
		case <-e.done:
			return
		case <-t.C:
		}
		for _, p := range e.poolList() {
			var idlePls []*pipeline
			for _, pl := range takeFree(p) {
				if pl.live() && time.Since(pl.idleSince) >= idle {
					idlePls = append(idlePls, pl)
					continue
				}
				p.free <- pl // busy ones first back, so a request need not wait for the stops
			}
			for _, pl := range idlePls {
				pl.reset()
				e.stops[StopIdle].Add(1)
				e.log.Debug("apertium pipeline stopped after idling", "mode", p.mode.name, "idle_timeout", idle)
				p.free <- pl
			}
		}
	}
}

// Stats is what runs now, and what the engine stopped so far.
type Stats struct {
	// Modes, Pipelines and Processes count the modes with a running
	// pipeline, the running pipelines and their programs.
	Modes, Pipelines, Processes int
	// Stops counts pipelines stopped while idle, by reason (StopIdle,
	// StopEvicted).
	Stops [numStopReasons]int64
	// Abandoned counts pipelines whose request's caller gave up, by
	// what became of them (AbandonDrained, AbandonRestarted).
	Abandoned [numAbandonOutcomes]int64
}

// Stats reports the running pipelines, for the metrics and the memory
// they stand for (docs/apertium.md, "Memory").
func (e *Engine) Stats() Stats {
	var s Stats
	for _, p := range e.poolList() {
		running := false
		for _, pl := range p.all {
			if n := pl.programs(); n > 0 {
				running = true
				s.Pipelines++
				s.Processes += n
			}
		}
		if running {
			s.Modes++
		}
	}
	for i := range s.Abandoned {
		s.Abandoned[i] = e.abandoned[i].Load()
	}
	for i := range s.Stops {
		s.Stops[i] = e.stops[i].Load()
	}
	return s
}
