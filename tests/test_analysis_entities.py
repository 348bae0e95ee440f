"""Entities on the seed and on small articles that exercise each correction."""

from __future__ import annotations

import pytest

from tui.analysis.rules import switched_off
from tui.model import EntityKind


def names(analysis, kind):
    return [e.name for e in analysis.of_kind(kind)]


def test_seed_people(seed_analysis):
    people = names(seed_analysis, EntityKind.PERSON)
    for surname in ("Zelensky", "Trump", "Rubio", "Putin", "Peskov", "Waltz", "Dunayevsky"):
        assert sum(1 for n in people if n.split()[-1] == surname) == 1, (surname, people)
    zelensky = next(e for e in seed_analysis.people if e.name == "Volodymyr Zelensky")
    assert len(zelensky.mentions) >= 6
    trump = next(e for e in seed_analysis.people if e.name == "Donald Trump")
    assert len(trump.mentions) == 3  # incl. the "Trump" the model tags as an organisation


def test_seed_places(seed_analysis):
    places = names(seed_analysis, EntityKind.PLACE)
    for place in ("Ukraine", "Russia", "Moscow", "Kyiv", "Washington", "Saudi Arabia", "Kramatorsk", "Kursk", "United States"):
        assert places.count(place) == 1, (place, places)
    us = next(e for e in seed_analysis.places if e.name == "United States")
    assert {m.text for m in us.mentions} == {"US", "United States"}
    assert "Ukrainian" not in places


def test_seed_no_wrong_kinds(seed_analysis):
    people = {m.text for e in seed_analysis.people for m in e.mentions}
    for not_a_person in ("Kyiv", "Kramatorsk", "Kursk", "Moscow", "serviceman", "jhb", "C.Stevenson", "TNT"):
        assert not any(not_a_person in p for p in people), not_a_person
    place_names = {m.text for e in seed_analysis.places for m in e.mentions}
    assert not place_names & people
    orgs = names(seed_analysis, EntityKind.ORGANIZATION)
    assert "Trump" not in orgs and "State" not in orgs
    assert not any(" and " in o for o in orgs)
    assert {"Kremlin", "AFP", "NATO", "CIA"} <= set(orgs)


def test_mentions_point_into_the_text(seed_article, seed_analysis):
    for e in seed_analysis.entities:
        for m in e.mentions:
            assert seed_article.text[m.start : m.end] == m.text


def test_credit_lines_produce_no_entities(seed_article, seed_analysis):
    credit_start = min(b.start for b in seed_article.blocks if b.kind.is_metadata)
    assert all(m.start < credit_start for e in seed_analysis.entities for m in e.mentions)


def test_surname_joins_the_most_recent_full_name(analyse_text):
    _, an = analyse_text(
        "Court rules on appeal\n\n"
        "Judge Anna Keller heard the case in Berlin on Monday.\n"
        "Her colleague Thomas Keller disagreed with the ruling.\n"
        "Keller said the decision would be appealed.\n"
    )
    kellers = [e for e in an.people if e.name.endswith("Keller")]
    assert sorted(e.name for e in kellers) == ["Anna Keller", "Thomas Keller"]
    thomas = next(e for e in kellers if e.name == "Thomas Keller")
    assert len(thomas.mentions) == 2


def test_acronym_joins_full_organisation_name(analyse_text):
    _, an = analyse_text(
        "Agency report\n\n"
        "The Central Intelligence Agency released a report on Tuesday.\n"
        "A spokesman for the CIA declined to comment on the report.\n"
    )
    cia = [e for e in an.organizations if "Intelligence" in e.name or e.name == "CIA"]
    assert len(cia) == 1 and cia[0].name == "Central Intelligence Agency"
    assert len(cia[0].mentions) == 2


def test_country_short_forms_merge(analyse_text):
    _, an = analyse_text(
        "Trade talks\n\n"
        "The United Kingdom and the US signed a deal in London.\n"
        "Officials in Britain said the United States had agreed to cut tariffs.\n"
        "The UK hopes for more.\n"
    )
    places = {e.name: {m.text for m in e.mentions} for e in an.places}
    assert places["United Kingdom"] == {"United Kingdom", "Britain", "UK"}
    assert places["United States"] == {"US", "United States"}
    assert "London" in places


def test_dateline_place_and_titles_kept_out_of_names(analyse_text):
    article, an = analyse_text(
        "Energy group to cut jobs\n\n"
        "FRANKFURT, March 4 (Reuters) - German energy group Uniper said on Tuesday it would cut jobs.\n"
        '"This is a painful step," Chief Executive Michael Lewis told analysts in Frankfurt.\n'
        "Opposition figure Ismael Sacko, who lives in exile, criticised the Verdi board.\n"
    )
    frankfurt = next(e for e in an.places if e.name == "Frankfurt")
    assert [m.text for m in frankfurt.mentions] == ["FRANKFURT", "Frankfurt"]
    people = {e.name for e in an.people}
    assert "Michael Lewis" in people and "Ismael Sacko" in people
    assert not any("Executive" in p for p in people)
    assert "FRANKFURT" not in {e.name for e in an.organizations}


def test_name_after_an_article_is_not_a_person(analyse_text):
    _, an = analyse_text(
        "Fine for Apple\n\n"
        "Regulators said the App Store blocked rivals. The company defended the App Store on Monday.\n"
        "Industry newspaper Variety reported that Matt Damon had joined the cast.\n"
    )
    assert "App Store" not in {e.name for e in an.people}
    assert "Matt Damon" in {e.name for e in an.people}


