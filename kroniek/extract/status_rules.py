"""The factuality rules of status.py (stage `status`), with their word tables and
Dutch examples."""
from __future__ import annotations

from ..lexicon import words
from . import rules
from .rules import example

CONDITIONAL = words("status_conditional")
FUTURE_ADVERBS = words("future_adverbs")
# Adverbial clauses ('een dag nadat Ankara had goedgekeurd') stand beside what their main
# clause says; they are not what a plan, a denial or a doubt in it is about.
ADVERBIAL = words("status_adverbial")
DENY = words("deny_verbs")
UNMOVED = words("unmoved_verbs")  # 'laat zich niet ...'
PERMISSION = words("permission_nouns")
ACCUSING = words("accusing_verbs")  # the accused does the complement


def _rule(id: str, description: str, text: str, expect: str) -> None:
    rules.define(id, "status", description, example(text, expect), module=__name__)


_rule("status.trigger-word", "the trigger word itself implies a status ('toezeggen': planned)",
      "Duitsland kondigde de levering van tanks aan Oekraïne aan.", "AID DEU -> UKR planned")
_rule("status.negation", "a negation in the trigger's clause negates the event",
      "Duitsland levert geen tanks aan Oekraïne.", "AID DEU -> UKR negated")
_rule("status.unmoved-idiom", "in 'laat zich niet intimideren' the negation is the event "
      "itself (a refusal), not its negation (table unmoved_verbs)",
      "Oekraïne laat zich niet intimideren door Rusland.", "REJECT UKR -> - asserted")
_rule("status.not-only", "'niet alleen', 'niet enkel', 'niet slechts' do not negate",
      "Iran levert niet alleen drones aan Rusland.", "AID IRN -> RUS asserted")
_rule("status.adverbial-aside", "an adverbial clause ('nadat', 'omdat') is not what its "
      "main clause's denial, plan or doubt is about",
      "Kiev vreest een nieuwe aanval omdat Rusland troepen bij de grens samentrekt.",
      "MOBILIZE RUS -> - reported")
_rule("status.denial", "the complement of 'ontkennen', 'tegenspreken' is denied",
      "Teheran ontkracht berichten dat Iran drones aan Rusland levert.",
      "AID IRN -> RUS denied")
_rule("status.no-evidence", "an act in the clause under 'geen bewijs/aanwijzingen/informatie' "
      "('... die/dat ...') is negated (table evidence_nouns)",
      "Er is geen bewijs dat Iran drones aan Rusland levert.", "AID IRN -> RUS negated")
_rule("status.denial-own-clause", "an act in the clause of 'ontkennen' (its te-infinitive "
      "or its object) is denied", "Noord-Korea ontkent een akkoord te hebben gesloten met "
      "Rusland.", "AGREE PRK -> RUS denied")
_rule("status.attempt", "an attempt ('proberen', 'pogen') in the clause or above it",
      "Iran probeerde wapens aan Rusland te leveren.", "AID IRN -> RUS attempted")
_rule("status.conditional", "an event in a conditional clause ('als', 'indien') is "
      "hypothetical", "Moskou dreigt met vergelding als Duitsland tanks aan Oekraïne levert.",
      "AID DEU -> UKR hypothetical")
_rule("status.expectation", "the complement of 'overwegen', 'vrezen', 'verwachten' is "
      "hypothetical", "Kiev verwacht dat Duitsland tanks aan Oekraïne levert.",
      "AID DEU -> UKR hypothetical")
_rule("status.open-question", "an event in a 'whether' clause ('of ...') is hypothetical",
      "Het is onduidelijk of China wapens aan Rusland levert.", "AID CHN -> RUS hypothetical")
_rule("status.request", "the complement of a request verb is requested",
      "Oekraïne vroeg Duitsland om tanks te leveren.", "AID DEU -> UKR requested")
_rule("status.permission", "asking permission ('om toestemming vragen') for an act makes it "
      "hypothetical, not requested",
      "Polen vroeg Duitsland om toestemming om tanks aan Oekraïne te leveren.",
      "AID POL -> UKR hypothetical")
_rule("status.accused-reported", "what one is accused of ('beschuldigen ervan') is reported",
      "Rusland beschuldigt Oekraïne ervan Russische dorpen te hebben aangevallen.",
      "ASSAULT UKR -> RUS reported")
_rule("status.plan-verb", "the complement of a plan or pledge verb is planned",
      "Duitsland besloot dat het tanks aan Oekraïne levert.", "AID DEU -> UKR planned")
_rule("status.modal-adverb", "a modal adverb ('mogelijk', 'misschien') or 'overwegen' makes "
      "it hypothetical", "Duitsland levert mogelijk tanks aan Oekraïne.",
      "AID DEU -> UKR hypothetical")
_rule("status.kunnen", "present 'kunnen' (possibility) makes it hypothetical",
      "Duitsland kan tanks aan Oekraïne leveren.", "AID DEU -> UKR hypothetical")
_rule("status.om-te-kunnen-purpose", "'om ... te kunnen leveren' states a purpose, not a "
      "possibility: 'kunnen' there makes nothing hypothetical",
      "Volgens Reuters bouwt Iran fabrieken om drones aan Rusland te kunnen leveren.",
      "AID IRN -> RUS reported")
_rule("status.future-planned", "'gaan' + infinitive or present 'zullen' is the future: planned",
      "Duitsland zal tanks aan Oekraïne leveren.", "AID DEU -> UKR planned")
_rule("status.willen-intention", "present 'willen' is an intention: planned",
      "Duitsland wil tanks aan Oekraïne leveren.", "AID DEU -> UKR planned")
_rule("status.zou-reported", "past 'zou/zouden' as finite verb is reportative",
      "Iran zou drones aan Rusland leveren.", "AID IRN -> RUS reported")
_rule("status.te-zullen", "'te zullen' + infinitive is the future: planned",
      "Duitsland liet weten tanks aan Oekraïne te zullen leveren.", "AID DEU -> UKR planned")
_rule("status.future-time", "a time expression in the future makes it planned",
      "Duitsland levert volgend jaar tanks aan Oekraïne.", "AID DEU -> UKR planned")
_rule("status.future-adverb", "an adverb of the future ('binnenkort') makes it planned",
      "Duitsland levert voortaan tanks aan Oekraïne.", "AID DEU -> UKR planned")
_rule("status.attributed", "an event attributed to a source is reported",
      "Volgens Reuters levert Iran drones aan Rusland.", "AID IRN -> RUS reported")
_rule("status.hearsay", "'naar verluidt', 'vermoedelijk': reported",
      "Iran levert naar verluidt drones aan Rusland.", "AID IRN -> RUS reported")
_rule("status.agreement-reportedly-made", "an agreement under reportative 'zou' with a "
      "perfect ('zou hebben afgesproken') was reportedly made: reported, not the plan its "
      "verb implies", "Teheran zou met Moskou hebben afgesproken om drones te leveren.",
      "AGREE IRN -> RUS reported")
_rule("status.governed-by-zou", "an event under a clause with reportative 'zou' is reported",
      "Er zou bewijs zijn dat Iran drones aan Rusland levert.", "AID IRN -> RUS reported")
