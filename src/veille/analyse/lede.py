"""The lede: one or two of the article's own sentences, possibly trimmed, at most 280 characters.

Candidates are the leading sentences of the article, pairs of consecutive leading sentences, and
trimmed variants of them (a leading attribution "Selon X, " dropped, parentheses dropped, a trailing
clause cut at a comma). Each candidate is a list of character spans into the text, in order, so the
lede is always the article's own words in the article's order. A small gradient-boosted regressor
(trained by ``tools/train_lede.py`` to predict each candidate's ROUGE against the publisher's lede,
stored as JSON trees in ``veille/models/lede.json``) scores the candidates from cheap features:
position, paragraph, length, overlap with the title and with the rest of the article, digits,
quotation marks, capitalised words. Inference needs only the standard library (no scikit-learn).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

MAX_CHARS = 280
MAX_SENTENCES = 12      # candidates start among the first sentences of the article
MAX_PAIRS = 6           # pairs of consecutive sentences start among the first sentences
MIN_TRIM_WORDS = 10     # a trimmed candidate keeps at least this many words
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "models" / "lede.json"

_WORD = re.compile(r"[^\W_]+")
_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_LOWER = "a-zß-öø-ÿœ"
# A plain splitter for when no parser spans are given (and for training): paragraphs (lines), then
# . ! ? … (with an optional closing quote or bracket) followed by spaces and a capital or a quote.
_SENT_END = re.compile(rf"(?<=[.!?…])([\"»”)]?)\s+(?=[«“\"(]?\s?[{_UPPER}0-9])")
_ATTRIBUTION = re.compile(
    r"^(?:Selon|D'après|D’après|Pour|De l'avis|D'après|Aux yeux)\s[^,.;:!?«»\"]{1,80}?,\s+(?=\S)")
_PAREN = re.compile(r"\s*\([^()]{1,120}\)")
_TAIL_ATTR = re.compile(
    r",\s+(?:a-t-(?:il|elle)|ont-(?:ils|elles)|selon|d'après|indique|explique|affirme|estime|déclare|"
    r"précise|souligne|assure|annonce|rapporte|ajoute)\b[^,]{0,100}?[.!?…]?$")
# a short leading adverbial or date phrase: "Jeudi, ...", "Lundi 3 mai au soir, ...", "Par ailleurs, ..."
_LEAD_PHRASE = re.compile(r"^[^,.;:!?«»\"()]{2,40}?,\s+(?=\S)")
_CLAUSE = re.compile(r"\s*[,;:]\s+|\s+[-–—]\s+")

STOP = frozenset("""
a à au aux avec ce ces cet cette c d dans de des du elle elles en est et été être il ils j je l la le
les leur leurs lui m ma mais me même mes mon n ne ni nous on ont ou où par pas pour qu que qui s sa
sans se ses si son sont sur t ta te tes ton tu un une vos votre vous y ont avait a été était sera
plus aussi fait après avant entre depuis lors très comme tout tous toute toutes autre autres dont
""".split())
WEEKDAYS = frozenset("lundi mardi mercredi jeudi vendredi samedi dimanche".split())
FIRST_PERSON = frozenset("je j nous me m mon ma mes notre nos moi".split())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a plain rule (never across a newline); the pipeline passes spaCy's instead."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENT_END.finditer(para.group()):
            spans.append((start, para.start() + m.end(1)))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return _tight(text, spans)


def lede_text(text: str, spans: list[tuple[int, int]]) -> str:
    """The lede as a string: the spans' text joined with a space.

    A piece that ends its paragraph without final punctuation (a chapô, a heading) gets a period
    when the lede goes on, so two sentences do not read as one ("…américains. Le secrétaire…").
    """
    pieces = []
    for k, (s, e) in enumerate(spans):
        piece = text[s:e].strip()
        if k + 1 < len(spans) and "\n" in text[e:spans[k + 1][0]] and not piece.endswith(_FINAL):
            piece += "."
        pieces.append(piece)
    return " ".join(pieces)


_FINAL = (".", "!", "?", "…", "»", '"', "”", ":", ";")


def _words(s: str) -> list[str]:
    return _WORD.findall(s.lower())


def _length(text: str, spans) -> int:
    return sum(e - s for s, e in spans) + max(len(spans) - 1, 0)


def _cut_to(text: str, spans, limit: int = MAX_CHARS):
    """Shorten spans to at most ``limit`` characters: at a clause boundary if one is late enough, else
    at a word boundary."""
    out, used = [], 0
    for s, e in spans:
        room = limit - used - (1 if out else 0)
        if room <= 0:
            break
        if e - s <= room:
            out.append((s, e))
            used += e - s + (1 if len(out) > 1 else 0)
            continue
        piece = text[s:s + room]
        cut = None
        for m in _CLAUSE.finditer(piece):
            if m.start() >= room * 0.5:
                cut = m.start()
        if cut is None:
            cut = piece.rfind(" ")
            if cut <= 0:
                cut = room
        e2 = s + cut
        while e2 > s and text[e2 - 1] in " ,;:-–—":
            e2 -= 1
        if e2 > s:
            out.append((s, e2))
        break
    return out


def _tight(text: str, spans):
    """Spans without leading or trailing whitespace (a removed parenthesis leaves a space before the
    next piece)."""
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _trims(text: str, s: int, e: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """Trimmed variants of one sentence, each as (kind, spans)."""
    sent = text[s:e]
    out = []
    m = _ATTRIBUTION.match(sent)
    if m and len(_words(sent[m.end():])) >= MIN_TRIM_WORDS:
        out.append(("attrib", [(s + m.end(), e)]))
    parens = list(_PAREN.finditer(sent))
    if parens:
        spans, last = [], s
        for p in parens:
            if s + p.start() > last:
                spans.append((last, s + p.start()))
            last = s + p.end()
        if last < e:
            spans.append((last, e))
        spans = [(a, b) for a, b in spans if text[a:b].strip()]
        # glue neighbouring pieces separated by nothing but the removed parenthesis
        if spans and len(_words(lede_text(text, spans))) >= MIN_TRIM_WORDS:
            out.append(("paren", spans))
    m = _LEAD_PHRASE.match(sent)
    if m and len(_words(sent[m.end():])) >= MIN_TRIM_WORDS:
        out.append(("lead", [(s + m.end(), e)]))
    m = _TAIL_ATTR.search(sent)
    if m and len(_words(sent[:m.start()])) >= MIN_TRIM_WORDS:
        out.append(("tailattr", [(s, s + m.start())]))
    # cut a trailing clause at a clause boundary (keep the longest two prefixes that are long enough)
    cuts = [c.start() for c in _CLAUSE.finditer(sent) if len(_words(sent[:c.start()])) >= MIN_TRIM_WORDS]
    for c in cuts[-2:]:
        out.append(("tail", [(s, s + c)]))
    return out


def candidates(text: str, sentences: list[tuple[int, int]]):
    """(first sentence index, number of sentences, kind, spans) for each candidate lede."""
    out = []
    n = min(len(sentences), MAX_SENTENCES)
    for i in range(n):
        s, e = sentences[i]
        base = [(s, e)]
        if e - s > MAX_CHARS:
            out.append((i, 1, "cut", _cut_to(text, base)))
        else:
            out.append((i, 1, "full", base))
        for kind, spans in _trims(text, s, e):
            if _length(text, spans) > MAX_CHARS:
                spans = _cut_to(text, spans)
            out.append((i, 1, kind, spans))
        if i < MAX_PAIRS and i + 1 < len(sentences) and e - s < MAX_CHARS - 40:
            s2, e2 = sentences[i + 1]
            pair = [(s, e), (s2, e2)]
            if _length(text, pair) <= MAX_CHARS:
                out.append((i, 2, "pair", pair))
            # the second sentence cut at a clause boundary (or at 280 characters)
            second = text[s2:e2]
            cuts = [c.start() for c in _CLAUSE.finditer(second) if len(_words(second[:c.start()])) >= 4]
            for c in sorted(set(cuts[:1] + cuts[-2:])):
                spans = [(s, e), (s2, s2 + c)]
                if _length(text, spans) <= MAX_CHARS:
                    out.append((i, 2, "pairtail", spans))
            if _length(text, pair) > MAX_CHARS:
                out.append((i, 2, "pairtail", _cut_to(text, pair)))
    seen, kept = set(), []
    for c in out:
        c = (c[0], c[1], c[2], _tight(text, c[3]))
        key = tuple(c[3])
        if c[3] and key not in seen:
            seen.add(key)
            kept.append(c)
    return kept


KINDS = ("full", "cut", "attrib", "paren", "tailattr", "tail", "pair", "pairtail", "lead")
PRONOUNS = frozenset("il elle ils elles ce cette cela ça celui celle ceux on lui leur".split())
_TERMINAL = re.compile(r"[.!?…][\"»”)]?$")
_CAPWORD = re.compile(r"(?<![.!?] )(?<!^)\b[A-ZÀ-ÖØ-ÞŒ][a-zà-ÿœ]{2,}")


class _Doc:
    """Per-article statistics shared by the candidates' features."""

    def __init__(self, text: str, sentences, title: str | None, idf: dict | None = None):
        self.text = text
        self.idf = idf or {}
        self.idf_unknown = self.idf.get("", 10.0)
        self.sentences = sentences
        self.n_sent = len(sentences)
        self.title = {w for w in _words(title or "") if w not in STOP}
        self.para_of = []
        para, para_start_idx, last_end = 0, [], None
        for k, (s, e) in enumerate(sentences):
            if last_end is not None and "\n" in text[last_end:s]:
                para += 1
            if not para_start_idx or para_start_idx[-1][0] != para:
                para_start_idx.append((para, k))
            self.para_of.append((para, k - para_start_idx[-1][1]))
            last_end = e
        self.sent_words = [set(w for w in _words(text[s:e]) if w not in STOP) for s, e in sentences]
        self.df = Counter(w for ws in self.sent_words for w in ws)
        self.n_words_doc = sum(len(_words(text[s:e])) for s, e in sentences[:40])
        self.title_weight = math.fsum(self.w(t) for t in self.title)
        # tf-idf of the article's leading part (the lede summarises it)
        self.idf_doc = {w: self.w(w) for w in self.df}  # the article's words' IDF, looked up once
        self.doc_weight = {w: c * self.idf_doc[w] for w, c in self.df.items()}
        self.first = self.sent_words[0] if self.sent_words else set()
        # leading heading lines (a title, chapô or byline given as the first paragraphs): one-sentence
        # paragraphs without final punctuation, followed by the body
        self.body_start = 0
        while (self.body_start < min(2, self.n_sent - 1)
               and self.para_of[self.body_start][1] == 0
               and self.para_of[self.body_start + 1][1] == 0
               and not _TERMINAL.search(text[slice(*sentences[self.body_start])].rstrip())
               and len(_words(text[slice(*sentences[self.body_start])])) <= 40):
            self.body_start += 1
        # main actors: the capitalised words (not sentence-initial) most repeated in the article
        caps = Counter(w.lower() for s, e in sentences[:40] for w in _CAPWORD.findall(text[s:e]))
        self.actors = {w for w, c in caps.most_common(4) if c >= 2 and w not in STOP}

    def w(self, word: str) -> float:
        return self.idf.get(word, self.idf_unknown)


