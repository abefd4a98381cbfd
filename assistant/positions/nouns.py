"""English nouns by what they name, for reading who speaks: people by role ("the minister said"), what a speaker
issues ("a statement saying"), organisations by kind ("the office said") and texts that stand for their issuer
("the agency's website said"). General vocabulary, not any library's names."""

from __future__ import annotations

NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}  # entity labels that name a speaker
# people whose words are their organisation's: "a Riverton Water Board spokesperson said" is the board speaking
SPOKES_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen"}
# general English role nouns: "the minister said" refers to a person, "the office said" to an organisation
HUMAN_NOUNS = set(["minister", "president", "expert", "official", "spokesman", "spokeswoman", "spokesperson", "leader", "mayor", "senator", "candidate", "chairman", "chairwoman", "chair", "secretary", "director", "head", "chief", "archbishop", "governor", "ambassador", "analyst", "specialist", "commentator", "observer", "scholar", "pundit", "professor", "author", "lawyer", "judge", "prosecutor", "premier", "chancellor", "king", "queen", "general", "commander", "officer", "economist", "researcher", "scientist", "politician", "deputy", "envoy", "diplomat", "representative", "rapporteur", "founder", "ceo", "manager", "detective", "constable", "sergeant", "inspector", "captain", "lieutenant", "colonel", "commissioner", "superintendent", "sheriff",
                   "advocate", "activist", "adviser", "advisor", "campaigner", "organiser", "organizer", "coordinator",
                   "councillor", "councilor", "congressman", "congresswoman", "lawmaker", "legislator", "strategist",
                   "consultant", "historian", "journalist", "editor", "columnist", "correspondent", "attorney",
                   "counsel", "negotiator", "mediator", "investigator", "executive", "chairperson", "administrator",
                   "treasurer", "bishop", "cardinal", "pope", "priest", "imam", "rabbi", "pastor", "emir", "sheikh", "prince", "princess", "lady"])

# what a speaker issues or holds: "a statement saying …", "a press conference claiming …"
EVENT_NOUNS = {"conference", "statement", "briefing", "release", "letter", "interview", "speech", "post", "tweet",
               "message", "video", "address", "report", "announcement", "op-ed", "column", "blog", "remark", "comment"}
# organisations referred to by their kind ("the office asked", "the company said"): anaphors for one named before
BODY_NOUNS = {"office", "agency", "company", "ministry", "embassy", "department", "organisation", "organization",
              "group", "firm", "party", "campaign", "council", "committee", "court", "union", "bank", "institute",
              "commission", "board", "authority", "administration", "team", "club", "network", "outlet", "newspaper",
              "paper", "broadcaster", "channel", "station", "university", "school", "hospital", "foundation",
              # companies by what they do ("the retailer said", "the chain's press release")
              "chain", "retailer", "supermarket", "carmaker", "automaker", "manufacturer", "airline", "insurer",
              "utility", "operator", "lender", "developer", "producer", "supplier"}
# what stands for its issuer: "the agency's website said", "according to a report from X"
DOCUMENT_NOUNS = EVENT_NOUNS | {"website", "site", "page", "guideline", "proclamation", "complaint", "study",
                                "survey", "document", "filing", "lawsuit", "paper", "figure", "data", "estimate",
                                "projection", "poll", "analysis", "ruling", "decree", "memo", "account", "article",
                                "notice", "bulletin", "piece", "assessment", "review", "investigation", "statistic", "record", "count", "tally",
                                "resolution", "declaration", "communique", "petition", "manifesto", "editorial",
                                "submission", "testimony", "summary", "judgment", "judgement", "verdict", "opinion", "headline"}

# where someone posts what they say: "a statement posted to his account", "used her blog to …"
OUTLET_NOUNS = frozenset(["account", "page", "website", "site", "channel", "feed", "blog", "profile", "handle",
                          "platform", "column", "podcast"])

# nouns whose "that" clause is their owner's words ("the mayor's claim that …", "allegations by X that …")
CLAIM_NOUNS = {"claim", "allegation", "assertion", "contention", "insistence", "warning", "accusation",
               "argument", "suggestion", "charge", "promise", "pledge", "assurance", "prediction", "complaint"}
# bodies a place's name can stand for ("Freedonia said …" then "the ministry said …")
STATE_BODIES = frozenset(["government", "administration", "ministry", "department", "embassy", "agency", "authority",
                           "office", "council", "court", "commission", "committee", "board"])
# bodies that are a person's rather than an organisation's ("the campaign", "the family")
PERSONS_BODIES = frozenset(["campaign", "camp", "family", "team"])

# words written before a name that are not part of it ("Mr", "Dr", "Lord", "Sen."): a form of address
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rep", "sen", "gov", "gen", "col",
                        "capt"])
