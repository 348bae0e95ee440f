"""Every word list of the engine, one list per concept, so rules cannot drift apart.

Lemmas as spaCy's English lemmatizer gives them, lower-cased unless a list says otherwise; both
spellings where British and American English differ, since house styles differ. A list that
another needs is derived from it here, not copied.
"""

from __future__ import annotations

import re

# ---- speech -----------------------------------------------------------------------------------
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
    instruct recommend propose counsel remind reassure express
    echo implore sob chant apologise apologize reckon rue marvel scoff sneer
    """.split()
)

# Speech verbs that name something in the speaker's own words: 'Rudd called it "the greatest
# moral challenge"'. Inside another speaker's report, the words are still the namer's.
NAMING_VERBS = frozenset("call describe label dub brand term".split())

# Speech verbs that only count with a particle: "point out", "go on", "sum up".
PHRASAL_SPEECH = frozenset({("point", "out"), ("go", "on"), ("sum", "up"), ("spell", "out"), ("chime", "in")})

# Verbs whose direct object is the listener, never the speaker ("he told AFP").
ADDRESSEE_VERBS = frozenset(
    {"tell", "ask", "inform", "assure", "remind", "reassure", "advise", "urge", "warn", "instruct", "order", "beg"}
)

# Verbs that put a question to someone: "Asked whether Frost knew, he replied", "the judge
# asked Dunn if he had discussed the case": who is named inside the question is its topic,
# and the one asked is the one who answers.
QUESTIONING_VERBS = frozenset("ask question press quiz query".split())

# Speech verbs whose object is who is spoken of or to: in the passive ("Knowles has been described
# as ...", "she was told ...") their subject is not the speaker; the "by" agent is.
SPOKEN_OF_VERBS = (
    frozenset(
        "describe call brand label dub term praise hail accuse criticise criticize condemn slam blast "
        "decry dismiss remember mock".split()
    )
    | ADDRESSEE_VERBS
)

# Companies named by their trade: "the tech giant", "the carmaker".
BUSINESS_NOUNS = frozenset("giant conglomerate carmaker automaker chipmaker drugmaker startup platform supermarket chain".split())

# Organisation nouns that, with "the" and nothing else, point back to the organisation last
# named ("Lumentra ... the company said"); "the government" or "the police" stand alone.
ANAPHORIC_ORG_NOUNS = (
    frozenset(
        """
    company firm group club team bank carrier airline lender retailer insurer maker
    manufacturer operator corporation business party union organisation organization agency
    broadcaster publisher studio charity network outlet newspaper
    """.split()
    )
    | BUSINESS_NOUNS
)

# Business-press names for a company by what it does, which with "the" and any lowercase
# modifiers point back to the organisation last named: "the tech giant", "the Canadian miner".
# Without an organisation in sight they describe a person ("the miner, 52, said").
TRADE_NOUNS = BUSINESS_NOUNS | frozenset("miner producer exporter importer distributor developer builder supplier".split())

# Heads of noun phrases that stand for an organisation, not a person.
ORG_NOUNS = (
    frozenset(
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
    """.split()
    )
    | BUSINESS_NOUNS
)

# Nouns that describe a person by role; "the minister", "a spokesman", "the 44-year-old".
PERSON_NOUNS = frozenset(
    """
    administrator agent goalie goaltender netminder pro tem tempore
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
    magistrate solicitor barrister accused coroner councillor councilor commissioner sheriff
    superintendent principal headteacher lecturer pastor chaplain trustee clerk
    appellant respondent plaintiff claimant complainant advocate accountant
    homeowner householder homebuyer renter leaseholder motorist pedestrian holidaymaker spectator
    onlooker bystander diner retiree camper angler hiker caddie wicketkeeper all-rounder winger
    flanker fly-half scrum-half fullback quarterback pitcher rookie debutant butcher publican
    landlady barman bartender waiter waitress proprietor co-founder cofounder shareholder
    ms msp mla mep mpp
    """.split()
)

# Words that make an adjective of a name after a hyphen ("Irish-born", "Kyiv-style"): never the
# second syllable of a given name.
COMPOUND_TAILS = frozenset("born run style era on made like wide free type ish esque area".split())

