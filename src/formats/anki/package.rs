//! `--to apkg`: an Anki package, which File → Import (or a double click) opens the
//! same way in every language. A zip holding `collection.anki2`, an SQLite database
//! in the schema Anki has read since 2.0 and still imports (schema 11: the note
//! types, decks and settings as JSON in the `col` row), and `media`, the list of
//! media files (`{}`: none).
//!
//! The notes are of quiz's own note type, "quiz", whose id and field names never
//! change, so a second import finds it and updates each note by its guid (`quiz-`
//! and the id) instead of adding a copy: Anki updates a note when the package's copy
//! is newer, and each note is stamped with the time of the export. Its fields: the
//! question with its choices, the answer, the explanation, the references and the
//! id; its one card shows the first and, on the back, all but the id. Each bank is a
//! deck named by its title; the cards are new, in file order.

use super::{Note, deck, guid, tags};
use crate::bank::Bank;
use crate::diagnostic::{Diagnostic, Pos};
use crate::formats::{Format, Kind, build::Builder};
use rusqlite::{Connection, params};
use serde_json::json;
use std::io::{Cursor, Write};
use std::time::{SystemTime, UNIX_EPOCH};

pub(in crate::formats) struct Package;

/// quiz's note type: its id, never to change, so that imports find it again.
const NOTE_TYPE_ID: i64 = 1_700_000_000_021;
/// When the note type last changed (seconds since 1970): raise it with any change
/// to its fields, card or style, and Anki updates the note type on import.
const NOTE_TYPE_CHANGED: i64 = 1_767_225_600;
/// Its name in the note type list.
const NOTE_TYPE_NAME: &str = "quiz";
/// Its fields, in order.
pub(in crate::formats) const FIELDS: [&str; 5] =
    ["Question", "Answer", "Explanation", "References", "Id"];

