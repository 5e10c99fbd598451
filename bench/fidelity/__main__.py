"""`python -m bench.fidelity TEXTS... --akn DIR`: the parser scored against the official XML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.fidelity.harness import Report, index_official, measure, text_files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fidelity",
        description="Parse resolution texts and compare them with the official AKN4UN XML.",
    )
    parser.add_argument("texts", nargs="+", type=Path, help="text files or folders of them")
    parser.add_argument(
        "--akn",
        action="append",
        type=Path,
        required=True,
        help="folder of AKN4UN XML files or zips of them (repeatable)",
    )
    parser.add_argument("--quiet", action="store_true", help="no list of differences")
    args = parser.parse_args(argv)
    report = measure(text_files(args.texts), index_official(args.akn))
    print_report(report, differences=not args.quiet)
    return 0


def print_report(report: Report, *, differences: bool = True) -> None:
    for pair in report.pairs:
        c = pair.comparison
        status = "identical" if c.fully_identical else f"{len(c.differences)} differences"
        print(
            f"{c.symbol:<18} {pair.text.name:<40} paragraphs {c.identical:>3}/{c.total:<3} "
            f"counts {'right' if c.counts_right else 'WRONG'}  {status}"
        )
        if differences:
            for d in c.differences:
                print(f"    {d.what}\n      got:  {d.got}\n      want: {d.want}")
    for path, reason in report.refused:
        print(f"refused: {path.name}: {reason}")
    t = report.totals
    print()
    print(
        f"texts with official XML: {t.resolutions} (without: {len(report.without_xml)}, "
        f"refused by the parser: {len(report.refused)})"
    )
    print(f"resolutions fully identical: {t.fully_identical}/{t.resolutions}")
    print(f"counts right: {t.counts_right}/{t.resolutions}")
    print(f"paragraphs identical: {t.identical}/{t.paragraphs} ({t.share:.1%})")
    print(f"parse time: {report.parse_ms:.1f} ms per resolution (median)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