# Words after a name that tell a son from his father: part of the name.
GENERATION_SUFFIXES = frozenset("Jr Jr. Junior Snr Snr. Sr Sr. II III IV".split())
# Letters after a name that say an office or a rank ("Mary Lou McDonald TD", "Ciaran
# O'Mahony BL"): not part of the name.
POSTNOMINALS = frozenset("TD BL SC QC KC MP MLA MPP MSP MEP MS MHA JP OBE MBE CBE KBE".split())

# Endings of nouns for a person ("educator", "seamstress", "neighbour", "resident"), for a
# described speaker the lists above lack ("-ment" nouns, "statement", are excluded where used).
AGENT_SUFFIXES = ("er", "or", "our", "ist", "ian", "ee", "ant", "ent", "ess", "man", "woman", "person", "eer", "ster")
# Heads of "one of the girls", "another of the residents": one person picked from a group.
PARTITIVE_HEADS = frozenset("one another each".split())

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
    # "the rep" after "Wendy Williams' representative": a star's spokesperson by its short name
    "rep": frozenset("rep representative publicist spokesman spokeswoman spokesperson agent".split()),
    "publicist": frozenset("publicist rep representative spokesman spokeswoman spokesperson".split()),
}


# Family relations: "his son Dallas Warner", "father of Inbar Hayman" bring in a relative.
KIN_NOUNS = frozenset(
    "father mother son daughter wife husband brother sister uncle aunt nephew niece cousin grandson "
    "granddaughter grandmother grandfather widow widower fiance fiancee stepfather stepmother stepson "
    "stepdaughter father-in-law mother-in-law son-in-law daughter-in-law brother-in-law sister-in-law".split()
)

# Those who speak for someone else: "a spokesman for the Prime Minister" is not the Prime Minister.
SPEAKING_FOR_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson spokesmen lawyer lawyers attorney attorneys solicitor barrister "
    "counsel aide aides representative agent publicist".split()
)

# Singular nouns for several people: "his family said" is a group, never the one person named
# next, and "they" may stand for it.
COLLECTIVE_NOUNS = frozenset("family couple pair duo trio household crowd".split())

# Those too young to be quoted, whatever "he" or "she" follows them.
CHILD_NOUNS = frozenset("baby babies toddler toddlers infant infants newborn newborns".split())
# Ages spelt out that make "a five-year-old" a child.
YOUNG_AGES = frozenset("one two three four five six seven eight nine ten eleven twelve".split())

# A clause saying someone died makes them no antecedent for a later "he said": what they die
# of (active), what is done to them (passive), and where the dead are counted.
DYING_VERBS = frozenset("die perish drown succumb".split())
KILLING_VERBS = frozenset("kill murder slay stab shoot strangle execute".split())
DEAD_NOUNS = frozenset("dead deceased fatality fatalities victim victims".split())

PERSON_PRONOUNS = frozenset({"he", "she"})

# ---- names and titles -------------------------------------------------------------------------
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. "
    "sen sen. rep rep. gen gen. col col. capt capt. lt lt. sgt sgt. gov gov. st st. cllr cllr. coun coun. "
    "datuk dato dato' datin seri alhaji shri smt cr cr. hon hon. ald ald. tun baron baroness viscount viscountess".split()
)
# Two-word honorifics whose first word is also a name ("Tan Sri", a Malaysian title; Tan is a
# surname and, in the name lists, a woman's given name).
HONORIFIC_PAIRS = frozenset({"tan sri", "puan sri", "toh puan"})

# Titles whose capitalised words before them name a portfolio, not a body: "Social Welfare
# Minister", "Interior Cabinet Secretary" (a body's own name ends in a body word: "Council").
PORTFOLIO_TITLES = frozenset("minister ministers secretary".split())

