"""Fingerprints of the personal data in the source documents (../shared/seeds), for the test that the demo
uses invented people only. The documents are not part of the repository, so the test reads these instead:
truncated SHA-256 hashes of every e-mail address, phone number and capitalised two- or three-word run (where
names are), never the data itself.

    .venv/bin/python -m tests.seed_fingerprints ../shared/seeds > tests/data/seed_fingerprints.txt
"""

import hashlib
import re
import sys
from pathlib import Path

ADDRESS = re.compile(r"[\w.%+-]+@[\w.-]+\.[a-z]{2,}")
PHONE = re.compile(r"\b0\d{1,3}-[\d ]{7,9}\d\b")
WORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+")
PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t"}


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:16]


def name_candidates(text: str):
    """Runs of two to four words that start and end with a capital, particles (van, de, ...) between."""
    words = WORD.findall(text)
    for start, first in enumerate(words):
        if not first[:1].isupper():
            continue
        for length in (2, 3, 4):
            run = words[start : start + length]
            if (
                len(run) == length
                and run[-1][:1].isupper()
                and all(word[:1].isupper() or word.lower() in PARTICLES for word in run[1:-1])
            ):
                yield " ".join(run)


def fingerprints(seeds: Path) -> list[str]:
    sources = " ".join(path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt")))
    facts = {*ADDRESS.findall(sources), *PHONE.findall(sources), *name_candidates(sources)}
    return sorted({fingerprint(fact) for fact in facts})


if __name__ == "__main__":
    print("\n".join(fingerprints(Path(sys.argv[1]))))