def test_short_form_after_the_joins_the_full_name(analyse_text):
    _, an = analyse_text(
        "EU fines carmaker\n\n"
        "The European Commission fined the carmaker on Monday.\n"
        "The Commission said the fine reflected the gravity of the breach.\n"
    )
    commission = [e for e in an.organizations if "Commission" in e.name]
    assert [e.name for e in commission] == ["European Commission"]
    assert len(commission[0].mentions) == 2


def test_partial_and_titled_names_join_the_full_name(analyse_text):
    _, an = analyse_text(
        "Leaders meet\n\n"
        "Her predecessor Andrés Manuel López Obrador had courted Chinese investment. "
        "López Obrador left office with high approval ratings.\n"
        "Saudi Crown Prince Mohammed bin Salman is due in Beijing next week. "
        "Prince Mohammed will also visit Tokyo.\n"
        "Officials in the US said nothing.\n"
    )
    people = {e.name: [m.text for m in e.mentions] for e in an.people}
    assert people["Andrés Manuel López Obrador"] == ["Andrés Manuel López Obrador", "López Obrador"]
    assert people["Mohammed bin Salman"] == ["Mohammed bin Salman", "Mohammed"]  # the title is not the name
    assert "United States" in {e.name for e in an.places}


def test_a_dateline_does_not_hide_the_name_after_it(analyse_text):
    _, an = analyse_text(
        "Survivor recalls the night the dam broke\n\n"
        "DERNA, Libya - Ahmed Salem was asleep when the first wave hit his street.\n"
        "Aid workers said thousands of people remained missing.\n"
    )
    assert "Ahmed Salem" in {e.name for e in an.people}
    assert {"Derna", "Libya"} <= {e.name for e in an.places}


def test_titles_glued_before_a_name_are_split_off(analyse_text):
    _, an = analyse_text("Results\n\nCOO and CFO Blake Jorgensen said costs fell. Striker Tom Ellery scored twice on Sunday.\n")
    names = {e.name for e in an.people}
    assert "Blake Jorgensen" in names and "Tom Ellery" in names
    assert not any(n.lower().startswith(("coo", "cfo", "striker")) for n in names)


def test_hyphenated_given_names_and_inverted_cues_keep_the_name_whole(analyse_text):
    _, an = analyse_text(
        "Storm report\n\n"
        'According to senior forecaster Chan Ka-ming, the storm caused "heavy losses" in the port.\n\n'
        'Said Mbeki Tembo, "We have never seen water this high."\n'
    )
    names = {e.name for e in an.people}
    assert "Chan Ka-ming" in names
    assert "Mbeki Tembo" in names and "Said Mbeki Tembo" not in names


def test_a_generic_body_or_a_thing_in_capitals_is_no_entity(analyse_text):
    _, an = analyse_text(
        "Budget approved\n\n"
        "The Federal Government said on Monday that Cabinet had approved the plan. Residents queued "
        "at every ATM in Kerewa after the announcement, and the Senate will vote next week.\n"
    )
    names = {e.name for e in an.entities}
    assert not names & {"Federal Government", "Cabinet", "ATM"}, names
    assert "Senate" in {e.name for e in an.organizations}  # a named chamber stays


def test_two_names_joined_by_a_possessive_are_two_entities(analyse_text):
    _, an = analyse_text(
        "Strike looms\n\n"
        "On Friday, Labour’s Lisa Brennan said the plan was reckless.\n\n"
        "Hudson's Bay Co. said its stores would stay open.\n"
    )
    people = {e.name for e in an.people}
    orgs = {e.name for e in an.organizations}
    assert "Lisa Brennan" in people, (people, orgs)
    assert not any("’s" in n for n in people | orgs)
    assert "Hudson's Bay Co." in orgs  # a firm whose name holds a possessive stays whole


def test_a_headline_name_glued_to_title_case_words_is_cut_to_the_body_name(analyse_text):
    _, an = analyse_text(
        "Kofi Boateng Reacts To Ruling\n\n"
        "Kofi Boateng said on Tuesday that the ruling had given his family some peace. "
        '"We waited two years for this," Kofi Boateng told reporters outside the court.\n'
    )
    people = {e.name for e in an.people}
    assert "Kofi Boateng" in people
    assert not any("Reacts" in n for n in people), people
    boateng = next(e for e in an.people if e.name == "Kofi Boateng")
    assert boateng.mentions[0].start == 0  # the headline mention joins the body's person


def test_a_party_named_like_a_portfolio_is_an_organisation(analyse_text):
    _, an = analyse_text(
        "Vote delayed\n\n"
        "Labour said on Monday it would oppose the bill. The Secretary of Labor, Dana Whitfield, "
        "declined to comment.\n"
    )
    orgs = {e.name for e in an.organizations}
    assert "Labour" in orgs, orgs
    assert "Labor" not in orgs  # "Secretary of Labor": part of a title


def _all_names(analysis) -> set[str]:
    return {e.name for e in analysis.entities}


def test_a_headline_name_the_body_never_uses_is_dropped(analyse_text):
    """entities.headings_agree: title case makes names of common words in a headline."""
    text = (
        "Ferry Firm Denies Rumour Over Harbour Closure\n\n"
        "The operator of the Wellington ferry, Strait Crossings Ltd, said on Monday that the harbour would stay open.\n\n"
        '"There is no plan to close it," chief executive Mere Tane said.\n'
    )
    _, an = analyse_text(text)
    assert not any("Rumour" in n or "Denies" in n for n in _all_names(an)), _all_names(an)
    from tui.analysis.rules import switched_off

    with switched_off("entities.headings_agree", "kinds.learned"):
        _, off = analyse_text(text, name="off.txt")
    assert any("Denies" in n for n in _all_names(off))  # what the rule removes


