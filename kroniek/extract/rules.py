"""The registry of named extraction rules.

Every decision the extractor takes by rule is a registered `Rule`: an id
(`frame.give`, `status.zou-reported`, `date.vorig-jaar`), the stage it works in, one
line saying what it does and at least one Dutch example with the outcome it must
produce. `kroniek rules` lists them; `kroniek explain` names the ids that decided each
event and each rejected trigger; `KRONIEK_RULES_OFF=id,id` (or `Pipeline(rules_off=)`)
switches rules off to see what they are worth (`make ablate`).

A rule is either a function,

    @rule("frame.elkaar", "frame", "with 'elkaar' one side does it to the other",
          example("Israël en Hezbollah beschieten elkaar.", "ASSAULT ISR -> Hezbollah"))
    def each_other(c, p) -> bool: ...   # returns True when it applied

or a point inside one, declared with `define(...)` and tested with `applies(id, cond)`.
A switched-off rule function is not called and returns its `off` value; `applies` is
then False. Both record the rule as fired for `explain` when they apply.

Example outcomes (`expect`), checked by tests/test_rules.py on kept analyses:
    "AID DEU -> UKR"                 an event of that type with exactly these parties
    "AID DEU -> UKR [Taurus] requested source=Reuters date=2024-05"
    "ASSAULT RUS -> -"               '-' for a side with nobody
    "no AID"  /  "no AID DEU -> UKR"  /  "no events"
Parties are country codes or, without one, entity names (spaces as '_').
"""
from __future__ import annotations

import contextvars
import functools
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

ENV = "KRONIEK_RULES_OFF"
STAGES = ("retag", "clause", "phrase", "slot", "trigger", "frame",  # not Dutch
          "coreference", "status", "attribution", "date", "report", "postprocess", "document")


@dataclass(frozen=True)
class Example:
    text: str
    expect: str
    date: str = "2024-05"  # the article's date (YYYY-MM or YYYY-MM-DD)


def example(text: str, expect: str, date: str = "2024-05") -> Example:
    return Example(text, expect, date)


@dataclass
class Rule:
    id: str
    stage: str
    description: str
    examples: tuple[Example, ...]
    module: str = ""
    function: str = ""
    line: int = 0  # where it is defined, so `kroniek rules` says where to look

    @property
    def where(self) -> str:
        mod = sys.modules.get(self.module)
        path = getattr(mod, "__file__", None) or self.module.replace(".", "/") + ".py"
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        path = os.path.relpath(path, root) if os.path.isabs(path) else path
        return f"{path}:{self.line}" + (f" ({self.function})" if self.function else "")

    def to_json(self) -> dict:
        return {"id": self.id, "stage": self.stage, "description": self.description,
                "where": self.where,
                "examples": [{"text": e.text, "expect": e.expect, "date": e.date}
                             for e in self.examples]}


REGISTRY: dict[str, Rule] = {}
_off: frozenset[str] = frozenset(x.strip() for x in os.environ.get(ENV, "").split(",")
                                 if x.strip())
# the ids fired while a sentence, a candidate or a document is worked on (innermost last)
_fired: contextvars.ContextVar[tuple[list[str], ...]] = contextvars.ContextVar(
    "kroniek_rules_fired", default=())


def define(id: str, stage: str, description: str, *examples: Example,
           module: str = "", function: str = "", line: int = 0) -> Rule:
    """Register a rule; its id must be new, its stage known, and it needs an example."""
    if not module:  # a rule point: where define() was called
        caller = sys._getframe(1)
        module, line = caller.f_globals.get("__name__", ""), caller.f_lineno
    if id in REGISTRY:
        raise ValueError(f"rule {id} is registered twice")
    if stage not in STAGES:
        raise ValueError(f"rule {id}: unknown stage {stage!r}")
    if not examples:
        raise ValueError(f"rule {id} has no example")
    r = Rule(id, stage, description, tuple(examples), module, function, line)
    REGISTRY[id] = r
    return r


def rule(id: str, stage: str, description: str, *examples: Example, off=None):
    """Register the decorated function as rule ID. Off, it is not called and returns
    OFF; on, a truthy result records the rule as fired."""
    def wrap(func: Callable) -> Callable:
        define(id, stage, description, *examples, module=func.__module__,
               function=func.__qualname__, line=func.__code__.co_firstlineno)

        @functools.wraps(func)
        def run(*args, **kwargs):
            if id in _off:
                return off
            result = func(*args, **kwargs)
            if result:
                fired(id)
            return result
        run.rule_id = id
        return run
    return wrap


def on(id: str) -> bool:
    """Is rule ID switched on? (Unregistered ids are a programming error.)"""
    if id not in REGISTRY:
        raise KeyError(f"no rule {id}")
    return id not in _off


def applies(id: str, condition) -> bool:
    """A rule point inside a function: true when the rule is on and its condition holds;
    then it is recorded as fired."""
    if not condition or not on(id):
        return False
    fired(id)
    return True


def fired(id: str) -> None:
    for ids in _fired.get():
        ids.append(id)


class collecting:
    """`with collecting() as ids:` gathers the ids of the rules that fire inside (also
    into every collector around it)."""

    def __enter__(self) -> list[str]:
        self.ids: list[str] = []
        self._token = _fired.set(_fired.get() + (self.ids,))
        return self.ids

    def __exit__(self, *exc) -> None:
        _fired.reset(self._token)


def unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class UnknownRule(ValueError):
    pass


def configure(off: Iterable[str] | None) -> frozenset[str]:
    """Switch off exactly these rules (None: those of KRONIEK_RULES_OFF). Unknown ids
    raise UnknownRule naming them."""
    global _off
    if off is None:
        off = os.environ.get(ENV, "").split(",")
    ids = frozenset(x.strip() for x in off if x and x.strip())
    unknown = sorted(ids - set(REGISTRY))
    if unknown:
        raise UnknownRule(f"unknown rule id(s): {', '.join(unknown)} "
                          f"(`kroniek rules` lists them)")
    _off = ids
    return ids


def switched_off() -> frozenset[str]:
    return _off


def all_rules() -> list[Rule]:
    """Every rule, by stage and id. (Importing this module imports kroniek.extract,
    which imports every module that registers rules.)"""
    order = {s: k for k, s in enumerate(STAGES)}
    return sorted(REGISTRY.values(), key=lambda r: (order[r.stage], r.id))
