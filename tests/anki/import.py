"""Imports quiz's Anki exports with Anki's own library, as the desktop app does.

    python3 tests/anki/import.py text|apkg FIRST SECOND

For each of an English and a German collection, fresh: imports FIRST (the text
file through get_csv_metadata then import_csv, as the import dialog does with its
settings untouched; the package through the package importer with the app's
defaults), imports FIRST again, then SECOND (a later export of the banks with a
changed question). Prints one JSON object per language on a line: the counts each
import logged, the notes and cards in the collection after each, the decks and
note types, and every card rendered: its question and answer HTML, the sound and
TTS tags Anki found in them, the LaTeX images it made, the text runs in which a
MathJax delimiter stands (MathJax finds math only within one run of text: tags
other than <br> and <wbr> end a run), and the text a person sees.

tests/cli/anki.rs runs it and asserts on what it prints. Anki's library is the
`anki` package on PyPI; .ci/run installs it into target/ci-tools/anki.
"""

import html.parser
import json
import os
import sys
import tempfile

import anki.lang
from anki.collection import Collection, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportCsvRequest

MATHJAX = ("\\(", "\\)", "\\[", "\\]")


class Runs(html.parser.HTMLParser):
    """The runs of text MathJax reads, and the text shown, of some HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs = [""]
        self.shown = []
        self.style = False

    def handle_starttag(self, tag, attrs):
        self.style = tag in ("style", "script")
        if tag == "br":
            self.runs[-1] += "\n"
            self.shown.append("\n")
        elif tag != "wbr":
            self.runs.append("")
            if tag in ("p", "div", "li", "pre", "hr"):
                self.shown.append("\n")

    def handle_endtag(self, tag):
        self.style = False
        self.runs.append("")

    def handle_data(self, data):
        if self.style:
            return
        self.runs[-1] += data
        self.shown.append(data)


def seen(markup):
    runs = Runs()
    runs.feed(markup)
    runs.close()
    return {
        "mathjax_runs": [r for r in runs.runs if any(d in r for d in MATHJAX)],
        "text": "".join(runs.shown),
    }


def counts(log):
    return {
        name: len(getattr(log, name))
        for name in ("new", "updated", "duplicate", "conflicting", "first_field_match",
                     "missing_notetype", "missing_deck", "empty_first_field")
    }


def import_once(col, kind, path):
    if kind == "text":
        metadata = col.get_csv_metadata(path=path, delimiter=None)
        out = col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
    else:
        options = col._backend.get_import_anki_package_presets()
        out = col.import_anki_package(
            ImportAnkiPackageRequest(package_path=path, options=options))
    return {
        "log": counts(out.log),
        "notes": col.note_count(),
        "cards": col.card_count(),
    }


def card_report(col, card):
    note = card.note()
    question, answer = card.question(), card.answer()
    return {
        "guid": note.guid,
        "notetype": note.note_type()["name"],
        "deck": col.decks.name(card.did),
        "fields": dict(note.items()),
        "tags": note.tags,
        "question": question,
        "answer": answer,
        "sounds": len(card.question_av_tags()) + len(card.answer_av_tags()),
        "latex_images": (question + answer).count('src="latex-'),
        "question_seen": seen(question),
        "answer_seen": seen(answer),
    }


def run(kind, first, second, lang):
    anki.lang.set_lang(lang)
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "collection.anki2"))
        try:
            imports = [import_once(col, kind, p) for p in (first, first, second)]
            cards = [col.get_card(cid) for cid in sorted(col.find_cards(""))]
            return {
                "lang": lang,
                "imports": imports,
                "notetypes": sorted(m["name"] for m in col.models.all()),
                "cards": [card_report(col, c) for c in cards],
            }
        finally:
            col.close()


def main():
    kind, first, second = sys.argv[1:4]
    for lang in ("en_US", "de_DE"):
        print(json.dumps(run(kind, os.path.abspath(first), os.path.abspath(second), lang)))


if __name__ == "__main__":
    main()
