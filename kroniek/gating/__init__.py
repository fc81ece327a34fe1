"""Relevance gating: send to Frog only what can hold an event, and what those need.

Most news is not about military matters. Frog is nearly all of a run's time, while the
knowledge files say cheaply where an event may be. `Gate.plan(docs)` decides per document:

- **skip**: no gazetteer match (no state, organisation, person, place or weapon system).
  Every event needs a participant, and participants only come from gazetteer matches
  (directly or through coreference to an earlier one), so there is no event and no
  mention. Stored without Frog (and without a sentence split).
- **mentions**: entities named, but no sentence can hold an event: the mentions rows
  are computed from the sentence split, without Frog.
- **partial**: only some sentences go to Frog, as runs of whole sentences with their
  document offsets (`analyze_paragraphs` semantics); the extractor sees them with their
  true sentence numbers, so event ids, offsets and records are those of a full analysis.
- **full**: everything (when 90 % of the sentences are needed anyway, or gating is off).

Sentences come from `ucto` (Frog's own tokenizer and rules file) fed exactly as Frog is
fed, so the sentence numbers of skipped text are Frog's. After analysis the pipeline
checks that Frog's sentences of the kept runs are exactly the planned ones (offsets,
paragraphs, token counts) and otherwise analyses that document whole.

What counts (surface matching on accent-folded lower case; every rule errs on the side
of keeping; the rules follow kroniek/extract as it is -- see `test_gating.py`, which
fails when extraction starts to need something gating drops):
- **event-capable** (E) sentences, from the first gazetteer match on (participants are
  found backwards only): a trigger form that can fire -- a form of a lexicon verb
  (regular stems, a table of strong verbs; a separable verb's base only with its
  particle in the sentence: 'viel ... aan'; the extractor's phrasal verbs only with
  their words: 'wijst ... van de hand'), a lexicon noun (also in compounds and plurals),
  the extractor's hand-coded triggers (triggers.yaml: bezorgd, noemen, ...) --
  and what the trigger needs (report.py): military words or equipment in the sentence
  (or, for 'equipment', in the next one: 'Iran levert steeds meer aan Rusland. Het gaat
  om drones.'), 'met' (or 'en'/'tussen': 'A en B spraken'), 'samen', 'hard'. After
  the first trigger, sentences with an equipment word are event-capable too ('Het
  gaat om drones').
- **memory**: before the last E sentence, every sentence naming an entity or equipment
  (the extractor's memory of states, people, places, equipment).
- **context**, as the extractor looks back: the previous sentence when an E sentence
  has 'zou/zouden' (sources carried over), 'ze/zij/die/deze' (the previous subject) or,
  for REJECT/AGREE/ACCUSE/SUPPORT triggers, 'dat/dit/het' (answering the previous
  source); three back for 'deze/die ...' sources; recursively for context sentences;
  the next sentence when it says 'dat/dit' ('Dat meldt Reuters'); a quotation to its end.
- **dates**: when an E sentence dates relative to an earlier date ('een jaar later',
  'dat jaar'), every earlier sentence with a temporal word or a number (the anchor).
- **sports**: if the extractor's off-topic test could fire, the sentences with a sports
  word; its answer on the gated document must equal that on the whole document (padded
  with empty tokens), else the document is analysed whole.
- After the last E sentence, sentences that only name entities are not sent: their
  mentions are computed from the split.

Off: `Pipeline(..., gating=False)` or `KRONIEK_GATING=0`.

Modules: `split` (ucto's sentence split), `forms` (Dutch word forms), `vocabulary` (the words
the extractor can act on, found in the text), `plan` (the Gate and its plans), `results`
(Frog's sentences put back, mentions without Frog). The word tables are those of
kroniek/lang/nl, loaded through kroniek.lexicon as the extractor loads them.
"""
from __future__ import annotations

import os

from .forms import noun_forms, strong_verbs, verb_form_pairs, verb_forms
from .plan import Gate, Plan, SentenceCues, full_plan
from .results import assemble, describe, mentions
from .split import SENTINEL, RefSentence, SplitError, Splitter, frog_texts
from .vocabulary import Cues, cues, gazetteer, special_triggers

__all__ = ["ENV", "SENTINEL", "Cues", "Gate", "Plan", "RefSentence", "SentenceCues",
           "SplitError", "Splitter", "assemble", "cues", "describe", "enabled_by_env",
           "frog_texts", "full_plan", "gazetteer", "mentions", "noun_forms",
           "special_triggers", "strong_verbs", "verb_form_pairs", "verb_forms"]

ENV = "KRONIEK_GATING"


def enabled_by_env(default: bool = True) -> bool:
    value = os.environ.get(ENV)
    if value is None or not value.strip():
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")