def test_a_headline_name_the_body_repeats_or_abbreviates_stays(analyse_text):
    _, an = analyse_text(
        "EU fines Harbourline over late ferries\n\n"
        "The European Union on Monday fined Harbourline, the ferry operator, for a year of late sailings.\n"
    )
    assert "Harbourline" in _all_names(an)
    assert "EU" in _all_names(an) or "European Union" in _all_names(an)


def test_an_office_is_not_an_organisation(analyse_text):
    """A title the model tags as an organisation ("Additional Public Prosecutor") is dropped."""
    _, an = analyse_text(
        "Bail hearing\n\n"
        "The Additional Public Prosecutor opposed bail, saying the police had ordered an inquiry.\n\n"
        "The National Communications Officer of the party declined to comment.\n"
    )
    orgs = names(an, EntityKind.ORGANIZATION)
    assert "Additional Public Prosecutor" not in orgs and "National Communications Officer" not in orgs, orgs


def _kinds(analysis) -> dict[str, str]:
    return {e.name: e.kind.value for e in analysis.entities}


def _without_rule(analyse_text, text: str, *rules: str):
    from tui.analysis.rules import switched_off

    with switched_off(*rules, "kinds.learned"):  # the hand rule alone, without the scorer behind it
        return analyse_text(text, name="off.txt")[1]


def test_untagged_places_listed_beside_tagged_ones_are_places(analyse_text):
    """entities.untagged: the model tags some members of a list of towns and not others."""
    text = (
        "Pilot scheme extended to more courts\n\n"
        "The scheme will run in crown courts in Birmingham, Cardiff, London, Manchester and Winchester "
        "from next month, officials said.\n"
    )
    _, an = analyse_text(text)
    assert {"Cardiff": "place", "Winchester": "place"}.items() <= _kinds(an).items()
    off = _kinds(_without_rule(analyse_text, text, "entities.untagged"))
    assert "Cardiff" not in off and "Winchester" not in off  # what the rule adds


def test_a_country_opening_a_headline_is_a_place(analyse_text):
    text = "Barbados denies minister was aboard the plane\n\nThe government said on Sunday that no minister had travelled.\n"
    _, an = analyse_text(text)
    assert _kinds(an).get("Barbados") == "place"
    assert "Barbados" not in _kinds(_without_rule(analyse_text, text, "entities.untagged"))


def test_platforms_and_outlets_told_things_are_organisations(analyse_text):
    """ "a Facebook group", "told the Star-Advertiser": names the model leaves untagged."""
    text = (
        "Flood volunteers organise online\n\n"
        "A retired teacher started a Facebook group to collect the names of missing neighbours.\n\n"
        '"The road is gone," a farmer told the Star-Advertiser on Monday.\n'
    )
    _, an = analyse_text(text)
    assert {"Facebook": "organization", "Star-Advertiser": "organization"}.items() <= _kinds(an).items()
    off = _kinds(_without_rule(analyse_text, text, "entities.untagged"))
    assert "Facebook" not in off and "Star-Advertiser" not in off
    # Only a newspaper's word or a call sign makes an outlet of a name someone is told about.
    _, plain = analyse_text('Town Awaits Plan\n\n"We will wait," Ana Ruiz told Councillor Briggs.\n', name="b.txt")
    assert not any(k == "organization" for k in _kinds(plain).values())


def test_a_persons_name_the_model_cut_in_two_is_joined(nlp):
    """entities.joined_names: the model sometimes tags "Amy Berman" and "Jackson" apart; the
    last part alone then looks like the city."""
    from spacy.tokens import Span

    from tui.analysis.entities import _joined_names
    from tui.analysis.rules import switched_off

    doc = nlp("Judge Carol Berman Jackson handed down her sentence on Friday.")
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 3, 4, label="PERSON")]  # as the model may cut it
    assert [(e.text, e.label_) for e in _joined_names(doc)] == [("Carol Berman Jackson", "PERSON")]
    with switched_off("entities.joined_names"):
        assert [e.text for e in _joined_names(doc)] == ["Carol Berman", "Jackson"]
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 3, 4, label="GPE")]
    assert len(_joined_names(doc)) == 2  # only two people's parts make one person


def _rule_off_case(analyse_text, text: str, *rules: str) -> tuple[dict[str, str], dict[str, str]]:
    """The kinds of a text's entities with the rules on, then off."""
    _, an = analyse_text(text)
    return _kinds(an), _kinds(_without_rule(analyse_text, text, *rules))


def test_places_the_grammar_puts_on_the_map(analyse_text):
    """entities.place_cues: a town before "resident" or after "in" with a word between, a state
    in a party tag, and a colon dateline, all left untagged by the model."""
    text = (
        "Aftershocks rattle homes\n\n"
        "Kigali: The ministry said on Monday that inspections would begin.\n\n"
        "Another Christchurch resident, Dana Fulton, said the quake woke her family.\n\n"
        "Senator Harriet Vance (D-Nev.) said the bill would pass.\n"
    )
    on, off = _rule_off_case(analyse_text, text, "entities.place_cues")
    for place in ("Kigali", "Christchurch", "Nev."):
        assert on.get(place) == "place", (place, on)
        assert place not in off, (place, off)