# Words that head a title phrase ("Secretary of State", "National Security Advisor") and so
# never form an organisation or person by themselves when spaCy cuts a title apart.
TITLE_NOUNS = frozenset(
    "president vice-president premier prime minister secretary chancellor king queen prince "
    "princess emperor governor mayor senator congressman congresswoman representative "
    "ambassador envoy spokesman spokeswoman spokesperson advisor adviser chief director "
    "commander general admiral colonel captain lieutenant sergeant officer chairman chairwoman "
    "chair ceo cfo coo founder head leader judge justice attorney prosecutor lawyer coach "
    "manager captain striker defender goalkeeper pope bishop archbishop cardinal sheikh emir "
    "sultan speaker deputy official minister foreign interior defence defense executive "
    "economist analyst editor correspondent professor doctor inspector superintendent "
    "commissioner chancellor vice secretary-general undersecretary treasurer president-elect "
    "rabbi imam cleric pastor midfielder forward winger boss skipper pm mp mep garda adviser "
    "councillor councilor cllr magistrate sheriff mla mpp msp mps mec cao cio cto cmo curator registrar "
    "warden constable detective taoiseach tánaiste cathaoirleach corporal commodore trooper mca mna marshal coordinator "
    "acp cec cs councilman councilwoman councilmember alderman alderwoman assemblyman assemblywoman "
    "assemblymember selectman selectwoman clerk comptroller auditor".split()
)

TITLE_PHRASES = frozenset(
    {
        "state",
        "national security",
        "homeland security",
        "defense",
        "defence",
        "the treasury",
        "treasury",
        "justice",
        "commerce",
        "energy",
        "labor",
        "labour",
        "health",
        "education",
        "the interior",
        "interior",
        "foreign affairs",
        "home affairs",
        "the exchequer",
    }
)


# ---- determiners and function words -----------------------------------------------------------
# Words that open a noun phrase; a description is named without them ("a 44-year-old
# serviceman" -> "44-year-old serviceman").
DETERMINERS = frozenset("the a an this that these those one another its their our your my".split())
# Those that point back to something already in the story ("the minister", "this company").
# Glued before a title they make another one: a "co-host" is not "the host", nor an
# "ex-president" "the president".
TITLE_PREFIXES = frozenset({"co", "ex", "vice"})

# Words that make a title one held before: on a tie, "the president" is whoever holds it now,
# not "former President Ann Lee".
STALE_TITLE_WORDS = frozenset({"former", "emeritus", "ex", "late", "retired"})

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Those that cannot stand before a personal name ("the App Store", "its Verdi board"); "that"
# and "this" are left out because "said that Trump ..." is a conjunction, not a determiner.
NOT_BEFORE_NAMES = (DETERMINERS - DEFINITE - {"one", "another"}) | {"the"}
# Small words inside names and titles of works: skipped for initials ("Bank of England"), lower
# case in a title ("The Lord of the Rings").
NAME_FUNCTION_WORDS = frozenset("a an the of and or in on at to for with from by vs v de du la &".split())

# Groups whose possessive opens an institution's name, not an owner and the owned:
# "Children's Haematology Oncology Clinics", "Women's Aid", "Veterans' Affairs".
GROUP_POSSESSORS = frozenset("children women men people veterans workers farmers teachers girls boys".split())

# Lower-case words inside personal names: "Mohammed bin Salman", "Vincent van der Berg".
NAME_PARTICLES = frozenset(
    "bin bint ibn ben van von der den de da di del della dela delos la le al el dos das du y ap ó ní".split()
)

# ---- nationality and places -------------------------------------------------------------------
# A nationality word, singular or plural, adjective or noun: "Ukrainian", "Israelis",
# "Chinese", "Welshman". Case-sensitive: it starts with a capital.
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians?|eans?|ese|ish|ans?|is?|m[ae]n|wom[ae]n)$")
# Given names that are also nationality words: a name opening with one may be a party or a
# people ("Christian Democrats", "Roman Catholics"), so it does not make a person on its own.
DEMONYM_GIVEN_NAMES = frozenset("Christian German Norman Roman Jordan Israel Indiana Dane".split())
# Nouns for settlements and regions: "the Yorkshire town of Selby", "the village of Alcora".
PLACE_NOUNS = frozenset(
    "town city village region province county state district area capital port island valley "
    "river suburb neighbourhood neighborhood municipality oblast governorate".split()
)
# Names of the sky that the model tags as places or organisations; not places on a map.
CELESTIAL_BODIES = frozenset([*"earth moon sun mercury venus mars jupiter saturn uranus neptune pluto".split(), "milky way"])

# Prepositions after which a proper noun the model missed may be a place ("in Margate").
PLACE_PREPOSITIONS = frozenset("in at from to near outside inside across around into of toward towards via".split())

