package ngram

import (
	"archive/zip"
	"embed"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strings"
	_ "unsafe" // for go:linkname

	"github.com/pemistahl/lingua-go"
	"google.golang.org/protobuf/encoding/protowire"
)

// linguaModels is lingua-go's embedded copy of its language models. lingua
// keeps it unexported and only reads it into map[string]float64 tables,
// about 1.4 GB for forty languages in high-accuracy mode. Reading the same
// files into the compact tables below needs about a tenth of that, and
// the models still ship exactly once, at the version go.mod pins. A new
// lingua version that renames the variable fails the build, not a request.
//
//go:linkname linguaModels github.com/pemistahl/lingua-go.languageModels
var linguaModels embed.FS

var orderNames = [...]string{1: "unigrams", 2: "bigrams", 3: "trigrams", 4: "quadrigrams", 5: "fivegrams"}

// modelPath is where lingua keeps the model of one language and order.
func modelPath(l lingua.Language, order int) string {
	return fmt.Sprintf("language-models/%s/%s.pb.bin.zip", strings.ToLower(l.IsoCode639_1().String()), orderNames[order])
}

// errNoModel reports a language without a model of some order (lingua has
// no higher-order models for Chinese and Japanese: their words are single
// characters).
var errNoModel = errors.New("no model")

// openModel returns a reader of the serialized model of one language and
// order, and its size.
func openModel(l lingua.Language, order int) (io.ReadCloser, int, error) {
	f, err := linguaModels.Open(modelPath(l, order))
	if err != nil {
		return nil, 0, errNoModel
	}
	// Read the zip in place: ReadFile would copy it to the heap first.
	info, err := f.Stat()
	ra, ok := f.(io.ReaderAt)
	if err != nil || !ok {
		return nil, 0, fmt.Errorf("read %s: cannot seek in it (%v)", modelPath(l, order), err)
	}
	z, err := zip.NewReader(ra, info.Size())
	if err != nil || len(z.File) == 0 {
		return nil, 0, fmt.Errorf("read %s: not a zip file with a model: %v", modelPath(l, order), err)
	}
	rc, err := z.File[0].Open()
	if err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", modelPath(l, order), err)
	}
	return rc, int(min(z.File[0].UncompressedSize64, 1<<30)), nil
}

// readModel returns the serialized model of one language and order.
func readModel(l lingua.Language, order int) ([]byte, error) {
	rc, size, err := openModel(l, order)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data := make([]byte, size)
	// The zip's pages are needed no more once it is unzipped.
	defer releaseModelPages()
	if _, err := io.ReadFull(rc, data); err != nil {
		return nil, fmt.Errorf("unzip %s: %w", modelPath(l, order), err)
	}
	return data, nil
}

// modelSize reads the total_ngrams field from the head of a model, so that
// a table can be sized before its models are read in full.
func modelSize(l lingua.Language, order int) (int, error) {
	rc, _, err := openModel(l, order)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	head := make([]byte, 64)
	n, err := io.ReadFull(rc, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, fmt.Errorf("read %s: %w", modelPath(l, order), err)
	}
	head = head[:n]
	for len(head) > 0 {
		num, typ, m := protowire.ConsumeTag(head)
		if m < 0 || typ != protowire.VarintType {
			break
		}
		v, k := protowire.ConsumeVarint(head[m:])
		if k < 0 {
			break
		}
		if num == 3 { // total_ngrams
			return int(v), nil
		}
		head = head[m+k:]
	}
	return 0, fmt.Errorf("read %s: no n-gram count in its header", modelPath(l, order))
}

// Hashing. An n-gram is known by a 64-bit hash of its UTF-8 bytes: the top
// bits pick a bucket, the low 32 bits are stored to tell the n-grams of a
// bucket apart. Two n-grams of one table are confused only if they agree
// in some 50 bits, about once in 10^15 look-ups.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

