"""Quotation extractor: short French sentences written for these tests, plus the bundled example."""
from pathlib import Path

import pytest

from veille.analyse.quotes import lexicon, pair_marks

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "blinken-lavrov.txt"


@pytest.fixture(scope="module")
def nlp():
    from veille import nlp as pipeline
    return pipeline.default()


def quotes(nlp, text):
    doc = nlp(text)
    names = {a.id: a.name for a in doc._.actors}
    return [(q.kind, names.get(q.speaker), q.text) for q in doc._.quotes], doc


def find(qs, fragment):
    hits = [q for q in qs if fragment in q[2]]
    assert hits, f"no quotation containing {fragment!r} in {qs}"
    return hits[0]


# -- quotation marks, on characters ------------------------------------------------------------------
def test_pairs_nested_and_unbalanced_marks():
    text = "Il a dit « je cite “le texte” ici » puis \"encore\".\nUn « orphelin sans fin"
    regions = pair_marks(text)
    inner = [text[r.start:r.end] for r in regions]
    assert inner == ["je cite “le texte” ici", "encore", "orphelin sans fin"]


def test_multi_paragraph_quotation_is_one_chain():
    text = "« Premier paragraphe de la déclaration.\n« Second paragraphe », a dit Paul Martin."
    regions = pair_marks(text)
    assert len(regions) == 2 and regions[0].chain == regions[1].chain


def test_lexicon_matches_lemmas_and_forms():
    lex = lexicon()
    assert lex.forms["estime"] == "estimer" and lex.forms["dit"] == "dire"
    assert lex.verbs["accuser"]["prep"] == "de"


# -- kinds ---------------------------------------------------------------------------------------------
def test_direct_with_postposed_cue(nlp):
    qs, _ = quotes(nlp, "« Nous ne céderons rien aux pressions », a déclaré Paul Martin.")
    assert find(qs, "Nous ne céderons") == ("direct", "Paul Martin", "Nous ne céderons rien aux pressions")


def test_indirect_que_clause(nlp):
    qs, _ = quotes(nlp, "Paul Martin a affirmé que le gouvernement ne reculerait pas sur la réforme.")
    kind, speaker, text = find(qs, "gouvernement")
    assert (kind, speaker) == ("indirect", "Paul Martin")
    assert text.startswith("le gouvernement") and "affirmé" not in text


def test_mixed_quotation(nlp):
    qs, _ = quotes(nlp, "Paul Martin a estimé que la réforme était « profondément injuste » pour les salariés.")
    kind, speaker, text = find(qs, "réforme")
    assert (kind, speaker) == ("mixed", "Paul Martin")
    assert text.startswith("la réforme") and text.endswith("salariés")


def test_reported_infinitive(nlp):
    qs, _ = quotes(nlp, "Paul Martin a déclaré avoir rencontré les syndicats la veille.")
    assert find(qs, "avoir rencontré")[:2] == ("indirect", "Paul Martin")


def test_incise_splits_quotation_in_two(nlp):
    qs, _ = quotes(nlp, "« Nous irons jusqu'au bout, a-t-elle ajouté, quoi qu'il en coûte. » Marie Dubois "
                        "était venue seule.")
    qs2, _ = quotes(nlp, "Marie Dubois a pris la parole. « Nous irons jusqu'au bout », a-t-elle ajouté, "
                         "« quoi qu'il en coûte ».")
    first, second = find(qs2, "jusqu'au bout"), find(qs2, "quoi qu'il")
    assert first[0] == second[0] == "direct"
    assert first[1] == second[1] == "Marie Dubois"


def test_colon_introduces_quotation(nlp):
    qs, _ = quotes(nlp, "Le maire Jean Petit a prévenu : « La ville ne paiera pas ».")
    assert find(qs, "La ville ne paiera pas")[:2] == ("direct", "Jean Petit")