# ---- organisations ----------------------------------------------------------------------------
# A company's legal form, written after its name: "Rio Tinto Ltd" is "Rio Tinto" too.
LEGAL_FORMS = frozenset("Inc Inc. Corp Corp. Ltd Ltd. Limited LLC plc PLC AG SA GmbH Pty Bhd Berhad NV".split())
# Last words of company names, as written: "Castellan Beverages", "Cordillera Capital".
COMPANY_SUFFIXES = LEGAL_FORMS | frozenset(
    (
        "Co Co. Group Holdings Mineral Minerals Mining Bank "
        "Motors Energy Airlines Airways Telecom Systems Technologies Labs Partners Capital Securities Beverages Foods "
        "Brands Pharmaceuticals Industries Logistics Shipping Resources Insurance Software Networks Studios Records "
        "Productions Pictures Films Entertainment "
        "International Global Worldwide"
    ).split()
)
# Nouns for a text an organisation issues: "a statement from the ministry said".
DOCUMENT_NOUNS = frozenset(
    "statement report letter document release filing post message communique note memo email tweet text".split()
)
# Verbs for putting a document out: "the ministry issued a statement which read", "a statement
# released by the council said".
ISSUING_VERBS = frozenset("issue release publish post send put share circulate distribute make".split())
# Other written or decided things that "say", "warn" or "find" in news copy without being
# someone: never a speaker of their own.
WRITTEN_NOUNS = frozenset(
    "study survey poll research analysis paper article book review editorial column complaint lawsuit suit "
    "petition indictment affidavit ruling judgment judgement verdict order decision law bill act policy plan "
    "proposal agreement deal guideline guidance rule notice sign website page headline caption video".split()
)
# Nouns that name words rather than say them: "the words "pandemic risk"", "the slogan "…"".
NAMING_NOUNS = frozenset(
    "word words term terms phrase expression slogan label title name nickname motto hashtag headline caption".split()
)

# ---- gender -----------------------------------------------------------------------------------
FEMALE_WORDS = frozenset(
    "mrs ms miss dame lady madam spokeswoman woman mother daughter wife widow girl queen princess actress "
    "chairwoman congresswoman servicewoman businesswoman grandmother sister sportswoman policewoman".split()
)
MALE_WORDS = frozenset(
    "mr sir lord spokesman man father son husband boy king prince actor chairman congressman serviceman "
    "businessman grandfather brother widower sportsman policeman".split()
)
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