def _features(doc: _Doc, i: int, nsent: int, kind: str, spans) -> list[float]:
    text = doc.text
    piece = lede_text(text, spans)
    words = _words(piece)
    n = len(words)
    content = {w for w in words if w not in STOP}
    para, in_para = doc.para_of[i]
    idf = doc.idf_doc
    title_hit = len(content & doc.title)
    # centrality: how many other sentences share each content word
    own = doc.sent_words[i] | (doc.sent_words[i + 1] if nsent == 2 else set())
    cent = sum(doc.df[w] - 1 for w in content if w in own) / max(len(content), 1)
    cent_title = sum(1 for w in doc.title if doc.df.get(w, 0)) / max(len(doc.title), 1)
    caps = sum(1 for t in re.findall(r"(?<![.!?] )(?<!^)\b[A-ZÀ-ÖØ-ÞŒ][a-zà-ÿœ]+", piece))
    quotes = piece.count("«") + piece.count('"') + piece.count("“")
    first_char = piece[:1]
    f = [
        float(i), math.log1p(i), float(i == 0), float(i == 1), float(i == 2),
        float(para), float(in_para), float(in_para == 0),
        float(nsent), float(n), float(len(piece)), abs(n - 32.0), min(n, 60) ** 2 / 100.0,
        float(len(content)), title_hit, title_hit / max(len(doc.title), 1), title_hit / max(len(content), 1),
        cent, cent_title,
        float(any(map(str.isdigit, piece))), float(bool(WEEKDAYS & set(words))),
        float(quotes > 0), float(first_char in "«\"“"), quotes / max(n, 1) * 10,
        caps / max(n, 1), float(bool(FIRST_PERSON & set(words))),
        float(piece.rstrip().endswith("?")), float(piece.rstrip().endswith(":")),
        float(first_char.islower()), float(piece.count(",")),
        # (floating-point sums over sets use fsum: exact whatever the set order, which varies with the
        # hash seed, so that features and hence training are reproducible bit for bit)
        float(doc.n_sent), math.log1p(doc.n_words_doc), float(len(doc.title)),
        math.fsum(idf.get(t) or doc.w(t) for t in content & doc.title) / max(doc.title_weight, 1e-6),
        math.fsum(idf.get(t) or doc.w(t) for t in content) / max(n, 1),
        math.fsum(doc.doc_weight[t] for t in content if t in doc.doc_weight) / max(len(content), 1),
        len(content & doc.first) / max(len(content), 1),
        float(i - doc.body_start), float(i < doc.body_start), float(i == doc.body_start),
        float(doc.body_start),
        len(doc.actors & set(words)) / max(len(doc.actors), 1), float(len(doc.actors)),
        float(bool(words) and words[0] in PRONOUNS),
        len(set(words[:8]) & doc.title) / max(len(doc.title), 1),
    ]
    f.extend(float(kind == k) for k in KINDS)
    return f


