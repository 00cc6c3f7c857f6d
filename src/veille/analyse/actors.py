"""Actors: people, organisations and states, one per real-world entity, with country and sector.

The component ``veille_actors`` runs after spaCy's NER and sets ``doc._.actors`` (a list of
:class:`veille.model.Actor`) and ``doc._.actor_of`` (token index -> actor id, for every token of every
mention). It works in five passes:

1. *names*: NER entities, relabelled with the gazetteer (capitals and countries are states, "Washington"
   is not a person, "État" in "secrétaire d'État" is no place);
2. *role phrases*: "le ministre russe des Affaires étrangères", "son homologue russe", "des sources
   proches du dossier", found from the role nouns of ``roles.tsv``, with the country given by a demonym
   or a named complement;
3. *titles and appositions*: a role phrase right before a name, or between commas after it, is that
   person's title;
4. *clustering*: states by country code, people by full name and surname, organisations by name;
5. *coreference*: remaining role phrases and subject pronouns ("il", "elle") point back to the last
   compatible actor, or start a new one.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Actor, Span
from . import gazetteer as gz

PERSON_PREFIXES = {"m.": "m", "mme": "f", "mlle": "f", "m": "m", "dr": None, "me": None, "mgr": "m"}
DEFINITE = {"le", "la", "l'", "l’", "les"}
INDEFINITE = {"un", "une", "des", "d'", "d’"}
POSSESSIVE = {"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"}
SUBJECT_PRONOUNS = {"il": "m", "elle": "f", "-il": "m", "-elle": "f"}
OF = {"de", "du", "des", "d'", "d’"}
HOME_COUNTRY = "FRA"  # veille reads French news: uncoded domestic actors are French by default
ARTICLES = DEFINITE | INDEFINITE | POSSESSIVE | {"ce", "cet", "cette", "ces"}
MAX_OF_HOPS = 2

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)
    Doc.set_extension("actor_of", default=None)


FORMER = {"ancien", "ancienne", "anciens", "anciennes", "ex", "ex-"}
TRADE_SECTORS = {"JUD", "COP", "MIL", "MED", "REB", "IGO", "NGO"}


@dataclass
class Mention:
    start: int  # token indices [start, end)
    end: int
    kind: str  # name | role | pronoun
    label: str  # PER ORG GPE LOC MISC
    entry: gz.Entry | None = None
    sector: str | None = None
    country: str | None = None
    gender: str | None = None
    plural: bool = False
    determiner: str = ""  # definite | indefinite | possessive | ""
    role: str | None = None  # the role term, for role phrases
    cluster: int | None = None
    role_start: int | None = None  # first token of the role noun itself (after determiners)
    complement_end: int | None = None  # end of a named complement right after the phrase

    @property
    def reach(self) -> int:
        return self.complement_end or self.end


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    label: str = "PER"
    key: str = ""

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def roles(self) -> set[str]:
        return {m.role for m in self.mentions if m.role}

    def code(self) -> tuple[str | None, str | None]:
        """Country and sector: titles and role phrases first, then the gazetteer."""
        country = sector = None
        titles_first = self.label != "ORG"
        for m in sorted(self.mentions, key=lambda m: ((m.kind != "role") == titles_first, m.start)):
            country = country or m.country or (m.entry.country if m.entry else None)
            sector = sector or m.sector or (m.entry.sector if m.entry else None)
        return country, sector

    def gender(self) -> str | None:
        for m in self.mentions:
            if m.gender and m.kind != "pronoun":
                return m.gender
        for m in self.mentions:
            if m.entry and m.entry.gender:
                return m.entry.gender
        return None


class ActorFinder:
    def __init__(self, gazetteer: gz.Gazetteer | None = None):
        self.gaz = gazetteer or gz.default()
        self.quoted: set[int] = set()

    # -- pass 1: names ---------------------------------------------------------------------------
    def names(self, doc: Doc) -> list[Mention]:
        out = []
        for ent in doc.ents:
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in DEFINITE | {"d'", "d’"}:
                start += 1
            if start >= end:
                continue
            if _glued_hyphen(doc, end) and self.gaz.lookup(doc[start:end + 2].text) is not None:
                end += 2  # "Royaume-Uni" split by the tokenizer and only "Royaume" tagged
            span = doc[start:end]
            text = span.text
            label = ent.label_
            if label not in ("PER", "ORG", "LOC", "MISC"):
                label = "MISC"
            prev = doc[start - 1].lower_ if start > 0 else ""
            if gz.key(text) in ("etat", "etats") and prev in ("d'", "d’"):
                continue  # "secrétaire d'État", "coup d'État": not a place
            if label == "PER":
                titled = self._role_at(doc, start)
                if titled is not None and titled[1] < end and doc[titled[1]].text[:1].isupper():
                    start = titled[1]  # "président Obama" tagged as one name: the role pass takes the title
                    span = doc[start:end]
                    text = span.text
            gender = None
            if label == "PER" and span[0].lower_ in PERSON_PREFIXES and len(span) > 1:
                gender = PERSON_PREFIXES[span[0].lower_]
                start += 1
                span = doc[start:end]
                text = span.text
            entry = self.gaz.lookup(text)
            if entry is None and label != "PER" and len(span) > 1 and span[-1].text == "s":
                entry = None
            m = Mention(start, end, "name", label, entry, gender=gender)
            if label == "PER" and end + 2 < len(doc) and doc[end].text == "(":
                close = next((k for k in range(end + 1, min(end + 6, len(doc))) if doc[k].text == ")"), None)
                party = self.gaz.lookup(doc[end + 1:close].text) if close else None
                if party is not None and self.gaz.party_sector(party):
                    m.country, m.sector = party.country, self.gaz.party_sector(party)  # "Patrick Hetzel (LR)"
            if entry is not None:
                m.label = entry.type
                m.gender = gender or entry.gender
            elif self.gaz.demonym(text) and text[:1].isupper():
                # "les Américains", "le Saoudien": people of a country, not a place
                m.kind, m.label, m.country = "role", "MISC" if _plural(span) else "PER", self.gaz.demonym(text)
                m.plural = _plural(span)
                m.sector = "CVL" if m.plural else None
                m.determiner = _determiner(doc, start)
                m.role = "demonym"
            elif label in ("ORG", "MISC", "LOC") and self._role_at(doc, start) is not None:
                continue  # "ministre russe des Affaires" tagged ORG: a role phrase, found in pass 2
            elif label in ("ORG", "MISC", "LOC") and len(span) > 1:
                m.country, m.sector = self._codes_inside(span)
                if m.sector and label == "LOC":
                    m.label = "ORG"  # "la Haute Cour de justice israélienne" is no place
                if m.sector and label == "MISC":
                    m.label = "ORG"
            out.append(m)
        self._countries_missed(doc, out)
        self._join_acronyms(doc, out)
        self._complete_names(doc, out)
        return out

    def _countries_missed(self, doc: Doc, out: list[Mention]) -> None:
        """Country names the NER left out ("accusent la Chine", "le Royaume-Uni" split in three tokens)."""
        taken = {i for m in out for i in range(m.start, m.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                i += 1
                continue
            end = i + 3 if _glued_hyphen(doc, i + 1) and doc[i + 2].text[:1].isupper() else i + 1
            entry = self.gaz.lookup(doc[i:end].text)
            if entry is not None and entry.type == "GPE" and entry.country and not any(k in taken for k in range(i, end)):
                out.append(Mention(i, end, "name", "GPE", entry, gender=entry.gender))
                taken.update(range(i, end))
            i = end

    def _complete_names(self, doc: Doc, names: list[Mention]) -> None:
        """ "affirme … Adrian Zenz, un chercheur": the NER may keep only "Adrian" (as MISC) where it found
        "Adrian Zenz" elsewhere in the article: a one-word name followed by the rest of a person's full name
        found elsewhere is that full name."""
        full = {tuple(gz.fold(doc[m.start:m.end].text).split()) for m in names if m.label == "PER" and m.end - m.start > 1}
        if not full:
            return
        starts = {m.start for m in names}
        for m in names:
            if m.end - m.start != 1 or m.label == "GPE" or m.entry is not None:
                continue
            for ws in full:
                n = len(ws)
                if m.end + n - 1 > len(doc) or any(t in starts for t in range(m.end, m.start + n)):
                    continue
                if tuple(gz.fold(doc[m.start:m.start + n].text).split()) == ws:
                    m.end, m.label, m.kind = m.start + n, "PER", "name"
                    break

    def _join_acronyms(self, doc: Doc, names: list[Mention]) -> None:
        """ "l'Agence américaine d'observation océanique et atmosphérique (NOAA)": one organisation."""
        at = {m.start: m for m in names}
        for m in names:
            if m.label not in ("ORG", "MISC") or m.end + 2 >= len(doc) or doc[m.end].text != "(":
                continue
            acr = at.get(m.end + 1)
            if acr is None or acr.end >= len(doc) or doc[acr.end].text != ")" or not doc[acr.start].text.isupper():
                continue
            full = m.entry or acr.entry or gz.Entry(doc[m.start:m.end].text, "ORG", m.country, m.sector)
            m.entry = acr.entry = full
            m.label = acr.label = full.type

    def _codes_inside(self, span) -> tuple[str | None, str | None]:
        """Country and sector of an unknown organisation name from the words inside it."""
        country = sector = None
        for i, tok in enumerate(span):
            country = country or self.gaz.demonym(tok.text)
            if country is None and tok.pos_ == "PROPN":
                e = self.gaz.lookup(tok.text)
                if e and e.type == "GPE":
                    country = e.country
            if sector is None:
                r = self._role_at(span.doc, span.start + i)
                if r is not None:
                    sector = r[0].sector
        return country, sector

    # -- pass 2: role phrases --------------------------------------------------------------------
    def _role_at(self, doc: Doc, i: int) -> tuple[gz.Role, int] | None:
        """The longest role term starting at token i, with the index after it."""
        if not (self.gaz.may_start_role(doc[i].text) or self.gaz.may_start_role(doc[i].lemma_)):
            return None  # most tokens start no role: skip the n-gram look-ups
        for n in range(min(self.gaz.max_role_words, len(doc) - i), 0, -1):
            toks = doc[i:i + n]
            if any(t.is_punct and t.text not in ("'", "’", "-") for t in toks):
                continue
            for words in ([t.text for t in toks], [t.lemma_ for t in toks[:-1]] + [toks[-1].lemma_]):
                role = self.gaz.role(_join(words))
                if role is not None and (n > 1 or toks[0].pos_ in ("NOUN", "PROPN", "ADJ", "X")
                                         or (i > 0 and doc[i - 1].pos_ in ("DET", "ADJ"))):
                    return role, i + n
        return None

    def roles(self, doc: Doc, taken: set[int], names: dict[int, Mention] | None = None) -> list[Mention]:
        out = []
        i = 0
        while i < len(doc):
            if i in taken:
                i += 1
                continue
            found = self._role_at(doc, i)
            if found is None:
                i += 1
                continue
            role, j = found
            m = self._role_phrase(doc, i, j, role, taken, names or {})
            out.append(m)
            i = m.end
            # "des responsables hongrois et roumains": two groups, one per nationality
            while m.plural and m.country and i + 1 < len(doc) and doc[i].lower_ == "et" \
                    and self.gaz.demonym(doc[i + 1].text) and doc[i + 1].pos_ in ("ADJ", "NOUN"):
                m = Mention(i + 1, i + 2, "role", m.label, None, m.sector, self.gaz.demonym(doc[i + 1].text),
                            m.gender, True, "", m.role, role_start=i + 1)
                out.append(m)
                i = m.end
        return out

    def _role_phrase(self, doc: Doc, i: int, j: int, role: gz.Role, taken: set[int],
                     names: dict[int, Mention]) -> Mention:
        start = i
        while start > 0 and doc[start - 1].pos_ in ("DET", "ADJ", "NUM") and (start - 1) not in taken \
                and doc[start - 1].text[:1] not in ",;:":
            start -= 1
            if doc[start].lower_ in ARTICLES:
                break
        end, hops, country, sector, complement_end = j, 0, None, role.sector, None
        while end < len(doc) and end not in taken:
            tok = doc[end]
            if end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_:
                joined = self.gaz.demonym(doc[end:end + 3].text)  # "sri-lankaise" is three tokens
                if joined:
                    country = country or joined
                    end += 3
                    continue
            if tok.pos_ == "ADJ" or (tok.pos_ in ("NOUN", "PROPN") and self.gaz.demonym(tok.text)):
                country = country or self.gaz.demonym(tok.text)
                end += 1
                continue
            if tok.pos_ == "PROPN" and tok.ent_type_ != "PER" and tok.text[:1].isupper():
                named = self.gaz.lookup(tok.text)
                if named is not None and named.type == "ORG":
                    country = country or named.country
                    if named.sector and role.kind != "ORG":
                        sector = _member_sector(role, self.gaz.party_sector(named) or named.sector, sector)
                    end += 1
                    continue
            if tok.lower_ in OF and hops < MAX_OF_HOPS:
                k = end + 1
                if k < len(doc) and doc[k].pos_ == "DET":
                    k += 1
                if k in names:  # "porte-parole de l'Organisation iranienne ...": the name is its own actor
                    named = names[k]
                    country = country or named.country or (named.entry.country if named.entry else None)
                    org_sector = named.sector or (named.entry and (self.gaz.party_sector(named.entry) or named.entry.sector))
                    if org_sector and role.kind != "ORG" and (sector is None or named.label == "ORG"):
                        sector = _member_sector(role, org_sector, sector)
                    complement_end = named.end
                    break
                if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") and not doc[k].ent_type_ == "PER":
                    k2 = k
                    while k2 < len(doc) and doc[k2].pos_ == "PROPN" and doc[k2].ent_type_ not in ("PER",):
                        k2 += 1
                    k2 = max(k2, k + 1)
                    named = self.gaz.lookup(doc[k:k2].text)
                    if named is not None:
                        country = country or named.country
                        if named.type == "ORG" and named.sector and role.kind != "ORG":
                            # "secrétaire général de la CFDT", "président de LR": the organisation says
                            # what the person does
                            sector = _member_sector(role, self.gaz.party_sector(named) or named.sector, sector)
                        elif sector is None:
                            sector = named.sector
                    elif sector is None:
                        inner = self._role_at(doc, k)  # "responsable de la police": the police's sector
                        if inner is not None:
                            sector = inner[0].sector
                    elif role.generic:
                        inner = self._role_at(doc, k)  # "dirigeant de l'opposition", "chef de la police"
                        if inner is not None and inner[0].kind == "ORG" and inner[0].sector:
                            sector = inner[0].sector
                    hops += 1
                    end = k2
                    continue
            break
        for tok in doc[i:j]:  # a listed term may carry its nationality ("secrétaire d'État américain")
            country = country or self.gaz.demonym(tok.text)
        det = _determiner(doc, start)
        plural = _plural(doc[i:j])
        gender = role.gender or _gender(doc[start:end])
        return Mention(start, end, "role", "MISC" if plural and role.kind == "PER" else role.kind,
                       None, sector, country, gender, plural, det, role.term, role_start=i,
                       complement_end=complement_end)

    # -- passes 3-5 ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        names = self.names(doc)
        taken = {t for m in names if m.kind == "name" for t in range(m.start, m.end)}
        name_starts = {m.start for m in names}
        roles = [m for m in self.roles(doc, taken, {m.start: m for m in names if m.kind == "name"})
                 if not (m.start in name_starts)]
        mentions = sorted(names + roles, key=lambda m: m.start)
        # an entity the NER stretched over a paragraph break ("M.\n\nSarkozy" on a real page) can leave a
        # mention made of whitespace or punctuation only: never an actor
        mentions = [m for m in _drop_overlaps(mentions) if any(ch.isalnum() for ch in doc[m.start:m.end].text)]
        clusters: list[Cluster] = []
        self.quoted = _quoted_tokens(doc)  # a name inside a quotation is never an antecedent
        self._promote_named_roles(doc, mentions)
        self._link_appositions(doc, mentions)  # the parse's appos first: it knows "X et Y, Z," best
        self._link_titles(doc, mentions)
        self._cluster_names(doc, mentions, clusters)
        self._resolve_roles(doc, mentions, clusters)
        self._merge_same_titles(mentions, clusters)
        self._resolve_pronouns(doc, mentions, clusters)
        doc._.actors, doc._.actor_of = self._actors(doc, clusters)
        return doc

    def _link_titles(self, doc: Doc, mentions: list[Mention]) -> None:
        """Pair a role phrase with the name it titles: "le ministre X", "X, porte-parole de Y,"."""
        for n, a in enumerate(mentions):
            # a role phrase's named complement ("la présidente du RN Marine Le Pen") sits between it and
            # the name it titles: look past it
            b = next((x for x in mentions[n + 1:] if x.start >= a.reach), None) if a.kind == "role" \
                else (mentions[n + 1] if n + 1 < len(mentions) else None)
            if b is None:
                break
            # (the first word of the name may be left out by the NER: "la chaîne A Haber")
            glued = b.start == a.reach or (b.start - a.reach <= 2 and all(
                t.text[:1].isupper() and not t.is_punct for t in doc[a.reach:b.start]))
            if a.kind == "role" and a.label == "ORG" and b.kind == "name" and glued and (
                    b.label in ("ORG", "MISC") or (a.sector == "MED" and b.entry is None)):
                b.cluster = a.cluster = id(a)  # "le groupe Al-Qaïda", "la chaîne A Haber", "le site Axios"
                b.label = "ORG"
            elif a.kind == "role" and b.kind == "name" and b.label == "PER" and not a.plural and a.label == "PER" \
                    and a.cluster is None and b.cluster is None:
                gap = doc[a.reach:b.start]
                after = doc[b.end].text if b.end < len(doc) else "."
                # "le ministre X"; "un autre détenu, X"; "Le porte-parole du ministère, X, a dit"
                if len(gap) == 0 or (len(gap) == 1 and gap[0].text == ","
                                     and (a.determiner in ("indefinite", "") or after == ",")):
                    b.cluster = id(a)  # placeholder: a title joins its name's cluster
                    a.cluster = id(a)
            elif a.kind == "name" and a.label == "PER" and b.kind == "role" and not b.plural \
                    and b.determiner != "possessive" and b.label == "PER" and a.cluster is None and b.cluster is None:
                gap = doc[a.end:b.start]
                if (len(gap) == 1 and gap[0].text in (",", "(")) or \
                        (len(gap) == 2 and gap[0].text == "," and gap[1].pos_ == "ADV"):  # "X, (alors) chef de Y"
                    a.cluster = id(b)
                    b.cluster = id(b)

    def _promote_named_roles(self, doc: Doc, mentions: list[Mention]) -> None:
        """An institution phrase that the gazetteer names ("le Conseil constitutionnel") is that name."""
        for m in mentions:
            if m.kind == "role" and m.label == "ORG" and m.role_start is not None:
                entry = self.gaz.lookup(doc[m.role_start:m.end].text)
                if entry is not None and entry.type == "ORG":
                    m.kind, m.entry = "name", entry

    def _link_appositions(self, doc: Doc, mentions: list[Mention]) -> None:
        """ "Le représentant de l'Iran à l'ONU, Majid Takht-Ravanchi,": the parse's appos relation."""
        role_at = {t: m for m in mentions if m.kind == "role" and not m.plural
                   for t in range(m.role_start if m.role_start is not None else m.start, m.end)}
        for m in mentions:
            if m.kind != "name" or m.label != "PER" or m.cluster is not None:
                continue
            root = doc[m.start:m.end].root
            a = role_at.get(root.head.i) if root.dep_ == "appos" else None
            if a is not None and a.cluster is None:
                a.cluster = m.cluster = id(a)

    def _cluster_names(self, doc: Doc, mentions: list[Mention], clusters: list[Cluster]) -> None:
        by_key: dict[str, Cluster] = {}
        linked: dict[int, Cluster] = {}
        full_names: list[tuple[list[str], Cluster]] = []
        # the gender of each cluster so far, from a name's prefix, the gazetteer or its title ("un homme
        # d'affaires, Stephen Smith")
        genders: dict[int, str] = {}
        title_gender = {m.cluster: m.gender for m in mentions
                        if m.kind == "role" and m.cluster is not None and m.gender and not m.plural}
        for m in mentions:
            if m.kind != "name" and m.cluster is None:
                continue
            if m.kind == "role":  # a title: joins its name's cluster below
                continue
            text = doc[m.start:m.end].text
            if m.entry is not None:
                k = f"{m.entry.type}:{m.entry.country}:{gz.key(m.entry.name)}" if m.entry.type == "GPE" \
                    else f"{m.entry.type}:{gz.key(m.entry.name)}"
                if m.entry.type == "GPE":
                    k = f"GPE:{m.entry.country}"
            else:
                k = f"{m.label}:{gz.key(text)}"
            cluster = by_key.get(k)
            if cluster is not None and m.gender and genders.get(id(cluster), m.gender) != m.gender:
                cluster = None  # "Mme Smith" is not the "Smith" of a man named before
            if cluster is None and m.label == "PER":
                words = gz.fold(text).split() or [text.lower()]
                if len(words) == 1:
                    # "Mme Smith" / "M. Smith": the last person of that surname and a compatible gender
                    fits = [(ws, c) for ws, c in reversed(full_names)
                            if not m.gender or genders.get(id(c), m.gender) == m.gender]
                    cluster = next((c for ws, c in fits if words[0] in ws[1:]), None) \
                        or next((c for ws, c in fits if words[0] in ws), None)
                else:
                    for ws, c in reversed(full_names):
                        if ws[-len(words):] == words or ws == words[-len(ws):]:
                            cluster = c  # "Kennedy Smith" then "Jean Kennedy Smith"
                            break
                        if ws and len(ws) != len(words) and ws[0] == words[0] and ws[-1] == words[-1]:
                            cluster = c  # "Recep Tayyip Erdogan" then "Recep Erdogan": a middle name left out
                            break
            if cluster is None:
                cluster = Cluster(label=m.label, key=k)
                clusters.append(cluster)
            by_key[k] = cluster
            if m.label == "PER":
                full_names.append((gz.fold(text).split() or [text.lower()], cluster))
            cluster.mentions.append(m)
            gender = m.gender or (m.entry.gender if m.entry is not None else None) or title_gender.get(m.cluster)
            if gender:
                genders.setdefault(id(cluster), gender)
            if m.cluster is not None:
                linked[m.cluster] = cluster
            m.cluster = clusters.index(cluster)
        for m in mentions:
            if m.kind == "role" and m.cluster is not None and m.cluster in linked:
                c = linked[m.cluster]
                c.mentions.append(m)
                m.cluster = clusters.index(c)
            elif m.kind == "role":
                m.cluster = None

    def _resolve_roles(self, doc: Doc, mentions: list[Mention], clusters: list[Cluster]) -> None:
        by_key: dict[str, Cluster] = {}
        for m in mentions:
            if m.kind != "role" or m.cluster is not None:
                continue
            target = None
            if m.label == "PER" and m.determiner in ("definite", "possessive", "") and not m.plural:
                target = self._antecedent(doc, m, mentions, clusters)
            if target is None and m.label == "ORG" and not m.plural and m.determiner == "definite":
                target = self._org_antecedent(doc, m, mentions, clusters) \
                    or self._org_cataphora(doc, m, mentions, clusters)
            if target is None and (m.plural or m.label != "PER") and not _unnamed_source(m, doc):
                # "les enseignants présents" are "les enseignants": a trailing adjective or participle
                # is no other group (nationalities are in the country already)
                first = m.role_start if m.role_start is not None else m.start
                end = m.end
                while end - 1 > first and doc[end - 1].pos_ in ("ADJ", "VERB") and doc[end - 1].text.islower():
                    end -= 1
                k = f"{m.label}:{m.country}:{m.sector}:{gz.key(doc[first:end].lemma_)}"
                target = by_key.get(k)
                if target is None:
                    target = Cluster(label=m.label, key=k)
                    clusters.append(target)
                    by_key[k] = target
            if target is None:
                target = Cluster(label=m.label, key=f"role:{m.start}")
                clusters.append(target)
            target.mentions.append(m)
            m.cluster = clusters.index(target)

    def _antecedent(self, doc: Doc, m: Mention, mentions: list[Mention], clusters: list[Cluster]) -> Cluster | None:
        """The last PER actor before ``m`` that the role phrase can describe."""
        seen = []
        for other in reversed([o for o in mentions if o.start < m.start and o.cluster is not None
                               and o.start not in self.quoted]):
            c = clusters[other.cluster]
            if c.label != "PER" or c in seen:
                continue
            seen.append(c)
            country, sector = c.code()
            gender = c.gender()
            if m.gender and gender and m.gender != gender:
                continue
            same_role = m.role in c.roles() and m.role != "demonym"
            same_country = m.country is not None and m.country == country
            if m.country and country and m.country != country:
                continue
            if m.sector and sector and m.sector != sector and not same_role:
                continue
            # "le procureur X ... a déclaré le chef du parquet": a sector that names a trade, not a side
            same_trade = m.sector is not None and m.sector == sector and sector in TRADE_SECTORS
            if same_role or same_country or same_trade or \
                    (m.role == "homologue" and country is not None and m.country is None):
                if same_role and not any(x.kind == "name" for x in c.mentions):
                    # "Le Premier ministre ... X a affirmé ... Le Premier ministre a ajouté": the untitled
                    # person named between two mentions of a title is the title's holder
                    named = self._untitled_before(doc, m, mentions, clusters, after=max(x.start for x in c.mentions),
                                                  subject=True)
                    if named is not None:
                        for x in c.mentions:
                            x.cluster = clusters.index(named)
                        named.mentions.extend(c.mentions)
                        c.mentions = []
                        return named
                return c
        # "X a dit ... a ajouté l'ancien député": a definite title with no better match describes the
        # last person of the previous two sentences that has no title yet
        if m.determiner == "definite":
            ahead = self._cataphora(doc, m, mentions, clusters)
            if ahead is not None:
                return ahead
            return self._untitled_before(doc, m, mentions, clusters)
        return None

    def _merge_same_titles(self, mentions: list[Mention], clusters: list[Cluster]) -> None:
        """ "Le président américain a préféré Twitter [...] Le tweet de Donald Trump [...] le président
        américain": a title with a nationality, or a title of several words, that names one person later in
        the article names that person where it stood alone, before the name."""
        def keys(c: Cluster) -> set[tuple[str, str | None]]:
            return {(m.role, m.country) for m in c.mentions if m.kind == "role" and m.role and not m.plural
                    and m.determiner == "definite" and (m.country or " " in m.role)}

        named = [c for c in clusters if c.label == "PER" and any(m.kind == "name" for m in c.mentions)]
        for c in clusters:
            if c.label != "PER" or not c.mentions or any(m.kind != "role" for m in c.mentions):
                continue
            k = keys(c)
            if not k:
                continue
            owners = [n for n in named if keys(n) & k]
            if len(owners) != 1:
                continue
            target = owners[0]
            g1, g2 = c.gender(), target.gender()
            if g1 and g2 and g1 != g2:
                continue
            for m in c.mentions:
                m.cluster = clusters.index(target)
            target.mentions.extend(c.mentions)
            c.mentions = []

    def _untitled_before(self, doc: Doc, m: Mention, mentions: list[Mention], clusters: list[Cluster],
                         after: int = -1, subject: bool = False) -> Cluster | None:
        """The last person of the two sentences before ``m`` (and after token ``after``) with no title yet."""
        window = max(_sentence_back(doc, doc[m.start], 2), after + 1)
        for other in reversed([o for o in mentions if window <= o.start < m.start and o.cluster is not None
                               and o.start not in self.quoted]):
            c = clusters[other.cluster]
            # a former title ("l'ancien ministre") describes someone who holds another one now
            former = any(t.lower_ in FORMER for t in doc[m.start:m.end])
            if c.label != "PER" or (c.roles() and not (former and other.kind == "name")):
                continue
            if subject and not (other.kind == "name" and doc[other.start:other.end].root.dep_.startswith("nsubj")):
                continue
            country, gender = c.code()[0], c.gender()
            if (m.gender and gender and m.gender != gender) or (m.country and country and m.country != country):
                continue
            if other.kind == "name" and _in_enumeration(doc, other, mentions):
                continue  # "X, Y, Z et W, arrêtés en Syrie [...] a relevé la porte-parole": not one of a list
            if not subject and other.kind == "name" and not doc[other.start:other.end].root.dep_.startswith("nsubj"):
                # "X était agacé après son interview de Y. Le journaliste a …": a subject person of the
                # same window is the better holder
                better = self._untitled_before(doc, m, mentions, clusters, after=after, subject=True)
                if better is not None:
                    return better
            return c
        return None

    def _org_antecedent(self, doc: Doc, m: Mention, mentions: list[Mention], clusters: list[Cluster]) -> Cluster | None:
        """ "Selon l'université X, ... a souligné l'université": a definite organisation noun points back to
        the last named organisation of the three previous sentences whose name has that noun, or whose
        sector it gives (not GOV, too broad: "le ministère" is not any office)."""
        head = gz.fold(doc[m.role_start if m.role_start is not None else m.start].lemma_)
        window = _sentence_back(doc, doc[m.start], 3)
        for other in reversed([o for o in mentions if window <= o.start < m.start and o.cluster is not None
                               and o.start not in self.quoted
                               and (o.kind == "name" or (o.kind == "role" and o.role == m.role and o.end - o.start
                                                         > m.end - m.start and not o.plural))]):
            c = clusters[other.cluster]
            if c.label != "ORG":
                continue
            if other.kind == "role":
                return c  # "l'Université hébraïque de Jérusalem [...] a souligné l'université"
            if _org_fits(doc, m, c, head):
                return c
        return None

    def _org_cataphora(self, doc: Doc, m: Mention, mentions: list[Mention], clusters: list[Cluster]) -> Cluster | None:
        """ "« … », écrit le journal. [...] Parmi les victimes citées par le New York Times": a definite
        organisation noun with nothing before it names the first organisation of the next four sentences
        with that noun in its name or its sector (not GOV: "le ministère" is not any office)."""
        if any(o.kind == "name" and o.start < m.start and o.cluster is not None
               and clusters[o.cluster].label == "ORG" and o.start not in self.quoted
               and (m.sector and clusters[o.cluster].code()[1] == m.sector) for o in mentions):
            return None  # an organisation of that sector named before: not a cataphora
        head = gz.fold(doc[m.role_start if m.role_start is not None else m.start].lemma_)
        end = _sentence_ahead(doc, doc[m.start], 4)
        for other in (o for o in mentions if m.end <= o.start < end and o.kind == "name" and o.cluster is not None
                      and o.start not in self.quoted):
            c = clusters[other.cluster]
            if c.label == "ORG" and _org_fits(doc, m, c, head):
                return c
        return None

    def _cataphora(self, doc: Doc, m: Mention, mentions: list[Mention], clusters: list[Cluster]) -> Cluster | None:
        """ "Le nouveau Premier ministre [...] Jean Castex a affirmé": a title naming a person later in the
        same or the next sentence, when their codes agree."""
        end = _sentence_ahead(doc, doc[m.start], 1)
        for other in (o for o in mentions if m.end <= o.start < end and o.kind == "name" and o.cluster is not None
                      and o.start not in self.quoted):
            c = clusters[other.cluster]
            if c.label != "PER":
                continue
            country, sector = c.code()
            gender = c.gender()
            if (m.gender and gender and m.gender != gender) or (m.country and country and m.country != country):
                continue
            if (m.country and m.country == country) or (m.sector and m.sector == sector) or m.role in c.roles():
                return c
            return None  # the first person named after the title is the only candidate
        return None

    def _resolve_pronouns(self, doc: Doc, mentions: list[Mention], clusters: list[Cluster]) -> None:
        located = sorted((m for m in mentions if m.cluster is not None), key=lambda m: m.start)
        new = []
        for tok in doc:
            gender = SUBJECT_PRONOUNS.get(tok.lower_)
            if gender is None or not tok.dep_.startswith("nsubj"):
                continue
            sent_start = tok.sent.start
            window_start = _sentence_back(doc, tok, 2)
            candidates = [m for m in located if window_start <= m.start < tok.i
                          and clusters[m.cluster].label == "PER" and m.start not in self.quoted]
            best = None
            for m in reversed(candidates):
                g = clusters[m.cluster].gender()
                if g and g != gender:
                    continue
                if best is None:
                    best = m
                if doc[m.start:m.end].root.dep_.startswith("nsubj") and (m.start >= sent_start or best is m):
                    best = m
                    break
            if best is not None:
                p = Mention(tok.i, tok.i + 1, "pronoun", "PER", gender=gender, cluster=best.cluster)
                clusters[best.cluster].mentions.append(p)
                new.append(p)
        mentions.extend(new)

    def _home_country(self, clusters: list[Cluster]) -> str:
        """The country the article is about: the one its coded actors are mentioned most, France on a tie."""
        counts: Counter = Counter()
        for c in clusters:
            country = c.code()[0]
            if country:
                counts[country] += len(c.mentions)
        counts[HOME_COUNTRY] += 0.5
        return counts.most_common(1)[0][0]

    def _actors(self, doc: Doc, clusters: list[Cluster]) -> tuple[list[Actor], dict[int, str]]:
        actors, actor_of = [], {}
        text = doc.text  # Doc.text joins every token: once per document, not once per mention
        order = sorted((c for c in clusters if c.mentions), key=lambda c: c.first)
        home = self._home_country(order)
        for n, c in enumerate(order, 1):
            aid = f"a{n}"
            country, sector = c.code()
            named = any(m.kind == "name" for m in c.mentions)
            if country is None and sector != "IGO" and c.label in ("PER", "ORG", "MISC") \
                    and not any(m.entry for m in c.mentions) and (named or sector is not None):
                # unnamed sources ("des sources proches du dossier") keep no nationality
                country = home
            label = c.label
            if label == "GPE":
                sector = sector or "GOV"
            names = [m for m in c.mentions if m.kind == "name"]
            if names:
                best = max(names, key=lambda m: (m.entry is not None, m.end - m.start, -m.start))
                name = best.entry.name if best.entry and best.entry.type in ("GPE", "ORG", "PER") \
                    else doc[best.start:best.end].text
            else:
                first = min(c.mentions, key=lambda m: m.start)
                name = doc[first.role_start if first.role_start is not None else first.start:first.end].text
            spans = []
            for m in sorted(c.mentions, key=lambda m: m.start):
                s, e = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
                spans.append(Span(s, e, text[s:e]))
                for t in range(m.start, m.end):
                    actor_of.setdefault(t, aid)
            actors.append(Actor(aid, name, label, country, sector, spans,
                                info={"gender": c.gender(), "roles": sorted(c.roles())}))
        return actors, actor_of