# -- kinds --
# Last words that make a multi-word name a place, whatever the model says: "Taifa Road",
# "Koro Island", "Lagos State", "Engle Business District", "Government Headquarters".
PLACE_NAME_WORDS = frozenset(
    "Road Street Avenue Drive Crescent Lane Boulevard Highway Trail Way Village Island Islands Park Plaza "
    "Temple Square Bridge Airport Stadium District Area Region County State Province Lake Beach Valley "
    "Headquarters Mall Market Estate Township Ward River Gardens Sound Bay Hill Falls Springs Heights "
    "Hall Reserve Stream Rise Terrace Close Walk Rd Ave Inn Station Prison Jail Mine Dam Hotel Camp Arena Oval "
    "GRC Building Barracks Palace Castle Cathedral Mosque Desert Volcano Peninsula Creek Estates Grounds "
    "Courthouse Hospital Clinic Infirmary Centre Center Central Town Place Territory Nagar Grove Farm Downs "
    "View Constituency Zone Harbour Harbor Hills Parish Shire Zoo Lodge Library Theatre Theater Resort Casino "
    "Blvd Pkwy Hwy".split()
)
# Last words that make a multi-word name an organisation: "Hong Kong Observatory",
# "Zimbabwe Anti-Corruption Commission", "Trinidad and Tobago Police Service".
ORG_NAME_WORDS = frozenset(
    "Ministry Department Commission Committee Council Court Tribunal Police Service Authority Agency Board "
    "Bureau Observatory Institute Association Federation Union Party League Corporation Company Foundation "
    "Trust Society Network Alliance Movement Front Army Navy Administration Secretariat Directorate "
    "Judiciary Church Club Academy Exchange Museum News Sports Cricket Biotech Cross Times Post "
    "Herald Gazette Tribune Radio Television Media Press College University Unit Division Office Government "
    "Taskforce Squad Municipality Grill Diner Pizza Brewery Bistro Restaurant".split()
)
# Words naming an area that end a body's or a place's name, never start a person's: "the
# Carrick-on-Suir District Kieran Bourke".
AREA_WORDS = frozenset("District County Region Province Township Ward Borough Municipality".split())
# First words that make a multi-word name a place when its last word says nothing: "Co Antrim",
# "Barangay Ermita", "Block 538", "Mount Elgon", "Fort Portal" ("Port Authority" ends as a body).
PLACE_NAME_OPENINGS = frozenset("Co Co. County Barangay Block Mount Mt Mt. Lake River Fort Port".split())
# Openings that make a name the body that runs a place: "City of Cape Town" announces, bills
# and is sued ("Town of", "County of" name the place itself more often).
ORG_NAME_OPENINGS = ("City of ",)
# Words of events, storms and diseases: a name holding one is not a person, place or
# organisation ("Typhoon Mangkhut", "London Marathon", "Covid-19", "Rio Olympics").
EVENT_WORDS = frozenset(
    "typhoon supertyphoon cyclone hurricane tornado storm marathon olympics olympic paralympics championship "
    "championships cup covid covid-19 coronavirus omicron delta-variant festival carnival".split()
)
# Last words of names of laws, plans, meetings and competitions, which are not entities:
# "Money Laundering Prohibition Act", "Ranchi Test", "Commonwealth Games", "Men's Shed Week".
THING_LAST_WORDS = frozenset(
    "Act Bill Summit Games Final Finals Series Premiership Week Test Conference Agreement Treaty Trophy "
    "Open Tour Awards Plan Scheme Program Policy Strategy Code".split()
)
# What a team does and has, for a country or city that names a side: "England beat",
# "Australia's captain", "the India coach", "South Africa 245-6".
TEAM_VERBS = frozenset(
    "beat defeat thrash outplay outscore win lose draw tie score bowl bat field chase concede host play "
    "face trail lead edge overcome rout crush qualify advance eliminate knock".split()
)
TEAM_NOUNS = frozenset(
    "captain coach skipper squad side team bowler bowlers batsman batsmen batter batters innings attack "
    "player players striker strikers defence defense midfield keeper goalkeeper selectors selector "
    "opener openers lineup line-up supporters fans victory win defeat loss total tour".split()
)
# Words of a match report: an article with several of them is about sport, and a country or
# city that acts in it is a side ("England declared", "a loss to Chicago").
SPORT_WORDS = frozenset(
    "wicket wickets innings runs goal goals try tries match test series tournament penalty penalties "
    "shootout overtime quarter-final semi-final final season league playoff playoffs fixture kick-off "
    "half-time scrum bowler batsman striker midfielder goalkeeper coach skipper captain squad".split()
)
# Nouns and verbs of losing whose "to" names the winning side: "a loss to Chicago".
LOSS_WORDS = frozenset("loss defeat lose fall succumb".split())

# Social platforms by name, organisations wherever they stand ("a Facebook group"), and the
# one-letter one that is a platform only as the object of "on" ("shared on X").
PLATFORMS = frozenset("Facebook Twitter Instagram TikTok YouTube WhatsApp LinkedIn Snapchat Telegram Reddit Weibo WeChat".split())
PLATFORM_LETTERS = frozenset({"X"})
# Last words of news outlets' names: "Sky News", "the Star-Advertiser", "Metro TV".
MEDIA_WORDS = frozenset(
    "News TV Radio FM Times Post Herald Star Standard Independent Guardian Telegraph Mail Express Gazette "
    "Tribune Journal Observer Advertiser Chronicle Sun Mirror Record Press Daily Monitor Nation Examiner Courier "
    "Bulletin Insider Channel Network".split()
)
# Verbs whose "on" names a broadcaster: "appearing on Sky News", "speaking on Metro TV".
ON_AIR_VERBS = frozenset("appear speak say tell".split())
# Prepositions that put a name on a platform or in a publication: "posted on Twitter",
# "wrote in the Gazette".
PLATFORM_WORDS = frozenset("post write tweet share publish upload complain say announce comment".split())
# Nouns that name a firm by its business, for a name the model took for a person: "power utility
# Eskom", "methanol distributor Methanex".
FIRM_NOUNS = TRADE_NOUNS | frozenset("utility provider firm company operator retailer lender insurer".split())
# Prepositions whose object is where something is: "arrested in Kayonza", "near Wabag".
IN_PLACE_PREPOSITIONS = frozenset("in near outside past throughout".split())
# Words that, with nothing else, make a generic body, not a named one ("the Federal
# Government", "Cabinet", "City Council", "Public Works"): a name needs a proper word too.
GENERIC_BODY_WORDS = frozenset(
    "federal national state city county provincial municipal public royal local regional "
    "government cabinet department ministry police council media finance mining mine crown magistrate "
    "works permanent secretaries natural resources home foreign affairs service services office "
    "authority authorities of the and".split()
)
# Capitalised abbreviations of things, not organisations: "an ATM", "the ICU", "the AGM".
THING_ACRONYMS = frozenset(
    "ATM SIM GSM ICU PIN ER AGM MVP BST GMT CEO CFO COO MP MPP MLA TD GDP GPS SMS PDF DNA HIV AIDS IVF PPE SUV TV VIP "
    # time zones: "3pm AEST"
    "UTC AEST AEDT ACST AWST NZST NZDT PST PDT EST EDT CST CDT MST MDT IST WAT EAT CAT SAST "
    # documents, taxes and formats written short: "an FIR", "VAT", "the ODI"
    "FIR MOU MoU VAT CCTV SoE ODI T20".split()
    # tornado ratings: "an EF-1 tornado"
    + [f"EF{sep}{n}" for sep in ("", "-") for n in range(6)]
)