FEATURES = (
    "sent_idx", "log_sent_idx", "is_first", "is_second", "is_third",
    "para_idx", "idx_in_para", "para_start",
    "n_sents", "n_words", "n_chars", "dist_32_words", "n_words_sq",
    "n_content", "title_hits", "title_recall", "title_precision",
    "centrality", "title_in_doc",
    "has_digit", "has_weekday",
    "has_quote", "starts_quote", "quote_density",
    "caps_ratio", "first_person",
    "ends_question", "ends_colon",
    "starts_lower", "n_commas",
    "doc_sents", "log_doc_words", "title_len",
    "title_idf_recall", "mean_idf", "tfidf_centrality", "overlap_first",
    "body_idx", "is_heading", "is_body_first", "n_headings",
    "actor_recall", "n_actors", "starts_pronoun", "title_recall_first8",
) + tuple("kind_" + k for k in KINDS)
# features also given relative to the article's best candidate (trees cannot compare candidates)
RELATIVE = ("title_hits", "title_recall", "title_precision", "centrality", "title_idf_recall",
            "tfidf_centrality", "actor_recall", "title_recall_first8")
FEATURES = FEATURES + tuple("rel_" + f for f in RELATIVE)
_REL_IDX = [FEATURES.index(f) for f in RELATIVE]