def _member_sector(role: gz.Role, org_sector: str, role_sector: str | None) -> str | None:
    """The sector of a person titled by an organisation: a party's member or leader takes the party's
    sector when it is the opposition; a generic title ("président", "porte-parole") takes the
    organisation's; a specific one ("député", "ministre") keeps its own."""
    if org_sector == "OPP":
        return "OPP"
    if org_sector == "PTY":
        return role_sector or "PTY"
    return org_sector if (role.generic or role_sector is None) else role_sector


def _in_enumeration(doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
    """Whether the name ``m`` is one of a list of three names or more ("A, B, C et D")."""
    names = [x for x in mentions if x.kind == "name" and x.label == "PER"]
    by_start = {x.start: x for x in names}
    by_end = {x.end: x for x in names}
    count, x = 1, m
    while x.start - 2 >= 0 and doc[x.start - 1].text in (",", "et") and (x.start - 1) in by_end:
        x = by_end[x.start - 1]
        count += 1
    x = m
    while x.end + 1 < len(doc) and doc[x.end].text in (",", "et") and (x.end + 1) in by_start:
        x = by_start[x.end + 1]
        count += 1
    return count >= 3


def _unnamed_source(m: Mention, doc: Doc) -> bool:
    """ "un diplomate", "une source proche du dossier": each one is its own actor."""
    return m.determiner == "indefinite" and not m.plural


def _join(words: list[str]) -> list[str]:
    return [w for w in " ".join(words).replace("' ", "'").replace("’ ", "'").split(" ")]


def _plural(span) -> bool:
    return any("Number=Plur" in str(t.morph) for t in span if t.pos_ in ("NOUN", "PROPN", "DET")) and \
        not any("Number=Sing" in str(t.morph) for t in span if t.pos_ == "NOUN")


def _gender(span) -> str | None:
    for t in span:
        if t.pos_ in ("DET", "ADJ", "NOUN"):
            g = t.morph.get("Gender")
            if g:
                return "f" if g[0] == "Fem" else "m"
    return None


def _determiner(doc: Doc, start: int) -> str:
    t = doc[start].lower_
    if t in DEFINITE:
        return "definite"
    if t in POSSESSIVE:
        return "possessive"
    if t in INDEFINITE or t in ("plusieurs", "certains", "deux", "trois", "quelques"):
        return "indefinite"
    return ""


def _org_fits(doc: Doc, m: Mention, c: Cluster, head: str) -> bool:
    """Can the organisation noun ``m`` (head lemma ``head``, folded) name the organisation ``c``? Same
    country when both have one, and the noun in its name or the sector it gives (not GOV: "le ministère"
    is not any office)."""
    country, sector = c.code()
    if m.country and country and m.country != country:
        return False
    words = {w for x in c.mentions if x.kind == "name" for w in gz.fold(doc[x.start:x.end].text).split()}
    return head in words or bool(m.sector and m.sector == sector and sector != "GOV")


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens between paired quotation marks (the quotation step's pairing)."""
    from .quotes import pair_marks
    import bisect
    starts = [t.idx for t in doc]
    out: set[int] = set()
    for r in pair_marks(doc.text):
        a = bisect.bisect_left(starts, r.start)
        b = bisect.bisect_left(starts, r.end)
        out.update(range(a, b))
    return out


def _sentence_back(doc: Doc, tok: Token, n: int) -> int:
    sent = tok.sent
    for _ in range(n):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether doc[i] is a hyphen glued to the tokens on both sides ("Royaume", "-", "Uni")."""
    return 0 < i and i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_


def _sentence_ahead(doc: Doc, tok: Token, n: int) -> int:
    """End of the n-th sentence after the one of ``tok`` (the blank lines between paragraphs are no
    sentences)."""
    end, count = tok.sent.end, 0
    while end < len(doc) and count < n:
        sent = doc[end].sent
        count += 0 if sent.text.isspace() else 1
        end = sent.end
    return end


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start) and m.kind == out[-1].kind:
                out[-1] = m
            continue
        out.append(m)
    return out


@Language.factory("veille_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder()