def test_multi_paragraph_quotation_shares_speaker(nlp):
    text = ("Paul Martin a longuement répondu aux questions.\n\n"
            "« Le premier problème est le prix de l'énergie pour les ménages.\n\n"
            "« Le second est la dette », a-t-il conclu.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "prix de l'énergie")[1] == "Paul Martin"
    assert find(qs, "la dette")[1] == "Paul Martin"


def test_scare_quotes_and_titles_are_not_quotations(nlp):
    qs, _ = quotes(nlp, "Cette élection marque un « tournant » pour le pays. Le film « La Grande Vadrouille » "
                        "a été rediffusé hier soir.")
    assert qs == []


def test_selon_before_and_after(nlp):
    qs, _ = quotes(nlp, "Selon Paul Martin, la réunion a été annulée. Le vote aura lieu en mars, selon Marie Dubois.")
    assert find(qs, "réunion a été annulée")[:2] == ("indirect", "Paul Martin")
    assert find(qs, "Le vote aura lieu")[:2] == ("indirect", "Marie Dubois")


def test_inverted_subject(nlp):
    qs, _ = quotes(nlp, "« La situation reste très préoccupante », estime le ministre Paul Martin.")
    assert find(qs, "préoccupante")[:2] == ("direct", "Paul Martin")


def test_pronoun_speaker(nlp):
    qs, _ = quotes(nlp, "Marie Dubois est arrivée lundi à Lyon. Elle a indiqué que les négociations reprendraient.")
    assert find(qs, "négociations")[:2] == ("indirect", "Marie Dubois")


def test_unnamed_source_is_a_speaker(nlp):
    qs, doc = quotes(nlp, "Selon des sources proches du dossier, l'accord sera signé la semaine prochaine.")
    kind, speaker, text = find(qs, "accord sera signé")
    assert kind == "indirect" and speaker is not None and "sources" in speaker


def test_accuse_de(nlp):
    qs, _ = quotes(nlp, "Paul Martin a accusé le gouvernement de mentir sur les chiffres du chômage.")
    kind, speaker, text = find(qs, "mentir")
    assert (kind, speaker) == ("indirect", "Paul Martin") and text.startswith("le gouvernement")


def test_quotes_ids_and_offsets(nlp):
    text = "« Rien n'est joué », a dit Paul Martin. Marie Dubois a affirmé que tout était prêt."
    doc = nlp(text)
    assert [q.id for q in doc._.quotes] == ["q1", "q2"]
    for q in doc._.quotes:
        assert text[q.start:q.end] == q.text


# -- the bundled example -------------------------------------------------------------------------------
def test_example_article(nlp):
    qs, _ = quotes(nlp, EXAMPLE.read_text(encoding="utf-8"))
    assert find(qs, "franc et direct")[1] == "Antony Blinken"
    assert find(qs, "proposition substantielle")[1] == "Antony Blinken"
    kind, speaker, text = find(qs, "avait fortement suggéré")
    assert kind == "mixed" and speaker == "ministère russe des Affaires étrangères"
    assert "de revenir à un dialogue professionnel sur le mode de la diplomatie tranquille" in text
    assert find(qs, "l'offre de Washington impliquerait")[1] == "sources proches du dossier"
    kind, speaker, text = find(qs, "ne pas respecter leurs accords")
    assert (kind, speaker) == ("indirect", "Sergueï Lavrov")


def test_pronoun_skips_names_inside_quotations(nlp):
    text = ("Paul Martin était au salon mardi. « Le ministre Jean Petit ne comprend pas ce métier. "
            "Il ne l'écoute pas », a-t-il lancé devant les éleveurs.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "ne comprend pas")[1] == "Paul Martin"


def test_inverted_subject_after_a_prepositional_chunk_and_a_comma(nlp):
    text = ("« Une belle victoire pour tous », a déclaré sur Twitter Paul Martin, élu de la ville. "
            "« Enfin une bonne nouvelle », s'est, lui, félicité, Jacques Durand, le porte-parole du parti.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "belle victoire")[1] == "Paul Martin"
    assert find(qs, "bonne nouvelle")[1] == "Jacques Durand"


def test_participle_hung_on_a_noun_takes_the_clause_subject(nlp):
    text = ("Le maire a refusé de répondre à Paul Martin, qui a répliqué lundi à ses attaques sur la gestion "
            "de la ville, évoquant des propos « tout à fait lamentables ».")
    qs, _ = quotes(nlp, text)
    assert find(qs, "lamentables")[1] == "Paul Martin"


def test_role_speaker_left_apart_is_the_named_subject_before(nlp):
    text = ("Paul Martin critique durement la réforme des retraites. « Nous n'allons pas sacrifier nos "
            "salariés à des intérêts théoriques », déplore l'ancien ministre de l'Économie dans un entretien.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "sacrifier")[1] == "Paul Martin"


def test_quotations_joined_by_a_few_words_are_one_mixed_quote(nlp):
    qs, _ = quotes(nlp, "Les syndicats ont appelé à « cesser immédiatement » ces « pratiques indignes ».")
    kind, speaker, text = find(qs, "cesser")
    assert kind == "mixed" and "pratiques indignes" in text


def test_quotation_without_cue_takes_the_subject_just_before(nlp):
    text = ("Paul Martin a réagi mardi devant la presse. « Cette décision est une honte pour tout le pays "
            "et nous la combattrons. »")
    qs, _ = quotes(nlp, text)
    assert find(qs, "une honte")[1] == "Paul Martin"


def test_quotation_heading_a_paragraph_takes_the_person_introduced_after(nlp):
    text = ("« La menace reste très élevée sur tout le territoire ». Le procureur Paul Martin a donné "
            "une conférence de presse mercredi.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "menace reste")[1] == "Paul Martin"


def test_evaluative_verb_with_plain_object_is_no_quotation(nlp):
    qs, _ = quotes(nlp, "La maire de Lille, Anne Dubois, a salué cette mesure. Le député Marc Petit a réclamé des excuses.")
    assert qs == []
    qs, _ = quotes(nlp, "Le syndicat a salué une « avancée historique » pour les salariés.")
    assert find(qs, "avancée historique")
    qs, _ = quotes(nlp, "La société Durand a annoncé la fermeture de son usine de Lyon.")
    assert find(qs, "la fermeture de son usine")[0] == "indirect"


def test_capitalised_quotation_inside_a_noun_phrase_is_a_name(nlp):
    text = ("L'historienne Claire Martin a publié des essais comme « Les Années Grises » en 2019. "
            "Elle était invitée dimanche dans « Le Grand Débat ».")
    qs, _ = quotes(nlp, text)
    assert qs == []
    qs, _ = quotes(nlp, "Claire Martin a répondu : « Les Années Grises sont derrière nous. »")
    assert find(qs, "Les Années Grises sont derrière nous")


def test_past_participle_in_apposition_is_no_cue(nlp):
    qs, _ = quotes(nlp, "Le projet de loi, soutenu par la majorité, sera examiné mardi au Sénat.")
    assert qs == []


def test_unclosed_straight_quote_ends_at_the_incise():
    text = 'Le maire a parlé. "Nous rouvrirons le pont lundi, a-t-il assuré. Les travaux ont coûté "très cher".'
    inner = [text[r.start:r.end] for r in pair_marks(text)]
    assert inner == ["Nous rouvrirons le pont lundi", "très cher"]


def test_clause_ends_before_ce_qui(nlp):
    qs, _ = quotes(nlp, "La société Durand a annoncé l'ouverture d'une usine à Lyon, ce qui créerait trois cents emplois.")
    q = find(qs, "l'ouverture d'une usine")
    assert "emplois" not in q[2]


def test_role_subject_with_named_apposition_speaks_as_the_person(nlp):
    qs, _ = quotes(nlp, "Un autre proche de Mme Durand, le sénateur Luc Perrin, a confirmé que la candidate "
                        "était très sollicitée.")
    assert find(qs, "la candidate")[1] == "Luc Perrin"


def test_definite_noun_speaker_is_the_organisation_described_before(nlp):
    qs, _ = quotes(nlp, "L'agence européenne de sécurité aérienne (AESA) publie un guide. "
                        "\"Les drones doivent rester loin des aéroports\", explique l'agence.")
    assert find(qs, "Les drones")[1] == "AESA"


def test_opposer_que_is_a_cue(nlp):
    qs, _ = quotes(nlp, "La ministre Claire Dubreuil a opposé que \"la loi protège les familles\".")
    assert find(qs, "la loi protège")[1] == "Claire Dubreuil"


def test_demonstrative_organisation_noun_speaker(nlp):
    qs, _ = quotes(nlp, "Le rapport est publié par la Fondation Verlaine. Cette organisation suisse dit avoir "
                        "\"contribué à la paix\" en Europe.")
    kind, speaker, _ = find(qs, "contribué à la paix")
    assert speaker is not None and speaker.startswith("Fondation")


def test_coordinated_participle_hung_on_a_noun_keeps_the_subject(nlp):
    qs, _ = quotes(nlp, "De son côté, la ministre des Sports Claire Dubreuil a dénoncé sur Twitter un geste "
                        "\"contraire à l'esprit sportif\" et réclamé à la fédération \"une sanction exemplaire\".")
    assert find(qs, "une sanction exemplaire")[1] == "Claire Dubreuil"


def test_definite_anaphor_takes_last_actor_of_its_type(nlp):
    qs, _ = quotes(nlp, "Le nombre de cas a augmenté au Brésil depuis le 3 juin, date à laquelle le pays "
                        "avait annoncé avoir franchi un pic.")
    assert find(qs, "franchi un pic")[1] == "Brésil"


def test_inverted_pronoun_split_by_the_tokenizer(nlp):
    # with no space after its full stop, "disait-elle." comes out as "disait", "-" (the subject), "elle"
    qs, _ = quotes(nlp, "Claire Dubreuil a grandi à Lyon. \"J'ai du mal à réaliser que je grandissais avec des "
                        "frères\", disait-elle.\"Ils étaient juste des camarades de jeu\", expliquait-elle.")
    assert find(qs, "J'ai du mal")[1] == "Claire Dubreuil"


def test_elle_after_an_organisation_speaker(nlp):
    qs, _ = quotes(nlp, "\"Ce ne sont pas des déclarations, ce sont des insultes\", a réagi la présidence de "
                        "la République. \"L'ambassadeur sera convoqué au ministère\", a-t-elle souligné.")
    assert find(qs, "L'ambassadeur sera convoqué")[1] == "Élysée"


def test_participle_after_a_postposed_cue_shares_its_speaker(nlp):
    text = ("Le procureur Paul Martin a parlé. Le suspect est \"connu des services de police pour des faits de "
            "vols et de violences\", a-t-il par ailleurs ajouté, précisant que \"27 condamnations\" figuraient à "
            "son casier judiciaire.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "casier judiciaire")[1] == "Paul Martin"


def test_rétorque_after_a_comma_is_a_cue_not_an_apposition(nlp):
    # the parser tags this "rétorque" as a past participle, like "X, interrogé sur France 3,"
    qs, _ = quotes(nlp, "Des enseignants ont critiqué la mairie. \"On est dans le cadre d'une procédure "
                        "habituelle\", rétorque Paul Martin sur France 3, assurant que la commune devait organiser "
                        "un service minimum.")
    assert find(qs, "procédure habituelle")[1] == "Paul Martin"
    assert find(qs, "la commune devait")[1] == "Paul Martin"  # the participle after the cue shares its speaker


def test_subject_the_parser_missed_is_the_actor_before_the_verb(nlp):
    qs, _ = quotes(nlp, "Avec ce \"principe de précaution\", le Conseil d'État rappelle que \"la santé "
                        "publique est 'une priorité, une exigence, un devoir'\".")
    assert find(qs, "la santé publique")[1] == "Conseil d'État"
    qs, _ = quotes(nlp, "Comme les Républicains, le Rassemblement national a d'ores et déjà annoncé qu'il "
                        "tentera de revenir sur cette décision.")
    assert find(qs, "revenir sur cette décision")[1] == "Rassemblement national"


def test_quotations_around_a_cited_by_agent_take_the_agent(nlp):
    text = ("Le pays a recensé mille décès. Parmi les victimes citées par le journal Le Monde, avec pour chacune "
            "le lieu du décès, figurent \"Paul, 62 ans, Lyon, ancien boulanger du quartier\", ou \"Anne, 87 ans, "
            "Lille, première femme maire de sa commune\".")
    qs, _ = quotes(nlp, text)
    assert find(qs, "ancien boulanger")[1] == "Le Monde"
    assert find(qs, "première femme maire")[1] == "Le Monde"


def test_auxiliary_of_an_unknown_verb_is_in_the_verb_group(nlp):
    # "tweeté" is unknown to the tagger: "a" and "tweeté" both come out as X
    qs, _ = quotes(nlp, "Le sénateur a critiqué les maires démocrates.\"TRANSITION VERS LA GRANDEUR\", a tweeté "
                        "Donald Trump samedi soir.")
    assert find(qs, "TRANSITION")[1] == "Donald Trump"


def test_hyphenated_company_anaphor_takes_the_last_company(nlp):
    # the tokenizer cuts "plate-forme" at its hyphen; "la plate-forme" is the company, not the services
    text = ("Washington accuse depuis des mois la société TikTok d'être utilisée par les services de "
            "renseignement chinois à des fins de surveillance.\n\nLa plate-forme a toujours fermement nié tout "
            "partage de données avec les autorités chinoises et rappelle que ses centres de données sont situés "
            "hors de Chine.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "tout partage")[1] == "TikTok"
    assert find(qs, "centres de données")[1] == "TikTok"


def test_definite_plural_role_speaks_as_the_pair_named_before(nlp):
    text = ("La situation est tout autre pour les sénateurs Paul Martin et Anne Leroy. Dans un communiqué, les "
            "deux élus considèrent que \"la décision n'est pas acceptable\". \"C'est un encouragement pour les "
            "passeurs\", ont déclaré les deux sénateurs.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "pas acceptable")[1] == "Paul Martin"
    assert find(qs, "encouragement")[1] == "Paul Martin"
    qs, _ = quotes(nlp, "Les élus de la majorité ont voté le texte. \"C'est une victoire\", ont déclaré les élus.")
    assert find(qs, "une victoire")[1] is not None and find(qs, "une victoire")[1] != "Paul Martin"


def test_heading_repeating_a_quoted_phrase_takes_its_speaker(nlp):
    text = ("La réunion a duré trois heures, selon Paul Martin.\n\nUn \"rendez-vous au début de l'année "
            "prochaine\"Ce proche de la ministre s'est dit favorable à cette solution. La députée Anne Leroy "
            "\"donne rendez-vous au début de l'année prochaine pour en parler\", a-t-elle ajouté.")
    qs, _ = quotes(nlp, text)
    hits = [q for q in qs if q[2] == "rendez-vous au début de l'année prochaine"]
    assert hits and hits[0][1] == "Anne Leroy"


def test_adjectival_participle_is_no_cue_and_glued_heading_is_no_content(nlp):
    text = ("Le ministre Paul Martin a parlé samedi.\n\nDes attaques répétées contre le président\"Si la France "
            "pense transformer l'Italie en camp de réfugiés, elle se trompe\", a-t-il conclu.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "Si la France") == ("direct", "Paul Martin",
                                        "Si la France pense transformer l'Italie en camp de réfugiés, elle se trompe")


def test_quotation_without_cue_after_its_sentence_subject_takes_that_subject(nlp):
    text = ("Berlin a suspendu 12 policiers qui avaient partagé des \"messages haineux\", a affirmé le "
            "ministre Paul Martin. Le parquet n'avait toutefois trouvé \"aucun lien entre les suspects ou avec "
            "l'attentat\" chez d'autres policiers.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "aucun lien")[1] == "parquet"


def test_postposed_selon_with_an_apposition_to_the_source(nlp):
    qs, _ = quotes(nlp, "Aucune précision n'a été apportée. \"Le processus d'identification des victimes est en "
                        "cours\", selon Paul Martin, responsable de la police de Lyon, cité dans le communiqué.")
    assert find(qs, "processus d'identification")[1] == "Paul Martin"
    qs, _ = quotes(nlp, "Elle a dénoncé \"l'égo machiste\" dont est prisonnier, selon elle, l'exécutif.")
    assert not any("dont est prisonnier" in q[2] for q in qs)


def test_subject_before_a_comma_is_no_content_of_the_verb_after(nlp):
    text = ("Paul Martin, le maire de Grenoble, a salué une \"victoire\". Olivier Dupont, le Premier secrétaire du "
            "Parti socialiste, a lui aussi réagi, avançant qu'il \"serait temps que la majorité se réveille\".")
    qs, _ = quotes(nlp, text)
    assert not any(q[2].startswith("Olivier Dupont") for q in qs)
    assert find(qs, "serait temps")[1] == "Olivier Dupont"
    qs, _ = quotes(nlp, "Cédric Lebon, député de la majorité, qui avait signé un amendement de suppression du "
                        "délit, s'est, lui aussi, réjoui.")
    assert qs == []


def test_relative_qui_cut_from_the_cue_by_a_comma_is_not_its_subject(nlp):
    text = ("Cette pratique largement répandue est contraire à \"l'esprit\" du projet de loi, qui est de \"lever "
            "le tabou\" de la PMA, et non pas de semer la \"confusion\" par une ressemblance physique avec les "
            "parents, ont justifié plusieurs députés de la majorité.")
    qs, _ = quotes(nlp, text)
    kind, speaker, quoted = find(qs, "lever le tabou")
    assert kind == "mixed" and quoted.startswith("Cette pratique") and speaker is not None


def test_incise_with_inverted_subject_and_absolute_participle(nlp):
    text = ("\"En cinq minutes, quelle idée peut-on développer sur la réforme des retraites\", s'est élevé "
            "l'insoumise Mathilde Durand, son collègue Alexis Lebrun évoquant \"une tweetisation du débat\".")
    qs, _ = quotes(nlp, text)
    assert find(qs, "En cinq minutes")[1] == "Mathilde Durand"  # "s'élever" is no reporting verb
    assert find(qs, "tweetisation")[1] == "Alexis Lebrun"


def test_coordinated_que_clauses_are_two_contents_of_one_cue(nlp):
    qs, _ = quotes(nlp, "Le ministre Paul Martin a assuré que ces allégations étaient \"sans fondement\" et que la "
                        "région était désormais \"stable et harmonieuse\".")
    kind, speaker, text = find(qs, "la région était")
    assert (kind, speaker) == ("mixed", "Paul Martin") and text.startswith("la région")
    assert find(qs, "ces allégations")[1] == "Paul Martin"


def test_on_after_du_cote_de_is_that_source(nlp):
    qs, _ = quotes(nlp, "La directrice a été sanctionnée. Du côté du rectorat, on assume le blâme et on assure "
                        "qu'il ne s'agit en rien d'une mutation forcée.")
    speaker = find(qs, "mutation forcée")[1]
    assert speaker is not None and "rectorat" in speaker


def test_short_quotation_after_a_topic_preposition_is_no_speech(nlp):
    qs, _ = quotes(nlp, "Le Premier ministre Jean Castex s'est également expliqué sur le \"cas\" Gérald Martin, dont "
                        "la nomination a été vivement critiquée par les associations.")
    assert not any(q[2] == "cas" for q in qs)
    qs, _ = quotes(nlp, "La ministre Claire Dubreuil a dénoncé sur Twitter un geste \"contraire à l'esprit sportif\".")
    assert find(qs, "contraire à l'esprit")[1] == "Claire Dubreuil"


def test_infinitive_cue_of_purpose_is_no_speech(nlp):
    qs, _ = quotes(nlp, "Cette piste resurgit régulièrement, bien qu'il y ait un consensus scientifique pour dire "
                        "que cela ne marcherait pas.")
    assert qs == []


def test_certaines_speak_for_the_group_named_before(nlp):
    qs, _ = quotes(nlp, "Le chercheur dit se baser sur des entretiens avec des femmes locales. Certaines déclarent "
                        "avoir été contraintes de se faire stériliser.")
    assert find(qs, "contraintes")[1] == "femmes locales"


def test_l_un_d_entre_eux_speaks_for_the_group_named_before(nlp):
    qs, _ = quotes(nlp, "Le tweet du président a scandalisé de nombreux internautes. \"S'en prendre à une jeune femme "
                        "innocente, c'est absolument dégoûtant\", a ainsi écrit l'un d'entre eux.")
    speaker = find(qs, "dégoûtant")[1]
    assert speaker is not None and "internautes" in speaker


def test_pronoun_skips_the_speaker_of_a_relative_clause(nlp):
    text = ("Le patron de LR Laurent Dupuis a refusé de répondre à Alain Martin, qui a vivement répliqué lundi à "
            "ses attaques, évoquant des propos \"tout à fait lamentables\". \"Je suis ici au salon de "
            "l'agriculture pour parler des agriculteurs\", a-t-il expliqué aux journalistes.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "salon de l'agriculture")[1] == "Laurent Dupuis"


def test_first_actor_of_a_subject_list_speaks(nlp):
    text = ("Canberra, d'autres capitales occidentales ainsi que de nombreuses organisations de défense des "
            "droits de l'Homme accusent la Birmanie d'avoir chassé au moins un million de Rohingyas.")
    qs, _ = quotes(nlp, text)
    assert find(qs, "chassé")[1] == "Australie"


def test_selon_incise_inside_a_reported_clause_does_not_cut_it(nlp):
    qs, _ = quotes(nlp, "La ministre a affirmé que cette réforme, qui, selon elle, \"réduira les inégalités\", "
                        "entrera en vigueur en janvier.")
    q = find(qs, "cette réforme")
    assert q[1] == "ministre"
    assert "réduira les inégalités" in q[2] and "entrera en vigueur" in q[2]
    assert not [x for x in qs if x[2].startswith("réduira")]