def featurise(text: str, sentences, title: str | None, idf: dict | None = None):
    """Candidates and their feature rows (used at training and at inference)."""
    cands = candidates(text, sentences)
    doc = _Doc(text, sentences, title, idf)
    rows = [_features(doc, i, n, kind, spans) for i, n, kind, spans in cands]
    if rows:
        best = [max(r[j] for r in rows) for j in _REL_IDX]
        for r in rows:
            r.extend(r[j] - b for j, b in zip(_REL_IDX, best))
    return cands, rows


class _Trees:
    """A gradient-boosted regressor stored as JSON: nodes [feature, threshold, left, right, value]."""

    def __init__(self, spec: dict):
        self.baseline = spec["baseline"]
        self.trees = spec["trees"]
        self.predict = self._compile()  # nested conditional expressions: ~5x faster than walking

    def _compile(self):
        def expr(nodes, k):
            feat, thr, left, right, value = nodes[k]
            if feat < 0:
                return repr(float(value))
            return f"({expr(nodes, left)} if x[{int(feat)}] <= {float(thr)!r} else {expr(nodes, right)})"

        lines = ["def predict(x):", f"    t = {float(self.baseline)!r}"]
        lines += [f"    t += {expr(nodes, 0)}" for nodes in self.trees]
        lines.append("    return t")
        scope: dict = {}
        exec(compile("\n".join(lines), "<lede-trees>", "exec"), scope)  # noqa: S102 - our own numbers
        return scope["predict"]

    def walk(self, x: list[float]) -> float:
        """The same prediction by walking the trees (reference for the compiled one)."""
        return self._walk(x)

    def _walk(self, x: list[float]) -> float:
        total = self.baseline
        for nodes in self.trees:
            k = 0
            while True:
                feat, thr, left, right, value = nodes[k]
                if feat < 0:
                    total += value
                    break
                k = left if x[feat] <= thr else right
        return total


