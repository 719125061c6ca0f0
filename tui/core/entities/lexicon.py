"""Closed word classes of English news prose used by the chunker.

These are grammar, not data about particular entities: which capitalised
words introduce or end a name, which are portfolio words in titles, which
are sentence furniture.  Names of real places and organisations live in
``corpus/gazetteer.yaml``.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Words that announce a person name to their right ("Deputy Foreign Minister X").
TITLES = _words(
    """
    President Vice-President Minister Ministers Secretary Secretaries Secretary-General
    Under-Secretary Ambassador Ambassadors Envoy Chancellor Premier Prime Deputy Vice
    First Chief Senior High Acting Former Special Permanent Parliamentary Director
    Directors Director-General Chairman Chairwoman Chairperson Chair Speaker Commissioner
    Governor Mayor Akim Senator Congressman Congresswoman Spokesman Spokeswoman
    Spokesperson Head Advisor Adviser Counsellor Counselor Consul Attache Attaché
    Chargé King Queen Prince Princess Emperor Sheikh Pope Lord Lady Sir Dame Baroness
    Baron Mr Mrs Ms Miss Dr Prof Professor Colonel Admiral Captain Judge Rector
    CEO Founder Co-founder Representative Coordinator Rapporteur Ombudsman Prosecutor
    Attorney Executive Officer Commander Crown Emir Patriarch Archbishop Imam Mufti
    """
)
# Abbreviated titles whose full stop does not end the sentence ("Mr. Smith").
TITLE_ABBREVIATIONS = _words("Mr Mrs Ms Dr Prof Gen Sen Rep Gov Col Lt St Sgt Capt")
# Letters after a name ("Leo Docherty MP").
POSTNOMINALS = _words("MP MPs MEP MSP QC KC OBE MBE CBE KBE PhD Jr Sr")

# Head words of organisation names ("... Authority", "Ministry of ...").
ORG_CUES = _words(
    """
    Ministry Ministries Council Office Authority Society Institute Institution Union
    Agency Organization Organisation Commission Committee Parliament Assembly Bank
    Fund Foundation Association Federation Corporation Company Group University
    College Academy School Centre Center Department Service Court Tribunal Party
    Chamber Senate Congress Board Bureau Administration Secretariat Embassy Consulate
    Alliance League Network Trust Directorate Inspectorate Police Army Navy Exchange
    Holding Holdings Airways Airlines Mazhilis Majilis Cabinet Government Observatory
    Laboratory Hospital Museum
    """
)
# Legal-form suffixes: "Shell Plc" is Shell, "Acme Ltd" is an organisation.
CORPORATE_SUFFIXES = _words("Plc PLC plc Ltd Limited Inc LLP LLC JSC AG SA NV GmbH Corp")
# Cue words that make an organisation on their own once a country qualifies
# them ("Kazakh Parliament", "UK Government").
STANDALONE_ORG_CUES = _words(
    "Parliament Senate Mazhilis Majilis Cabinet Government Embassy Army Navy Police"
)
# Head words of geographic names and named sites not in the gazetteer
# ("Mangystau Region", "Queen Elizabeth II Square").
PLACE_CUES = _words(
    """
    Sea Ocean River Lake Mountains Mountain Region Oblast Province District Gulf Bay
    Island Islands Peninsula Desert Valley Strait Steppe Basin Canal Square Street
    Avenue Park Bridge Airport Port Station Palace Stadium Arena Mausoleum Monument
    """
)

# Lower-case role nouns right before a name, or before ", Name":
# "chairman Meirzhan Yussupov", "ambassador to the UK, Magzhan Ilyassov".
LOWER_TITLES = _words(
    """
    president minister ambassador secretary spokesman spokeswoman spokesperson chairman
    chairwoman chair director envoy chief head leader adviser advisor governor mayor akim
    deputy counterpart colleague professor analyst expert economist researcher journalist
    correspondent official diplomat founder executive commissioner speaker senator
    commander judge prosecutor lawyer partner premier
    """
)

# Portfolio words: fill titles and ministry names, never person names.
PORTFOLIO = _words(
    """
    Foreign Affairs State Commonwealth Development International Human Rights Trade
    Defence Defense Economy Economic Economics Finance Financial Justice Interior
    Internal Home Health Healthcare Education Science Sciences Higher Energy Labor
    Labour Social Protection Population Agriculture Culture Sport Sports Tourism
    Information Communications Digital Industry Industrial Infrastructure Transport
    Environment Environmental Ecology Natural Resources Emergency Emergencies Security
    National Public Relations Investment Investments Innovation Innovations Policy
    Planning Budget Revenue Taxation Strategic Strategy Studies Research Technology
    Technologies Aerospace Water Irrigation Youth Family Women Commerce Business
    Enterprise Competition Regulation Regulatory Statistics Migration Border Customs
    Nuclear Civil Legal Constitutional Supreme Central General Federal Republican
    Regional Local Cooperation Integration Diplomatic Consular Affairs Abuse Works
    Services Monetary Fiscal Military Intelligence Counter-Terrorism Anti-Corruption
    Audit Accounts Elections Electoral Electricity Oil Gas Mining Metallurgy Chemical
    Treasury Revenues Procurement Tax Taxes Property Housing Urban Rural Forestry Fisheries
    """
)

# Capitalised words that start sentences or headlines but never start a name.
STOPWORDS = _words(
    """
    The A An This That These Those There Here It Its He She They We I You Your Our
    Their His Her Him Them Us In On At For From With By To Of And But Or Nor As If So
    Yet Since After Before During Following Considering Having Being Given According
    Regarding Concerning Despite Although Though While Whilst When Where Why How What
    Which Who Whom Whose Meanwhile However Moreover Furthermore Additionally Also Then
    Thus Therefore Hence Later Earlier Recently Currently Previously Today Yesterday
    Tomorrow Tonight Now Last Next Over Around About Some Many Several Both Each Every
    All Any Most More Less No Not Yes Such Other Another One Two Three Four Five Six
    Seven Eight Nine Ten Photo Photos Image Images Video Source Sources Read Tell Share
    Click Subscribe Follow Update Note Editor See Reference Overall Indeed Instead
    Still Again Further Finally Second Third Among Between Under Within Without
    Through Throughout Upon Across Against Along Amid Towards Toward Into Onto Per Via
    Unlike Like Besides Beyond Because Once Unless Until Whether Either Neither Only
    Even Just Especially Particularly Notably Importantly Specifically Similarly
    Likewise Nevertheless Nonetheless Accordingly Consequently Afterwards Subsequently
    Separately Together Already Soon Often Usually Generally Mostly Mainly Let Please
    Thank Thanks Welcome Dear Ladies Gentlemen Whereas
    """
)

MONTHS = _words(
    """
    January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

# Lower-case words that may sit inside a capitalised span.
CONNECTORS = _words("of for and & on")
NAME_PARTICLES = _words("de van von der den bin ibn al el da di du del la le dos das")

ROMAN_NUMERALS = _words("II III IV VI VII VIII IX XI XII")

# Reporting verbs around a bare name ("said Docherty", "Cleverly explained",
# "Straw visited"): weak evidence, only used with a lower-case vocabulary check.
SPEECH_BEFORE = _words("said says stated states told added noted explained stressed")
SPEECH_AFTER = _words(
    """
    said says stated states told tells noted notes added adds explained explains
    summarized summarised stressed stresses emphasized emphasised underlined
    underlines highlighted highlights welcomed welcomes announced announces argued
    argues believes believed wrote writes commented comments remarked remarks recalled
    recalls pointed replied responded urged warned confirmed claimed insisted
    acknowledged declared observed praised thanked visited met
    """
)

# Patronymic endings (Russian/Kazakh): a middle name with one is droppable.
PATRONYMIC_SUFFIXES = ("ovich", "evich", "ich", "ovna", "evna", "ichna", "uly", "kyzy", "ulu")
