"""Events: who did what to whom, typed with PLOVER and CAMEO; sets ``doc._.events``.

The coder works on the dependency parse. Every token whose lemma has entries in the event lexicon
(:mod:`veille.analyse.event_lexicon`, YAML data under ``data/fr/events/``) is a candidate trigger; the
first entry whose conditions hold fires. Its frame says where the actors are: the source is the agent
(subject, ``par X`` of a passive, inherited through coordination, relative clauses, infinitive or
que-clauses of a reporting verb, or from the light verb of a nominal trigger), the target an object or
a prepositional complement. Tokens map to actors through ``doc._.actor_of``; object clitics ("l'a
averti", "lui a demandé") point back to the nearest earlier actor other than the source.

No event is produced without a source actor, and no code is guessed: a trigger whose frame finds no
actor is dropped. Each event carries ``negated`` (pas, jamais, sans, aucun...) and ``hypothetical``
(conditional mood, future, "si" clause, embedded under a verb or noun of intention, request, threat,
proposal or allegation, "présumé", "éventuel"...).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Event, Span
from . import event_lexicon

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

SUBJ = ("nsubj", "nsubj:pass")
QUANTITY_NOUNS = {"dizaine", "douzaine", "vingtaine", "trentaine", "centaine", "millier", "million", "milliers",
                  "millions", "foule", "poignée", "nombre", "majorité", "plupart", "partie"}
TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui",
              "aujourd’hui", "soir", "matin", "mois", "semaine", "année", "an", "week-end", "dernier"}
CLAUSAL = {"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "conj"}
COMPOUND_PREPS = {"auprès", "près", "autour", "loin", "lors", "face", "vis-à-vis", "envers", "contre"}
NEG_WORDS = {"pas", "jamais", "plus", "guère", "point", "aucunement", "nullement", "rien"}
NEG_DET = {"aucun", "aucune", "nul", "nulle"}
OBJ_CLITICS = {"l'", "l’", "le", "la", "les", "lui", "leur"}
RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "que", "dont"}
# Verbs and nouns whose complement action is not (yet) a fact: intention, request, threat, proposal,
# possibility, allegation. "refuser de", "nier" negate it.
HYPO_GOVERNORS = {
    "vouloir", "pouvoir", "devoir", "souhaiter", "espérer", "envisager", "prévoir", "projeter", "compter",
    "proposer", "offrir", "promettre", "menacer", "appeler", "demander", "exhorter", "presser", "inviter",
    "exiger", "réclamer", "chercher", "tenter", "essayer", "risquer", "craindre", "viser", "accuser",
    "soupçonner", "décider", "engager", "envisager", "suggérer", "conseiller", "préparer", "s'apprêter",
    "apprêter", "permettre", "autoriser", "falloir", "plaider", "militer", "encourager", "pousser",
    "inciter", "aller", "souhaiter", "redouter", "accepter", "refuser", "nier", "démentir", "exclure",
    "empêcher", "interdire", "dissuader", "supplier", "sommer", "enjoindre", "ordonner", "prier",
    "implorer", "recommander", "préconiser", "annoncer", "attendre", "continuer", "imaginer", "viser",
}
HYPO_NOUNS = {
    "projet", "plan", "menace", "proposition", "offre", "possibilité", "risque", "perspective", "volonté",
    "intention", "appel", "demande", "hypothèse", "éventualité", "tentative", "idée", "promesse", "vœu",
    "voeu", "objectif", "option", "crainte", "accusation", "soupçon", "allégation", "exigence", "refus",
    "ultimatum", "condition",
}
# A cooperative outcome that is the subject of talks is a goal, not a fact: "la conversation était centrée
# sur la libération de X", "les négociations sur le retrait des troupes". (A hostile act under discussion,
# "ont évoqué l'invasion de X", is mostly background fact and keeps its flag.)
GOAL_TYPES = {"CONCEDE", "AID", "RETREAT", "COOPERATE", "AGREE"}
TALK_VERBS = {"centrer", "porter", "discuter", "négocier", "débattre", "parler", "plancher", "aborder",
              "évoquer", "échanger", "concentrer", "focaliser"}
TALK_OBJ_VERBS = {"discuter", "négocier", "débattre", "aborder", "évoquer"}
TALK_NOUNS = {"conversation", "discussion", "négociation", "pourparlers", "entretien", "échange", "dialogue",
              "débat", "sommet", "réunion", "rencontre", "tractation", "consultation", "marchandage"}
HYPO_ADJ = {"présumé", "éventuel", "possible", "potentiel", "futur", "prochain", "hypothétique",
            "supposé", "prétendu", "probable", "envisagé"}
# A purpose clause is not yet a fact, except when its verb is said or shown by the act itself: "sont venus
# pour témoigner leur solidarité", "a choisi Twitter pour se moquer de X", "ont défilé pour réclamer X".
EXPRESSIVE_PURPOSE = {"témoigner", "manifester", "exprimer", "marquer", "montrer", "dire", "saluer", "dénoncer",
                      "protester", "réclamer", "exiger", "demander", "moquer", "critiquer", "condamner", "remercier",
                      "féliciter", "soutenir", "défendre", "rendre"}
ATTITUDE_ADJ = {"favorable", "opposé", "prêt", "hostile", "disposé", "ouvert", "réticent", "déterminé", "résolu"}
NEG_GOVERNORS = {"refuser", "nier", "démentir", "exclure", "empêcher", "interdire", "éviter", "renoncer"}
IRREGULAR_CONDITIONAL = re.compile(
    r"^(se|au|pour|fe|fau|voud|dev|vien|tien|ir|enver|ver|sau|vaud|mour|cour|acquer|recev|apercev|conc)r(ais|ait|ions|iez|aient)$")
# Light verbs lend their subject to a nominal trigger they govern ("imposer des sanctions").
LIGHT_VERBS = {
    "parvenir", "aboutir", "arriver", "réserver", "appeler", "publier", "rendre", "déployer",
    "nouer", "maintenir", "élever", "exercer", "présenter", "faire", "entretenir", "obtenir", "trouver",
    "imposer", "lancer", "mener", "avoir", "tenir", "adopter", "annoncer", "décider", "prendre", "infliger",
    "apporter", "fournir", "accorder", "signer", "conclure", "effectuer", "organiser", "engager", "poursuivre",
    "porter", "déposer", "faire", "exprimer", "renouveler", "réitérer", "formuler", "lancer", "décréter",
    "ordonner", "déclencher", "commettre", "perpétrer", "multiplier", "intensifier", "durcir", "renforcer",
    "adresser", "envoyer", "opposer", "émettre", "proférer", "donner", "offrir", "proposer", "apporter",
    "réaffirmer", "manifester", "témoigner", "rétablir", "prononcer", "voter", "entamer", "reprendre",
    "participer", "assurer", "mettre", "placer", "exercer", "livrer", "dresser", "cibler", "verser", "achever",
    "terminer", "commencer", "observer", "payer", "commanditer", "instaurer", "proclamer", "maintenir",
    "ouvrir", "prolonger", "émettre", "formuler", "exprimer", "entreprendre",
}

# Participles that give a speech-act noun its author: "les critiques émises par X envers Y".
EXPRESS_VERBS = {"émettre", "formuler", "exprimer", "adresser", "proférer", "prononcer", "tenir", "publier",
                 "présenter", "déposer", "réitérer", "renouveler"}

# Verbs that lend their subject to a nominal trigger in their à-complement.
OBL_LIGHT_VERBS = {"parvenir", "aboutir", "arriver", "livrer", "participer", "procéder", "recourir", "prendre",
                   "appeler", "se joindre", "joindre", "consentir", "renoncer", "opposer", "témoigner"}

# A hostile action announced for later is a threat (CAMEO 13): "ont déclaré qu'ils boycotteraient X".
THREAT_CAMEO = {"SANCTION": "131", "REJECT": "131", "RETREAT": "131", "PROTEST": "131", "COERCE": "132",
                "ASSAULT": "138"}
ANNOUNCE_VERBS = {"annoncer", "déclarer", "affirmer", "prévenir", "avertir", "indiquer", "dire", "assurer",
                  "proclamer", "faire savoir"}
THREAT_GOVERNORS = {"prévoir", "jurer", "menacer"}
# A cooperative action announced or promised for later is an expression of intent (CAMEO 03, PLOVER AGREE):
# "ont annoncé qu'ils libéreraient les otages", "a promis d'aider X".
INTENT_CAMEO = {"AID": "033", "CONCEDE": "035", "COOPERATE": "031", "CONSULT": "036"}
INTENT_GOVERNORS = {"prévoir", "promettre", "engager", "jurer"}
# Types of the speech acts whose source a quotation's speaker can be ("..., a dénoncé X").
SPEECH_ACTS = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE", "CONCEDE"}


def _topic_of_talks(trig: Token) -> bool:
    """A noun trigger that is what talks are about: the complement of discuter / centrer sur / porter
    sur..., or of a talks noun ("les négociations sur la libération de X")."""
    t = trig
    for _ in range(2):
        head = t.head
        if head.i == t.i or t.dep_ not in ("obl", "obl:arg", "obl:mod", "obj", "nmod"):
            return False
        hl = _lemma(head)
        cases = {c.lower_ for c in t.children if c.dep_ == "case"}
        if head.pos_ in ("VERB", "ADJ") and hl in TALK_VERBS and (
                cases & {"sur", "de", "du", "des", "d'", "d’"} or t.dep_ == "obj" and hl in TALK_OBJ_VERBS):
            return True  # not "porter assistance à X": that is the aid itself
        if head.pos_ == "NOUN" and hl in TALK_NOUNS and cases & {"sur", "autour", "concernant"}:
            return True
        if head.pos_ != "NOUN":
            return False
        t = head
    return False


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _case_lemmas(tok: Token) -> set[str]:
    out = set()
    head = tok.head
    if head.i != tok.i and head.pos_ in ("ADV", "ADP") and head.lower_ in COMPOUND_PREPS:
        out.add(head.lower_)  # "auprès de X", "près de X": X hangs from the adverb
    for c in tok.children:
        if c.dep_ in ("case", "mark") or (c.dep_ == "fixed"):
            out.add(c.lower_)
            out.add(_lemma(c))
            for f in c.children:
                if f.dep_ == "fixed":
                    out.add(f.lower_)
    return out


def _under_sous(tok: Token) -> bool:
    """A noun in a "sous peine de", "sous la menace de" phrase hanging on a verb."""
    return tok.dep_.startswith("obl") and tok.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "case" and c.lower_ == "sous" for c in tok.children)


def _object_of(noun: Token) -> Token | None:
    """The verb a noun is the (misparsed) object of: "a décrété mercredi un cessez-le-feu" (hung on the day),
    "ont organisé des manifestations" (partitive parsed as obl:mod)."""
    head = noun.head
    if head.i == noun.i:
        return None
    if noun.dep_ in ("obj", "nsubj:pass"):
        return head if head.pos_ in ("VERB", "AUX") else None
    if (_lemma(head) in TIME_WORDS and head.dep_ in ("obl:mod", "obl", "conj", "obj") and head.i < noun.i
            and head.head.pos_ in ("VERB", "AUX") and head.head.i < head.i and noun.dep_ in ("nmod", "obj", "appos")):
        return head.head
    if noun.dep_ == "obl:mod" and head.pos_ in ("VERB", "AUX") and head.i < noun.i and any(
            c.dep_ == "case" and c.lower_ in ("des", "du") for c in noun.children):
        return head
    return None


def _demand_verb(verb: Token) -> Token:
    """The main verb of a demand a "sous peine de" phrase hangs in ("a sommé X de partir, sous peine de")."""
    for _ in range(3):
        if verb.dep_ in ("xcomp", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return verb


def _is_passive(tok: Token) -> bool:
    """A true passive ("a été attaqué par X"); the reflexive "s'est retiré" is not one; a past participle
    with a "par" agent that modifies a noun ("les journalistes, arrêtés par la police")."""
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and "Part" in tok.morph.get("VerbForm") and (
            "Pres" not in tok.morph.get("Tense")) and any(c.dep_ == "obl:agent" for c in tok.children):
        return True
    if any(c.dep_ == "expl:pass" for c in tok.children) or "Inf" in tok.morph.get("VerbForm"):
        return False  # an infinitive is never the participle of a passive ("Je suis là pour témoigner")
    if not any(c.dep_ == "aux:pass" for c in tok.children) and any(
            c.dep_ == "aux:tense" and _lemma(c) == "avoir" for c in tok.children):
        return False  # "Les rebelles ont rejeté ...": subject mislabelled nsubj:pass under an "avoir" perfect
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children)


class Coder:
    def __init__(self, lexicon: event_lexicon.Lexicon | None = None):
        self.lex = lexicon or event_lexicon.default()

    # -- actors ----------------------------------------------------------------------------------
    def actors_of(self, tok: Token, doc: Doc, exclude: str | None = None, deep: bool = False) -> list[str]:
        """Actor ids a nominal token stands for (with its coordinated nouns)."""
        out: list[str] = []
        conj = [c for c in tok.children if c.dep_ == "conj"]
        # "des responsables hongrois et roumains": the second nationality hangs on the first adjective
        conj += [cc for c in tok.children if c.dep_ in ("amod", "nmod") and c.pos_ == "ADJ"
                 for cc in c.children if cc.dep_ == "conj" and cc.pos_ == "ADJ"]
        if tok.pos_ == "PRON" and tok.lower_ in RELATIVE:
            # "les familles et leurs avocats, qui dénoncent": a plural relative clause after a coordination
            # is said of every conjunct
            rel = self._relative_head(tok)
            if rel is not None and rel.dep_ == "conj" and rel.head.pos_ in ("NOUN", "PROPN") and (
                    "Plur" in tok.head.morph.get("Number")):
                conj += [rel.head] + [c for c in rel.head.children if c.dep_ == "conj" and c.i != rel.i]
        for t in [tok] + conj:
            a = self._actor(t, doc, exclude, deep)
            if a and a not in out:
                out.append(a)
        return out

    def _actor(self, tok: Token, doc: Doc, exclude: str | None, deep: bool) -> str | None:
        ao = doc._.actor_of or {}
        if tok.i in ao:
            if deep and tok.pos_ == "NOUN":
                # "une justice expéditive en Irak": the country named, not the generic noun's default
                kinds = {a.id: a.type for a in (doc._.actors or [])}
                sibs = [c for c in tok.head.children if c.dep_ in ("obl", "obl:mod") and c.i == tok.right_edge.i + 2] \
                    if tok.dep_ == "obj" else []  # the parser often hangs "en Irak" on the verb
                for c in list(tok.children) + sibs:
                    if c.dep_ in ("nmod", "obl", "obl:mod") and _case_lemmas(c) & {"en", "au", "aux"} and \
                            kinds.get(ao.get(c.i)) == "GPE":
                        return ao[c.i]
            return ao[tok.i]
        for c in tok.children:
            if c.dep_ in ("appos", "flat:name", "flat", "compound", "fixed") and c.i in ao:
                return ao[c.i]
            if c.dep_ == "amod" and c.i == tok.i + 1 and c.i in ao and tok.pos_ == "NOUN":
                return ao[c.i]  # "des fondamentalistes islamistes": the mention covers only the adjective
        if _lemma(tok) in QUANTITY_NOUNS:  # "des dizaines de milliers d'étudiants": the counted people
            for c in tok.children:
                if c.dep_ == "nmod" and _case_lemmas(c) & {"de", "d'", "des"}:
                    return self._actor(c, doc, exclude, deep)
        low = tok.lower_
        if tok.pos_ == "PRON" and low in RELATIVE:
            rel = self._relative_head(tok)
            if rel is not None:
                a = self._actor(rel, doc, exclude, deep)
                prev = doc[tok.i - 1] if tok.i > 0 else None
                if prev is not None and prev.text == "," and tok.i > 1:
                    prev = doc[tok.i - 2]
                if a is None and prev is not None and prev.i in ao and rel.is_ancestor(prev):
                    # "le retrait des États-Unis, qui ont rétabli...": the clause hung on the first noun
                    a = ao[prev.i]
                return a
        if tok.pos_ == "PRON" and low in OBJ_CLITICS and tok.dep_ in ("obj", "iobj", "obl:arg", "nsubj:pass"):
            return self._antecedent(tok, doc, exclude)
        if deep and (tok.pos_ in ("NOUN", "PROPN") or tok.dep_ == "obj"):
            a = self._owner(tok, doc)
            if a is None and tok.pos_ == "NOUN":
                a = self._antecedent_owner(tok, doc)
            if a and a != exclude:
                return a
        return None

    @staticmethod
    def _owner(tok: Token, doc: Doc) -> str | None:
        """The actor a non-actor noun belongs to: "la décision du Conseil", "la décision prise par X",
        "une répression en Chine" (a country only)."""
        ao = doc._.actor_of or {}
        kinds = {a.id: a.type for a in (doc._.actors or [])}
        for c in tok.children:
            if c.dep_ == "nmod" and (_case_lemmas(c) & {"de", "du", "des", "d'", "par"}) and c.i in ao:
                return ao[c.i]
        for c in tok.children:  # "le manque de réactivité du gouvernement": one noun further, an institution
            if c.dep_ == "nmod" and c.pos_ == "NOUN" and (_case_lemmas(c) & {"de", "d'"}) and c.i not in ao:
                for g in c.children:
                    if g.dep_ == "nmod" and (_case_lemmas(g) & {"de", "du", "des", "d'"}) and g.i in ao and \
                            kinds.get(ao[g.i]) in ("ORG", "GPE"):
                        return ao[g.i]
        for c in tok.children:
            if c.dep_ == "acl" and c.pos_ == "VERB":
                for g in c.children:
                    if (g.dep_ == "obl:agent" or "par" in _case_lemmas(g)) and g.i in ao:
                        return ao[g.i]
        for c in tok.children:
            if c.dep_ == "nmod" and _case_lemmas(c) & {"en", "au", "aux"} and kinds.get(ao.get(c.i)) == "GPE":
                return ao[c.i]
        return None

    def _antecedent_owner(self, tok: Token, doc: Doc) -> str | None:
        """"cette décision" with no actor of its own: the actor of an earlier mention of the same noun
        ("la décision du Conseil", "le Conseil a rendu sa décision")."""
        if not any(c.dep_ == "det" and _lemma(c) in ("ce", "cet", "cette", "ces", "le", "la", "les", "son", "sa")
                   for c in tok.children):
            return None
        ao = doc._.actor_of or {}
        lemma = _lemma(tok)
        seen = 0
        for t in reversed(doc[max(0, tok.i - 400):tok.i]):
            if t.pos_ != "NOUN" or _lemma(t) != lemma:
                continue
            seen += 1
            a = self._owner(t, doc)
            if a is None and t.dep_ == "obj" and t.head.pos_ in ("VERB", "AUX"):
                subj = [s for s in t.head.children if s.dep_ == "nsubj" and s.i in ao]
                a = ao[subj[0].i] if subj else None
            if a is not None or seen >= 3:
                return a
        return None

    @staticmethod
    def _relative_head(tok: Token) -> Token | None:
        clause = tok.head
        if clause.dep_ in ("acl:relcl", "acl") and clause.head.i != clause.i:
            return clause.head
        return None

    def _antecedent(self, tok: Token, doc: Doc, exclude: str | None) -> str | None:
        ao = doc._.actor_of or {}
        kinds = {a.id: a.type for a in (doc._.actors or [])}
        sent_start = tok.sent.start
        k = sent_start - 1
        while k >= 0 and (doc[k].is_space or doc[k].is_punct and doc[k].sent.start == k):
            k -= 1  # the previous sentence, over a paragraph break or a stray quotation mark
        floor = doc[k].sent.start if k >= 0 else sent_start
        for i in range(tok.i - 1, floor - 1, -1):
            a = ao.get(i)
            if a and a != exclude and doc[i].pos_ != "PRON" and kinds.get(a) in ("PER", "ORG", "GPE"):
                return a
        return None

    # -- slots -----------------------------------------------------------------------------------
    def clause_children(self, tok: Token, depth: int = 2):
        """Descendants of ``tok`` in its own clause (not entering embedded clauses), up to ``depth``."""
        frontier = [tok]
        for _ in range(depth):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in CLAUSAL and c.pos_ in ("VERB", "AUX"):
                        continue
                    if c.dep_ == "conj" and t.i == tok.i and tok.pos_ == "VERB" and c.pos_ in ("NOUN", "PROPN") and (
                            _case_lemmas(c)):
                        pass  # "se moquer, mardi, de X": a complement the parser coordinated with the verb
                    elif c.dep_ in ("conj", "parataxis", "ccomp", "xcomp", "advcl", "acl:relcl"):
                        continue
                    yield c
                    nxt.append(c)
            frontier = nxt

    def slot_tokens(self, trig: Token, slot: str, passive: bool) -> list[Token]:
        toks = self._slot_tokens(trig, slot, passive)
        if trig.pos_ == "NOUN" and slot.startswith("prep:") and not toks:
            # "les critiques formulées par X contre Y": the complement hangs in the participle clause
            for c in trig.children:
                if c.dep_ == "acl" and c.pos_ == "VERB" and _lemma(c) in EXPRESS_VERBS and any(
                        g.dep_ == "obl:agent" for g in c.children):
                    toks += [t for t in self._slot_tokens(c, slot, False) if t.dep_ != "obl:agent"]
        head = trig.head
        if (trig.pos_ == "NOUN" and slot not in ("subj", "obj") and trig.dep_ in ("obj", "nsubj:pass", "obl:arg")
                and _lemma(head) in LIGHT_VERBS and head.pos_ in ("VERB", "AUX")) or (
                trig.pos_ == "NOUN" and slot in ("iobj", "prep:à") and _under_sous(trig)):
            # "lancer un appel à X", "imposer des sanctions à X": the parser hangs X on the verb
            if _under_sous(trig):  # "ordonner à X de faire ... sous peine de": the addressee of the demand
                top = _demand_verb(head)
                toks += self._slot_tokens(top, slot, _is_passive(top))
            else:
                toks += [t for t in self._slot_tokens(head, slot, _is_passive(head)) if t.i != trig.i]
        return toks

    def _slot_tokens(self, trig: Token, slot: str, passive: bool) -> list[Token]:
        if slot == "subj":
            return self.agent_tokens(trig, passive)
        if slot == "obj":
            if trig.pos_ == "NOUN":
                return [c for c in trig.children if c.dep_ == "nmod" and _case_lemmas(c) & {"de", "du", "des", "d'"}]
            if passive:
                subj = [c for c in trig.children if c.dep_ == "nsubj:pass"]
                if not subj and trig.dep_ == "xcomp":  # "montre X être interpellé par la police"
                    subj = [c for c in trig.head.children if c.dep_ == "obj" and c.i < trig.i]
                if not subj and trig.dep_ == "acl" and trig.head.pos_ in ("NOUN", "PROPN"):
                    subj = [trig.head]  # "les journalistes, arrêtés par la police"
                if not subj and trig.dep_ in ("advcl", "xcomp") and any(
                        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in trig.children):
                    # "X a fui avant d'être arrêté par la police", "X a confirmé avoir été contacté par Y":
                    # the subject of the governing clause
                    verb = self._governing_verb(trig)
                    subj = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
                return subj
            objs = [c for c in trig.children if c.dep_ == "obj"]
            if objs and trig.pos_ == "VERB":
                # "a déploré les violences mais aussi le manque de X": the second object hung on the verb
                objs += [c for c in trig.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                         and c.i > objs[0].i and not _case_lemmas(c)]
            if not objs:  # "frappent des détenus": partitive object parsed as obl:arg with case "des"
                objs = [c for c in trig.children if c.dep_ in ("obl:arg", "nmod") and any(
                    k.dep_ == "case" and k.lower_ == "des" for k in c.children) and c.pos_ in ("NOUN", "PROPN")]
            if not objs and trig.pos_ == "VERB":
                # "a rejeté jeudi un ultimatum": the parser hangs the object on the day;
                # "a dénoncé comme un crime la répression": on the predicative "comme" phrase
                for c in trig.children:
                    if c.i > trig.i and (_lemma(c) in TIME_WORDS or c.lower_ in TIME_WORDS) and c.dep_ in (
                            "conj", "obl:mod", "obl", "obj", "nmod"):
                        objs += [g for g in c.children if g.dep_ in ("obj", "nmod", "appos") and g.i > c.i
                                 and g.pos_ in ("NOUN", "PROPN") and not _case_lemmas(g)]
                    if c.i > trig.i and c.dep_.startswith("obl") and "comme" in _case_lemmas(c):
                        objs += [g for g in c.children if g.dep_ in ("nmod", "appos", "obj") and g.i > c.i
                                 and g.pos_ in ("NOUN", "PROPN") and not _case_lemmas(g)]
                nxt = trig.i + 1
                if not objs and trig.dep_ == "acl" and nxt < len(trig.doc) and _lemma(trig.doc[nxt]) in TIME_WORDS and \
                        trig.doc[nxt].head.i != trig.i:
                    # "ont rejeté vendredi un plan", the verb hung on its subject and the day made the root
                    objs = [g for g in trig.doc[nxt].children if g.dep_ in ("obj", "nmod", "appos") and g.i > nxt
                            and g.pos_ in ("NOUN", "PROPN") and not _case_lemmas(g)]
            if not objs and trig.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in trig.children):
                # "a rejeté une invitation à ... [verb]": the object taken for the subject of a later verb
                for t in trig.doc[trig.i + 1:min(trig.i + 5, trig.sent.end)]:
                    if t.pos_ in ("ADV", "DET") or _lemma(t) in TIME_WORDS:
                        continue
                    if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "nsubj" and t.head.i > t.i and not _case_lemmas(t):
                        objs = [t]
                    break
            return objs
        if slot == "iobj":
            toks = [c for c in trig.children if c.dep_ == "iobj"]
            toks += [c for c in trig.children if c.dep_.startswith("obl") and "à" in _case_lemmas(c)]
            return toks
        if slot == "clause":
            # "exiger que X fasse": the subject of the que-clause; "proposer de livrer X à Y": Y
            out = []
            for c in trig.children:
                if c.dep_ in ("ccomp", "advcl") and any(m.dep_ == "mark" and m.lower_ in ("que", "qu'", "qu’") for m in c.children):
                    out += [s for s in c.children if s.dep_ in SUBJ]
                if c.dep_ == "xcomp":
                    out += [s for s in c.children if s.dep_ in ("iobj", "obj") or (
                        s.dep_.startswith("obl") and _case_lemmas(s) & {"à", "au", "aux", "avec"})]
            return out
        if slot == "inner":
            return self.inner_tokens(trig)
        if slot == "purpose":
            # "ont ouvert le feu pour disperser des manifestants": the people the purpose is aimed at
            return [g for c in trig.children if c.dep_ == "advcl" and any(
                m.dep_ in ("mark", "case") and m.lower_ in ("pour", "afin") for m in c.children)
                for g in c.children if g.dep_ in ("obj", "iobj") or (g.dep_.startswith("obl") and _case_lemmas(g) & {"sur", "contre"})]
        if slot == "entre":
            out = [c for c in self.clause_children(trig) if c.dep_ in ("nmod", "obl", "obl:arg", "obl:mod")
                   and "entre" in _case_lemmas(c)]
            if out:  # "entre X et Y" where the parser hung Y on the trigger
                out += [c for c in trig.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i > out[0].i]
            return out
        if slot.startswith("prep:"):
            prep = slot[5:]
            if prep == "par" and passive and trig.pos_ != "NOUN":
                return [c for c in trig.children if c.dep_ == "obl:agent" or "par" in _case_lemmas(c)]
            want = {prep} | ({"de", "du", "des", "d'"} if prep == "de" else set()) | (
                {"à", "au", "aux"} if prep == "à" else set())
            out = [c for c in self.clause_children(trig) if c.dep_ not in ("case", "det", "punct")
                   and _case_lemmas(c) & want]
            if prep == "de" and trig.pos_ == "NOUN":
                # "les livraisons d'armes des États-Unis" - but not "le soutien à la directrice de l'école":
                # a "de" complement one level down belongs to the trigger only through another "de" complement
                out = [c for c in out if c.head.i == trig.i or _case_lemmas(c.head) & {"de", "du", "des", "d'"}]
            if prep == "à" and trig.pos_ != "NOUN":
                out += [c for c in trig.children if c.dep_ == "iobj"]
            if prep == "comme" and not out and trig.pos_ == "VERB":
                # "retient des milliers de civils comme boucliers humains": the predicate hung on the object
                out = [t for o in trig.children if o.dep_ == "obj" for t in o.subtree
                       if t.i != o.i and "comme" in _case_lemmas(t) and t.pos_ == "NOUN"]
            return out
        return []

    def inner_tokens(self, trig: Token) -> list[Token]:
        """Nominal tokens inside the infinitive, que- or nominal complement of ``trig`` ("menacer de
        couper l'électricité à X", "refuser de rencontrer X", "prêt à une rencontre avec X"), not entering
        relative or adverbial clauses."""
        out: list[Token] = []
        roots = []
        for c in trig.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                roots.append(c)
            elif c.dep_ in ("obj", "obl:arg", "obl") and c.pos_ in ("NOUN", "VERB"):
                roots.append(c)
            elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("de", "d'", "à") for m in c.children):
                roots.append(c)
        frontier = [(r, 0) for r in roots]
        while frontier:
            t, d = frontier.pop()
            if d > 4:
                continue
            for c in t.children:
                if c.dep_ in ("acl:relcl", "parataxis", "punct", "case", "det", "mark", "cc", "advmod") or (
                        c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")):
                    continue
                if c.dep_ in ("obj", "iobj", "nmod", "obl", "obl:arg", "obl:mod", "nsubj", "nsubj:pass", "appos",
                              "conj", "flat:name") and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                    out.append(c)
                frontier.append((c, d + 1))
        return out

    @staticmethod
    def _after_comma(tok: Token) -> bool:
        return tok.i > 0 and tok.doc[tok.i - 1].text == ","

    @staticmethod
    def _governing_verb(tok: Token) -> Token | None:
        """The nearest verb above ``tok`` that has a subject (a few steps up)."""
        t = tok
        for _ in range(5):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJ for c in t.children):
                return t
        return None

    def agent_tokens(self, trig: Token, passive: bool) -> list[Token]:
        """The agent of a trigger: subject, "par X", or inherited from the governing clause."""
        if trig.pos_ == "NOUN":
            head = trig.head
            lv = _object_of(trig)
            if lv is not None and trig.dep_ not in ("obj", "nsubj:pass") and _lemma(lv) in LIGHT_VERBS:
                return self.agent_tokens(lv, _is_passive(lv))  # "a organisé samedi des manifestations"
            for c in trig.children:  # "les critiques émises par X", "l'offensive lancée par X"
                if c.dep_ == "acl" and c.pos_ == "VERB" and "Part" in c.morph.get("VerbForm") and (
                        _lemma(c) in EXPRESS_VERBS):
                    agents = [g for g in c.children if g.dep_ == "obl:agent" or (
                        g.dep_.startswith("obl") and "par" in _case_lemmas(g))]
                    if agents:
                        return agents
            if _under_sous(trig):  # "a mis la pression sur X sous peine de sanctions": the verb's agent threatens
                top = _demand_verb(head)
                return self.agent_tokens(top, _is_passive(top))
            if trig.dep_ in ("obj", "nsubj:pass", "xcomp") and _lemma(head) in LIGHT_VERBS and head.pos_ in ("VERB", "AUX"):
                return self.agent_tokens(head, _is_passive(head))  # "fait pression" (pression parsed xcomp)
            if (trig.dep_ == "obl:arg" or (trig.dep_ == "obl:mod" and _case_lemmas(trig) & {"à", "au", "aux"})) and (
                    _lemma(head) in OBL_LIGHT_VERBS and head.pos_ in ("VERB", "AUX")):
                return self.agent_tokens(head, _is_passive(head))  # "parvenir à un accord", "se livrer à des émeutes"
            return []
        if passive and trig.pos_ != "ADJ":
            agents = [c for c in trig.children if c.dep_ == "obl:agent" or (
                c.dep_.startswith("obl") and "par" in _case_lemmas(c))]
            return agents
        subj = [c for c in trig.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not subj:  # "Le Bangladesh a ... rejeté": the parser may hang the subject on the auxiliary
            subj = [s for c in trig.children if c.dep_.startswith("aux") for s in c.children if s.dep_ == "nsubj"]
        if subj and trig.dep_ == "conj" and trig.head.pos_ in ("PROPN", "NOUN") and trig.head.i < subj[0].i and any(
                t.dep_ == "cc" and t.lower_ == "et" for t in trig.doc[trig.head.i + 1:subj[0].i]):
            subj = [trig.head] + subj  # "Les États-Unis et la Jordanie sont convenus": the first conjunct became the root
        if subj and all(x.pos_ == "PRON" and x.lower_ in ("il", "elle", "ils", "elles") and
                        x.i not in (trig.doc._.actor_of or {}) for x in subj):
            # "X a déclaré qu'il boycotterait...": the pronoun subject of a reported clause is the reporter
            c = trig.head if trig.dep_ == "xcomp" and _lemma(trig.head) == "aller" else trig
            if c.dep_ == "ccomp" and _lemma(c.head) in ANNOUNCE_VERBS | {"estimer", "ajouter", "expliquer"}:
                up = [x for x in c.head.children if x.dep_ == "nsubj"]
                if up:
                    return up
        if subj:
            return subj
        if trig.dep_ == "acl" and trig.head.pos_ in ("NOUN", "PROPN") and trig.head.i < trig.i:
            head = trig.head
            form = trig.morph.get("VerbForm")
            if "Fin" in form:
                # a finite verb cannot modify a noun: the parser took the subject's phrase for the root
                # ("Washington, d'autres capitales ainsi que des ONG accusent X"): the whole phrase is the subject
                out = [head]
                while head.dep_ in ("conj", "nmod", "appos") and head.head.pos_ in ("NOUN", "PROPN") and \
                        head.head.i < head.i and not _case_lemmas(head):
                    head = head.head
                    out.append(head)
                return out[::-1]
            if "Part" in form and "Past" in trig.morph.get("Tense") and any(
                    t.pos_ == "AUX" and _lemma(t) in ("avoir", "être") and "Fin" in t.morph.get("VerbForm")
                    for t in trig.doc[head.i + 1:trig.i]) and not any(c.dep_.startswith("aux") for c in trig.children):
                # "Les rebelles ont de nouveau rejeté...": the auxiliary lost, the verb hung on its subject
                return [head]
            if any(c.dep_ == "cc" and c.i < trig.i for c in trig.children) or (
                    "Part" in form and "Pres" in trig.morph.get("Tense") and self._after_comma(trig)
                    and head.i not in (trig.doc._.actor_of or {})):
                # "a dénoncé un geste et réclamé à X": a verb coordinated with the main one, hung on its object;
                # "fait pression pour une relance, appelant X à": a participle adjunct of the clause
                verb = self._governing_verb(head)
                if verb is not None:
                    return self.agent_tokens(verb, _is_passive(verb))
            if "Part" in form and "Pres" in trig.morph.get("Tense"):
                # "a publié une déclaration exigeant que...": the author of the statement;
                # "des étudiants réclamant la démission de X": the people the participle describes
                toks = self.agent_tokens(head, False)
                if toks or head.pos_ == "PROPN" or head.i not in (trig.doc._.actor_of or {}):
                    return toks
                return [head]
        # Inherit: coordination, infinitive and que-clauses of a reporting/intention verb, relative clause.
        t = trig
        for _ in range(4):
            dep, head = t.dep_, t.head
            if head.i == t.i:
                break
            if dep in ("conj", "xcomp", "ccomp", "advcl"):
                s = [c for c in head.children if c.dep_ in SUBJ]
                if s and head.pos_ == "NOUN" and any(c.dep_ == "cop" for c in head.children) and all(
                        x.pos_ == "PRON" and x.i not in (trig.doc._.actor_of or {}) for x in s):
                    return [head]  # "Ils sont une centaine d'enseignants à ... pour manifester": the predicate
                if s:
                    if dep == "xcomp" and any(c.dep_ == "obj" for c in head.children) and \
                            _lemma(head) not in {"affirmer", "déclarer", "dire", "assurer", "estimer"}:
                        return []  # object control: "appeler X à faire" - X does it, not the subject
                    return s if not _is_passive(head) else [
                        c for c in head.children if c.dep_ == "obl:agent"]
                t = head
                continue
            if dep in ("acl:relcl",):
                return [head]
            if dep == "acl" and head.dep_ == "ROOT" and head.pos_ in ("PROPN", "NOUN") and head.i < t.i and (
                    "Fin" in t.morph.get("VerbForm")):
                return [head]  # "La Grèce, comme d'autres, prévoit de...": the subject taken for the root
            break
        # A finite verb coordinated with no subject of its own ("..., et l'a averti"): the parser may hang
        # it low in the sentence; its subject is that of the nearest governing verb that has one.
        if trig.dep_ == "conj" and any(c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm")
                                       for c in trig.children):
            a = trig.head
            for _ in range(6):
                s = [c for c in a.children if c.dep_ == "nsubj"] if a.pos_ in ("VERB", "AUX") else []
                if s:
                    return s
                if a.head.i == a.i:
                    break
                a = a.head
        return []

    # -- conditions ------------------------------------------------------------------------------
    def holds(self, trig: Token, cond: str, passive: bool) -> bool:
        neg = cond.startswith("not:")
        cond = cond[4:] if neg else cond
        name, _, lemma = cond.partition("=")
        if name == "se":
            ok = any(c.dep_ in ("expl:comp", "expl:pass", "expl", "obj", "iobj") and c.lower_ in ("se", "s'", "s’", "me", "m'", "nous", "vous", "te", "t'")
                     for c in trig.children)
        elif name == "ccomp":
            ok = any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and (not lemma or _lemma(c) == lemma)
                     for c in trig.children)
        elif name == "cue":
            ok = trig.i in getattr(self, "_quote_cues", {})
        elif name == "xcomp":
            ok = any(c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in trig.children) or any(
                c.dep_.startswith("obl") and c.pos_ == "VERB" for c in trig.children)
        else:
            toks = self.slot_tokens(trig, name, passive)
            ok = bool(toks) if not lemma else any(_lemma(t) == lemma or t.lower_ == lemma for t in toks)
        return ok != neg

    # -- flags -----------------------------------------------------------------------------------
    @staticmethod
    def _neg_here(tok: Token) -> bool:
        for c in tok.children:
            if c.dep_ == "advmod" and c.lower_ in NEG_WORDS:
                return True
            if c.dep_ in ("obj", "nsubj", "nsubj:pass") and c.lower_ in ("rien", "personne"):
                return True
            if c.dep_ == "mark" and c.lower_ == "sans":
                return True
            if c.dep_ == "case" and c.lower_ == "sans":
                return True
            if c.dep_ == "det" and c.lower_ in NEG_DET:
                return True
        return False

    @staticmethod
    def _conditional(tok: Token) -> bool:
        toks = [tok] + [c for c in tok.children if c.dep_.startswith("aux")]
        for t in toks:
            m = t.morph
            if "Cnd" in m.get("Mood"):
                return True
            low = t.lower_
            if re.search(r"r(ais|ait|ions|iez|aient)$", low):
                lem = _lemma(t)
                if IRREGULAR_CONDITIONAL.match(low) and t.pos_ in ("AUX", "VERB"):
                    return True
                if lem.endswith(("er", "ir")) and low.startswith(lem[:-1]) and len(low) > len(lem):
                    return True
                if lem.endswith("re") and low.startswith(lem[:-1]):
                    return True
            if "Fut" in m.get("Tense") and "Ind" in m.get("Mood"):
                return True
        # "va imposer": aller + infinitive
        if tok.head.i != tok.i and _lemma(tok.head) == "aller" and "Inf" in tok.morph.get("VerbForm") and tok.dep_ == "xcomp":
            return True
        return False

    def flags(self, trig: Token) -> tuple[bool, bool]:
        negated = self._neg_here(trig)
        hypo = False
        if trig.pos_ == "NOUN":
            if any(c.dep_ == "amod" and _lemma(c) in HYPO_ADJ for c in trig.children):
                hypo = True
        else:
            if "Sub" in trig.morph.get("Mood") or any(
                    "Sub" in c.morph.get("Mood") for c in trig.children if c.dep_.startswith("aux")):
                hypo = True
            hypo = hypo or self._conditional(trig)
        t = trig
        for step in range(5):
            purpose = {"pour", "afin"} if _lemma(t) not in EXPRESSIVE_PURPOSE else set()
            if any(c.dep_ == "mark" and c.lower_ in {"si", "s'", "quand", "lorsque"} | purpose for c in t.children):
                hypo = True
            if any(c.dep_ == "case" and c.lower_ in purpose for c in t.children) and t.pos_ == "VERB":
                hypo = True
            if not purpose and t.dep_ == "advcl" and t.head.i != t.i and self._conditional(t.head) and any(
                    c.dep_ in ("mark", "case") and c.lower_ in ("pour", "afin") for c in t.children):
                hypo = True  # "fera une étape pour rendre hommage": the act shows it, once it takes place
            head = t.head
            if head.i == t.i:
                break
            if step == 0 and trig.pos_ == "NOUN" and t.dep_ == "obl:mod" and _lemma(head) in OBL_LIGHT_VERBS and (
                    _case_lemmas(t) & {"à", "au", "aux"}):
                # "ne sont pas parvenus dimanche à un accord" (accord parsed obl:mod)
                negated = negated or self._neg_here(head)
                hypo = hypo or self._conditional(head) or "Sub" in head.morph.get("Mood")
                t = head
                continue
            if head.pos_ == "ADJ" and _lemma(head) in ATTITUDE_ADJ and t.dep_ in ("obl", "obl:arg", "nmod", "xcomp", "advcl"):
                hypo = True  # "favorable à un accord", "prêt à négocier": an attitude towards an action not yet taken
            if t.dep_ in ("xcomp", "ccomp", "advcl", "obj", "acl", "nmod", "obl:arg", "obl", "csubj") or (
                    t.dep_ == "conj" and (step > 0 or t.pos_ == "VERB" and head.pos_ == "VERB" and not any(
                        c.dep_.startswith(("aux", "nsubj")) for c in t.children))):
                # a verb coordinated without its own auxiliary or subject shares its head's mood:
                # "je vais échanger et discuter avec X"
                hl = _lemma(head)
                if step == 0 and trig.pos_ == "NOUN" and (t.dep_ == "obj" and hl in LIGHT_VERBS or
                                                          t.dep_ == "obl:arg" and hl in OBL_LIGHT_VERBS):
                    # the light verb's own mood and polarity decide: "n'a pas imposé de sanctions"
                    negated = negated or self._neg_here(head)
                    hypo = hypo or self._conditional(head) or "Sub" in head.morph.get("Mood") or hl == "appeler"
                    t = head
                    continue
                if t.dep_ in ("xcomp", "ccomp", "obj", "obl:arg", "obl", "advcl") and head.pos_ in ("VERB", "AUX"):
                    if hl in NEG_GOVERNORS:
                        negated = True
                    elif hl in HYPO_GOVERNORS and t.dep_ != "advcl":
                        hypo = True
                    if t.dep_ == "xcomp" and self._neg_here(head):
                        negated = True
                    if t.dep_ == "xcomp" and self._conditional(head):
                        hypo = True
                if head.pos_ == "NOUN" and (hl in HYPO_NOUNS or any(
                        c.dep_ == "amod" and _lemma(c) in HYPO_ADJ for c in head.children)):
                    hypo = True
                if t.dep_ in ("nmod",) and head.pos_ != "NOUN":
                    break
                t = head
                continue
            break
        return negated, hypo

    # -- announced hostile actions: threats --------------------------------------------------------
    def announced(self, trig: Token, governors: set[str] = THREAT_GOVERNORS) -> bool:
        """An action announced for the future: "a déclaré qu'ils boycotteraient", "a annoncé qu'il
        allait retirer", "X va fournir..., a annoncé Y", "prévoit d'imposer", "ont juré de se battre"."""
        t = trig
        if t.pos_ == "NOUN" and t.dep_ in ("obj", "obl:arg") and t.head.pos_ in ("VERB", "AUX") and (
                _lemma(t.head) in LIGHT_VERBS | OBL_LIGHT_VERBS):
            t = t.head
        if t.pos_ not in ("VERB", "AUX", "ADV") or self._neg_here(t):
            return False
        head = t.head
        if t.dep_ == "xcomp" and _lemma(head) == "aller":
            return self._under_announce(head)
        if t.dep_ == "xcomp" and _lemma(head) in governors and not self._neg_here(head):
            return True
        return self._conditional(t) and self._under_announce(t)

    @staticmethod
    def _under_announce(t: Token) -> bool:
        """``t`` is the content of an announcement: its que-clause ("a annoncé qu'il fournirait"), or the
        main clause of an incise ("X fournira ..., a annoncé Y"; the parser may also make it an advcl)."""
        if t.dep_ in ("ccomp", "advcl") and t.head.i != t.i and _lemma(t.head) in ANNOUNCE_VERBS:
            return t.dep_ == "ccomp" or t.head.i > t.i
        return any(c.dep_ in ("parataxis", "advcl") and _lemma(c) in ANNOUNCE_VERBS and c.i > t.i and not any(
            m.dep_ == "mark" for m in c.children) for c in t.children)

    # -- main ------------------------------------------------------------------------------------
    def code(self, doc: Doc) -> list[Event]:
        sent_index = {}
        n = 0
        for s in doc.sents:
            if any(not t.is_space for t in s):
                for t in s:
                    sent_index[t.i] = n
                n += 1
        events: list[Event] = []
        seen = set()

        def emit(tok: Token, src: str, typ: str, tgt: str | None, cameo: str, negated: bool, hypothetical: bool,
                 pattern: str) -> None:
            """Add an event, once per (source, type, target, sentence)."""
            sent = sent_index.get(tok.i, 0)
            if (src, typ, tgt, sent) in seen:
                return
            seen.add((src, typ, tgt, sent))
            events.append(Event(
                id=f"v{len(events) + 1}", type=typ, cameo=cameo, source=src, target=tgt,
                trigger=Span(tok.idx, tok.idx + len(tok.text), tok.text), sentence=sent, negated=negated,
                hypothetical=hypothetical, pattern=pattern))

        self._quote_cues = self.quote_cues(doc)
        for tok in doc:
            pos = "verb" if tok.pos_ in ("VERB", "AUX") else "noun" if tok.pos_ == "NOUN" else None
            if pos is None and tok.pos_ == "ADJ" and self.lex.candidates("adj", _lemma(tok)):
                pos = "adj"  # "prêt à", "favorable à", "opposé à"
            if pos is None and tok.pos_ in ("ADV", "NOUN", "ADJ") and tok.dep_ in ("ROOT", "ccomp", "conj") and any(
                    c.dep_ == "nsubj" and c.pos_ == "PRON" and c.i < tok.i for c in tok.children) and \
                    re.search(r"(ait|aient|era|eront|erons|ons|ent)$", tok.lower_) and not self.lex.candidates("noun", _lemma(tok)):
                pos = "verb"  # a verb form the tagger took for an adverb: "qu'ils restitueraient les armes"
            if pos is None:
                if tok.pos_ == "ADJ" and tok.dep_ in ("ROOT", "conj", "ccomp") and tok.lower_.endswith(("é", "ée", "és", "ées")):
                    pos = "verb"  # participles tagged ADJ ("il est accusé", "inculpé")
                else:
                    continue
            cands = self.lex.candidates(pos, _lemma(tok))
            if not cands and pos == "verb" and tok.pos_ == "VERB" and not _lemma(tok).endswith(("er", "ir", "re")):
                cands = self.lex.candidates(pos, _lemma(tok) + "r")  # lemmatiser slips: "réclame"
            if not cands and pos == "verb" and tok.pos_ == "ADJ" and _lemma(tok).endswith("é"):
                cands = self.lex.candidates(pos, _lemma(tok)[:-1] + "er")  # "a gelé" tagged ADJ, lemma "gelé"
            if not cands and pos == "verb" and tok.pos_ == "ADJ":
                continue
            if not cands:
                continue
            passive0 = pos == "verb" and tok.pos_ != "ADJ" and _is_passive(tok)
            for p in cands:
                # "sont convenus", "s'est rendu": être + participle of a verb with no direct object
                passive = passive0 and ("obj" in p.target or any(c.dep_ == "obl:agent" for c in tok.children))
                if not all(self.holds(tok, c, passive) for c in p.requires if "target:" not in c):
                    continue
                pairs = self.resolve(tok, p, passive, doc)
                for c in p.requires:
                    if "target:" in c:  # "attaquer" a person (ACCUSE) or a country (ASSAULT)
                        kinds = {a.id: a.type for a in (doc._.actors or [])}
                        want = c.split("target:")[1]
                        pairs = [(s, t) for s, t in pairs if (t is not None and kinds.get(t) == want) != c.startswith("not:")]
                if not pairs:
                    continue
                negated, hypo = self.flags(tok)
                if pos == "noun" and p.type in GOAL_TYPES and not hypo and _topic_of_talks(tok):
                    hypo = True
                threat = p.type in THREAT_CAMEO and not negated and self.announced(tok)
                intent = p.type in INTENT_CAMEO and not negated and self.announced(tok, INTENT_GOVERNORS)
                # an announced action is also a factual threat (hostile) or intent to cooperate (cooperative)
                announced = [(typ, cameos[p.type], f"{name}.announced+{p.id}") for on, typ, cameos, name in (
                    (threat, "THREATEN", THREAT_CAMEO, "threaten"), (intent, "AGREE", INTENT_CAMEO, "agree")) if on]
                for src, tgt in pairs:
                    for typ, cameo, pid in announced:
                        emit(tok, src, typ, tgt, cameo, False, False, pid)
                    typ, cameo, neg, pid = p.type, p.cameo, negated, p.id
                    if (negated and p.type == "AGREE" and pos == "noun" and tok.dep_.startswith("obl")
                            and _lemma(tok.head) in {"parvenir", "aboutir", "arriver"}):
                        # "ne sont pas parvenus à un accord": a failure to agree is a rejection
                        typ, cameo, neg, pid = "REJECT", "120", False, f"reject.failed+{p.id}"
                    emit(tok, src, typ, tgt, cameo, neg, hypo, pid)
                break
        return events

    # -- quotations: the speaker of a quote is the source of its cue's speech act ---------------------
    @staticmethod
    def quote_cues(doc: Doc) -> dict[int, tuple[str, int, int]]:
        """Token index of each quote cue -> (speaker actor id, quote start char, quote end char)."""
        out: dict[int, tuple[str, int, int]] = {}
        for q in doc._.quotes or []:
            if not q.speaker or not q.cue:
                continue
            span = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and t.i not in out:
                    out[t.i] = (q.speaker, q.start, q.end)
        return out

    @staticmethod
    def _quote_at(tok: Token, doc: Doc):
        for q in doc._.quotes or []:
            if q.speaker and q.start <= tok.idx < q.end:
                return q
        return None

    @staticmethod
    def _in_speaker_phrase(tok: Token, trig: Token, speaker: str, doc: Doc, window: bool = True) -> bool:
        ao = doc._.actor_of or {}
        trig_idx = trig.idx
        for a in (doc._.actors or []) if window else []:
            # the inverted subject runs from the cue to the end of the speaker's mention ("a dénoncé
            # jeudi Marine Le Pen", where a first name alone may also have been taken for an actor)
            if a.id == speaker and any(trig_idx < tok.idx < m.end and m.start - tok.idx < 20
                                       and m.start < trig.sent.end_char for m in a.mentions if m.start > trig_idx):
                return True
        t = tok
        for _ in range(6):
            if ao.get(t.i) == speaker:
                return True
            if t.head.i == t.i or t.dep_ in CLAUSAL:
                return False
            t = t.head
        return False

    def implicit_targets(self, trig: Token, doc: Doc, speaker: str, quote: tuple[int, int]) -> list[str]:
        """A speech act with no target in its frame is aimed at an actor named in the quotation itself."""
        ao = doc._.actor_of or {}
        kinds = {a.id: a.type for a in (doc._.actors or [])}
        countries = {a.id: a.country for a in (doc._.actors or [])}
        start, end = quote
        for t in doc:
            if t.idx < start or t.idx >= end:
                continue
            a = ao.get(t.i)
            if not a or a == speaker or t.pos_ == "PRON" or kinds.get(a) not in ("PER", "ORG", "GPE"):
                continue
            if not t.text[:1].isupper() and not countries.get(a):
                continue  # "un orateur par groupe": a generic noun with no country is no target
            if kinds.get(a) == "GPE" and countries.get(a) and countries.get(a) == countries.get(speaker):
                continue  # "nous n'allons pas sacrifier la France": the speaker's own country
            return [a]
        return []

    def resolve(self, trig: Token, p: event_lexicon.Pattern, passive: bool, doc: Doc) -> list[tuple[str, str | None]]:
        pairs = self._resolve(trig, p, passive, doc)
        cue = getattr(self, "_quote_cues", {}).get(trig.i)
        if pairs or cue is None or p.type not in SPEECH_ACTS or (trig.dep_ == "acl" and trig.head.pos_ == "NOUN"):
            return pairs
        speaker, qs, qe = cue
        return self._resolve(trig, p, passive, doc, speaker=speaker, quote=(qs, qe))

    def _resolve(self, trig: Token, p: event_lexicon.Pattern, passive: bool, doc: Doc, speaker: str | None = None,
                 quote: tuple[int, int] | None = None) -> list[tuple[str, str | None]]:
        sources: list[str] = []
        targets: list[str] = []
        if "entre" in p.source or "entre" in p.target:
            for t in self.slot_tokens(trig, "entre", passive):
                sources += [a for a in self.actors_of(t, doc) if a not in sources]
            if len(sources) >= 2:
                a, b = sources[0], sources[1]
                return [(a, b), (b, a)] if p.symmetric else [(a, b)]
            sources = []
        for slot in p.source:
            if slot == "entre" or speaker:
                continue
            for t in self.slot_tokens(trig, slot, passive):
                sources += [a for a in self.actors_of(t, doc) if a not in sources]
            if sources:
                break
        if speaker:
            sources = [speaker]
        first_person = False
        if not sources and (p.type in SPEECH_ACTS or p.type == "CONSULT"):
            # "« Nous appelons X à... », a déclaré Y": a first-person subject inside a quotation is its speaker,
            # for speech acts and meetings ("« Nous avons reçu X »"); not "on", mostly generic in quotations
            # ("on menace d'arrêter les matchs": the authorities)
            first = [t for t in self.slot_tokens(trig, "subj", passive)
                     if t.pos_ == "PRON" and t.lower_ in ("je", "j'", "j’", "nous")]
            q = self._quote_at(trig, doc) if first else None
            if q is not None:
                sources = [q.speaker]
                first_person = True
        if not sources:
            return []
        optional_target = False
        for slot in p.target:
            if slot == "none":
                optional_target = True
                break
            if slot == "entre":
                continue
            for t in self.slot_tokens(trig, slot, passive):
                if (speaker or trig.pos_ != "NOUN") and self._in_speaker_phrase(
                        t, trig, speaker or sources[0], doc, window=bool(speaker)):
                    continue  # inverted subject parsed as object: "..., ont dénoncé des élus LR et PS"
                targets += [a for a in self.actors_of(t, doc, exclude=sources[0], deep=True)
                            if a not in targets and a not in sources]
            if targets:
                break
        if speaker and not targets and p.target:
            targets = self.implicit_targets(trig, doc, speaker, quote)
        if p.target and not targets and p.symmetric and len(sources) >= 2:  # "X et Y se sont rencontrés"
            return [(a, b) for a in sources for b in sources if a != b]
        if p.target and not targets and not optional_target:
            return []
        if first_person and not targets and p.type not in SPEECH_ACTS:
            return []  # a meeting told in the first person needs the person met
        out = []
        for s in sources:
            for t in targets or [None]:
                if s != t:
                    out.append((s, t))
                    if p.symmetric and t and trig.pos_ == "NOUN":
                        # "la rencontre de X avec Y" is mutual; "X a reçu Y" keeps its direction
                        out.append((t, s))
        return out


_CODER: Coder | None = None


def coder() -> Coder:
    global _CODER
    if _CODER is None:
        _CODER = Coder()
    return _CODER


@Language.component("veille_events")
def find_events(doc: Doc) -> Doc:
    doc._.events = coder().code(doc)
    return doc
