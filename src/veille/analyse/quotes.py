"""Quotations: who said what. The component ``veille_quotes`` sets ``doc._.quotes``.

Method (details and figures in docs/quotes.md):

1. *Quotation marks* are paired on the characters, before looking at the parse: « », “ ”, ‹ › and
   straight " (by parity inside a paragraph); marks nested in a quotation belong to it; an unclosed
   mark runs to the end of its paragraph, and a « that reopens the next paragraph continues it.
2. *Cues*: reporting verbs (lemma or lower-cased form, from ``data/fr/quote_verbs.toml``) and source
   prepositions ("selon X", "d'après X", "pour X"). Each cue gives a *content*:
   - postposed cue ("..., a-t-il ajouté", "..., estime X.", "..., selon X."): what precedes it in the
     sentence (or the quotation right before it);
   - preposed cue: its que-clause, infinitive, "de/à" complement, object, or the quotation after it
     (also after a colon); "Selon X, ..." / "Pour X, ...": the rest of the sentence.
   A content without quotation marks is ``indirect``; one made of quotations only is ``direct`` (one
   quote per quotation); one that mixes both is ``mixed`` (one quote for the whole content).
3. *Quotations without a cue* take the speaker of the sentence's cue, or of the previous (next)
   sentence's quotation; short ones without any source are scare quotes and are dropped, as are titles
   ("le film "X"", "l'opération "Y"").
4. *Speakers*: the subject of the cue (inverted subjects and "-t-il" included), climbing from
   participles ("..., assurant que") to their governing verb; mapped to actors through
   ``doc._.actor_of``; pronouns fall back to the last speaker; a subject noun phrase with no actor
   becomes a new actor (:func:`add_actor`).
"""
from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Actor, Quote, Span
from . import gazetteer
from .gazetteer import fold

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

DATA = Path(__file__).resolve().parent.parent / "data" / "fr" / "quote_verbs.toml"

OPENERS = {"«": "»", "“": "”", "‹": "›", "„": "“"}
CLOSERS = set(OPENERS.values())
QUOTE_CHARS = set(OPENERS) | CLOSERS | {'"'}
QUE = {"que", "qu'", "qu’"}
DE = {"de", "d'", "d’"}
A = {"à", "au", "aux"}
SEPARATORS = {"et", "ou", "mais", "puis", "ni"}
PRONOUNS = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles"}
EUPHONIC = {"-t", "-t-"}
CLITICS = {"se", "s'", "s’", "lui", "leur", "y", "en", "ne", "n'", "n’", "pas", "plus", "jamais", "l'", "l’",
           "le", "la", "les", "me", "m'", "nous", "vous", "-t", "-il", "-elle", "-ils", "-elles", "-on"}
AUX_FORMS = {"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "est", "sont", "était",
             "étaient"}  # the auxiliary before a verb the tagger did not know ("a tweeté", both tagged X)
TOPIC_PREPS = {"sur", "pour", "contre", "avec", "dans", "par", "chez", "vers", "envers", "auprès", "concernant"}
SENTENCE_FILLERS = {"et", "mais", "or", "puis", "donc", "enfin", ","}
LEFT_PREPS = A | DE | {"sur", "dans", "par", "pour", "avec", "devant", "auprès", "lors", "chez", "en", "via",
                       "depuis", "après", "avant", "contre", "envers", "selon", "entre", "sous"}
NOT_COMPLEMENT = {"tandis", "alors", "parce", "bien", "ainsi", "afin", "pour", "sans", "avant", "après", "dès",
                  "pendant", "depuis", "tant", "plutôt", "sorte", "lors", "moins", "plus", "autant", "même"}
INCISE = re.compile(r",(?=\s+(?:\w+-t-|\w+-)(?:il|elle|ils|elles|on)\b)")  # ", a-t-il", ", dit-elle"
CITING = {"citer", "relayer", "rapporter"}  # "cité par X": X is the source of the quotations around
MIN_UNSOURCED_WORDS = 4  # a quotation without any cue shorter than this is a scare quote


# -- lexicon -------------------------------------------------------------------------------------------
# Definite anaphoric nouns ("le pays", "la plate-forme") that stand for an actor of these types.
ANAPHOR_TYPES = {"pays": ("GPE",), "plate-forme": ("ORG",), "plateforme": ("ORG",), "regulateur": ("ORG",),
                 "entreprise": ("ORG",), "firme": ("ORG",), "societe": ("ORG",), "application": ("ORG",)}

