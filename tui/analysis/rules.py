"""The resolver's rules by id, with what each one does, and a switch to turn rules off.

Every attribution names the rule that decided it (`Attribution.rule`), so this table is also
the vocabulary of `--json`'s `"attribution"` field. `benchmarks/quote_eval.py --rules` scores
the corpus with each rule switched off in turn: a rule that does not pay its way is deleted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Who a subject phrase refers to (tui.analysis.attribution), in the order they are tried.
SUBJECT_RULES: dict[str, str] = {
    "subject.person_inside": '"pastor Tom Welles of Grace Harbor Church, told": the person the parser hung on an organisation it made the subject',
    "subject.holder_after_of": '"Chief Executive of Galway County Council Liam Conneally confirmed": a title "of" a body ending in a person\'s name is that person\'s',
    "subject.appos_head": '"his wife, UNAIDS executive director Winnie Byanyima, called": the name heading the apposition, before any other name inside it',
    "subject.name": "a name the entity list knows",
    "subject.titles_joined": '"president and CEO Neil Portnow said": two titles joined by "and", the second ending in a person\'s name, are that person\'s',
    "subject.not_listener": '"X, who runs the unit, told CTV Vancouver": of two subjects the parser gives "tell", the one after it is the listener',
    "subject.stray_name": '"It was an emotional evening for the squad and Okafor, who will now retire, told Harbour Radio:" parsed with no subject: the person named just before the verb, past a clause describing a noun',
    "subject.stray_name_before": '"…" following "abuses" linked to fund flows, Ravi Menon, managing director at the authority, said: a name set off by commas right before a verb with no subject is its speaker, whatever clause the parser hung it in',
    "subject.age_only": '"Sylvia Moore, head of X school, an 800-pupil comprehensive, said" parsed with no subject: a noun with a number is taken for the speaker only when the number is an age ("a 67-year-old farmer")',
    "subject.participle_opening": '"Writing on Twitter, Hazel Dunn, who works in Leeds, said:" parsed with "Writing" as the subject: the person named before the verb',
    "subject.stray_pobj": '"At a press conference on Friday Minister Ashworth says" parsed with the name under "on": the person named right before a verb that has no subject',
    "subject.speaks_for": '"A spokesman for Prime Minister Ann Ridley told": one who speaks for the person named is not that person',
    "subject.kin_of": '"The son of Senate Speaker George Pell said": a kin noun naming someone by another person is not that person',
    "subject.not_date": '"The sale, announced Tuesday, includes": a day or a date after a speech verb is when, never who',
    "subject.split": '"the lifelong Holden, Louisiana, resident said": one definite subject the parser cut in two',
    "pronoun.person": '"he"/"she": the latest person of that gender, most prominent first',
    "pronoun.person_noun": '"he"/"she" never goes to a description whose noun is not a person\'s ("The result confirmed …")',
    "gender.given_name": 'a person\'s sex from a given name only one sex bears in Faker\'s lists ("Gwen", "Errol"), for "he"/"she"',
    "gender.all_given": 'every word before the surname has its say in gender.given_name, and two that disagree say nothing ("Tan Sri Muhammad …")',
    "gender.said_that": "\"Ndlovu added that he was proud\": the pronoun reporting a speaker's own words tells the speaker's sex, over the name lists' guess",
    "pronoun.far": '"he"/"she" with no person of that gender in the last six sentences: the latest one before them',
    "name.given_alone": '"Shumeez ran to a neighbour": a given name used alone is its one bearer in the text',
    "document.issuer": '"a statement from X said": the issuer',
    "cue.read": '"the statement read", "It read:": a document\'s words are cued by "read"',
    "document.issued": '"the FAA released a statement which read", "a statement released by the council read", "a post on the department\'s page said": whoever put the document out',
    "document.unsigned": '"…," a statement said, with no issuer named: whoever was speaking just before, same paragraph or the two before',
    "document.body_noun": '"a ministry statement said", "a police statement said": the body the noun names, as a later "the ministry" would be',
    "document.compound": '"a White House statement said": the issuer named before the noun',
    "name.untagged": "a proper name the NER missed: joins an entity with the same last word",
    "name.untagged_given": '"Giani Gurbachan Singh said", untagged, with "Surinder Singh" named: a full name with another given name is someone else, not the entity sharing its surname',
    "name.title_of_place": '"The Archbishop of Canterbury told": an untagged title "of" a place is the title-holder, never the place',
    "role.antecedent": '"the Ukrainian leader": an earlier referent with that title or age',
    "role.former_title": '"the Pope said" after "Pope Francis" and "Pope Emeritus Benedict": of two equally matching title-holders, one with "former", "emeritus" or "retired" is passed over',
    "role.prefixed_title": '"his co-host Ann Kerr", "the ex-president": a title glued to "co-", "ex-" or "vice-" is another title, so a later "the host" is not her',
    "role.not_own_modifier": '"the Green Party leader" is never the party, "the Obrecht campaign manager" never Obrecht: a name inside the role phrase is whose the role is',
    "description.antecedent": '"the 23-year-old": the latest person in the story',
    "description.given_name": '"who gave his name only as Serhiy"',
    "description.quantifier": '"…," some reported: part of a crowd, named by the word (with description.new)',
    "description.new": '"a 44-year-old serviceman": someone described, not named',
    "description.cue_noun": '"…," said the caller: any common noun a quote is given to is a speaker, known to the lexicon or not',
    "description.collective": '"his family said", "the couple said": a singular noun for several people is a group, for "they" and never one person',
    "description.whole_words": '"Organisers of the Norfolk-based electronic music festival": a description is up to ten words, a hyphenated one counting once, and a long one loses its "of …" phrase rather than stopping in the middle of a name',
    "description.another": '"another resident said": the description keeps "another", which says this is not the resident quoted before',
}

# How a quote found its speaker (tui.analysis.quotes).
QUOTE_RULES: dict[str, str] = {
    "quote.right_mark_opens": "”Yes,” she said: a right-hand double mark after a space and before a word opens a quote",
    "quote.paired_apostrophes": "''Yes,'' she said: two apostrophes make one double quote mark (typewriter copy)",
    "quote.paired_curly": "“Yes,’’ she said: two right single marks close a double quote (and two left ones open one)",
    "quote.glued_close": '"…local agencies,"said Ana Cruz": a double mark after a comma or full stop closes a quote even when a lower-case word follows with no space (the tokenizer splits it off too)',
    "cue.after": 'a cue right after the quote: "…," Rubio said',
    "cue.relayed": '"Officials said soldiers "foiled the attack", the BBC reported": a report verb above another speech verb relays that speaker\'s words',
    "cue.inverted_name": '"…," said Brenda Dennis, who co-owns the store: a speech verb right after the quote and a person\'s name heading the phrase after it name the speaker, whatever the parse made of the verb',
    "cue.label": '"Sir Alex Ferguson: "It was an amazing finish."": a person\'s name and a colon opening the paragraph label the quote after them',
    "cue.label_below": '"Ken McDonald, MP for Avalon" on a line of its own right below quote paragraphs with no cue: the person named said them (round-ups)',
    "cue.after_stop": 'a cue sentence right after a quote closed by a full stop: "…." Ogum said.',
    "cue.passive_agent": '"Knowles was described as "…" by his family": a passive speech verb about someone gives the quote to its "by" agent, or to no one',
    "cue.quoted_as_saying": '"…," Reuters quoted Dario Belmonte as saying / "…," Colonel Amsel was quoted as saying: the one quoted is the speaker, not the outlet, and the passive credits him',
    "cue.passive_none": '"…," we were told / "Knowles was described as "…"" with no "by": a cue that credits no one, so nothing is inherited',
    "cue.governing": "the speech verb the quote depends on in the parse",
    "cue.sentence": "a partial quote: the speech verb of its sentence",
    "partial.subject": 'a partial quote with no speech verb: the subject of its sentence ("she noticed the rain "twirling"")',
    "partial.clause_subject": '"the Commission, who ordered the union to "cease"": partial.subject takes the subject of the nearest clause above the quote, a relative pronoun standing for its noun',
    "salience.dead": '"her father was among the dead", "a man died": one whose death a clause tells is no antecedent for a later "he said"',
    "salience.child": '"a five-year-old boy was among the injured": a child or a baby spoken of is not the "he" or "she" of a later quote',
    "salience.subordinate": 'a speech act in a subordinate clause ("when a reporter suggested") does not outrank the main subject for "he"',
    "salience.asked": 'a name inside a question ("When asked if Mr Doran was involved, he said") is its topic: not who a later "he" is',
    "salience.addressee": '"Judge Price asked Dunn if he had discussed the case": the one asked answers, so "he replied" is Dunn',
    "salience.passive": 'the subject of a passive speech verb ("Milligan was dismissed", "she was asked") is not a speaker for "he"/"she"',
    "inherit.speaker": "no cue: the latest speaker, same paragraph or the two before",
    "pronoun.speaker": '"…," it said / he said, the pronoun left unresolved: the latest speaker it fits, same paragraph or the two before',
    "partial.repeated": "a phrase quoted with no cue of its own whose words come back later in a quote a cue credits is that speaker's (the lead quotes before it names)",
    "inherit.issued": '"His family issued a statement." then "It read: …" or its uncued words: putting a text out is speaking',
    "inherit.not_source": '"…," the statement reads, according to Allkpop; "X claimed "…", The Indian Express reported": a source cited beside another speech verb is not someone speaking, so later quotes do not inherit it',
    "inherit.topic": "no cue: the person the paragraph before is about",
    "inherit.next": "no cue and no speaker before: the person named speaking at the start of the next paragraph",
    "inherit.partial": "a partial quote with no cue: the speaker quoted in the same paragraph or the one before",
    "continuation": "a paragraph continuing a quote opened above",
    "continuation.speaks": "a paragraph a continued quote is credited to counts as its speaker speaking there, for inherit.speaker after it",
    "lede.named": "a described lede speaker named in the next paragraph",
    "lede.untitled": "lede.named also when the person named next is given no title at all",
    "echo": "a headline or subhead quote repeating a body quote",
}

# Which names are entities (tui.analysis.entities).
ENTITY_RULES: dict[str, str] = {
    "entities.headings_agree": "a name found only in a headline or subhead is kept when the body names it too",
    "kinds.town_not_subject": '"Llanelli\'s Prince Philip": a one-word "person" that is a gazetteer town, not a given name, and never a subject is a place',
    "kinds.listed_site": '"in Beetham, Morvant and Laventille": every member of a list after "in" is where things happen',
    "entities.sentence_case": '"Farmers say", "Anger grew": a one-word name only ever at a sentence start, its word also written in lower case, is no name',
    "entities.thing_names": '"Money Laundering Prohibition Act", "Ranchi Test", "Commonwealth Games": laws, plans, meetings and competitions are no entities',
    "kinds.place_opening": '"Co Antrim", "Barangay Ermita", "Mount Elgon": a name opening with a place word, whose last word names no body, is a place',
    "entities.joined_names": '"Amy Berman" + "Jackson": two person spans side by side are one name',
    "entities.surname_apart": '"Luhut Binsar" + "Panjaitan" tagged as a person and a place: one capitalised word, no known place, right after a name of two words or more is its surname',
    "entities.untagged": "untagged proper nouns: places listed beside a tagged place, countries, platforms, outlets told or cited",
    "entities.place_cues": 'untagged gazetteer places: "in central Christchurch", "a Christchurch resident", "D-Nev.", "Kigali: ..."',
    "entities.name_edges": '"I-Ching Chen" tagged as "Ching Chen", "Mutula Kilonzo Junior" as "Mutula Kilonzo": a name\'s hyphenated first half and its generation',
    "entities.hyphen_tail": '"Yoon Suk-yeol" tagged as "Yoon Suk": the lower-case syllable after the hyphen is part of the given name',
    "entities.titled_other_label": '"Cardinal Fridolin Ambongo" tagged as a work of art or an event: a title before two or three proper nouns makes a person',
    "entities.dotted_initials": '"C.V. Ananda Bose" tagged as "Ananda Bose": initials with full stops before a person\'s name are part of it',
    "entities.couple_surname": '"organised by Jayne and Bruce Moffatt": a given name alone joined to a full name shares its surname, so "Mrs Moffatt" can be her',
    "entities.name_tail": '"Chief Justice Satiu Simativa Perese" tagged as "Satiu Simativa": the untagged proper noun the name\'s last word hangs on ends the name',
    "entities.body_word_edge": '"the Carrick-on-Suir District Kieran Bourke", "the Chicago Tribune Paul was asked": a word ending a body\'s or an area\'s name ("District", "Council", "Tribune") is never the first word of the person named after it',
    "entities.titled_body": '"The Foreign Affairs Ministry" is not the person "Affairs Ministry" with the title "Foreign": a word that names a body ("Ministry", "Council") keeps a titled span a body',
    "entities.org_left_part": '"Crowded House said" tagged "House" where "Crowded House" is named elsewhere: the word before completes the name',
    "entities.title_before_name": '"Board Chair Ann Kerr" tagged as one body: a capitalised title before a given name and surname makes the name a person\'s, the title hers',
    "entities.body_word_before_name": '"Speaking to Sky News Mark Benson" tagged as one name: a body\'s name ending in a body word ("News", "Union"), then a person',
    "entities.untagged_title": '"Mayor Sheikh Fazle Noor Tuhin", "Danish MEP Kasper Brixtofte" left untagged: two to four capitalised words after a title are a person',
    "entities.untagged_titled": '"County Coun Don Mackenzie", "Mrs Adaeze Obi" left untagged: the words after an honorific are a person',
    "entities.before_given_name": '"TD Joe Costello", "Policing Martin Dole": titles, ranks, roles, acronyms and portfolios glued before a given name are not part of the name',
    "entities.person_rank": '"Cal Fire Capt. Scott McLean", "District Councilman Chris Hilbert": a body or a role glued before a person\'s rank or title is not part of the name',
    "entities.name_across_spans": '"Md Yani" + "Mat" + "Zin", "Jeroen van" + "der" + "Veer", "Party Committee Dinh" + "Tien Dung": a person\'s name the model cut across two spans, or whose given name it put at the end of the span before, is one name',
    "entities.org_before_name": '"Presidency Milorad Dodik", "rights group Liberty Emmanuelle Andrews": a body\'s word or name glued before a person\'s given name is not part of the name',
    "kinds.demonym_strict": '"Chan Foong Hin", "Rusdi Mohd Isa": a first word shaped like a nationality is dropped from a person\'s name only if it is no surname and, ending in "i", a country\'s name comes before it ("Iraqi")',
    "entities.portfolio_before_name": '"Assistant Commissioner Counter Terrorism Scott Lee": after a title, capitalised words before a given name that are no one\'s name are a portfolio',
    "entities.place_before_name": '"Khyber Pakhtunkhwa Akbar Hoti" tagged as one body: a known place, then a given name and a surname, are a place and a person',
    "entities.honorific_pairs": '"Tan Sri Razarudin Husain": a two-word honorific whose first word is also a name is no part of the name, nor a clue to sex',
    "entities.particle_surname": '"Thamer al-Jedaei", "Al-Barrack said": a surname behind a hyphened particle is still a capitalised name, and the particle\'s case does not split its bearer',
    "clustering.generation": '"Michael Brown Sr" and "Michael Brown" are father and son, two people; a bare "Brown" may be either',
    "clustering.shared_surname": '"Hayman said" after "Haim Hayman, father of Inbar Hayman": a bare surname two people share is the one named first (or alone in the body before the other), or the one a "Mrs"/"Mr" fits',
    "clustering.given_name_alone": '"said Sweetwood" after "Ann Sweetwood is Lance Corporal Rob Sweetwood\'s mother. Rob drowned": of two people sharing a surname, one the story calls by the given name alone is not the bare surname',
    "clustering.kin_parse": '"Pell said" after "The son of Senate Speaker George Pell": someone a relative is named by ("of" after a kin noun, past any titles) is not whom a bare shared surname means',
    "entities.said_first": '"Said Kruger on the union\'s website:" tagged as one name: a first word the parse makes a verb of the rest is an inverted cue',
    "entities.title_last": '"Kottayam Superintendent", "Etowah County Sheriff" tagged as people: a name ending in a title, with no given name before it, is nobody\'s name',
    "entities.postnominal": '"Mary Lou McDonald TD": letters after a name are not part of it, and the rest is a person',
    "kinds.surname_any_kind": '"Holm, Berglund and Sand scored" after "Anders Berglund": a one-word place or organisation that is the surname of exactly one person in the text is that person (not a town of 100,000 or more)',
    "kinds.the_no_person": '"The Herald reported that she had told friends …": a name written with "the" before it is no person\'s, however a "he" or "she" after it reads',
    "kinds.comma_label": "\"Cllr Padraig Dolan, Fianna Fáil, agreed\": a name only ever set off by commas right after a person's name is a label (his party), an organisation, unless shaped like a person's name",
    "kinds.bracketed_label": '"Annabel Kerridge (Con) said": one word in brackets right after a person\'s name is a label (a party), never made a person by the learned scorer',
    "kinds.learned": "the learned scorer (kind_scorer) overrules the hand rules' kind, or drops the entry, where it is sure",
    "entities.portfolio": '"Internal Affairs Minister", "Devolution Cabinet Secretary": the words before a minister\'s title are a portfolio, not an organisation',
}

RULES: dict[str, str] = {**SUBJECT_RULES, **QUOTE_RULES, **ENTITY_RULES}

_OFF: ContextVar[frozenset[str]] = ContextVar("rules_off", default=frozenset())


def enabled(rule: str) -> bool:
    return rule not in _OFF.get()


@contextmanager
def switched_off(*rules: str) -> Iterator[None]:
    """Run the engine with some rules disabled (for measuring what each one is worth)."""
    unknown = set(rules) - RULES.keys()
    if unknown:
        raise ValueError(f"unknown rules: {sorted(unknown)}")
    token = _OFF.set(_OFF.get() | frozenset(rules))
    try:
        yield
    finally:
        _OFF.reset(token)
