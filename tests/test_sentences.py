from veille.analyse.sentences import sentence_spans
from veille.normalise import normalise


def sents(nlp, text):
    text = normalise(text)
    doc = nlp(text)
    return [text[s:e] for s, e in sentence_spans(doc)]


def test_no_sentence_crosses_a_paragraph(nlp):
    out = sents(nlp, "Le président est arrivé à Paris\n\nles ministres l'attendaient")
    assert out == ["Le président est arrivé à Paris", "les ministres l'attendaient"]


def test_incise_stays_with_its_quotation(nlp):
    out = sents(nlp, "« Nous ne céderons pas », a-t-elle déclaré jeudi. Le vote aura lieu demain.")
    assert out[0] == "« Nous ne céderons pas », a-t-elle déclaré jeudi."


def test_straight_quotes(nlp):
    out = sents(nlp, '"Elle a vécu une vie formidable", a déclaré sa fille. "Oui." Non.')
    assert out == ['"Elle a vécu une vie formidable", a déclaré sa fille.', '"Oui."', "Non."]


def test_example_paragraphs_are_never_merged(example):
    text = example.article.text
    starts = {s for s, _ in example.sentences}
    for s, e in example.sentences:
        assert "\n" not in text[s:e]
    # every paragraph starts a sentence
    pos = 0
    for para in text.split("\n\n"):
        assert pos in starts
        pos += len(para) + 2