ANAPHORS = {fold(k): v for k, v in ANAPHOR_TYPES.items()}  # folded: "plate-forme" -> "plate forme"
# a company noun stands for a company or a medium, not for any organisation ("la plate-forme" is not
# "les services de renseignement" named just before)
COMPANY_NOUNS = {"plate forme", "plateforme", "entreprise", "firme", "societe", "application"}
COMPANY_SECTORS = {None, "BUS", "MED"}


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, dict]
    forms: dict[str, str]  # lower-cased inflected form -> lemma
    source_preps: frozenset[str]
    opinion_preps: frozenset[str]
    title_words: frozenset[str]
    speaker_nouns: frozenset[str] = frozenset()

    def verb(self, tok: Token) -> str | None:
        """The reporting verb's lemma if ``tok`` is one (by lemma or by form)."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs:
            return lemma
        return self.forms.get(tok.lower_)


ER_SUFFIXES = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "ais", "aient", "a", "as", "era", "erait",
               "eront", "erai", "ant", "ons", "ez", "èrent", "ât", "er")


def _er_forms(lemma: str) -> list[str]:
    stem = lemma[:-2]
    forms = [stem + s for s in ER_SUFFIXES]
    if lemma.endswith("eler"):  # rappeler -> rappelle
        forms += [stem + "le", stem + "les", stem + "lent"]
    return forms


@lru_cache(maxsize=4)
def lexicon(path: str = str(DATA)) -> Lexicon:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    verbs = {k: dict(v) for k, v in data["verbs"].items()}
    forms: dict[str, str] = {}
    for lemma in verbs:
        if lemma.endswith("er"):
            for form in _er_forms(lemma):
                forms.setdefault(form, lemma)
    for lemma, fs in data.get("forms", {}).items():
        for form in fs:
            forms[form.lower()] = lemma
    src = data.get("sources", {})
    return Lexicon(verbs, forms, frozenset(src.get("prepositions", [])), frozenset(src.get("opinion", [])),
                   frozenset(data.get("not_quotes", {}).get("title_words", [])),
                   frozenset(data.get("speakers", {}).get("nouns", [])))


# -- 1. quotation marks -------------------------------------------------------------------------------
@dataclass
class Region:
    """A top-level quotation: text[start:end] between its marks (end = paragraph end if unclosed)."""
    open_at: int
    close_at: int | None
    start: int
    end: int
    chain: int  # regions of one multi-paragraph quotation share a chain number
    first_tok: int = -1  # tokens of the marks and the content, [first_tok, last_tok]
    last_tok: int = -1
    used: bool = False


def pair_marks(text: str) -> list[Region]:
    regions: list[Region] = []
    pos = 0
    carry: str | None = None  # an opener left unclosed at the end of the previous paragraph
    chain = 0
    for para in text.split("\n"):
        stack: list[tuple[str, int]] = []
        stripped = para.lstrip()
        if not stripped:  # blank line between paragraphs: keeps an open quotation open
            pos += len(para) + 1
            continue
        continued = carry is not None and stripped[:1] == carry
        if not continued:
            chain += 1
        carry = None
        # an odd number of straight quotes: one was never closed, most often before an incise
        # ("Texte cité, a-t-il dit ..."), which then closes it
        incises = {m.start() for m in INCISE.finditer(para)} if para.count('"') % 2 else set()
        for i, ch in enumerate(para):
            if i in incises and len(stack) == 1 and stack[0][0] == '"':
                _, at = stack.pop()
                regions.append(_region(para, pos, at, i, chain))
                chain += 1
                continue
            if not stack:
                if ch in OPENERS or ch == '"':
                    stack.append((ch, i))
                continue
            top = stack[-1][0]
            if (top == '"' and ch == '"') or (top in OPENERS and ch == OPENERS[top]):
                _, at = stack.pop()
                if not stack:
                    regions.append(_region(para, pos, at, i, chain))
                    chain += 1
            elif ch in OPENERS or ch == '"':
                stack.append((ch, i))
        if stack:
            ch, at = stack[0]
            regions.append(_region(para, pos, at, None, chain))
            if ch in ("«", "“"):
                carry = ch
        pos += len(para) + 1
    return [r for r in regions if r.end > r.start]


def _region(para: str, pos: int, open_at: int, close_at: int | None, chain: int) -> Region:
    end = close_at if close_at is not None else len(para.rstrip())
    start = open_at + 1
    while start < end and para[start].isspace():
        start += 1
    while end > start and para[end - 1].isspace():
        end -= 1
    return Region(pos + open_at, pos + close_at if close_at is not None else None, pos + start, pos + end, chain)


# -- 2-4. the component ---------------------------------------------------------------------------------
@dataclass
class Found:
    start: int  # token range [start, end) of the content
    end: int
    kind: str
    speaker: str | None
    cue: Token | None
    regions: list[Region] = field(default_factory=list)


class QuoteFinder:
    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.actors is None:
            doc._.actors, doc._.actor_of = [], {}
        state = _State(doc, self.lex)
        state.run()
        doc._.quotes = state.quotes()
        return doc


class _State:
    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc, self.lex = doc, lex
        self.text = doc.text  # Doc.text joins every token: compute it once
        self.starts = [t.idx for t in doc]
        self.regions = pair_marks(self.text)
        self.in_region: dict[int, Region] = {}
        for r in self.regions:
            r.first_tok = self._tok_at(r.open_at)
            r.last_tok = self._tok_at(r.close_at) if r.close_at is not None else self._tok_at(r.end - 1)
            for t in range(r.first_tok, r.last_tok + 1):
                self.in_region[t] = r
        self.sent_of = [0] * len(doc)
        self.sents = [s for s in doc.sents if s.text.strip()] or list(doc.sents)  # blank lines are no sentences
        k = 0
        for t in range(len(doc)):
            while k + 1 < len(self.sents) and t >= self.sents[k + 1].start:
                k += 1
            self.sent_of[t] = k
        self.found: list[Found] = []
        self.claimed: set[int] = set()  # tokens already in some content
        self.speaker_of_sent: dict[int, str] = {}
        self.cue_speaker: dict[int, str] = {}  # cue token -> its speaker
        self.pron_cache: dict[int, str | None] = {}
        self.named: set[str] | None = None  # actors with a person's name among their mentions
        self.last_pair: tuple[int, str] | None = None  # (sentence, person) of the last "les deux X" resolved

    # -- helpers ---------------------------------------------------------------------------------
    def _tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def _sent(self, i: int):
        return self.sents[self.sent_of[i]]

    def _is_mark(self, tok: Token) -> bool:
        return any(c in QUOTE_CHARS for c in tok.text) and len(tok.text) <= 2

    def _words(self, start: int, end: int) -> list[Token]:
        return [t for t in self.doc[start:end] if not t.is_punct and not t.is_space and not self._is_mark(t)]

    # -- main ------------------------------------------------------------------------------------
    def run(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.i in self.in_region or tok.i in self.claimed:
                continue
            if tok.lower_ in self.lex.source_preps or (tok.lower_ in ("d'", "d’") and tok.i + 1 < len(doc)
                                                       and doc[tok.i + 1].lower_ == "après"):
                self._source_prep(tok)
            elif tok.lower_ in self.lex.opinion_preps:
                self._opinion_prep(tok)
            else:
                lemma = self.lex.verb(tok)
                if lemma is not None and tok.pos_ not in ("DET", "ADP", "PRON", "PUNCT"):
                    self._verb(tok, lemma)
        self._unclaimed_regions()
        self._share_chains()
        self._repeated_quotations()

    # -- verbs -------------------------------------------------------------------------------------
    def _group_start(self, tok: Token) -> int:
        """First token of the verb group: auxiliaries, clitics, adverbs before the cue."""
        i = tok.i
        while i > 0:
            prev = self.doc[i - 1]
            if prev.text == "," and i >= 4 and self.doc[i - 4].text == "," and self.doc[i - 2].lower_ == "aussi" \
                    and self.doc[i - 3].lower_ in ("lui", "elle", "eux", "elles"):
                i -= 4  # "s'est, lui aussi, réjoui"
                continue
            multi = prev.pos_ == "ADP" and i < tok.i and self.doc[i].pos_ == "ADV"  # "par ailleurs"
            if prev.pos_ in ("AUX", "ADV") or prev.lower_ in CLITICS | AUX_FORMS or prev.text.startswith("-") or multi:
                if self._is_mark(prev):
                    break
                i -= 1
                continue
            break
        return i

    def _verb(self, tok: Token, lemma: str) -> None:
        doc = self.doc
        sent = self._sent(tok.i)
        g = self._group_start(tok)
        participle = tok.lower_.endswith("ant")
        prev = doc[g - 1] if g > sent.start else None
        if g == tok.i and "VerbForm=Part" in str(tok.morph) and "Tense=Past" in str(tok.morph) and \
                tok.lower_.endswith(("é", "ée", "és", "ées", "u", "ue", "us", "ues")) and \
                not tok.lower_.endswith(("que", "ques", "gue", "gues")) and \
                prev is not None and prev.text == "," and not any(c.dep_.startswith("aux") for c in tok.children):
            return  # "X, interrogé sur France 3, ...", "le texte, soutenu par la majorité": an apposition
        if g == tok.i and "VerbForm=Part" in str(tok.morph) and "Tense=Past" in str(tok.morph) and \
                prev is not None and prev.pos_ == "NOUN" and tok.head.i == prev.i and tok.dep_ in ("acl", "amod") and \
                not any(c.dep_.startswith("aux") for c in tok.children):
            return  # "des attaques répétées contre X": an adjective, no speech
        if "VerbForm=Inf" in str(tok.morph) and g > 0 and doc[g - 1].lower_ == "pour":
            return  # "un consensus pour dire que …": a purpose, nobody's speech
        after = self._complement_start(tok, lemma)
        inverted_np = after is not None and after[1] == "np" and self._only_np_after(tok)
        # "X, qui ..., a salué cette mesure", "X s'est, lui aussi, réjoui": a subject before the verb
        # group means the cue is not postposed
        # (a relative "qui" cut from the verb by a comma is a misparse: "…, qui est de « … », ont justifié X")
        own_subject = any(c.dep_.startswith("nsubj") and c.i < g and c.i not in self.in_region
                          and c.lower_ not in PRONOUNS and c.i >= sent.start
                          and not (c.lower_ == "qui" and any(t.text == "," for t in doc[c.i:g]))
                          for c in tok.children)
        if prev is not None and not participle and (after is None or inverted_np) and not own_subject and \
                (prev.text in (",",) or (self._is_mark(prev) and prev.i in self.in_region)):
            self._postposed(tok, g)
            return
        if after is not None:
            start, how = after
            end = self._quotes_end(start) if how in ("quote", "colon") and start in self.in_region \
                else self._clause_end(start)
            if how == "np" and not self._reported_np(tok, lemma, start, end):
                return
            if end > start:
                speaker = self._speaker(tok)
                self._add(start, end, tok, speaker, how)
                # "assurant qu'elles étaient « sans fondement » et que le Xinjiang était « stable »": each
                # coordinated que-clause is reported content of the same cue
                doc = self.doc
                while how == "que" and end + 2 < len(doc) and doc[end].lower_ == "et" and doc[end + 1].lower_ in QUE:
                    start, end = end + 2, self._clause_end(end + 2)
                    if end <= start:
                        break
                    self._add(start, end, tok, speaker, how)

    def _complement_start(self, tok: Token, lemma: str) -> tuple[int, str] | None:
        """Where the reported content after a preposed cue starts, and how it is introduced."""
        doc = self.doc
        sent_end = self._sent(tok.i).end
        props = self.lex.verbs.get(lemma, {})
        prep = props.get("prep")
        i = tok.i + 1
        seen_words = 0
        limit = min(sent_end, tok.i + 12)
        obj = next((c for c in tok.children if c.dep_ in ("obj",) and c.i > tok.i), None)
        while i < limit:
            t = doc[i]
            if t.i in self.in_region:
                r = self.in_region[t.i]
                if t.i == r.first_tok and not (t.i > tok.i + 1 and self._is_name(r)) \
                        and not self._topic_quote(tok, i):
                    return (i, "quote")
                return None
            if t.text == ":":
                j = i + 1
                if j < sent_end and j in self.in_region:
                    return (j, "colon")
                return (j, "colon") if j < sent_end else None
            if t.lower_ in QUE and doc[i - 1].lower_ in NOT_COMPLEMENT:
                return None
            if t.lower_ in QUE and t.pos_ in ("SCONJ", "PRON", "ADV"):
                if t.pos_ == "PRON" and t.dep_ not in ("mark",):
                    return None
                return (i + 1, "que")
            if t.text in (".", ";", "!", "?"):
                return None
            if "VerbForm=Inf" in str(t.morph) and t.pos_ in ("VERB", "AUX"):
                # "a déclaré avoir dit", "accuse X d'être", "appelle à cesser"
                k = i - 1
                while k > tok.i and doc[k].lower_ in CLITICS | {"ne", "n'", "pas"}:
                    k -= 1
                if doc[k].lower_ in DE and prep == "de" and obj is not None and obj.i < k:
                    return (obj.left_edge.i, "inf")
                if doc[k].lower_ in DE:
                    return (k, "inf")
                if doc[k].lower_ in A:
                    if prep == "à" and obj is not None and obj.i < k:
                        return (obj.left_edge.i, "inf")
                    return (k + 1, "inf")
                if k == tok.i or doc[k].pos_ in ("ADV",):
                    return (k + 1, "inf")
                return None
            if t.pos_ in ("VERB",) and t.dep_ not in ("xcomp",) and t.i != tok.i:
                return None
            if obj is not None and t.i == obj.left_edge.i and props.get("np"):
                return (i, "np")
            if not t.is_punct:
                seen_words += 1
            i += 1
        return None

    def _topic_quote(self, tok: Token, i: int) -> bool:
        """ "s'est expliqué sur le « cas » X": a quotation heading the object of a preposition (other than
        the "de"/"à" of a content) after the cue is a topic, not what was said."""
        doc = self.doc
        k = i - 1
        while k > tok.i and doc[k].pos_ == "DET":
            k -= 1
        return k > tok.i and doc[k].pos_ == "ADP" and doc[k].lower_ in TOPIC_PREPS

    def _reported_np(self, tok: Token, lemma: str, start: int, end: int) -> bool:
        """Whether the object noun phrase doc[start:end] of a reporting verb is reported content.

        A quoted fragment always is ("a salué une « victoire »"). Otherwise only for verbs whose object
        states something new ("a annoncé son départ", `np = true`), not for evaluative ones (`np =
        "quoted"`: "a salué cette décision"), and never for a negated cue ("n'a pas évoqué X"), an
        object naming something already known ("cette décision") or a bare indefinite ("des sanctions")."""
        doc = self.doc
        if any(i in self.in_region for i in range(start, end)):
            return True
        if self.lex.verbs.get(lemma, {}).get("np") is not True:
            return False
        if any(c.dep_ == "advmod" and c.lower_ in ("pas", "jamais", "guère") for c in tok.children) or \
                any(doc[i].lower_ in ("pas", "jamais") for i in range(self._group_start(tok), tok.i)):
            return False
        words = self._words(start, end)
        if not words or words[0].lower_ in ("ce", "cet", "cette", "ces"):
            return False
        if len(words) <= 2 and words[0].lower_ in ("des", "du", "de", "un", "une", "d'", "d’"):
            return False
        return True

    def _only_np_after(self, tok: Token) -> bool:
        """ "..., a annoncé la police britannique." : only a noun phrase up to the sentence end."""
        sent = self._sent(tok.i)
        for t in self.doc[tok.i + 1:sent.end]:
            if t.pos_ in ("VERB", "AUX", "SCONJ") or t.lower_ in QUE or t.i in self.in_region:
                return False
        return True

    def _quotes_end(self, start: int) -> int:
        """End of a run of quotations starting at ``start`` ("« A », « B »" / "« A » et « B »")."""
        doc = self.doc
        end = self.in_region[start].last_tok + 1
        i = end
        while i < len(doc):
            if i in self.in_region and self.in_region[i].first_tok == i:
                end = i = self.in_region[i].last_tok + 1
                continue
            if doc[i].text == "," or doc[i].lower_ in SEPARATORS:
                i += 1
                continue
            # « A » par le décès de cette « B »: a few words between two quotations, one mixed content
            j = i
            while j < len(doc) and j - i <= 6 and j not in self.in_region and not doc[j].is_punct \
                    and not doc[j].is_space and doc[j].pos_ not in ("VERB", "AUX"):
                j += 1
            if j > i and j < len(doc) and j in self.in_region and self.in_region[j].first_tok == j \
                    and self.sent_of[j] == self.sent_of[start]:
                end = i = self.in_region[j].last_tok + 1
                continue
            break
        return end

    def _clause_end(self, start: int, coordination: bool = True) -> int:
        """End (exclusive) of the reported clause that starts at ``start``."""
        doc = self.doc
        sent = self._sent(start)
        end = sent.end
        i = start
        while i < end:
            t = doc[i]
            r = self.in_region.get(i)
            if r is not None:
                i = r.last_tok + 1
                # a quotation may run over several sentences
                if i > end:
                    end = min(len(doc), self._sent(r.last_tok).end)
                continue
            if t.text in (";",):
                return i
            if t.text in (".", "!", "?") and i > start and i + 1 < end:
                return i  # the parser missed a sentence end ("» et « … ». « …")
            if t.text == "," and i + 1 < end:
                nxt = doc[i + 1]
                nxt2 = doc[i + 2] if i + 2 < end else None
                if self.lex.verb(nxt) and (nxt.lower_.endswith("ant") or nxt.pos_ in ("AUX", "VERB")):
                    return i
                if nxt.lower_ == "en" and nxt2 is not None and nxt2.lower_.endswith("ant"):
                    return i
                if nxt.lower_ == "selon" and (comma := self._incise_end(i + 1, end)) is not None:
                    # "…, qui, selon lui, « … »": an incise inside the clause, which goes on after it
                    i = comma + 1
                    continue
                if nxt.lower_ in ("selon", "a", "ont", "avait", "avaient") or nxt.lower_.startswith("a-t"):
                    return i
                if nxt.lower_.endswith("ant") and nxt.pos_ in ("VERB", "AUX"):
                    return i
                if nxt.lower_ in ("alors", "tandis", "avant", "tout", "mais") :
                    return i
                if nxt.lower_ == "ce" and nxt2 is not None and nxt2.lower_ in ("qui", "que", "qu'", "qu’"):
                    return i  # ", ce qui désignerait …": the writer's comment
            if coordination and t.lower_ in ("et", "mais") and i + 1 < end and i > start:
                nxt = doc[i + 1]
                if nxt.lower_ in QUE or (nxt.pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(nxt.morph)) \
                        or (nxt.pos_ == "VERB" and "VerbForm=Part" in str(nxt.morph)) or \
                        (self.lex.verb(nxt) and nxt.pos_ in ("VERB", "AUX")):
                    return i
            if t.lower_ in ("avant", "après") and i + 1 < end and doc[i + 1].lower_ in DE:
                return i
            if t.lower_ == "selon" and i > start and doc[i - 1].text == ",":
                return i - 1
            i += 1
        while end > start and (doc[end - 1].is_punct and not self._is_mark(doc[end - 1]) or doc[end - 1].is_space):
            end -= 1
        return end

    def _incise_end(self, i: int, end: int) -> int | None:
        """Index of the comma closing a short "selon lui" / "selon X" incise that starts at ``i``, when the
        clause goes on after it (not at its end); else None."""
        for k in range(i + 1, min(i + 5, end)):
            if self.doc[k].text == ",":
                return k if k + 2 < end else None
            if self.doc[k].is_punct or k in self.in_region:
                return None
        return None

    def _postposed(self, tok: Token, g: int) -> None:
        """ "..., a-t-il ajouté", "« ... », estime X." : the content is what precedes the cue."""
        doc = self.doc
        end = g - 1  # the comma or the closing mark
        if doc[end].text == "," and end > 0:
            pass
        else:
            end = g
        # content start: the sentence start, or the start of the quotation(s) right before
        sent = self._sent(max(0, end - 1))
        start = sent.start
        r = self.in_region.get(end - 1)
        if r is not None:
            start = min(start, r.first_tok)
            if r.first_tok > start and r.open_at > 0 and self.text[r.open_at - 1].isalnum():
                start = r.first_tok  # "Des attaques contre X« … », a-t-il dit": a heading glued to the quotation
        # skip "Et", "Mais" and an opening "Selon X," (handled elsewhere)
        while start < end and (doc[start].lower_ in SENTENCE_FILLERS or doc[start].is_space):
            start += 1
        start = self._after_claimed(start, end)
        if start >= end or not self._words(start, end):
            return
        if self._subject_only(start, end):
            # "X, le secrétaire du parti, a lui aussi réagi, avançant que": what precedes is the subject
            a = self._np_actor(start, self._np_end(start, end))
            if a is not None:
                self.cue_speaker.setdefault(tok.i, a)
            return
        speaker = self._speaker(tok, postposed=True)
        self._add(start, end, tok, speaker, "postposed")

    def _subject_only(self, start: int, end: int) -> bool:
        """Whether doc[start:end] is a noun phrase naming an actor, with appositions and relative clauses
        ("X, député de Y, qui avait signé Z,") but no verb of its own and no quotation."""
        doc = self.doc
        actor_of = doc._.actor_of or {}
        if start not in actor_of and not (start + 1 < end and doc[start].pos_ == "DET" and start + 1 in actor_of):
            return False
        relative = False
        for t in doc[start:end]:
            if t.i in self.in_region:
                return False
            if t.text == ",":
                relative = False
            elif t.lower_ in ("qui", "dont") and t.pos_ == "PRON":
                relative = True
            elif t.pos_ in ("VERB", "AUX") and not relative:
                return False
        return True

    def _after_claimed(self, start: int, end: int) -> int:
        """Where a content span may start so as never to take back what another cue already claimed:
        just after the last claimed token of [start, end)."""
        for k in range(end - 1, start - 1, -1):
            if k in self.claimed:
                return k + 1
        return start

    # -- selon X / pour X --------------------------------------------------------------------------
    def _source_prep(self, tok: Token) -> None:
        doc = self.doc
        sent = self._sent(tok.i)
        first = tok.i + (2 if tok.lower_ in ("d'", "d’") else 1)
        before = [t for t in doc[sent.start:tok.i] if not t.is_space and t.lower_ not in SENTENCE_FILLERS]
        comma = next((t.i for t in doc[first:sent.end] if t.text in (",", ":")), None)
        if not before and comma is not None:
            speaker = self._phrase_actor(first, comma)
            start, end = comma + 1, self._clause_end(comma + 1, coordination=False)
            if end > start:
                self._add(start, end, tok, speaker, "selon")
            return
        if before and tok.i > 0 and doc[tok.i - 1].text == ",":
            tail = [t for t in doc[first:sent.end] if not t.is_punct and not t.is_space]
            # "…, selon X." / "…, selon X, responsable de Y, cité dans un communiqué.": no other clause after
            # ("…, selon elle, l'exécutif": a pronoun takes no apposition, the clause goes on)
            commas = (",",) if doc[first].pos_ != "PRON" and all(
                self._apposition_start(t.i + 1) for t in doc[first:sent.end] if t.text == ",") else ()
            ends_sentence = all(not t.is_punct or t.text in (".", "!", "?", "'", "’", "-") + commas
                                for t in doc[first:sent.end]) \
                and not any(t.pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(t.morph) for t in doc[first:sent.end]) \
                and not any(t.i in self.in_region for t in doc[first:sent.end])
            if tail and len(tail) <= 15 and ends_sentence:
                speaker = self._phrase_actor(first, sent.end)
                start = sent.start
                while start < tok.i and (doc[start].lower_ in SENTENCE_FILLERS or doc[start].is_space):
                    start += 1
                r = self.in_region.get(start)
                if r is not None:
                    start = r.first_tok
                end = tok.i - 1
                start = self._after_claimed(start, end)
                if start < end and self._words(start, end):
                    self._add(start, end, tok, speaker, "postposed")

    def _apposition_start(self, i: int) -> bool:
        """Whether doc[i] may open an apposition to a source ("responsable de la police", "cité par",
        "le porte-parole de"), not the rest of the clause ("l'exécutif")."""
        doc = self.doc
        if i >= len(doc):
            return False
        t = doc[i]
        if t.pos_ in ("NOUN", "ADJ") or (t.pos_ == "VERB" and "VerbForm=Part" in str(t.morph)):
            return True
        if t.pos_ == "DET" and i + 1 < len(doc):
            role = gazetteer.default().role([doc[i + 1].lower_])
            return role is not None and role.kind == "PER"
        return False

    def _opinion_prep(self, tok: Token) -> None:
        """ "Pour X, ..." at the start of a sentence, and "X, pour qui ..." """
        doc = self.doc
        sent = self._sent(tok.i)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is None:
            return
        if nxt.lower_ == "qui":
            speaker = self._left_actor(tok.i)
            start = tok.i + 2
            end = self._clause_end(start)
            if end > start:
                self._add(start, end, tok, speaker, "que")
            return
        before = [t for t in doc[sent.start:tok.i] if not t.is_space and t.lower_ not in SENTENCE_FILLERS]
        if before:
            return
        comma = next((t.i for t in doc[tok.i + 1:min(sent.end, tok.i + 10)] if t.text == ","), None)
        if comma is None:
            # "Pour la présidente X « ... »": the quotation follows the source directly
            r = next((self.in_region[t.i] for t in doc[tok.i + 1:min(sent.end, tok.i + 12)]
                      if t.i in self.in_region), None)
            if r is None:
                return
            comma = r.first_tok - 1
            speaker = self._phrase_actor(tok.i + 1, comma + 1)
            if speaker is None:
                return
            self._add(r.first_tok, self._clause_end(r.first_tok), tok, speaker, "selon")
            return
        speaker = self._phrase_actor(tok.i + 1, comma)
        phrase = doc[tok.i + 1:comma]
        if speaker is None and not any(t.lower_ in ("lui", "elle", "eux", "elles") for t in phrase):
            return
        if speaker is None:
            speaker = self._last_speaker(tok.i) or self._last_actor(tok.i)
        start, end = comma + 1, self._clause_end(comma + 1)
        if end > start:
            self._add(start, end, tok, speaker, "selon")

    # -- recording -----------------------------------------------------------------------------------
    def _add(self, start: int, end: int, cue: Token, speaker: str | None, how: str) -> None:
        doc = self.doc
        speaker = self._pair_member(self._named(speaker, cue.i), cue.i)
        # trim
        while start < end and (doc[start].is_space or (doc[start].is_punct and not self._is_mark(doc[start]))
                               or doc[start].lower_ in QUE):
            start += 1
        while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not self._is_mark(doc[end - 1]))):
            end -= 1
        if end <= start or any(i in self.claimed for i in range(start, end)):
            return
        # a quotation cut by the content's edge belongs to the content as a whole
        if start in self.in_region:
            start = min(start, self.in_region[start].first_tok)
        if end - 1 in self.in_region:
            end = max(end, self.in_region[end - 1].last_tok + 1)
        regions = []
        for i in range(start, end):
            r = self.in_region.get(i)
            if r is not None and (not regions or regions[-1] is not r):
                regions.append(r)
        words = self._words(start, end)
        if not words:
            return
        quoted = [t for t in words if t.i in self.in_region]
        unquoted = [t for t in words if t.i not in self.in_region and t.lower_ not in SEPARATORS]
        between = [t for t in unquoted if len(regions) > 1 and regions[0].last_tok < t.i < regions[-1].first_tok]
        if not quoted:
            kind = "indirect"
        elif not unquoted:
            kind = "direct"
        elif how == "postposed":
            starts_quoted = start in self.in_region
            kind = "direct" if starts_quoted and len(unquoted) < 0.4 * len(words) else "mixed"
        elif how in ("np", "quote") and len(unquoted) <= 2 and not between:  # "à « A » ces « B »" is mixed
            kind = "direct"
        else:
            kind = "mixed"
        for i in range(start, end):
            self.claimed.add(i)
        for r in regions:
            r.used = True
        if kind == "direct":
            for r in regions:
                self.found.append(Found(r.first_tok, r.last_tok + 1, "direct", speaker, cue, [r]))
        else:
            self.found.append(Found(start, end, kind, speaker, cue, regions))
        if speaker is not None:
            self.cue_speaker.setdefault(cue.i, speaker)
            self.speaker_of_sent.setdefault(self.sent_of[cue.i], speaker)
            self.speaker_of_sent.setdefault(self.sent_of[start], speaker)

    # -- quotations without a cue ----------------------------------------------------------------------
    def _unclaimed_regions(self) -> None:
        doc = self.doc
        for r in self.regions:
            if r.used or any(i in self.claimed for i in range(r.first_tok, r.last_tok + 1)):
                continue
            if self._is_title(r):
                continue
            n = len(self._words(r.first_tok, r.last_tok + 1))
            s = self.sent_of[r.first_tok]
            speaker = self._incise_speaker(r) or self.speaker_of_sent.get(s)
            cue_in_sentence = any(self.lex.verb(t) for t in self.sents[s] if t.i not in self.in_region)
            if speaker is None and n < MIN_UNSOURCED_WORDS and not cue_in_sentence:
                continue  # a scare quote: un "tournant"
            if n < MIN_UNSOURCED_WORDS and r.first_tok > 0 and self._topic_quote(self.doc[self._sent(r.first_tok).start],
                                                                                  r.first_tok):
                continue  # "s'est expliqué sur le « cas » X": a topic, not speech
            if speaker is None:
                speaker = self._context_speaker(s, r.first_tok)
            if speaker is None and n < MIN_UNSOURCED_WORDS:
                continue
            r.used = True
            self.found.append(Found(r.first_tok, r.last_tok + 1, "direct", speaker, None, [r]))
            if speaker is not None:
                self.speaker_of_sent.setdefault(s, speaker)

    def _context_speaker(self, s: int, first: int = -1) -> str | None:
        """The speaker of the sentence's cue, else of the nearest quotation around it (the quotation
        starts at token ``first``)."""
        for t in self.sents[s]:
            if t.i in self.in_region or t.i in self.claimed:
                continue
            lemma = self.lex.verb(t)
            if lemma and t.pos_ not in ("DET", "ADP", "PUNCT"):
                sp = self._speaker(t, postposed=True)
                if sp:
                    return sp
            if t.lemma_.lower() in CITING and "VerbForm=Part" in str(t.morph):
                sp = self._agent(t)  # "les victimes citées par le journal figurent « … »"
                if sp:
                    return sp
        # "Le FBI n'avait trouvé « aucune preuve … »": the subject named before the quotation in its sentence
        root = self.sents[s].root
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i not in self.in_region), None)
        if subj is not None and subj.lower_ not in PRONOUNS and root.i < first and subj.i < root.i \
                and root.pos_ in ("VERB", "AUX"):
            a = self._token_actor(subj)
            if a is not None:
                return a
        for d in (1, 2):
            if s - d >= 0 and s - d in self.speaker_of_sent and self._same_story(s - d, s):
                return self.speaker_of_sent[s - d]
        if s + 1 < len(self.sents) and s + 1 in self.speaker_of_sent:
            nxt = self.sents[s + 1]
            if nxt[0].i in self.in_region:
                return self.speaker_of_sent[s + 1]
        root = self.sents[s].root
        subj = next((c for c in root.children if c.dep_.startswith("nsubj")), None)
        if subj is not None and subj.i not in self.in_region:
            a = self._token_actor(subj)
            if a is not None:
                return a
        # "X a réagi mardi. « … »": the subject of the sentence just before, in the same paragraph
        if s > 0 and "\n" not in self.text[self.sents[s - 1].end_char:self.sents[s].start_char]:
            a = self._sentence_subject(s - 1)
            if a is not None:
                return a
        # « … ». Le procureur X a donné une conférence…: a quotation heading its paragraph, the person
        # introduced right after it
        if s + 1 < len(self.sents) and self.sents[s][0].i in self.in_region and (
                s == 0 or "\n" in self.text[self.sents[s - 1].end_char:self.sents[s].start_char]) and \
                "\n" not in self.text[self.sents[s].end_char:self.sents[s + 1].start_char]:
            a = self._sentence_subject(s + 1)
            types = {x.id: x.type for x in self.doc._.actors or []}
            if a is not None and types.get(a) == "PER":
                return a
        return None

    def _incise_speaker(self, r: Region) -> str | None:
        """ "« … », s'est élevé X": an incise with an inverted subject right after a quotation says who
        spoke, whatever its verb."""
        doc = self.doc
        i = r.last_tok + 1
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        while i < len(doc) and i - r.last_tok < 6 and (doc[i].pos_ in ("AUX", "ADV") or doc[i].lower_ in CLITICS):
            i += 1
        if i >= len(doc) or doc[i].pos_ != "VERB" or i in self.in_region:
            return None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("DET", "PROPN", "NOUN") or nxt.lower_ in PRONOUNS:
            return None  # no inverted subject: "…, a-t-il dit" is found as a cue
        return self._inverted(doc[i])

    def _agent(self, tok: Token) -> str | None:
        """The actor of the "par X" agent of a passive participle ("cité par X", "rapporté par X")."""
        doc = self.doc
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "par":
            return None
        start = tok.i + 2
        end = self._np_end(start, self._sent(tok.i).end)
        return self._np_actor(start, end) if end > start else None

    def _sentence_subject(self, s: int) -> str | None:
        """The person (or organisation) subject of sentence s's main verb, outside quotations."""
        root = self.sents[s].root
        subj = next((c for c in root.children if c.dep_.startswith("nsubj") and c.i not in self.in_region), None)
        if subj is None:
            return None
        if subj.lower_ in PRONOUNS:
            return self._pronoun(subj)
        actor_of = self.doc._.actor_of or {}
        a = actor_of.get(subj.i)
        if a is None:
            a = next((actor_of[t.i] for t in subj.subtree if t.i in actor_of and t.i not in self.in_region), None)
        return a

    def _same_story(self, a: int, b: int) -> bool:
        """Sentences a < b with no paragraph break between them other than a quotation continuing."""
        text = self.text[self.sents[a].start_char:self.sents[b].start_char]
        return text.count("\n") <= 2

    def _is_title(self, r: Region) -> bool:
        doc = self.doc
        i = r.first_tok - 1
        while i >= 0 and (doc[i].is_space or doc[i].lower_ in DE | {"le", "la", "les", "l'", "l’"}):
            i -= 1
        if i < 0:
            return False
        prev = doc[i]
        if prev.lower_ in self.lex.title_words or prev.lemma_.lower() in self.lex.title_words:
            return True
        return self._is_name(r)

    def _is_name(self, r: Region) -> bool:
        """A capitalised quotation inside a noun phrase is a name or a title, not speech: "dans « C à
        vous »", "des essais comme « Ni droite ni gauche »", "porteur d'un « Projet X »"."""
        doc = self.doc
        content = self.text[r.start:r.end].strip()
        if not content[:1].isupper() or content[-1:] in ".!?…" or len(content.split()) > 12:
            return False
        i = r.first_tok - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or self.sent_of[i] != self.sent_of[r.first_tok] or i in self.in_region:
            return False
        prev = doc[i]
        before = self.text[:r.open_at].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] in "'’"):
            return False
        return prev.pos_ in ("DET", "ADP", "NOUN", "PROPN", "ADJ", "NUM") and not prev.is_punct \
            and prev.lower_ not in SEPARATORS

    def _share_chains(self) -> None:
        by_chain: dict[int, str] = {}
        for f in self.found:
            for r in f.regions:
                if f.speaker is not None:
                    by_chain.setdefault(r.chain, f.speaker)
        for f in self.found:
            if f.speaker is None and f.regions:
                f.speaker = by_chain.get(f.regions[0].chain)

    def _repeated_quotations(self) -> None:
        """A quotation with no cue that repeats words quoted with a cue elsewhere in the article (a
        heading, "Un « rendez-vous en janvier »", taken from the body) has the speaker of that cue."""
        def words(f: Found) -> str:
            if f.kind == "direct" and f.regions:
                text = self.text[f.regions[0].start:f.regions[0].end]
            else:
                text = self.doc[f.start:f.end].text
            return " " + " ".join(re.findall(r"\w+", fold(text))) + " "

        cued = [(words(f), f.speaker) for f in self.found if f.cue is not None and f.speaker is not None]
        if not cued:
            return
        for f in self.found:
            if f.cue is not None:
                continue
            w = words(f)
            if len(w.split()) < 2:
                continue
            hit = next((sp for text, sp in cued if w in text), None)
            if hit is not None:
                f.speaker = hit

    # -- speakers ------------------------------------------------------------------------------------
    def _token_actor(self, tok: Token) -> str | None:
        """The actor of a subject token: itself, its phrase, or (pronoun) the last speaker."""
        actor_of = self.doc._.actor_of or {}
        if tok.lower_ in PRONOUNS or tok.text in EUPHONIC:
            return self._pronoun(tok)
        if tok.text == "-" and not tok.whitespace_ and tok.i + 1 < len(self.doc) \
                and self.doc[tok.i + 1].lower_ in PRONOUNS:
            return self._pronoun(self.doc[tok.i + 1])  # "disait-elle" split as "disait", "-", "elle"
        if tok.i in actor_of:
            return actor_of[tok.i]
        if tok.lower_ == "qui":
            head = tok.head.head if tok.head.dep_.startswith("acl") else None
            if head is not None and head.i in actor_of:
                return actor_of[head.i]
            return self._left_actor(tok.i)
        if tok.lower_ == "on" and tok.i not in self.in_region:
            return self._on_source(tok)
        if tok.lower_ in ("certains", "certaines") and tok.pos_ == "PRON" and tok.i not in self.in_region:
            return self._group_before(tok)
        if tok.pos_ == "PRON" or tok.i in self.in_region:
            return None
        doc = self.doc
        left, right = tok.left_edge.i, tok.right_edge.i + 1
        while left < tok.i and doc[left].is_punct and doc[left].text != "-":
            left += 1
        # "La plate-forme" split by the tokenizer (and the parser) at its hyphen: take the whole word
        while left > 0 and not doc[left - 1].whitespace_ and "-" in (doc[left].text, doc[left - 1].text) \
                and not doc[left - 1].is_space:
            left -= 1
        if left > 0 and left < tok.i and doc[left - 1].pos_ == "DET" and doc[left].text != "-":
            left -= 1
        for k in range(tok.i + 1, right):  # cut relative clauses and quotations off
            if doc[k].lower_ in ("qui", "que", "dont", "lequel", "laquelle") or k in self.in_region:
                right = k
                break
        while right > left + 1 and doc[right - 1].is_punct:
            right -= 1
        return self._np_actor(left, right)

    def _member_of_group(self, start: int) -> str | None:
        """ "Le tweet a scandalisé de nombreux internautes. « … », a écrit l'un d'entre eux": the last
        plural group of the two sentences before (a new actor for a plural speaker noun)."""
        doc = self.doc
        actor_of = doc._.actor_of or {}
        info = {a.id: a for a in doc._.actors or []}
        lo = self.sents[max(0, self.sent_of[start] - 2)].start
        for k in range(start - 1, lo - 1, -1):
            t = doc[k]
            if k in self.in_region or t.pos_ != "NOUN" or "Number=Plur" not in str(t.morph):
                continue
            a = actor_of.get(k)
            if a is not None and info[a].type in ("MISC", "PER", "ORG"):
                return a
            if t.lemma_.lower() in self.lex.speaker_nouns:
                left = k
                while left - 1 >= lo and doc[left - 1].pos_ in ("DET", "ADJ") and left - 1 not in self.in_region:
                    left -= 1
                return add_actor(doc, left, k + 1)
        return None

    def _group_before(self, tok: Token) -> str | None:
        """ "des entretiens avec des femmes locales. Certaines déclarent …": the last group (a plural
        actor of the pronoun's gender) of the two sentences before, outside quotations."""
        doc = self.doc
        actor_of = doc._.actor_of or {}
        info = {a.id: a for a in doc._.actors or []}
        gender = "f" if tok.lower_.endswith("es") else None
        lo = self.sents[max(0, self.sent_of[tok.i] - 2)].start
        for k in range(tok.i - 1, lo - 1, -1):
            a = actor_of.get(k)
            if a is None or k in self.in_region or info[a].type != "MISC":
                continue
            if "Number=Plur" not in str(doc[k].morph):
                continue
            g = info[a].info.get("gender")
            if gender and g and g != gender:
                continue
            return a
        return None

    def _on_source(self, tok: Token) -> str | None:
        """ "Du côté du rectorat, on assure que …", "Chez Renault, on explique": the "on" of a clause
        opened by "du côté de X" / "côté X" / "chez X" is X."""
        doc = self.doc
        lo = self._sent(tok.i).start
        k = next((k for k in range(tok.i - 1, max(lo, tok.i - 15) - 1, -1)
                  if doc[k].lower_ in ("côté", "chez") and k not in self.in_region), None)
        if k is None:
            return None
        first = k + 1
        while first < tok.i and doc[first].lower_ in DE | {"du", "des", "le", "la", "les", "l'", "l’"}:
            first += 1
        comma = next((t.i for t in doc[first:tok.i] if t.text == ","), None)
        if comma is None or comma <= first or any(t.pos_ in ("VERB", "AUX") for t in doc[first:comma]):
            return None
        start = first - 1 if doc[first - 1].lower_ in ("le", "la", "l'", "l’") else first
        return self._np_actor(start, comma)

    def _phrase_actor(self, start: int, end: int) -> str | None:
        """The first actor mentioned in doc[start:end] (outside prepositional complements first)."""
        doc = self.doc
        actor_of = self.doc._.actor_of or {}
        pron = next((t for t in doc[start:end] if t.lower_ in ("lui", "elle", "eux", "elles", "il")), None)
        if pron is not None:
            return self._pronoun(pron)
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        if start >= end:
            return None
        return self._np_actor(start, self._np_end(start, end))

    def _speaker(self, tok: Token, postposed: bool = False) -> str | None:
        doc = self.doc
        if tok.lower_.endswith("ant") and "VerbForm=Part" in str(tok.morph):
            a = self._previous_cue_speaker(tok) or self._participle_subject(tok)
            if a is not None:
                return a
        verb = tok
        any_subject = False
        for _ in range(4):
            subj = [c for c in verb.children if c.dep_.startswith("nsubj") and c.dep_ != "nsubj:pass"
                    and c.i not in self.in_region]
            any_subject = any_subject or bool(subj) or any(c.dep_ == "nsubj:pass" for c in verb.children)
            if postposed and verb.i == tok.i:
                subj = [c for c in subj if c.i > tok.i or c.text in EUPHONIC] or subj
            for c in subj:
                if c.text in EUPHONIC:
                    nxt = doc[c.i + 1] if c.i + 1 < len(doc) else None
                    if nxt is not None and nxt.lower_ in PRONOUNS:
                        return self._token_actor(nxt)
                    continue
                a = self._token_actor(c)
                if a is not None:
                    return self._appositive(c, a)
            if subj:
                break
            # "a-t-il ajouté": the pronoun is in the verb group
            for t in doc[self._group_start(verb):verb.i]:
                if t.lower_ in PRONOUNS:
                    return self._token_actor(t)
            if verb.i == tok.i and (postposed or tok.i > 0 and doc[self._group_start(tok) - 1].text == ","):
                a = self._inverted(tok)
                if a is not None:
                    return a
            if verb.dep_ in ("advcl", "conj", "xcomp", "acl", "ccomp", "parataxis", "acl:relcl") and verb.head is not verb:
                # a present participle, or a coordinated one ("a dénoncé un geste et réclamé") that the
                # parser hung on the noun before it
                participle = verb.lower_.endswith("ant") or (
                    verb.dep_ == "acl" and any(c.dep_ == "cc" for c in verb.children))
                verb = verb.head
                # "X, qui a répliqué à ses attaques, évoquant ...": a participle hung on a noun
                # belongs to the clause's verb
                n = 0
                while participle and verb.pos_ in ("NOUN", "PROPN") and verb.head is not verb and n < 4:
                    verb, n = verb.head, n + 1
                continue
            break
        if postposed:
            return self._inverted(tok)
        if not any_subject:
            return self._left_subject(tok)
        return None

    def _previous_cue_speaker(self, tok: Token) -> str | None:
        """ "« … », a-t-il ajouté, précisant que …", "…, rétorque X, assurant que …": a participle right
        after another cue of its sentence (outside the contents) shares that cue's speaker, whatever the
        parser hung it on."""
        doc = self.doc
        g = self._group_start(tok)
        if g == 0 or doc[g - 1].text != ",":
            return None
        lo = self._sent(tok.i).start
        for k in range(g - 2, max(lo, g - 14) - 1, -1):
            if k in self.in_region or k in self.claimed:
                return None
            if k in self.cue_speaker:
                return self.cue_speaker[k]
            if doc[k].pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(doc[k].morph):
                return None
        return None

    def _participle_subject(self, tok: Token) -> str | None:
        """ "…, son collègue X évoquant « … »": a participle right after a person (no comma between)
        has that person for subject."""
        doc = self.doc
        actor_of = doc._.actor_of or {}
        k = self._group_start(tok) - 1
        if k < 0 or k in self.in_region or k not in actor_of or doc[k].lower_ in PRONOUNS:
            return None
        a = actor_of[k]
        actor = self._actor(a)
        if actor is None or actor.type != "PER":
            return None
        j = k
        while j - 1 >= 0 and actor_of.get(j - 1) == a:
            j -= 1
        while j - 1 >= 0 and doc[j - 1].pos_ in ("DET", "ADJ", "NOUN") and doc[j - 1].i not in self.in_region:
            j -= 1  # "son collègue X"
        if j - 1 >= 0 and (doc[j - 1].pos_ == "ADP" or doc[j - 1].lower_ in ("que", "qu'", "qu’")):
            return None  # "a répondu à X évoquant …": X is not the subject
        return a

    def _left_subject(self, tok: Token) -> str | None:
        """A finite cue the parser gave no subject ("…, le Conseil constitutionnel rappelle que", hung on
        a noun): the actor named right before its verb group, or before an incise between commas
        ("X, qui …, a dit", "X, le patron de Y, a dit")."""
        doc = self.doc
        if any(c.dep_ == "aux:pass" for c in tok.children) or tok.lower_.endswith("ant"):
            return None
        actor_of = doc._.actor_of or {}
        lo = self._sent(tok.i).start
        while lo > 0 and not doc[lo - 1].is_space and doc[lo - 1].text not in (".", "!", "?", ":") \
                and lo - 1 not in self.in_region:
            lo = self._sent(lo - 1).start  # a sentence end the parser put inside the clause ("… -, s'est")
        # the verb group, "a d'ores et déjà annoncé" included; the cue must be finite
        k, finite = tok.i - 1, "VerbForm=Fin" in str(tok.morph)
        while k > lo and tok.i - k < 8 and (doc[k].pos_ in ("ADV", "CCONJ", "AUX") or doc[k].lower_ in CLITICS
                                            or doc[k].lower_ in ("d'", "d’", "ores")) and not self._is_mark(doc[k]):
            finite = finite or doc[k].pos_ == "AUX"
            k -= 1
        if not finite:
            return None
        if k >= lo and doc[k].text == ",":
            # an incise: back to the comma that opens it, the subject is right before
            j = k - 1
            while j > lo and doc[j].text != "," and j not in self.in_region and k - j < 40:
                j -= 1
            if j <= lo or doc[j].text != "," or doc[j + 1].pos_ not in ("PRON", "DET", "NOUN", "PROPN", "ADJ"):
                return None
            k = j - 1
        if k < lo or k in self.in_region or k not in actor_of or doc[k].lower_ in PRONOUNS:
            return self._list_subject(lo, k + 1)
        a = actor_of[k]
        j = k
        while j - 1 >= lo and actor_of.get(j - 1) == a:
            j -= 1
        while j - 1 >= lo and doc[j - 1].pos_ == "DET":
            j -= 1
        if j - 1 >= lo and doc[j - 1].pos_ == "ADP" and not doc[j - 1].is_sent_start:
            return self._list_subject(lo, k + 1)  # "… de l'Homme accusent": a complement, not the subject
        return a

    def _list_subject(self, lo: int, end: int) -> str | None:
        """ "Washington, d'autres capitales ainsi que des ONG accusent …": a clause opened by an actor and
        a comma, then a list with no verb up to the cue, has that first actor for subject."""
        doc = self.doc
        actor_of = doc._.actor_of or {}
        i = lo
        while i < end and (doc[i].is_space or doc[i].lower_ in SENTENCE_FILLERS):
            i += 1
        if i >= end or i not in actor_of or i in self.in_region:
            return None
        a = actor_of[i]
        j = i
        while j < end and actor_of.get(j) == a:
            j += 1
        if j >= end or doc[j].text != ",":
            return None
        rest = doc[j + 1:end]
        if any(t.pos_ in ("VERB", "AUX") or t.i in self.in_region for t in rest):
            return None
        if not any(t.lower_ in ("et", "ainsi", "comme", "ou") for t in rest):
            return None  # a list, not an apposition
        return a

    def _inverted(self, tok: Token) -> str | None:
        """The subject after a postposed cue: "..., estime le ministre", "..., a affirmé à l'AFP X"."""
        doc = self.doc
        sent = self._sent(tok.i)
        i = tok.i + 1
        while i < sent.end:
            t = doc[i]
            if t.text == "," and i == tok.i + 1 and i + 1 < sent.end and (i + 1) in (doc._.actor_of or {}):
                i += 1
                continue
            if t.text in (".", ";", "!", "?", ":", ",", "(") or t.i in self.in_region:
                return None
            if t.lower_ in PRONOUNS:
                return self._token_actor(t)
            if t.lower_ in LEFT_PREPS:
                i = self._skip_pp(i)
                continue
            if t.pos_ in ("DET", "NOUN", "PROPN", "NUM") or t.i in (doc._.actor_of or {}):
                return self._np_actor(i, self._np_end(i, sent.end))
            i += 1
        return None

    def _skip_pp(self, i: int) -> int:
        """Index after a prepositional chunk: prep, determiners, adjectives, one run of nouns."""
        doc = self.doc
        i += 1
        while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "NUM") and not doc[i].is_punct:
            i += 1
        actor_of = doc._.actor_of or {}
        first = actor_of.get(i)
        while i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN") and not doc[i].is_punct \
                and actor_of.get(i) == first:
            i += 1
        while i < len(doc) and doc[i].pos_ == "ADJ":
            i += 1
        return i

    def _np_end(self, i: int, limit: int) -> int:
        doc = self.doc
        j = i
        while j < limit:
            t = doc[j]
            if t.text in (",", ".", ";", "(", ":", "!", "?") or j in self.in_region or t.is_space:
                break
            if t.lower_ in LEFT_PREPS - DE - {"du", "des"} and j > i:
                break
            if t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") and j > i and t.lower_ not in ("et",):
                break
            if t.pos_ == "PRON" and t.lower_ in ("qui", "que", "dont"):
                break
            j += 1
        return j

    def _np_actor(self, start: int, end: int) -> str | None:
        """The speaker in a noun phrase: a person named in it ("le président de X Jean Dupont"), else
        the actor of the phrase itself, else a new actor for the phrase."""
        doc = self.doc
        words = [t.lower_.replace("’", "'") for t in doc[start:min(len(doc), start + 5)]]
        if words[:1] in (["l'"],):
            words = words[1:]
        if words[:2] in (["un", "d'"], ["une", "d'"]) and ("eux" in words[2:4] or "elles" in words[2:4]):
            return self._member_of_group(start)  # "a écrit l'un d'entre eux"
        actor_of = doc._.actor_of or {}
        types = {a.id: a.type for a in doc._.actors or []}
        toks = [t for t in doc[start:end] if t.i in actor_of and t.lower_ not in PRONOUNS]
        for t in toks:
            if types.get(actor_of[t.i]) == "PER":
                return actor_of[t.i]
        in_complement = False
        head_actor = None
        for t in doc[start:end]:
            if t.lower_ in DE | {"du", "des"} and t.i > start:
                in_complement = True
            elif t.i in actor_of and not in_complement:
                head_actor = actor_of[t.i]
                break
        head = next((t for t in doc[start:end] if t.pos_ in ("NOUN", "PROPN")), None)
        head_word = head.lower_ if head is not None else ""
        if head is not None:
            j = head.i  # "plate-forme" in three tokens
            while j + 2 < end and not doc[j].whitespace_ and doc[j + 1].text == "-" and not doc[j + 1].whitespace_:
                j += 2
            head_word = doc[head.i:j + 1].text.lower()
        if head_actor is not None and head is not None and head.pos_ != "PROPN" \
                and doc[start].lower_ in ("le", "la", "l'", "l’") \
                and (actor := self._actor(head_actor)) is not None and actor.info.get("created_by") == "quotes":
            head_actor = self._org_before(head, start) or head_actor
        if head_actor is not None:
            return head_actor
        if head is not None and head.i == start + 1 and doc[start].lower_ in ("le", "la", "l'", "l’") \
                and fold(head_word) in ANAPHORS:
            # "le pays a annoncé", "la plate-forme rappelle": the last actor of that type before
            prior = self._typed_before(start, ANAPHORS[fold(head_word)],
                                       COMPANY_SECTORS if fold(head_word) in COMPANY_NOUNS else None)
            if prior is not None:
                return prior
        if head is None or not (head.pos_ == "PROPN" and head.text[:1].isupper()
                                or head.lemma_.lower() in self.lex.speaker_nouns
                                or head.lower_ in self.lex.speaker_nouns):
            return actor_of[toks[0].i] if toks else None
        if head.pos_ != "PROPN" and doc[start].lower_ in ("le", "la", "l'", "l’", "ce", "cet", "cette"):
            # "cette organisation": any organisation of the sentence before
            role = gazetteer.default().role([head.lower_])
            prior = self._org_before(head, start, any_noun=doc[start].lower_.startswith("ce")
                                     and not (role is not None and role.kind == "PER"))
            if prior is not None:
                return prior
        return add_actor(doc, start, end) or (actor_of[toks[0].i] if toks else None)

    def _typed_before(self, start: int, types: tuple[str, ...], sectors: set | None = None) -> str | None:
        """The actor of one of `types` (and `sectors`) mentioned last in the two sentences before `start`
        (or earlier in its sentence), outside quotations."""
        lo = self.sents[max(0, self.sent_of[start] - 2)].start
        best, at = None, -1
        for a in self.doc._.actors or []:
            if a.type not in types or (sectors is not None and a.sector not in sectors):
                continue
            for m in a.mentions:
                k = self._tok_at(m.start)
                if lo <= k < start and k not in self.in_region and k > at:
                    best, at = a.id, k
        return best

    def _org_before(self, head: Token, start: int, any_noun: bool = False) -> str | None:
        """ "L'agence américaine X (ABC) ... explique l'agence": the last organisation of the three
        sentences before whose mention has the noun, outside quotations."""
        lo = self.sents[max(0, self.sent_of[start] - (1 if any_noun else 3))].start
        words = {fold(head.lower_), fold(head.lemma_.lower())}
        best, at = None, -1
        for a in self.doc._.actors or []:
            if a.type != "ORG":
                continue
            for m in a.mentions:
                k = self._tok_at(m.start)
                if not (lo <= k < start and k not in self.in_region and k > at):
                    continue
                text = m.text
                if k > 0 and self.doc[k - 1].text == "(":  # "L'agence américaine ... (ABC)"
                    j = k - 1
                    while j > max(lo, k - 10) and not self.doc[j - 1].is_sent_start and self.doc[j - 1].pos_ != "VERB":
                        j -= 1
                    text = self.doc[j:k].text + " " + text
                if any_noun or words & set(fold(text.lower()).split()):
                    best, at = a.id, k
        return best

    def _pronoun(self, tok: Token) -> str | None:
        """ "il", "elle", "-t-elle": the nearest compatible subject or speaker before it, outside quotations.

        Walks back over the last three sentences, skipping quotations (a name inside a quotation is not
        an antecedent); a subject person or the speaker of a cue wins, else the nearest person, else the
        last speaker; "elle"/"il" may also be an organisation subject with a matching article ("la
        police ... Elle a ajouté"). Earlier pronouns are resolved the same way (chains of "il")."""
        if tok.i in self.pron_cache:
            return self.pron_cache[tok.i]
        self.pron_cache[tok.i] = None  # guards the recursion through earlier pronouns
        low = tok.lower_.lstrip("-")
        gender = "f" if low.startswith("elle") else "m" if low.startswith("il") or low == "lui" else None
        plural = low.endswith("s") or low == "eux"
        doc = self.doc
        actor_of = doc._.actor_of or {}
        types = {a.id: a.type for a in doc._.actors or []}
        lo = self.sents[max(0, self.sent_of[tok.i] - 3)].start
        nearest_per = nearest_any = None
        k = tok.i - 1
        result = None
        while k >= lo:
            r = self.in_region.get(k)
            if r is not None:
                k = r.first_tok - 1
                continue
            if k in self.cue_speaker and not self._in_relative(doc[k]):
                # (a cue in a relative clause, "à X, qui a répliqué …", is not what the text is about)
                a = self.cue_speaker[k]
                if plural or (types.get(a) == "PER" and self._gender_ok(a, gender)):
                    result = a
                    break
                # "..., a réagi la présidence, au sujet de ce qu'elle a qualifié": an organisation
                # speaker whose noun has the pronoun's gender
                if types.get(a) != "PER" and nearest_per is None and gender is not None \
                        and self._actor_gender(a) == gender:
                    result = a
                    break
            t = doc[k]
            if t.lower_.lstrip("-") in ("il", "elle", "ils", "elles") and t.dep_.startswith("nsubj") \
                    and t.lower_.lstrip("-")[:2] == ("el" if gender == "f" else "il") \
                    and t.lower_.endswith("s") == plural:
                a = self._pronoun(t)
                if a is not None:
                    result = a
                    break
            a = actor_of.get(k)
            if a is None or t.lower_ in PRONOUNS:
                k -= 1
                continue
            j = k
            while j - 1 >= lo and actor_of.get(j - 1) == a and j - 1 not in self.in_region:
                j -= 1
            subject = any(x.dep_.startswith("nsubj") for x in doc[j:k + 1])
            kind = types.get(a)
            if plural:
                if subject:
                    result = a
                    break
                nearest_any = nearest_any or a
            elif kind == "PER" and self._gender_ok(a, gender):
                if subject:
                    result = a
                    break
                nearest_per = nearest_per or a
            elif kind != "PER" and subject and nearest_per is None:
                det = doc[j - 1].lower_ if j > 0 else ""
                if (gender == "f" and det == "la") or (gender == "m" and det in ("le", "du")) \
                        or doc[j].lower_ == ("la" if gender == "f" else "le"):
                    result = a
                    break
            k = j - 1
        if result is None:
            result = nearest_per or (self._last_speaker(tok.i, gender) if not plural else None) or nearest_any
        self.pron_cache[tok.i] = result
        return result

    @staticmethod
    def _in_relative(tok: Token) -> bool:
        """Whether ``tok`` is in a relative clause (itself or a governing verb is acl:relcl)."""
        for _ in range(6):
            if tok.dep_ == "acl:relcl":
                return True
            if tok.head is tok:
                return False
            tok = tok.head
        return False

    def _named_set(self) -> set[str]:
        """Actors with a person's name among their mentions."""
        doc = self.doc
        if self.named is None:
            self.named = set()
            for a in doc._.actors or []:
                for m in a.mentions:
                    # a capitalised entity word before any de-complement: "Marine Le Pen", not
                    # "le président de la République"
                    for t in doc[self._tok_at(m.start):self._tok_at(m.end - 1) + 1]:
                        if t.lower_ in DE | {"du", "des"}:
                            break
                        if t.ent_type_ and t.text[:1].isupper() and t.pos_ != "DET":
                            self.named.add(a.id)
                            break
                    if a.id in self.named:
                        break
        return self.named

    def _appositive(self, subj: Token, aid: str | None) -> str | None:
        """ "Un autre proche de X, le député Y, a confirmé": a role-only subject followed, right before
        the verb group, by a named person between commas, is that person."""
        doc = self.doc
        info = {a.id: a for a in doc._.actors or []}
        actor = info.get(aid)
        if actor is None or actor.type != "PER" or aid in self._named_set():
            return aid
        g = self._group_start(subj.head)
        if g <= subj.i + 1 or doc[g - 1].text != ",":
            return aid
        k = g - 2
        while k > subj.i and doc[k].text != ",":
            k -= 1
        if k <= subj.i:
            return aid
        actor_of = doc._.actor_of or {}
        ids = {actor_of.get(t.i) for t in doc[k + 1:g - 1] if not t.is_punct}
        if len(ids) == 1:
            b = ids.pop()
            if b is not None and b != aid and b in self._named_set() and info[b].type == "PER":
                return b
        return aid

    def _named(self, aid: str | None, at: int) -> str | None:
        """A speaker known only by a role ("l'ancien ministre", "la candidate") that actors.py left
        apart is the named person who is the subject or speaker just before, when compatible."""
        if aid is None:
            return None
        doc = self.doc
        actor_of = doc._.actor_of or {}
        info = {a.id: a for a in doc._.actors or []}
        actor = info.get(aid)
        if actor is None or actor.type != "PER" or not actor.info.get("roles"):
            return aid
        if aid in self._named_set() or any(m.text.split()[0].lower() in ("un", "une", "des", "d'", "d’")
                                    for m in actor.mentions if m.text.split()):
            return aid  # named, or an unnamed source ("un haut responsable")
        gender = actor.info.get("gender")
        lo = self.sents[max(0, self.sent_of[at] - 2)].start
        k = at - 1
        while k >= lo:
            r = self.in_region.get(k)
            if r is not None:
                k = r.first_tok - 1
                continue
            cands = []
            if k in self.cue_speaker:
                cands.append(self.cue_speaker[k])
            a = actor_of.get(k)
            if a is not None and a != aid and doc[k].dep_.startswith("nsubj") and doc[k].lower_ not in PRONOUNS:
                cands.append(a)
            for c in cands:
                other = info.get(c)
                if c in self.named and other is not None and other.type == "PER":
                    g = other.info.get("gender")
                    if gender is None or g is None or g == gender:
                        return c
            k -= 1
        return aid

    def _actor(self, aid: str | None) -> Actor | None:
        """The actor with id ``aid`` (looked up each time: this step may add actors)."""
        return next((a for a in self.doc._.actors or [] if a.id == aid), None) if aid else None

    def _actor_gender(self, aid: str) -> str | None:
        actor = self._actor(aid)
        return actor.info.get("gender") if actor is not None else None

    def _pair_member(self, aid: str | None, at: int) -> str | None:
        """ "les députés X et Y. [...] ont déclaré les deux députés": a definite plural role with no name
        speaks for the persons named together just before; the first of them stands for the group."""
        doc = self.doc
        actor = self._actor(aid)
        if actor is None or actor.type != "MISC" or not actor.info.get("roles") or aid in self._named_set():
            return aid
        if not any(m.text.lower().startswith(("les ", "ces ")) for m in actor.mentions):
            return aid
        actor_of = doc._.actor_of or {}
        named = self._named_set()
        types = {a.id: a.type for a in doc._.actors or []}
        lo = self.sents[max(0, self.sent_of[at] - 2)].start
        k = at - 1
        while k > lo:
            r = self.in_region.get(k)
            if r is not None:
                k = r.first_tok - 1
                continue
            b = actor_of.get(k)
            if doc[k].lower_ == "et" and b is None:
                a_left, a_right = actor_of.get(k - 1), actor_of.get(k + 1)
                if a_left and a_right and a_left != a_right and {a_left, a_right} <= named \
                        and types.get(a_left) == types.get(a_right) == "PER":
                    self.last_pair = (self.sent_of[at], a_left)
                    return a_left
            k -= 1
        if self.last_pair is not None and 0 <= self.sent_of[at] - self.last_pair[0] <= 2:
            self.last_pair = (self.sent_of[at], self.last_pair[1])  # "les deux élus …, ont déclaré les deux députés"
            return self.last_pair[1]
        return aid

    def _gender_ok(self, aid: str, gender: str | None) -> bool:
        if gender is None:
            return True
        g = self._actor_gender(aid)
        return g is None or g == gender

    def _last_speaker(self, i: int, gender: str | None = None) -> str | None:
        s = self.sent_of[i]
        for d in range(0, 3):
            sp = self.speaker_of_sent.get(s - d)
            if sp is not None and self._gender_ok(sp, gender):
                return sp
        return None

    def _last_actor(self, i: int, gender: str | None = None) -> str | None:
        """The nearest person (or organisation, for "elle") mentioned before token i."""
        actor_of = self.doc._.actor_of or {}
        types = {a.id: a.type for a in self.doc._.actors or []}
        lo = self.sents[max(0, self.sent_of[i] - 2)].start
        for k in range(i - 1, lo - 1, -1):
            a = actor_of.get(k)
            if a is None or self.doc[k].lower_ in PRONOUNS:
                continue
            if types.get(a) == "PER" and self._gender_ok(a, gender):
                return a
        for k in range(i - 1, lo - 1, -1):
            a = actor_of.get(k)
            if a is not None and types.get(a) in ("ORG", "GPE", "MISC"):
                return a
        return None

    def _left_actor(self, i: int) -> str | None:
        """ "X, pour qui": the actor right before."""
        actor_of = self.doc._.actor_of or {}
        for k in range(i - 1, max(-1, i - 8), -1):
            if k in actor_of:
                return actor_of[k]
        return None

    # -- output ----------------------------------------------------------------------------------------
    def quotes(self) -> list[Quote]:
        doc = self.doc
        out = []
        for f in sorted(self.found, key=lambda f: f.start):
            if f.kind == "direct" and f.regions:
                r = f.regions[0]
                s, e = r.start, r.end
            else:
                s = doc[f.start].idx
                e = doc[f.end - 1].idx + len(doc[f.end - 1].text)
            text = self.text[s:e]
            if not text.strip():
                continue
            cue = None
            if f.cue is not None:
                c = f.cue
                cue = Span(c.idx, c.idx + len(c.text), c.text)
            out.append(Quote(f"q{len(out) + 1}", text, s, e, f.kind, f.speaker, cue))
        return out


