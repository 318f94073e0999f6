"""All the judgement-quality checks over a large inspection, against a 200 ms target; and the spell-check alone.

    python benchmarks/checks.py [-n 10000] [--seed 0] [--repeat 7]

The inspection comes from ``make_large(n, seed)``: long narratives and many findings (the report text)
and ``n`` evidence items (whose notes are not report text and are not spell-checked). Times are the best
of ``--repeat`` runs of ``run_checks`` with the dictionary loaded, as in a running app. Also printed:

* loading the en_GB dictionary (once per process; a GUI can do it in the background with
  ``Speller.preload()``);
* the first run, when every word of the report is looked up in the dictionary for the first time;
* the spell-check alone (``style.spelling``) and with the US-spelling rule;
* a spell-check of the bundled samples' real prose with an empty word cache: the synthetic report
  repeats a small vocabulary, real reports do not, so this shows what a cold lookup per distinct word costs;
* each rule group.
"""

from __future__ import annotations

import argparse
import time

from make_large import make_large
from timing import best_of

from inspector_app import bundled
from inspector_app.domain.checks import report_text, run_checks, spelling
from inspector_app.storage.inspection_file import loads_inspection

TARGET_MS = 200.0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="evidence items (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=7, help="runs per measurement; the best is kept (default 7)"
    )
    args = parser.parse_args(argv)

    speller = bundled.speller()
    start = time.perf_counter()
    speller.preload()
    load = time.perf_counter() - start

    inspection = make_large(args.n, seed=args.seed)
    spots = report_text(inspection)
    words = [word for spot in spots for word in spelling.words(spot.text)]
    print(
        f"make_large({args.n:,}): {len(inspection.evidence):,} evidence items; report text: {len(spots):,} pieces, "
        f"{sum(len(s.text) for s in spots):,} characters, {len(words):,} words ({len(set(words)):,} distinct)"
    )

    speller.forget()  # the first run looks every word up
    start = time.perf_counter()
    findings = run_checks(inspection, speller=speller)
    first = time.perf_counter() - start
    everything = best_of(args.repeat, lambda: run_checks(inspection, speller=speller))
    spell = best_of(args.repeat, lambda: run_checks(inspection, only={"style.spelling"}, speller=speller))
    spell_us = best_of(
        args.repeat,
        lambda: run_checks(inspection, only={"style.spelling", "style.us-spelling"}, speller=speller),
    )

    samples = [loads_inspection(bundled.sample(name).read_bytes(), name) for name in bundled.sample_names()]
    sample_words = {
        word for sample in samples for spot in report_text(sample) for word in spelling.words(spot.text)
    }

    def cold_samples() -> None:
        speller.forget()
        for sample in samples:
            run_checks(sample, only={"style.spelling"}, speller=speller)

    cold = best_of(args.repeat, cold_samples)

    verdict = "within" if everything * 1000 <= TARGET_MS else "OVER"
    print(f"Dictionary load (once per process)      {ms(load)}")
    print(
        f"Findings                                {len(findings):8d}      (from {len({f.rule for f in findings})} rules)"
    )
    print(f"All rules, first run (words looked up)  {ms(first)}")
    print(
        f"All rules, best of {args.repeat}                  {ms(everything)}   target {TARGET_MS:.0f} ms: {verdict} "
        f"({everything * 1000 / TARGET_MS:.0%} of it)"
    )
    print(f"Spell-check alone (style.spelling)      {ms(spell)}")
    print(f"Spell-check + US spellings              {ms(spell_us)}")
    print(
        f"Spell-check of both samples, cold cache {ms(cold)}   ({len(sample_words):,} distinct words, "
        f"{cold / max(len(sample_words), 1) * 1e6:.0f} µs a word)"
    )
    for group in ("grade", "recommendation", "evidence", "style", "privacy"):
        print(
            f"  {group:<14}                        {ms(best_of(args.repeat, lambda group=group: run_checks(inspection, only={group}, speller=speller)))}"
        )
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