class _Linear:
    def __init__(self, spec: dict):
        self.mean, self.scale, self.coef, self.bias = spec["mean"], spec["scale"], spec["coef"], spec["bias"]

    def predict(self, x: list[float]) -> float:
        return self.bias + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale))


class LedeModel:
    """Chooses the lede among candidate spans; see the module docstring."""

    def __init__(self, spec: dict | None = None):
        self.spec = spec
        self.scorer = None
        self.idf = dict(spec.get("idf", {})) if spec else {}
        if spec:
            if list(spec["features"]) != list(FEATURES):
                raise ValueError("the lede model was trained with other features; retrain it")
            self.scorer = _Trees(spec) if spec["kind"] == "trees" else _Linear(spec)

    @classmethod
    def load(cls, path=None) -> "LedeModel":
        path = Path(path) if path else DEFAULT_PATH
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def choose(self, text: str, sentences: list[tuple[int, int]] | None = None,
               title: str | None = None) -> list[tuple[int, int]]:
        """Character spans (in order, non-overlapping, at most 280 characters joined) of the lede."""
        if sentences is None:
            sentences = split_sentences(text)
        sentences = [(s, e) for s, e in sentences if text[s:e].strip()]
        if not sentences:
            return []
        if self.scorer is None:
            return lead_baseline(text, sentences)
        cands, rows = featurise(text, sentences, title, self.idf)
        if not cands:
            return []
        best = max(range(len(cands)), key=lambda k: (self.scorer.predict(rows[k]), -k))
        return cands[best][3]


def lead_baseline(text: str, sentences, max_words: int = 25) -> list[tuple[int, int]]:
    """Leading sentences until ``max_words`` words (at most 280 characters)."""
    out, n = [], 0
    for s, e in sentences:
        if out and _length(text, out + [(s, e)]) > MAX_CHARS:
            break
        out.append((s, e))
        n += len(_words(text[s:e]))
        if n >= max_words:
            break
    return _cut_to(text, out) if _length(text, out) > MAX_CHARS else out


_DEFAULT: LedeModel | None = None


def choose_lede(text: str, sentences: list[tuple[int, int]], title: str | None = None) -> str:
    """The lede string with the shipped model (the pipeline's entry point)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = LedeModel.load() if DEFAULT_PATH.exists() else LedeModel()
    return lede_text(text, _DEFAULT.choose(text, sentences, title))
