"""Calibrate "same story": precision and recall of story grouping on pairs built here.

usage: python benchmarks/stories.py [--reports 400] [--template-articles 5000]

Positive pairs: a short report and a copy or light rewrite of it (a new intro or dateline, the outlet
named in the attribution, a sentence dropped or moved, a few words changed, a credit line added).
Negative pairs: two reports written from one template with different facts (actors, places, numbers,
days), and rewrites of one against reports of another. For each shingle size and threshold the script
prints precision and recall of "overlap >= threshold means same story"; then it places 5,000 articles
from one template through `place_stories` (the code path a run takes) and counts the stories formed.
"""

from __future__ import annotations

import argparse
import random
import time

from eventwire import stories

TEMPLATES = [
    "{actor} arrested {n} {people} in {city} on {day} after they marched on {building} to protest "
    "against {issue}, {source} said. The protesters had gathered outside {place} before moving towards "
    "{building}, where officers fired tear gas. {leader} condemned the arrests and demanded the release "
    "of all detainees. {ministry} said {issue} were needed to pay the country's debts.",
    "{actor} attacked {target} near {city} on {day}, killing at least {n} people, {source} said. The "
    "assault began before dawn and lasted several hours, witnesses told reporters. {leader} called the "
    "attack a crime and vowed to respond. {ministry} said {n} wounded had been taken to hospital in "
    "{city}.",
    "{leader} met {other} in {city} on {day} to discuss {issue}, {source} said. The two sides agreed to "
    "set up a joint committee and to meet again within {n} weeks. {ministry} called the talks "
    "constructive. Critics said the meeting had produced no concrete steps on {issue}.",
]
SLOTS = {
    "actor": ["Kenyan police", "Ugandan security forces", "Nigerian soldiers", "Turkish police",
              "Rebel fighters", "Militants", "Government troops", "Riot police"],
    "people": ["opposition supporters", "students", "journalists", "activists", "trade unionists"],
    "city": ["Nairobi", "Kampala", "Abuja", "Istanbul", "Lagos", "Mombasa", "Ankara", "Kano", "Gulu"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "building": ["parliament", "the presidential palace", "the electoral commission", "city hall"],
    "issue": ["new taxes", "fuel price rises", "the election results", "the new security law",
              "cuts to subsidies", "the border dispute"],
    "source": ["a police spokesman", "the interior ministry", "local officials", "a rights group",
               "the army", "hospital staff"],
    "place": ["the central bank", "the main university", "the court house", "the national stadium"],
    "leader": ["Opposition leader Raila Odinga", "Bobi Wine", "The main opposition party",
               "President Erdogan", "The governor", "The prime minister"],
    "ministry": ["The finance ministry", "The health ministry", "The government", "The interior ministry"],
    "target": ["an army base", "a police station", "a village", "a market", "a convoy"],
    "other": ["his Kenyan counterpart", "the EU envoy", "rebel negotiators", "Chinese officials"],
}
INTROS = ["NAIROBI (Wire) -", "From our wire service:", "Reported by wire agencies.",
          "UPDATED 14:05 GMT.", "BREAKING:", "By our correspondent."]
CREDITS = ["Reporting by staff; editing by the desk.", "Additional reporting by agencies.",
           "This story has been updated."]
EDITS = {"said": "stated", "demanded": "called for", "arrested": "detained", "condemned": "denounced",
         "killing": "leaving dead", "agreed": "decided", "called": "described", "discuss": "talk about"}


def report(rng: random.Random, template: str | None = None, number: int | None = None) -> str:
    template = template or rng.choice(TEMPLATES)
    facts = {name: rng.choice(values) for name, values in SLOTS.items()}
    facts["n"] = str(number or rng.randint(2, 400))
    return template.format(**facts)


def rewrite(rng: random.Random, text: str) -> str:
    """A copy or light rewrite: what outlets do with one wire report."""
    sentences = [s.strip() + "." for s in text.split(". ") if s.strip()]
    sentences[-1] = sentences[-1].rstrip(".") + "." if sentences[-1].endswith("..") else sentences[-1]
    if rng.random() < 0.5:
        sentences.insert(0, rng.choice(INTROS))
    if rng.random() < 0.3 and len(sentences) > 3:
        sentences.pop(rng.randrange(1, len(sentences)))
    if rng.random() < 0.3 and len(sentences) > 3:
        i = rng.randrange(1, len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    if rng.random() < 0.4:
        sentences.append(rng.choice(CREDITS))
    text = " ".join(sentences).replace("..", ".")
    for word in rng.sample(sorted(EDITS), rng.randint(0, 3)):
        text = text.replace(f" {word} ", f" {EDITS[word]} ", 1)
    if rng.random() < 0.3:
        text = text.replace(" said.", " told The Daily Herald.", 1)
    return text


def pairs(rng: random.Random, count: int) -> list[tuple[str, str, bool]]:
    made = []
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        first = report(rng, template)
        made.append((first, rewrite(rng, first), True))
        made.append((first, rewrite(rng, rewrite(rng, first)), True))
        made.append((first, report(rng, template), False))
        made.append((rewrite(rng, first), rewrite(rng, report(rng, template)), False))
    return made


def precision_recall(said: list[bool], truth: list[bool]) -> tuple[float, float]:
    hits = sum(1 for s, t in zip(said, truth, strict=True) if s and t)
    return hits / max(1, sum(said)), hits / max(1, sum(truth))


def calibrate(made: list[tuple[str, str, bool]]) -> None:
    """Precision/recall of "same story" for shingle sizes, overlap and fact thresholds."""
    truth = [same for *_, same in made]
    thresholds = [0.3, 0.4, 0.5, 0.6]
    print("shingle overlap  any facts        facts agree")
    agreement = [stories.facts_agree(stories.Report("a", None, stories.facts(a)),
                                     stories.Report("b", None, stories.facts(b))) for a, b, _ in made]
    for size in (2, 3, 4, 5):
        overlaps = [stories.overlap(stories.minhash(a, size), stories.minhash(b, size)) for a, b, _ in made]
        for threshold in thresholds:
            cells = []
            for check in (False, True):
                said = [o >= threshold and (f or not check) for o, f in zip(overlaps, agreement, strict=True)]
                cells.append("{:.3f}/{:.3f}    ".format(*precision_recall(said, truth)))
            in_use = (size, threshold) == (stories.SHINGLE_WORDS, stories.STORY_THRESHOLD)
            print(f"{size:7d} {threshold:7.1f}  " + "  ".join(cells) + ("<- in use" if in_use else ""))


def configured(made: list[tuple[str, str, bool]]) -> None:
    said = [stories.same_story(stories.Report.of("a", a), stories.Report.of("b", b)) is not None
            for a, b, _ in made]
    precision, recall = precision_recall(said, [same for *_, same in made])
    print(f"\nsame story, as configured (overlap >= {stories.STORY_THRESHOLD}, numbers agree >= "
          f"{stories.NUMBER_THRESHOLD}, names >= {stories.NAME_THRESHOLD}): precision {precision:.3f}, "
          f"recall {recall:.3f}")


def collapse(rng: random.Random, count: int) -> None:
    """Articles from one template through `place_stories`, LSH candidates included: first each with
    its own number (different facts), then with numbers drawn from 2-400, so that many share one."""
    for label, numbers in (("each its own number", range(2, count + 2)),
                           ("numbers drawn from 2-400", [None] * count)):
        _collapse(rng, label, [report(rng, TEMPLATES[0], n) for n in numbers])


def _collapse(rng: random.Random, label: str, texts: list[str]) -> None:
    count = len(texts)
    started = time.perf_counter()
    reports = [stories.Report.of(f"t{n}", text) for n, text in enumerate(texts)]
    placements = stories.place_stories(reports, lambda keys: [])
    elapsed = time.perf_counter() - started
    sizes: dict[str, int] = {}
    for placement in placements:
        sizes[placement.story_id] = sizes.get(placement.story_id, 0) + 1
    print(f"\n{count} articles from one template ({label}): {len(sizes)} stories, the largest "
          f"{max(sizes.values())} articles ({elapsed:.1f} s to sign and place)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--template-articles", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(5)
    made = pairs(rng, args.reports)
    same = sum(1 for *_, s in made if s)
    print(f"{len(made)} pairs: {same} same story (copies and rewrites), {len(made) - same} different "
          f"stories from one template\n")
    calibrate(made)
    configured(made)
    collapse(rng, args.template_articles)


if __name__ == "__main__":
    main()
