from veille.normalise import normalise, paragraph_spans


def test_nfc_and_kept_typography():
    decomposed = "Le ministre a de\u0301clare\u0301 : « C’est l’heure »"
    out = normalise(decomposed)
    assert "déclaré" in out and "C’est l’heure" in out and "«" in out


def test_glued_paragraphs_are_split():
    out = normalise("Une politique domestique.Consternant, le résultat.")
    assert out == "Une politique domestique.\n\nConsternant, le résultat."


def test_glued_after_closing_quote_and_before_opening_quote():
    assert normalise('pas garantie".Elle avait') == 'pas garantie".\n\nElle avait'
    assert normalise('en 1998."Elle a, à travers') == 'en 1998.\n\n"Elle a, à travers'


def test_numbers_and_initials_are_not_split():
    assert normalise("Il y a eu 3.500 morts selon M.Dupont.") == "Il y a eu 3.500 morts selon M.Dupont."


def test_paragraphs():
    text = normalise("Premier paragraphe.\r\n\r\n\r\nSecond   paragraphe.\nTroisième.")
    assert text == "Premier paragraphe.\n\nSecond paragraphe.\n\nTroisième."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Premier paragraphe.", "Second paragraphe.", "Troisième."]


def test_glued_after_acronym_and_bare_heading():
    out = normalise("estime la NOAA.Aucun commentaire de la Maison BlancheSelon Axios, Donald")
    assert out == "estime la NOAA.\n\nAucun commentaire de la Maison Blanche\n\nSelon Axios, Donald"


def test_camel_case_names_are_kept():
    text = "McDonald, YouTube, LinkedIn, MoDem, PlayStation et WhatsApp"
    assert normalise(text) == text


def test_acronym_glued_to_an_opening_quote_is_split():
    assert normalise('ont justifié les députés LREM."Orphelins de pères" Farouchement opposée.') == \
        'ont justifié les députés LREM.\n\n"Orphelins de pères" Farouchement opposée.'


def test_a_title_cut_from_its_name_by_the_markup_is_joined():
    # a real page (OrangeSum html-sample) has "M. </p><p>Sarkozy est entendu..."
    assert normalise("victorieuse de 2007. M.\nSarkozy est entendu.") == "victorieuse de 2007. M. Sarkozy est entendu."
    assert normalise("Fin du paragraphe. Mme\n\nDupont a répondu.") == "Fin du paragraphe. Mme Dupont a répondu."
    # a lowercase start is no name: the paragraphs stay apart
    assert normalise("Voir M.\n\nsuite") == "Voir M.\n\nsuite"
