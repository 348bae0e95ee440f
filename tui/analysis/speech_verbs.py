"""Lexicons for attribution: verbs that report speech and nouns that name speakers.

Lemmas as spaCy's English lemmatizer gives them; both spellings where British and American
English differ, since house styles differ.
"""

from __future__ import annotations

# Verbs that introduce direct or reported speech ("...," she said / he warned that ...).
SPEECH_VERBS = frozenset(
    """
    say tell add warn insist note explain pledge remark state emphasise emphasize stress claim
    argue declare announce reply respond answer ask admit acknowledge confirm deny suggest write
    tweet post comment conclude predict promise vow recall reiterate repeat shout scream
    whisper mutter joke quip concede contend assert maintain observe describe call brand label
    dub urge caution report recount testify allege protest lament boast exclaim cry yell complain
    sigh laugh mention muse reason retort counter rejoin reflect accuse criticise criticize
    demand threaten disclose reveal inform assure advise concur murmur grumble snap bark thunder
    fume gush rave enthuse opine proclaim indicate hint
    praise hail condemn slam blast decry dismiss reject dispute rebut refute
    interject interrupt elaborate clarify specify summarise summarize lament plead beg
    instruct recommend propose counsel remind reassure
    """.split()
)

# Speech verbs that only count with a particle: "point out", "go on", "sum up".
PHRASAL_SPEECH = frozenset({("point", "out"), ("go", "on"), ("sum", "up"), ("spell", "out"), ("chime", "in")})

# Verbs whose direct object is the listener, never the speaker ("he told AFP").
ADDRESSEE_VERBS = frozenset(
    {"tell", "ask", "inform", "assure", "remind", "reassure", "advise", "urge", "warn", "instruct", "order", "beg"}
)

# Organisation nouns that, with "the" and nothing else, point back to the organisation last
# named ("Lumentra ... the company said"); "the government" or "the police" stand alone.
ANAPHORIC_ORG_NOUNS = frozenset(
    """
    company firm group club team bank carrier airline lender retailer insurer maker
    manufacturer operator corporation business party union organisation organization agency
    broadcaster publisher studio charity network outlet newspaper
    giant conglomerate carmaker automaker chipmaker drugmaker startup platform supermarket chain
    """.split()
)

# Business-press names for a company by what it does, which with "the" and any lowercase
# modifiers point back to the organisation last named: "the tech giant", "the Canadian miner".
# Without an organisation in sight they describe a person ("the miner, 52, said").
TRADE_NOUNS = frozenset(
    """
    giant conglomerate carmaker automaker chipmaker drugmaker miner producer exporter importer
    distributor developer builder supplier startup platform supermarket chain
    """.split()
)

# Heads of noun phrases that stand for an organisation, not a person.
ORG_NOUNS = frozenset(
    """
    ministry government council company police army military committee commission agency
    department office court union party federation club team firm bank group board authority
    authorities administration cabinet parliament senate congress assembly embassy consulate
    regulator watchdog prosecutor's prosecutors navy airforce force forces service services
    campaign charity foundation institute university school hospital municipality
    presidency kremlin palace secretariat directorate bureau association league organisation
    organization corporation carrier airline manufacturer maker retailer insurer lender bank
    operator operators spokesoffice fund coalition alliance opposition junta regime
    jury panel tribunal command headquarters network broadcaster newspaper outlet agency publisher studio lobby
    giant conglomerate carmaker automaker chipmaker drugmaker startup platform supermarket chain
    """.split()
)

# Nouns that describe a person by role; "the minister", "a spokesman", "the 44-year-old".
PERSON_NOUNS = frozenset(
    """
    president leader minister premier chancellor secretary spokesman spokeswoman spokesperson
    official officer diplomat envoy ambassador senator lawmaker legislator congressman
    congresswoman representative mayor governor king queen prince princess monarch emperor
    general commander colonel captain soldier serviceman servicewoman fighter veteran
    resident residents witness witnesses villager villagers farmer farmers worker workers
    teacher doctor nurse surgeon scientist researcher expert analyst analysts economist
    professor student lawyer attorney prosecutor judge defendant victim survivor mother father
    son daughter wife husband woman man girl boy child widow neighbour neighbor owner
    shopkeeper driver pilot passenger fan fans player striker midfielder defender goalkeeper
    coach manager captain boss chairman chairwoman chair ceo executive founder director head
    chief investor trader banker source sources activist campaigner protester protesters
    demonstrator organiser organizer candidate voter voters citizen citizens refugee migrant
    officials engineer designer artist author writer singer actor actress director
    spokesmen negotiator mediator adviser advisor aide counsel inspector detective sergeant
    constable firefighter paramedic medic rescuer volunteer priest bishop cleric imam rabbi
    pope cardinal politician deputy mp chairperson treasurer economist strategist pollster
    chef cook baker businessman businesswoman entrepreneur novelist poet musician composer
    photographer journalist reporter editor broadcaster presenter comedian dancer athlete
    runner cyclist swimmer boxer champion skipper batsman bowler jockey trainer
    observer monitor critic supporter opponent member expert scholar historian colleague
    friend relative parent participant delegate rebel militant insurgent guard teenager
    pensioner shopper commuter tourist student graduate mourner relative eyewitness
    customer client buyer seller user supplier partner rival competitor landlord tenant
    brother sister grandson granddaughter grandmother grandfather cousin uncle aunt nephew niece
    fiance fiancee boyfriend girlfriend stepfather stepmother employer employee
    """.split()
)

# Role nouns that may stand for one another when a later mention refers back to an earlier
# title: "the Ukrainian leader" for "Ukrainian President Volodymyr Zelensky".
ROLE_CLASSES: dict[str, frozenset[str]] = {
    "leader": frozenset(
        "president premier prime chancellor king queen monarch emperor leader head chief chairman chairwoman ceo".split()
    ),
    "head": frozenset("president chairman chairwoman ceo chief director head leader boss".split()),
    "boss": frozenset("ceo chief executive chairman chairwoman manager coach head boss director founder owner".split()),
    "executive": frozenset("ceo cfo coo chief executive director chairman chairwoman founder".split()),
    "official": frozenset(
        "official minister secretary spokesman spokeswoman spokesperson officer diplomat envoy ambassador adviser advisor aide".split()
    ),
    "diplomat": frozenset("diplomat ambassador envoy minister secretary".split()),
    "politician": frozenset("senator lawmaker legislator congressman congresswoman mp minister president mayor governor".split()),
    "lawmaker": frozenset("senator lawmaker legislator congressman congresswoman mp representative".split()),
    "manager": frozenset("manager coach boss".split()),
    "coach": frozenset("coach manager".split()),
    "player": frozenset("player striker midfielder defender goalkeeper forward captain winger".split()),
    "star": frozenset("player striker midfielder defender goalkeeper forward captain winger singer actor actress".split()),
    "minister": frozenset("minister secretary".split()),
    "secretary": frozenset("secretary minister".split()),
    "spokesman": frozenset("spokesman spokeswoman spokesperson".split()),
    "spokeswoman": frozenset("spokesman spokeswoman spokesperson".split()),
    "spokesperson": frozenset("spokesman spokeswoman spokesperson".split()),
}

PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"it", "they"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