def test_letters_after_a_name_are_not_part_of_it(analyse_text):
    """entities.postnominal: "Fergal Quill BL" is the person Fergal Quill, and a "QC" that
    heads the subject still leads to the person named before it."""
    text = (
        "Barrister criticised over delays\n\n"
        "The judge addressed Fergal Quill BL at the start of the hearing.\n\n"
        'Opening the case, Joanna Kerrigan QC said the accused had "seen a chance to make money".\n'
    )
    _, an = analyse_text(text)
    on = _kinds(an)
    assert on.get("Fergal Quill") == "person", on
    assert not any(name.endswith((" BL", " QC")) for name in on), on
    quote = next(q for q in an.quotes if q.text.startswith("seen a chance"))
    assert next(s.name for s in an.speakers if s.id == quote.speaker_id) == "Joanna Kerrigan"
    off = _kinds(_without_rule(analyse_text, text, "entities.postnominal"))
    assert "Fergal Quill" not in off, off


def test_dotted_letters_after_a_name_are_not_part_of_it(analyse_text):
    """ "Alan Burns M.P." as printed by some outlets is the person Alan Burns."""
    _, an = analyse_text('Member apologises\n\n"I should not have written that letter," said Alan Burns M.P. on Tuesday.\n')
    assert "Alan Burns" in _kinds(an), _kinds(an)
    assert not any(name.endswith("M.P.") for name in _kinds(an))


def test_a_name_keeps_its_hyphenated_first_half_and_its_generation(analyse_text):
    """entities.name_edges: the model cuts "I-Ching" to "Ching" and leaves "Junior" out (which
    entities.name_tail also brings back, as the word "Kilonzo" hangs on)."""
    text = (
        "Species move uphill faster than thought\n\n"
        "Plants are moving uphill three times as fast as believed, said I-Ching Chen, the study's lead author.\n\n"
        "Others, such as Senator Mutula Kilonzo Junior oppose the change.\n"
    )
    on, off = _rule_off_case(analyse_text, text, "entities.name_edges", "entities.name_tail")
    assert on.get("I-Ching Chen") == "person" and on.get("Mutula Kilonzo Junior") == "person", on
    assert "I-Ching Chen" not in off and "Mutula Kilonzo Junior" not in off, off


def test_the_last_portfolio_of_a_title_is_not_part_of_the_name(analyse_text):
    """entities.name_edges: in "Minister of Tourism and Lands Harin Fernando" the model takes
    "Lands" into the name."""
    text = "Minister rejects claim\n\nThe Minister of Tourism and Lands Harin Fernando told Parliament today.\n"
    on, off = _rule_off_case(analyse_text, text, "entities.name_edges")
    assert on.get("Harin Fernando") == "person" and "Lands Harin Fernando" not in on, on
    assert off.get("Lands Harin Fernando") == "person", off


def test_a_name_after_an_honorific_is_a_person_even_untagged(analyse_text):
    """entities.untagged_titled: "County Coun Alan Birtle" gets no tag from the model; the
    "He said" after it is his, not the executive's."""
    from tui.analysis.rules import switched_off

    text = (
        "Tax rise agreed\n\n"
        "The increase was agreed at the budget meeting of West Dales County Council\u2019s executive (WDCC).\n\n"
        "After two years of frozen bills, WDCC\u2019s executive agreed the rise.\n\n"
        "Moorside County Coun Alan Birtle (Con) is WDCC executive member for roads.\n\n"
        "He said: \u201cWe expect the full council to back the plan next week.\u201d\n"
    )

    def speaker(an):
        return next(s.name for s in an.speakers if s.id == an.quotes[0].speaker_id)

    _, an = analyse_text(text)
    assert _kinds(an).get("Alan Birtle") == "person"
    assert speaker(an) == "Alan Birtle"
    with switched_off("entities.untagged_titled"):
        off = analyse_text(text, name="off.txt")[1]
    assert "Alan Birtle" not in _kinds(off)
    assert speaker(off) != "Alan Birtle"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Drainage works cut flooding\n\n"
            "Mayor Sheikh Fazle Noor Tuhin on Wednesday (14 June) credited the timely efforts of Dhaka South "
            "City Corporation (DSCC) for managing to reduce waterlogging in the area.\n\n"
            "He made the claim while talking to reporters after opening a sports ground.\n\n"
            'He said, "We were able to cut waterlogging to a tenth this year."\n',
            "Fazle Noor Tuhin",
        ),
        (
            "Voters ignored, says MEP\n\n"
            "Politicians in Brussels have shown once again that they are refusing to listen to what voters "
            "are actually telling them, warned ECR Danish MEP Kasper Brixtofte following a vote in the "
            "European Parliament today.\n\n"
            '"They would rather blame national governments than look at themselves," he added.\n',
            "Kasper Brixtofte",
        ),
    ],
    ids=["title-first", "title-before"],
)
def test_words_after_a_title_are_a_person_even_untagged(analyse_text, text, name):
    """entities.untagged_title: the model tags neither name; after "Mayor" or "MEP" they are
    people, and the "he" of the quote is theirs (off: nobody's)."""
    from tui.analysis.rules import switched_off

    _, an = analyse_text(text)
    assert _kinds(an).get(name) == "person"
    assert [s.name for s in an.speakers] == [name]
    with switched_off("entities.untagged_title"):
        off = analyse_text(text, name="off.txt")[1]
    assert name not in _kinds(off)
    assert [q.speaker_id for q in off.quotes] == [None]