//go:norace
func fnvAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func fnvAddString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// finish spreads FNV's bits (murmur3's fmix64) so that the top bits make
// good bucket numbers.
//
//go:norace
func finish(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// Probabilities are stored as -ln p in units of 1/1024, which keeps a
// sum over a hundred n-grams within 0.05 of lingua's float64 sum.
const logScale = 1024

//go:norace
func quantize(p float64) uint16 {
	if p >= 1 {
		return 0
	}
	q := math.Round(-math.Log(p) * logScale)
	// lingua only counts a language whose sum is below zero; keep an
	// n-gram that is not certain below zero too.
	return uint16(min(max(q, 1), math.MaxUint16))
}

// table holds one order of n-grams for a group of languages. Each entry
// packs fingerprint<<32 | language<<16 | quantized -ln p; entries are
// grouped by bucket and sorted within it, so all languages that know an
// n-gram sit next to each other and one look-up serves them all.
type table struct {
	shift   uint
	buckets []uint32 // entries[buckets[b]:buckets[b+1]] hold bucket b
	entries []uint64
}

// find returns the entries for hash h.
func (t *table) find(h uint64) []uint64 {
	if t == nil || len(t.entries) == 0 {
		return nil
	}
	b := h >> t.shift
	bucket := t.entries[t.buckets[b]:t.buckets[b+1]]
	fp := h & 0xffffffff
	for i, e := range bucket {
		switch efp := e >> 32; {
		case efp < fp:
			continue
		case efp > fp:
			return nil
		default:
			j := i + 1
			for j < len(bucket) && bucket[j]>>32 == fp {
				j++
			}
			return bucket[i:j]
		}
	}
	return nil
}

func (t *table) bytes() int { return 4*len(t.buckets) + 8*len(t.entries) }

// buildTable reads the models of one order for the given languages (a
// language is stored as its index in langs). Each model is unzipped once:
// its entries go straight into the table, unsorted, with their bucket
// numbers beside them; an in-place bucket sort then groups them. The
// bucket numbers (4 bytes an entry, unmapped at the end) are the only
// large allocation besides the table itself.
func buildTable(langs []lingua.Language, order int) (*table, error) {
	total := 0
	for _, l := range langs {
		n, err := modelSize(l, order)
		if errors.Is(err, errNoModel) {
			continue
		}
		if err != nil {
			return nil, err
		}
		total += n
	}
	if total == 0 {
		return &table{}, nil
	}
	if total > math.MaxUint32 {
		return nil, fmt.Errorf("%d %s are more than one table holds", total, orderNames[order])
	}
	// Two to four entries per bucket: one cache line, and a bucket index
	// of a few bytes per entry.
	bucketBits := max(1, bits.Len(uint(total))-2)
	t := &table{shift: uint(64 - bucketBits), buckets: make([]uint32, 1<<bucketBits+1)}
	t.entries = allocEntries(t, total)
	bucketOf, release := allocScratch(total)
	defer release()
	n := 0
	for i, l := range langs {
		data, err := readModel(l, order)
		if errors.Is(err, errNoModel) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n, err = t.add(data, uint64(i), bucketOf, n); err != nil {
			return nil, fmt.Errorf("parse %s: %w", modelPath(l, order), err)
		}
	}
	if n != total {
		return nil, fmt.Errorf("%s: %d n-grams, but their headers announced %d", orderNames[order], n, total)
	}
	t.sort(bucketOf)
	return t, nil
}

// add appends the n-grams of one serialized model (message
// SerializableLanguageModel; its ngram_sets, field 4, hold a probability,
// field 1, and the n-grams that share it, field 2) from entry n on, and
// returns the next free entry.
//
// The loader's loops run over some 10^7 n-grams and share no memory until
// the table is published (by closing the group's done channel); race
// instrumentation would only make them, and every test that loads a
// model, ten times slower.
//
//go:norace
func (t *table) add(data []byte, lang uint64, bucketOf []uint32, n int) (int, error) {
	for len(data) > 0 {
		num, typ, k := protowire.ConsumeTag(data)
		if k < 0 {
			return n, protowire.ParseError(k)
		}
		data = data[k:]
		if num != 4 || typ != protowire.BytesType {
			if k = protowire.ConsumeFieldValue(num, typ, data); k < 0 {
				return n, protowire.ParseError(k)
			}
			data = data[k:]
			continue
		}
		set, k := protowire.ConsumeBytes(data)
		if k < 0 {
			return n, protowire.ParseError(k)
		}
		data = data[k:]
		p, err := setProbability(set)
		if err != nil {
			return n, err
		}
		q := uint64(quantize(p))
		for len(set) > 0 {
			num, typ, k := protowire.ConsumeTag(set)
			if k < 0 {
				return n, protowire.ParseError(k)
			}
			set = set[k:]
			if num == 2 && typ == protowire.BytesType {
				g, k := protowire.ConsumeBytes(set)
				if k < 0 {
					return n, protowire.ParseError(k)
				}
				if n == len(t.entries) {
					return n, fmt.Errorf("more n-grams than the headers announced")
				}
				h := finish(fnvAdd(fnvOffset, g))
				t.entries[n] = (h&0xffffffff)<<32 | lang<<16 | q
				b := uint32(h >> t.shift)
				bucketOf[n] = b
				t.buckets[b]++
				n++
			}
			if k = protowire.ConsumeFieldValue(num, typ, set); k < 0 {
				return n, protowire.ParseError(k)
			}
			set = set[k:]
		}
	}
	return n, nil
}

// setProbability finds the probability of an n-gram set (fields may come
// in any order).
//
//go:norace
func setProbability(set []byte) (float64, error) {
	for len(set) > 0 {
		num, typ, n := protowire.ConsumeTag(set)
		if n < 0 {
			return 0, protowire.ParseError(n)
		}
		set = set[n:]
		if num == 1 && typ == protowire.Fixed64Type {
			v, k := protowire.ConsumeFixed64(set)
			if k < 0 {
				return 0, protowire.ParseError(k)
			}
			return math.Float64frombits(v), nil
		}
		if n = protowire.ConsumeFieldValue(num, typ, set); n < 0 {
			return 0, protowire.ParseError(n)
		}
		set = set[n:]
	}
	return 0, fmt.Errorf("an n-gram set without a probability")
}

// sort groups the entries by bucket in place (American flag sort: each
// entry is swapped straight into its bucket's next free slot) and sorts
// each bucket; t.buckets goes from counts to start offsets.
//
//go:norace
func (t *table) sort(bucketOf []uint32) {
	next := make([]uint32, len(t.buckets))
	sum := uint32(0)
	for b, c := range t.buckets {
		t.buckets[b] = sum
		next[b] = sum
		sum += c
	}
	for b := 0; b+1 < len(t.buckets); b++ {
		end := t.buckets[b+1]
		for i := next[b]; i < end; i = next[b] {
			home := bucketOf[i]
			if home == uint32(b) {
				next[b]++
				continue
			}
			j := next[home]
			next[home]++
			t.entries[i], t.entries[j] = t.entries[j], t.entries[i]
			bucketOf[i], bucketOf[j] = bucketOf[j], bucketOf[i]
		}
	}
	// Buckets hold a handful of entries: insertion sort.
	for b := 0; b+1 < len(t.buckets); b++ {
		e := t.entries[t.buckets[b]:t.buckets[b+1]]
		for i := 1; i < len(e); i++ {
			for j := i; j > 0 && e[j] < e[j-1]; j-- {
				e[j], e[j-1] = e[j-1], e[j]
			}
		}
	}
}
