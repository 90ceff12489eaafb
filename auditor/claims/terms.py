"""Contract terms (renewal, cancellation, refunds, data at termination, unilateral changes)
and prices, as the vendor's own documents state them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.claims.lexicon import Lexicon, compile_any, compile_pattern
from auditor.claims.lines import LineView
from auditor.claims.phrases import DENY_MARK, Entry
from auditor.model.enums import Polarity
from auditor.model.vendor import ContractFact, Price

_AMOUNT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_LABEL = re.compile(r"^\s*(?:[-•*·▪]\s*|\d+[.)]\s*)?([^:|]{2,60}?)\s*:")


def term_entries(lexicon: Lexicon) -> list[Entry]:
    terms = lexicon.terms
    file = lexicon.files["terms"]
    entries: list[Entry] = []
    for name, term in terms.contract.items():
        for lang in ("en", "ar"):
            for p in getattr(term, lang):
                entries.append(Entry("contract", name, compile_pattern(p, file=file, where=f"contract.{name}"), lang,
                                     inverse=DENY_MARK in p))
            for p in getattr(term.opposite, lang):
                entries.append(Entry("contract-opposite", name,
                                     compile_pattern(p, file=file, where=f"contract.{name}.opposite"), lang))
    prices = terms.prices
    for code, patterns in prices.currencies.items():
        for p in patterns:
            entries.append(Entry("currency", code, compile_pattern(p, file=file, where=f"prices.currencies.{code}")))
    for p in prices.percent_of:
        entries.append(Entry("percent", "", compile_pattern(p, file=file, where="prices.percent_of")))
    return entries


@dataclass(frozen=True)
class TermFact:
    name: str  # a ContractTerms field
    fact: ContractFact
    polarity: Polarity


@dataclass
class TermFindings:
    contract: list[TermFact] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    not_priced: set[int] = field(default_factory=set)  # 1-based lines whose amounts are fines, rewards, revenue


class TermReader:
    def __init__(self, lexicon: Lexicon):
        prices = lexicon.terms.prices
        file = lexicon.files["terms"]
        self._periods = [(k, compile_any(v, file=file, where=f"prices.periods.{k}")) for k, v in prices.periods.items()]
        self._units = [(k, compile_any(v, file=file, where=f"prices.units.{k}")) for k, v in prices.units.items()]
        self._items = [(k, compile_any(v, file=file, where=f"prices.items.{k}")) for k, v in prices.items.items()]
        self._currency_amount: list[tuple[str, re.Pattern[str]]] = []
        self._not_price = compile_any(prices.not_price, file=file, where="prices.not_price") if prices.not_price else None
        self._not_price_after = compile_any(prices.not_price_after, file=file, where="prices.not_price_after") \
            if prices.not_price_after else None
        for code, patterns in prices.currencies.items():
            cur = "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"
            self._currency_amount.append((code, compile_pattern(
                rf"(?:{cur}\s?{_AMOUNT}(?!\d)|(?<![\d.]){_AMOUNT}\s?{cur})", file=file, where=f"prices.{code}")))

    def read(self, views: list[LineView]) -> TermFindings:
        found = TermFindings()
        for view in views:
            if view.has("contract") or view.has("contract-opposite"):
                found.contract.extend(self._contract(view))
            if view.has("currency") or view.has("percent"):
                found.prices.extend(self._prices(view, found.not_priced))
        return found

    def _contract(self, view: LineView) -> list[TermFact]:
        facts = []
        opposite = view.grouped("contract-opposite")
        plain = view.grouped("contract")
        for name in dict.fromkeys([*plain, *opposite]):
            reading = view.polarity(opposite[name]) if name in opposite else None
            if reading is not None:  # "export before you cancel": no export after termination
                polarity, hedged = reading
                value = polarity is not Polarity.AFFIRMED
            else:
                reading = view.polarity(plain.get(name, []))
                if reading is None:
                    continue
                polarity, hedged = reading
                value = polarity is Polarity.AFFIRMED
            durations = self._durations_for(view, name, (opposite.get(name) or []) + (plain.get(name) or []))
            period = durations[0].iso if durations else None
            note = None
            if len(durations) > 1:
                note = "durations stated: " + ", ".join(
                    d.iso + (" (business days)" if d.business and d.unit == "day" else "") for d in durations)
            elif durations and durations[0].business:
                note = "counted in business days" if durations[0].unit == "day" else "counted in business time"
            facts.append(TermFact(name, ContractFact(value=value, period=period, note=note, hedged=hedged,
                                                     citation=view.citation()),
                                  Polarity.AFFIRMED if value else Polarity.DENIED))
        return facts

    @staticmethod
    def _durations_for(view: LineView, name: str, hits) -> list:
        """The durations of the term's own sentence, else of the sentence right after it when
        that one speaks of no other term ("A refund policy applies. Monthly plans: 5 days.")."""
        cues = view.cues()
        durations = view.durations()
        own = [cues.sentence_of(m.start(), m.end()) for _, m in hits]
        found = [d for d in durations if any(a <= d.start < b for a, b in own)]
        if found or not own:
            return found
        last_end = max(b for _, b in own)
        following = cues.sentence_of(last_end + 1, last_end + 1) if last_end + 1 < len(view.norm) else None
        if following is None or following[0] < last_end:
            return []
        others = [m for e, m in view.of("contract") if e.key != name and following[0] <= m.start() < following[1]]
        if others:
            return []
        return [d for d in durations if following[0] <= d.start < following[1]]

    def _prices(self, view: LineView, not_priced: set[int]) -> list[Price]:
        line = view.norm
        label_match = _LABEL.match(view.raw)
        label = label_match.group(1).strip() if label_match else None
        item = label or next((k for k, rx in self._items if rx and rx.search(line)), None) or "price"
        period = next((k for k, rx in self._periods if rx and rx.search(line)), None)
        unit = next((k for k, rx in self._units if rx and rx.search(line)), None)
        out: list[Price] = []
        amounts: dict[str, list[float]] = {}
        skipped = False
        for code, regex in self._currency_amount:
            for m in regex.finditer(line):
                if (self._not_price is not None and self._not_price.search(line, max(0, m.start() - 40), m.start())) or \
                        (self._not_price_after is not None and self._not_price_after.match(line, m.end())):
                    skipped = True
                    continue  # "fines of up to €20 million", "rewards up to $5,000": no price of the service
                raw = next(g for g in m.groups() if g)
                amounts.setdefault(code, []).append(float(raw.replace(",", "")))
        if skipped and not amounts:
            not_priced.add(view.number)
        for code, values in amounts.items():
            low, high = min(values), max(values)
            out.append(Price(item=item, amount=low, amount_max=high if high != low else None, currency=code,
                             period=period, unit=unit, citation=view.citation()))
        for entry, m in view.of("percent"):
            out.append(Price(item=item, amount=float(m.group(1)), currency=None, period=period,
                             unit="percent of subscription", citation=view.citation()))
        return out