def test_a_bracket_left_open_is_cut_from_a_name(nlp):
    """The model sometimes tags "Democratic Alliance (DA" as one name (a span ending inside the
    brackets): the name ends before the bracket, as it does before a closed pair."""
    from tui.analysis.entities import _trim

    doc = nlp("The Civic Ratepayers Alliance (CRA) councillor said so. Margao (Goa) is far.")
    open_span = _trim(doc[1:6])  # "Civic Ratepayers Alliance (CRA"
    assert open_span is not None and open_span.text == "Civic Ratepayers Alliance"
    closed = _trim(doc[11:15])  # "Margao (Goa)": the trailing bracket goes first
    assert closed is not None and closed.text == "Margao"


def test_the_village_of_a_name_is_a_place_whatever_the_model_said(analyse_text):
    _, an = analyse_text(
        "Landslide\n\nMud covered houses and a school in the village of Tamburong on the island of Kalawit, officials said.\n"
    )
    places = {e.name for e in an.places}
    assert {"Tamburong", "Kalawit"} <= places, _all_names(an)


def test_a_company_named_without_its_legal_form_is_the_same_company(analyse_text):
    """ "Koru Tinto Ltd" then "Koru Tinto": one organisation, however the model typed the short form."""
    _, an = analyse_text(
        "Profit season\n\n"
        "Koru Tinto Ltd reported a near tripling of annual earnings on Wednesday.\n\n"
        "Koru Tinto's result headlined a slate of strong reports from miners, analysts said.\n"
    )
    koru = [e for e in an.entities if e.name.startswith("Koru Tinto")]
    assert len(koru) == 1, [(e.name, e.kind) for e in an.entities]
    assert koru[0].kind is EntityKind.ORGANIZATION and len(koru[0].mentions) == 2


def test_a_rank_before_untagged_words_makes_them_a_person(nlp):
    """entities.untagged_titled for police ranks ("Insp Jon Grainge"); a rank in capitals is not one."""
    from tui.analysis.entities import _after_honorific

    doc = nlp("Insp Colm Rafter spoke. DC United won.")
    named = _after_honorific(doc[0:3])
    assert named is not None and named.text == "Colm Rafter"
    assert _after_honorific(doc[4:6]) is None  # "DC United"


def test_a_group_possessive_opens_one_name(nlp):
    """ "Children's Haematology Oncology Clinics" is one body, not "Children" owning a person."""
    from tui.analysis.entities import _split_possessive

    doc = nlp("Children's Haematology Oncology Clinics thanked Labour's Lisa Nandy.")
    assert _split_possessive(doc[0:5]) is None
    parts = _split_possessive(doc[6:10])
    assert parts is not None and [p.text for p in parts] == ["Labour", "Lisa Nandy"]


def test_malaysian_and_nigerian_honorifics_are_not_part_of_the_name(analyse_text):
    """ "Datuk Seri", "Alhaji" before a name are titles: the person is the name after them."""
    _, an = analyse_text(
        "Exports\n\n"
        "Minister in the Prime Minister's Department Datuk Seri Aziz Rahman Omar said exports rose.\n\n"
        '"We have diversified our economy," he said.\n'
    )
    people = {e.name for e in an.people}
    assert "Aziz Rahman Omar" in people, people


def test_a_curator_title_is_not_part_of_the_name(analyse_text):
    _, an = analyse_text(
        'New species\n\n"We describe a new fish at least once a month," the museum\'s Senior Science Curator Susan Waugh says.\n'
    )
    assert "Susan Waugh" in {e.name for e in an.people}, [e.name for e in an.entities]


def test_short_forms_of_things_are_not_organisations(analyse_text):
    _, an = analyse_text(
        "Storm damage\n\n"
        "An EF-1 tornado tore through Harlow Creek on Monday, the weather service said. "
        "Shop owners asked the council to waive VAT and to check the CCTV footage. "
        "Police filed an FIR the same day.\n"
    )
    found = {e.name for e in an.entities}
    assert not found & {"EF-1", "VAT", "CCTV", "FIR"}, found


def test_the_words_before_a_ministers_title_are_a_portfolio_not_an_organisation(analyse_text):
    """entities.portfolio: "Social Welfare Minister", "Interior Cabinet Secretary" (rules 65)."""
    from tui.analysis.rules import switched_off

    text = (
        "Relief budget\n\nSocial Welfare Minister Ama Owusu said the fund would double. "
        "Interior Cabinet Secretary Peter Kamau said police would guard the depots.\n"
    )
    _, an = analyse_text(text)
    assert {e.name for e in an.entities} == {"Ama Owusu", "Peter Kamau"}
    with switched_off("entities.portfolio", "kinds.learned"):
        _, off = analyse_text(text, name="off.txt")
    assert {"Social Welfare", "Interior Cabinet"} <= {e.name for e in off.entities}


def test_titles_glued_before_a_given_name_are_not_the_name(analyse_text):
    from tui.analysis.rules import switched_off

    text = (
        "Council split on ramps\n\n"
        "Labour TD Joe Costello said the committee had been misled, and President Bola Ahmed Tinubu "
        "was said to be watching.\n\n"
        '"We will look at every street," Costello said.\n'
    )
    _, an = analyse_text(text)
    people = names(an, EntityKind.PERSON)
    assert "Joe Costello" in people, people
    assert "Bola Ahmed Tinubu" in people, people  # "Bola" may be a given name: nothing goes
    with switched_off("entities.before_given_name", "entities.person_rank"):
        _, an = analyse_text(text)
    assert "TD Joe Costello" in names(an, EntityKind.PERSON)