def add_actor(doc: Doc, start: int, end: int) -> str | None:
    """The actor for the speaker phrase doc[start:end], created when no actor covers it.

    The only place where the quotation step adds actors: a new :class:`Actor` (type PER, or ORG when
    the head noun is capitalised or an institution), mentions updated in ``doc._.actor_of``.
    """
    actor_of = doc._.actor_of
    if actor_of is None:
        doc._.actors, doc._.actor_of = [], {}
        actor_of = doc._.actor_of
    for i in range(start, end):
        if i in actor_of:
            return actor_of[i]
    while start < end and doc[start].pos_ in ("DET", "ADP") or (start < end and doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("DET", "ADP", "CCONJ")):
        end -= 1
    if end <= start or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:end]) or end - start > 8:
        return None
    span = doc[start:end]
    name = span.text
    key = fold(name)
    for a in doc._.actors:
        if fold(a.name) == key:
            a.mentions.append(Span(span.start_char, span.end_char, name))
            for i in range(start, end):
                actor_of[i] = a.id
            return a.id
    aid = f"a{len(doc._.actors) + 1}"
    while any(a.id == aid for a in doc._.actors):
        aid = f"a{int(aid[1:]) + 1}"
    kind = "ORG" if span.root.text[:1].isupper() else "PER"
    doc._.actors.append(Actor(aid, name, kind, None, None, [Span(span.start_char, span.end_char, name)],
                              info={"gender": None, "roles": [], "created_by": "quotes"}))
    for i in range(start, end):
        actor_of[i] = aid
    return aid


@Language.factory("veille_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()