# Directions that open place names, never a person's: "North Shropshire", "West Maui".
COMPASS_WORDS = frozenset(
    "North South East West Northern Southern Eastern Western Northeast Northwest Southeast Southwest "
    "North-East North-West South-East South-West Upper Lower Central".split()
)
# Subdivision names that are also everyday words or directions: "Central" or "Delta" alone
# is not a place in a news story.
COMMON_SUBDIVISION_NAMES = frozenset(
    "Central Northern Southern Eastern Western North South East West Centre Center Capital Coast Delta "
    "Plateau Rivers Lakes Islands Upper Lower Interior Littoral Ocean City Island Valley Highlands Borders "
    "Federal Mountain Lake Sea Border Midlands".split()
)
# Prepositions that put something inside a place, not against a side: "a series win in South
# Africa" keeps the place in a match report.
SITE_PREPOSITIONS = frozenset("in at near across around inside outside throughout into from".split())
# Words between two sides: "England v India".
MATCH_WORDS = frozenset({"v", "vs", "vs.", "versus"})
# Prepositions whose object is a side in a match report: "against Norway", "victory over France".
TEAM_PREPOSITIONS = frozenset({"against", "over"}) | MATCH_WORDS
# Nouns after a name that make it a site: "Kayonza town", "the Kainji, Jebba and Shiroro dams".
SITE_NOUNS = PLACE_NOUNS | frozenset("dam mine market camp estate township settlement ward constituency".split())

# -- speakers --
# Ranks written abbreviated before a name, whose full stop does not end the sentence:
# ""…," Provincial Police Const. Kelly Daniels said".
RANK_ABBREVIATIONS = frozenset("const cst det insp supt cpl pte sgt lt col maj brig cmdr cdr capt gen adm pc dc ds di".split())
# Abbreviated titles and the title they stand for (most ranks above among them), so that "Texas
# Gov. Greg Abbott" is the person a later "the Republican governor" means.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "col": "colonel",
    "capt": "captain",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "const": "constable",
    "cst": "constable",
    "cllr": "councillor",
    "coun": "councillor",
    "prof": "professor",
    "atty": "attorney",
    "pres": "president",
    "cmdr": "commander",
    "cdr": "commander",
    "maj": "major",
    "adm": "admiral",
    "brig": "brigadier",
    "cpl": "corporal",
    "ald": "alderman",
}

# Verbs that report speech only in a cue right after the quote (""…," accepted Farrell", ""…,"
# he continued"); elsewhere they mean something else ("accepted the offer").
CUE_VERBS = frozenset(
    "accept agree continue begin open offer smile grin nod shrug sob chuckle volunteer wonder query inquire enquire tease giggle".split()
)
# Pronouns for some of a crowd, who speak as such: ""…," some reported" (gold names them so).
QUANTIFIER_PRONOUNS = frozenset("some others many several".split())