def test_a_body_and_a_person_around_an_abbreviated_rank_are_two_entities(analyse_text):
    _, an = analyse_text(
        "Homes evacuated\n\n"
        '"We don\'t want people going into places that are unsafe," Ontario Provincial Police '
        "Const. Kelly Daniels said on Friday.\n"
    )
    assert "Kelly Daniels" in names(an, EntityKind.PERSON)
    assert "Ontario Provincial Police" in names(an, EntityKind.ORGANIZATION)
    assert an.speakers[0].name == "Kelly Daniels"


def test_a_body_or_role_glued_before_a_person_is_not_part_of_the_name(analyse_text):
    """entities.person_rank: the model tags "Cal Fire Capt." and "Scott McLean" as two people side
    by side (joined as one), and takes a plural title in with "Orvell Brown"."""
    text = (
        "Crews hold the line\n\n"
        "\u201cThe wind turned at noon,\u201d Cal Fire Capt. Scott McLean said.\n\n"
        "\u201cStay out of the canyon,\u201d Commissioners Orvell Brown said.\n"
    )
    _, an = analyse_text(text)
    assert [s.name for s in an.speakers] == ["Scott McLean", "Orvell Brown"]
    assert "Cal Fire" not in names(an, EntityKind.PERSON)  # a body opening with a given name is left out
    with switched_off("entities.person_rank"):
        _, an = analyse_text(text)
    assert [s.name for s in an.speakers] == ["Cal Fire Capt. Scott McLean", "Commissioners Orvell Brown"]


def test_the_second_syllable_of_a_hyphenated_given_name_is_kept(analyse_text):
    """entities.hyphen_tail: the tokenizer splits "Suk-yeol", and the model tags "Yoon Suk"; a
    name made an adjective ("Khan-led", "Dunedin-based") keeps its own edge."""
    text = (
        'Summit ends\n\n"We will keep talking," President Yoon Suk-yeol said on Monday.\n\nThe Imran Khan-led party walked out.\n'
    )
    _, an = analyse_text(text)
    people = names(an, EntityKind.PERSON)
    assert "Yoon Suk-yeol" in people, people
    assert not any(p.endswith("-led") for p in people), people
    with switched_off("entities.hyphen_tail"):
        _, an = analyse_text(text)
    assert "Yoon Suk-yeol" not in names(an, EntityKind.PERSON)


# Names from wire copy in several naming traditions, each cut or glued by the model in its own
# way (rules 84): written here, not taken from an article.
_NAMES_TEXT = (
    "Pig farmers to be paid for culled herds\n\n"
    "GEORGE TOWN: Farmers whose pigs were culled will be compensated soon, says Chan Foong Hin.\n\n"
    "The Deputy Minister said Inspector-General of Police Tan Sri Razarudin Husain had been briefed. "
    "Police chief Datuk Rusdi Mohd Isa said investigations were nearly complete.\n\n"
    "Secretary of the city's Party Committee Dinh Tien Dung said the rumours were false. Shell chairman "
    "Jeroen van der Veer said profits had risen. Campaigns manager of human rights group Liberty Emmanuelle "
    "Andrews said the guidance did not go far enough.\n\n"
    "Serb member of the tripartite Presidency Milorad Dodik said peace had no price. Assistant Commissioner "
    "Counter Terrorism Scott Lee said the arrest prevented an attack.\n\n"
    "One attacker was shot dead by the army, police chief of the northwestern Khyber Pakhtunkhwa Akbar "
    "Hoti told reporters.\n\n"
    "The number of evacuees was 14,000 as of Sunday afternoon, said Minister of Transportation Todd Stone, "
    "as wildfires burned.\n"
)


@pytest.mark.parametrize(
    ("rule", "on_names", "off_names"),
    [
        # "Party Committee Dinh" + "Tien Dung", "Jeroen van" + "der" + "Veer"
        ("entities.name_across_spans", {"Dinh Tien Dung", "Jeroen van der Veer"}, {"Tien Dung", "Veer"}),
        # "rights group Liberty Emmanuelle Andrews", "Presidency Milorad Dodik"
        ("entities.org_before_name", {"Emmanuelle Andrews", "Milorad Dodik"}, {"Liberty Emmanuelle Andrews"}),
        # "Tan Sri Razarudin Husain"
        ("entities.honorific_pairs", {"Razarudin Husain"}, {"Tan Sri Razarudin Husain"}),
        # "Assistant Commissioner Counter Terrorism Scott Lee", "Minister of [Transportation Todd Stone]"
        ("entities.portfolio_before_name", {"Scott Lee", "Todd Stone"}, {"Counter Terrorism Scott Lee"}),
        # "Khyber Pakhtunkhwa Akbar Hoti" tagged as one body
        ("entities.place_before_name", {"Akbar Hoti"}, set()),
    ],
)
def test_names_cut_or_glued_by_the_model_are_mended(analyse_text, rule, on_names, off_names):
    """Each rule mends its names, and with the rule off the model's cut or glued name is back."""
    _, an = analyse_text(_NAMES_TEXT)
    with switched_off(rule):
        _, off = analyse_text(_NAMES_TEXT, name="off.txt")
    on_people, off_people = set(names(an, EntityKind.PERSON)), set(names(off, EntityKind.PERSON))
    assert on_names <= on_people, on_people
    assert off_names <= off_people and not (on_names - off_names) <= off_people, off_people