const FRONT: &str = "{{Question}}";
const BACK: &str = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}\n{{#Explanation}}<div class=explanation>{{Explanation}}</div>{{/Explanation}}\n{{#References}}<div class=references>{{References}}</div>{{/References}}";
const STYLE: &str = ".card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: left;\n  color: black;\n  background-color: white;\n}\npre {\n  white-space: pre-wrap;\n}\n.explanation, .references {\n  margin-top: 1em;\n}\n";

/// The collection's tables, in the legacy schema (11) that Anki's package importer
/// upgrades from.
const SCHEMA: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,
  factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
";

impl Format for Package {
    fn kinds(&self) -> &'static [crate::bank::Kind] {
        crate::bank::Kind::ALL
    }

    fn parse(&self, _text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        Err(b.error(
            Pos::new(1, 1),
            "quiz does not read Anki packages; it writes them (`quiz export --to apkg`)",
        ))
    }

    fn write(&self, kind: Kind, banks: &[Bank], warnings: &mut Vec<Diagnostic>) -> Vec<u8> {
        self.write_at(kind, banks, warnings, UNIX_EPOCH)
    }

    fn write_at(
        &self,
        kind: Kind,
        banks: &[Bank],
        warnings: &mut Vec<Diagnostic>,
        now: SystemTime,
    ) -> Vec<u8> {
        let secs = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 1000));
        match package(kind, banks, warnings, secs) {
            Ok(bytes) => bytes,
            Err(e) => {
                warnings.push(Diagnostic::error(
                    "(export)",
                    Pos::new(1, 1),
                    crate::formats::EXPORT,
                    format!("could not build the Anki package: {e}"),
                ));
                Vec::new()
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum Error {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

fn package(
    kind: Kind,
    banks: &[Bank],
    warnings: &mut Vec<Diagnostic>,
    secs: i64,
) -> Result<Vec<u8>, Error> {
    // Ids are times in milliseconds, as Anki makes them: the export's, counted up.
    let first_id = secs.saturating_mul(1000);
    let mut db = Connection::open_in_memory()?;
    let tx = db.transaction()?;
    tx.execute_batch(SCHEMA)?;
    let mut decks = serde_json::Map::new();
    decks.insert("1".into(), deck_json(1, "Default", secs));
    let mut next_id = first_id;
    let mut position = 0;
    {
        let mut note =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")?;
        let mut card = tx.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        for bank in banks {
            let deck_id = first_id + decks.len() as i64;
            let name = deck(bank);
            // Two banks of one title share its deck.
            let deck_id = match decks.values().find(|d| d["name"] == name.as_str()) {
                Some(d) => d["id"].as_i64().unwrap_or(deck_id),
                None => {
                    decks.insert(deck_id.to_string(), deck_json(deck_id, &name, secs));
                    deck_id
                }
            };
            for q in &bank.questions {
                if !kind.format().kinds().contains(&q.kind()) {
                    warnings.push(crate::formats::of_another_kind(kind, bank, q));
                    continue;
                }
                let n = match Note::of(q) {
                    Ok(n) => n,
                    Err(reason) => {
                        warnings.push(crate::formats::left_out(kind, bank, q, &reason));
                        continue;
                    }
                };
                let id = crate::formats::xml::escape(&q.id.value);
                let fields = [n.question, n.answer, n.explanation, n.references, id];
                let tags = tags(q);
                let tags = if tags.is_empty() {
                    String::new()
                } else {
                    format!(" {} ", tags.join(" "))
                };
                next_id += 1;
                let note_id = next_id;
                // The sort field is the question's text; Anki works it out again on import.
                let sort = crate::formats::xhtml::to_text(&fields[0]);
                note.execute(params![
                    note_id,
                    guid(q),
                    NOTE_TYPE_ID,
                    secs,
                    tags,
                    fields.join("\u{1f}"),
                    sort
                ])?;
                next_id += 1;
                position += 1;
                card.execute(params![next_id, note_id, deck_id, secs, position])?;
            }
        }
    }
    let conf = json!({
        "nextPos": position + 1,
        "schedVer": 2,
        "sched2021": true,
        "curDeck": 1,
        "curModel": NOTE_TYPE_ID,
    });
    let models = json!({ NOTE_TYPE_ID.to_string(): note_type() });
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, '{}', '{}')",
        params![
            secs - secs.rem_euclid(86_400),
            first_id,
            conf.to_string(),
            models.to_string(),
            serde_json::Value::Object(decks).to_string(),
        ],
    )?;
    tx.commit()?;
    let collection = db.serialize(rusqlite::MAIN_DB)?;

    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("collection.anki2", options)?;
    zip.write_all(&collection)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    Ok(zip.finish()?.into_inner())
}

/// A deck as schema 11 writes it: new cards under the default options.
fn deck_json(id: i64, name: &str, secs: i64) -> serde_json::Value {
    json!({
        "id": id,
        "mod": secs,
        "name": name,
        "usn": -1,
        "lrnToday": [0, 0],
        "revToday": [0, 0],
        "newToday": [0, 0],
        "timeToday": [0, 0],
        "collapsed": false,
        "browserCollapsed": false,
        "desc": "",
        "dyn": 0,
        "conf": 1,
        "extendNew": 0,
        "extendRev": 0,
    })
}

/// quiz's note type as schema 11 writes it.
fn note_type() -> serde_json::Value {
    let fields: Vec<serde_json::Value> = FIELDS
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({
                "name": name,
                "ord": ord,
                "sticky": false,
                "rtl": false,
                "font": "Arial",
                "size": 20,
            })
        })
        .collect();
    json!({
        "id": NOTE_TYPE_ID,
        "name": NOTE_TYPE_NAME,
        "type": 0,
        "mod": NOTE_TYPE_CHANGED,
        "usn": -1,
        "sortf": 0,
        "did": null,
        "tmpls": [{
            "name": "Card 1",
            "ord": 0,
            "qfmt": FRONT,
            "afmt": BACK,
            "bqfmt": "",
            "bafmt": "",
            "did": null,
            "bfont": "",
            "bsize": 0,
        }],
        "flds": fields,
        "css": STYLE,
        "latexPre": "",
        "latexPost": "",
        "latexsvg": false,
        "req": [[0, "any", [0]]],
    })
}