def test_a_surname_behind_a_particle_is_a_name(analyse_text):
    """entities.particle_surname: "Faisal al-Hadidi" ends in a lower-case particle, yet is a
    person, and "Al-Hadidi" later is the same man; with the rule off the full name is lost."""
    text = (
        "Court upholds sentence\n\n"
        "Lawyer Faisal al-Hadidi told reporters that his client would hand himself in on Monday.\n\n"
        "Al-Hadidi said the family respected the court.\n"
    )
    _, an = analyse_text(text)
    people = {e.name: len(e.mentions) for e in an.people}
    assert people.get("Faisal al-Hadidi") == 2, people
    with switched_off("entities.particle_surname"):
        _, off = analyse_text(text, name="off.txt")
    assert "Faisal al-Hadidi" not in {e.name for e in off.people}


def test_a_title_ends_no_name_and_a_short_an_word_is_no_nationality(analyse_text):
    """entities.title_last: "Kottayam Superintendent" (a district and a title) is nobody, and the
    quote is Hari Shankar's. kinds.demonym_strict: "Doan" is shaped like "Cuban" but no nationality
    has four letters, so "Doan Nguyen Duc" keeps it; with the rules off both names are wrong."""
    text = (
        "Minister denies car was stopped\n\n"
        "\u201cWe did not stop the minister\u2019s vehicle,\u201d said Kottayam Superintendent of Police Hari Shankar.\n\n"
        "Tourism magnate Doan Nguyen Duc bought a plane last week.\n"
    )
    _, an = analyse_text(text)
    assert set(names(an, EntityKind.PERSON)) == {"Hari Shankar", "Doan Nguyen Duc"}
    assert [s.name for s in an.speakers] == ["Hari Shankar"]
    with switched_off("entities.title_last", "kinds.demonym_strict"):
        _, off = analyse_text(text, name="off.txt")
    assert {"Kottayam Superintendent", "Nguyen Duc"} <= set(names(off, EntityKind.PERSON))


def test_an_inverted_said_opening_a_sentence_is_no_given_name(analyse_text):
    """entities.said_first: "Said Kruger on the union's website:" has "Said" as the verb of the
    rest, so the person is Kruger, who speaks; off, "Said Kruger" is a name of its own."""
    text = (
        "Coach praises his side\n\n"
        "Said Kruger on the union's website: \u201cWe were patient and we took our chances when they came.\u201d\n\n"
        "Kruger named an unchanged side for the next match.\n"
    )
    _, an = analyse_text(text)
    assert names(an, EntityKind.PERSON) == ["Kruger"]
    assert [s.name for s in an.speakers] == ["Kruger"]
    with switched_off("entities.said_first"):
        _, off = analyse_text(text, name="off.txt")
    assert "Said Kruger" in names(off, EntityKind.PERSON)


def test_a_person_noun_glued_before_a_name_is_no_part_of_it(analyse_text):
    """ "Homeowner Dara Quinn", "Retiree Colm Walsh": the nouns for a person that PERSON_NOUNS
    lists are cut from the name, as titles are."""
    _, an = analyse_text(
        "Village fights housing plan\n\n"
        "Homeowner Dara Quinn, who organised the petition, said: \u201cWe will not give up this field.\u201d\n\n"
        "Retiree Colm Walsh added: \u201cThe roads cannot take it.\u201d\n"
    )
    assert names(an, EntityKind.PERSON) == ["Dara Quinn", "Colm Walsh"]
    assert [s.name for s in an.speakers] == ["Dara Quinn", "Colm Walsh"]


def test_an_office_word_glued_before_a_name_is_no_part_of_it(analyse_text):
    """ "NASA Administrator Bill Nelson", "Senate President Pro Tem Del Marsh": "administrator",
    "pro" and "tem" are cut from the front of a name like any title."""
    _, an = analyse_text(
        "Probe returns samples\n\n"
        "\u201cWe are trying to find out where we came from,\u201d said NASA Administrator Bill Nelson.\n"
    )
    assert names(an, EntityKind.PERSON) == ["Bill Nelson"]
    assert [s.name for s in an.speakers] == ["Bill Nelson"]


def test_a_surname_the_model_tagged_apart_joins_the_name(analyse_text):
    """entities.surname_apart: "Luhut Binsar" tagged a person and "Panjaitan" a place right after
    it are one man, "Luhut" later included; off, the surname is lost from his name."""
    text = (
        "Minister says decision is made\n\n"
        "The president has decided on the reshuffle, according to Chief Security Minister Luhut Binsar "
        "Panjaitan.\n\n"
        "\u201cHe will make it public soon,\u201d Luhut said on Wednesday.\n"
    )
    _, an = analyse_text(text)
    assert "Luhut Binsar Panjaitan" in names(an, EntityKind.PERSON)
    with switched_off("entities.surname_apart"):
        _, off = analyse_text(text, name="off.txt")
    assert "Luhut Binsar Panjaitan" not in names(off, EntityKind.PERSON)


def test_a_body_name_glued_before_a_person_is_split_off(analyse_text):
    """entities.body_word_before_name: "Speaking to Sky News Mark Benson" is tagged as one name;
    "News" ends the outlet's name and a given name starts his (off, one person "Sky News Mark
    Benson")."""
    from tui.analysis.rules import switched_off

    text = (
        'Strikes to grow\n\nSpeaking to Sky News Mark Benson, general secretary of the union, said: "It will be even bigger."\n'
    )
    _, an = analyse_text(text)
    assert _kinds(an) == {"Sky News": "organization", "Mark Benson": "person"}
    with switched_off("entities.body_word_before_name"):
        off = analyse_text(text, name="off.txt")[1]
    assert "Sky News Mark Benson" in _kinds(off)


@pytest.mark.parametrize(
    ("rule", "text", "on", "off"),
    [
        (
            # "Board Chair Ann Kerr" tagged as one body.
            "entities.title_before_name",
            'School row\n\nBoard Chair Amanda Deaton (District 4) said she understands parents\' concerns.\n\n"We do not have 1,128 pupils," she said.\n',
            "Amanda Deaton",
            "Board Chair Amanda Deaton",
        ),
        (
            # "Cardinal Fridolin Ambongo" tagged as a work of art.
            "entities.titled_other_label",
            "Synod\n\n\u201cThere are a lot of people who believe that this synod will bring solutions,\u201d "
            "Cardinal Fridolin Ambongo of Kinshasa, Congo, said during a news conference at the Vatican Oct. 7.\n",
            "Fridolin Ambongo",
            None,
        ),
        (
            # "C.V." is part of the name, though the parser ends a sentence at it.
            "entities.dotted_initials",
            'Museum\n\n"The museum has to be renovated completely," administrator of the museum C.V. Ananda Bose told IANS.\n',
            "C.V. Ananda Bose",
            "Ananda Bose",
        ),
        (
            # "Jayne and Bruce Moffatt": she is a Moffatt too.
            "entities.couple_surname",
            "Concert\n\nThe tribute festival was organised by Jayne and Bruce Moffatt, of Gore.\n\n"
            "\u201cWe\u2019ve had such amazing feedback,\u201d Mrs Moffatt said.\n",
            "Jayne Moffatt",
            "Jayne",
        ),
        (
            # "District" ends the area's name, not starting his.
            "entities.body_word_edge",
            "Gardai\n\nCathaoirleach of the Carrick-on-suir District Kieran Bourke says four gardai are not enough.\n",
            "Kieran Bourke",
            "District Kieran Bourke",
        ),
        (
            # "Satiu Simativa" tagged, "Perese" left out.
            "entities.name_tail",
            'Court\n\nChief Justice Satiu Simativa Perese said while delivering the judgment "that the Head of State '
            'does not have the power to call for a fresh election".\n',
            "Satiu Simativa Perese",
            "Satiu Simativa",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and v.startswith("entities.") else "",
)
def test_a_persons_name_found_whole(analyse_text, rule, text, on, off):
    """Each rule makes the person's name whole (or a person of it) that the model cut or took
    for something else; off, the name is cut, kept whole with its title, or gone."""
    from tui.analysis.rules import switched_off

    _, an = analyse_text(text)
    assert _kinds(an).get(on) == "person", _kinds(an)
    with switched_off(rule):
        off_kinds = _kinds(analyse_text(text, name="off.txt")[1])
    assert on not in off_kinds, off_kinds
    if off is not None:
        assert off in off_kinds, off_kinds


def test_a_body_whose_name_opens_with_a_titles_word_stays_a_body(analyse_text):
    """entities.titled_body: "The Foreign Affairs Ministry" is no person "Affairs Ministry" with
    the title "Foreign" (off, it is, and speaks under that name)."""
    from tui.analysis.rules import switched_off

    text = 'Nickel\n\nThe Foreign Affairs Ministry revealed that European firms were making a "quite huge investment".\n'
    _, an = analyse_text(text)
    assert {s.name for s in an.speakers} == {"Foreign Affairs Ministry"}
    with switched_off("entities.titled_body"):
        off = analyse_text(text, name="off.txt")[1]
    assert "Affairs Ministry" in _kinds(off), _kinds(off)


def test_a_bodys_name_cut_by_the_model_is_made_whole_from_its_full_mention(analyse_text):
    """entities.org_left_part: "Crowded House said" tagged "House" where "Crowded House" is named
    earlier is that body (off, a second body "House" speaks)."""
    from tui.analysis.rules import switched_off

    text = (
        "Refunds\n\nCrowded House have announced via social media that they will be refunding fans.\n\n"
        '"Though it may be common practice on their tours," Crowded House said at the start of their statement.\n'
    )
    _, an = analyse_text(text)
    assert {s.name for s in an.speakers} == {"Crowded House"}
    assert "House" not in _kinds(an)
    with switched_off("entities.org_left_part"):
        off = analyse_text(text, name="off.txt")[1]
    assert {s.name for s in off.speakers} == {"House"}


def test_a_paper_named_before_a_given_name_is_not_part_of_it(analyse_text):
    """entities.body_word_edge: "an interview with the Chicago Tribune Paul was asked" tagged as
    the person "Tribune Paul" is Paul."""
    from tui.analysis.rules import switched_off

    text = (
        "Tour plans\n\nPaul Stanley spoke about the band.\n\n"
        "During an interview with the Chicago Tribune Paul was asked if he had ruled out past members.\n"
    )
    _, an = analyse_text(text)
    assert "Tribune Paul" not in _kinds(an), _kinds(an)
    with switched_off("entities.body_word_edge"):
        off = analyse_text(text, name="off.txt")[1]
    assert "Tribune Paul" in _kinds(off), _kinds(off)
