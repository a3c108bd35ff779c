//! Moodle XML: `<quiz>` with one `<question type="…">` per question.
//!
//! Read as Moodle's own reader reads it: `multichoice` (single and multiple) and
//! `truefalse`; a positive `fraction` marks a right choice (in a single-answer
//! question, the one worth 100 %); answer `<feedback>` becomes `why`,
//! `<generalfeedback>` the explanation; texts are turned into plain text according
//! to their `format` (`html`, the default, `moodle_auto_format`, `plain_text`,
//! `markdown`); `<question type="category">` makes its last part a tag of the
//! questions after it, and `<tags>` are tags too; the id comes from `<idnumber>`,
//! else `<name>` (its tags stripped). `<single>` and `<shuffleanswers>` are false
//! when they hold `false`, `0` or nothing and true otherwise; a missing `<single>` is
//! true and a missing `<shuffleanswers>` false, so such a question keeps its order
//! (`shuffle: false`). An empty answer is left out. Other question types, and a
//! question without `<questiontext>`, are skipped with a warning at their line. The
//! XML is parsed by roxmltree with DTDs refused, so entity tricks cannot blow it up,
//! and positions come from one line index, so a file on one line stays linear.
//!
//! Written: `format="html"` texts in CDATA, `<idnumber>` (when the id fits Moodle's
//! 100 characters), `<answernumbering>ABCD` (quiz's letters), `<shuffleanswers>`
//! false for a question with `shuffle: false` or a pinned choice, the explanation's
//! paragraphs joined, references as links in the general feedback, and the weights of
//! [`super::partial_weights`] for multiple-answer items (`<single>false</single>`).

use super::build::{Builder, Draft, DraftChoice, category_tag};
use super::xml::{self, Lines, children, inner_text};
use super::{Format, html, partial_weights, refs, right_choices, true_false};
use crate::bank::{MAX_ID_LEN, Question, Spanned};
use crate::diagnostic::{Diagnostic, Pos};
use roxmltree::Node;

pub(super) struct MoodleXml;

impl Format for MoodleXml {
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        let doc = xml::parse(b, text, "Moodle XML")?;
        let lines = Lines::new(text);
        let root = doc.root_element();
        if root.tag_name().name() != "quiz" {
            return Err(b.error(
                lines.pos(root),
                format!(
                    "expected Moodle XML, whose root element is <quiz>; found <{}>",
                    root.tag_name().name()
                ),
            ));
        }
        let mut reader = Reader {
            b,
            lines,
            category: None,
        };
        for q in root.children().filter(Node::is_element) {
            if q.tag_name().name() != "question" {
                let at = reader.lines.pos(q);
                reader.b.warn(
                    at,
                    format!("<{}> is not a <question>: ignored", q.tag_name().name()),
                );
                continue;
            }
            reader.question(q);
        }
        Ok(())
    }

    fn begin(&self, out: &mut String) {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    }

    fn question(&self, q: &Question, out: &mut String) -> Result<(), String> {
        let c = super::choices_of(q)?;
        let right = right_choices(c)?;
        let tf = true_false(c);
        let weights: Vec<String> = if tf.is_some() || !c.is_multiple() {
            (0..c.choices.value.len())
                .map(|i| if right.contains(&i) { "100" } else { "0" }.to_owned())
                .collect()
        } else {
            partial_weights(c)?
        };
        let kind = if tf.is_some() {
            "truefalse"
        } else {
            "multichoice"
        };
        let id = xml::escape(&q.id.value);
        out.push_str(&format!("  <question type=\"{kind}\">\n"));
        out.push_str(&format!(
            "    <name>\n      <text>{id}</text>\n    </name>\n"
        ));
        let stem = match &q.exhibit {
            Some(exhibit) => super::exhibit::stem_html(&q.question.value, &exhibit.value),
            None => html::from_text(q.question.value.trim(), true),
        };
        text_element(out, "questiontext", &stem);
        text_element(out, "generalfeedback", &general_feedback(q));
        out.push_str("    <defaultgrade>1</defaultgrade>\n");
        let penalty = if tf.is_some() { "1" } else { "0.3333333" };
        out.push_str(&format!("    <penalty>{penalty}</penalty>\n"));
        out.push_str("    <hidden>0</hidden>\n");
        if q.id.value.chars().count() <= MAX_ID_LEN {
            out.push_str(&format!("    <idnumber>{id}</idnumber>\n"));
        }
        if tf.is_none() {
            let single = !c.is_multiple();
            let shuffle = super::fixed_order(c).is_none();
            out.push_str(&format!("    <single>{single}</single>\n"));
            out.push_str(&format!("    <shuffleanswers>{shuffle}</shuffleanswers>\n"));
            out.push_str("    <answernumbering>ABCD</answernumbering>\n");
        }
        for (i, c) in c.choices.value.iter().enumerate() {
            let (format, text) = match tf {
                Some(_) => (
                    "moodle_auto_format",
                    if i == 0 { "true" } else { "false" }.to_owned(),
                ),
                None => ("html", html::from_text(c.text.value.trim(), false)),
            };
            out.push_str(&format!(
                "    <answer fraction=\"{}\" format=\"{format}\">\n      <text>{}</text>\n",
                weights[i],
                cdata(&text)
            ));
            let why = c
                .why
                .as_ref()
                .map_or(String::new(), |w| html::from_text(w.value.trim(), false));
            out.push_str(&format!(
                "      <feedback format=\"html\">\n        <text>{}</text>\n      </feedback>\n    </answer>\n",
                cdata(&why)
            ));
        }
        if !q.tags.is_empty() {
            out.push_str("    <tags>\n");
            for t in &q.tags {
                out.push_str(&format!(
                    "      <tag><text>{}</text></tag>\n",
                    xml::escape(t.value.trim())
                ));
            }
            out.push_str("    </tags>\n");
        }
        out.push_str("  </question>\n");
        Ok(())
    }

    fn notes(&self, q: &Question) -> Vec<String> {
        let mut notes = Vec::new();
        if q.id.value.chars().count() > MAX_ID_LEN {
            notes.push(format!(
                "its id is longer than the {MAX_ID_LEN} characters of Moodle's ID number (longer ones make Moodle refuse the whole file), so <idnumber> is left out and the id is kept as the name only"
            ));
        }
        notes
    }

    fn end(&self, out: &mut String) {
        out.push_str("</quiz>\n");
    }
}

/// The explanation, then the references as links, as HTML.
fn general_feedback(q: &Question) -> String {
    let mut parts = Vec::new();
    if let Some(e) = refs::explanation(q) {
        parts.push(html::from_text(&e, true));
    }
    if !q.references.is_empty() {
        let mut block = format!("<p>{}", refs::HEADING);
        for r in &q.references {
            let (label, link) = refs::parts(r);
            let link = html::escape(&link);
            block.push_str(&format!(
                "<br>\n{}: <a href=\"{link}\">{link}</a>",
                html::from_text(&label, false)
            ));
        }
        block.push_str("</p>");
        parts.push(block);
    }
    parts.join("\n")
}

fn text_element(out: &mut String, name: &str, html: &str) {
    out.push_str(&format!(
        "    <{name} format=\"html\">\n      <text>{}</text>\n    </{name}>\n",
        cdata(html)
    ));
}

/// Text as a CDATA section (nothing for empty text), keeping only characters XML allows.
fn cdata(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    format!(
        "<![CDATA[{}]]>",
        s.chars()
            .filter(|&c| xml::allowed(c))
            .collect::<String>()
            .replace("]]>", "]]]]><![CDATA[>")
    )
}

/// The first child element called `name`.
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The plain text of a text container (`<questiontext format="…"><text>…</text>`):
/// its format's markup turned into plain text; where it is; and the files it embeds,
/// by reference or as `<file>` elements.
fn text_of(lines: &Lines, container: Node, default_format: &str) -> (Spanned<String>, Vec<String>) {
    let format = container.attribute("format").unwrap_or(default_format);
    let (raw, at) = match child(container, "text") {
        Some(t) => (inner_text(t), lines.pos(t)),
        None => (String::new(), lines.pos(container)),
    };
    let mut read = match format {
        "plain_text" | "markdown" => html::Read {
            text: raw.trim().to_owned(),
            media: Vec::new(),
        },
        "moodle_auto_format" => html::read(&raw, true),
        _ => html::read(&raw, false),
    };
    for file in children(container, "file") {
        if let Some(name) = file.attribute("name") {
            read.media.push(name.to_owned());
        }
    }
    (Spanned::new(read.text, at), read.media)
}

/// A flag element as Moodle reads it: false when it holds `false`, `0` or nothing,
/// true otherwise (`TRUE` and `yes` included); None when it is absent.
fn flag(b: &mut Builder, lines: &Lines, q: Node, name: &str) -> Option<bool> {
    let node = child(q, name)?;
    let text = inner_text(node);
    let value = text.trim();
    let on = !matches!(value, "false" | "0" | "");
    if !matches!(value, "true" | "false" | "1" | "0") {
        let written = if value.is_empty() {
            format!("<{name}/>")
        } else {
            format!("<{name}>{value}</{name}>")
        };
        b.warn(
            lines.pos(node),
            format!(
                "{written} is read as {on}, as Moodle reads it (it takes `false`, `0` and nothing as false, and anything else as true)"
            ),
        );
    }
    Some(on)
}

struct Reader<'b, 't> {
    b: &'b mut Builder,
    lines: Lines<'t>,
    /// The tag of the last category question.
    category: Option<Spanned<String>>,
}

impl Reader<'_, '_> {
    fn question(&mut self, q: Node) {
        let at = self.lines.pos(q);
        let Some(kind) = q.attribute("type") else {
            self.b.skip(
                at,
                "a <question>",
                "it has no type attribute (Moodle refuses it too)",
            );
            return;
        };
        match kind {
            "category" => {
                let path = child(q, "category").map(|c| text_of(&self.lines, c, "plain_text").0);
                self.category = path
                    .and_then(|p| category_tag(&p.value))
                    .map(|tag| Spanned::new(tag, at));
            }
            "multichoice" | "truefalse" => match self.draft(q, kind == "truefalse") {
                Ok(draft) => {
                    // The last `<pre>` of the question text is the exhibit.
                    let exhibit = child(q, "questiontext")
                        .and_then(|qt| child(qt, "text"))
                        .and_then(|t| super::exhibit::split(&inner_text(t)))
                        .map(|(_, text)| Spanned::new(text, draft.stem.pos));
                    let extra = super::build::Extra {
                        exhibit,
                        ..Default::default()
                    };
                    self.b.add_with(draft, extra);
                }
                Err(why) => self.b.skip(at, "the question", &why),
            },
            other => {
                let what = format!("a question of type `{other}`");
                self.b.skip(
                    at,
                    &what,
                    "quiz imports multichoice and truefalse questions only",
                );
            }
        }
    }

    /// The question as a draft, or why it cannot be one.
    fn draft(&mut self, q: Node, true_false: bool) -> Result<Draft, String> {
        let at = self.lines.pos(q);
        let qt = child(q, "questiontext")
            .ok_or("it has no <questiontext> (Moodle would import a question with no text)")?;
        let format = qt.attribute("format").unwrap_or("html");
        let (mut stem, media) = text_of(&self.lines, qt, format);
        let split = child(qt, "text").and_then(|t| super::exhibit::split(&inner_text(t)));
        if let Some((rest, _)) = split {
            // The stem without its exhibit.
            stem.value = match format {
                "plain_text" | "markdown" => rest.trim().to_owned(),
                "moodle_auto_format" => html::to_text(&rest, true),
                _ => html::to_text(&rest, false),
            };
        }
        let mut draft = Draft::new(at, stem);
        draft.embeds(draft.stem.pos, media);
        // Moodle 1.9's picture beside the question text.
        if let Some(image) = child(q, "image") {
            let name = inner_text(image).trim().to_owned();
            if !name.is_empty() {
                draft.embeds(self.lines.pos(image), vec![name]);
            }
        }
        let idnumber = child(q, "idnumber")
            .map(|n| Spanned::new(inner_text(n).trim().to_owned(), self.lines.pos(n)));
        // Moodle strips the tags from a name, as from any plain-text field.
        let name = child(q, "name").map(|n| {
            let (t, _) = text_of(&self.lines, n, "html");
            Spanned::new(t.value, self.lines.pos(n))
        });
        draft.name = idnumber.filter(|i| !i.value.is_empty()).or(name);
        if let Some(g) = child(q, "generalfeedback") {
            let (feedback, media) = text_of(&self.lines, g, format);
            draft.embeds(feedback.pos, media);
            draft.explanation = Some(feedback).filter(|g| !g.value.is_empty());
        }
        if let Some(tags) = child(q, "tags") {
            for tag in children(tags, "tag") {
                draft.tags.push(text_of(&self.lines, tag, "plain_text").0);
            }
        }
        draft.tags.extend(self.category.clone());
        let answers: Vec<Node> = children(q, "answer").collect();
        draft.choices_pos = answers.first().map_or(at, |a| self.lines.pos(*a));
        let mut choices = Vec::with_capacity(answers.len());
        for a in &answers {
            let fraction = match a.attribute("fraction") {
                None => 0.0,
                Some(f) => f
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .ok_or_else(|| {
                        format!(
                            "the fraction {f:?} at line {} is not a number",
                            self.lines.pos(*a).line
                        )
                    })?,
            };
            let (text, media) = text_of(&self.lines, *a, a.attribute("format").unwrap_or(format));
            draft.embeds(text.pos, media);
            let why = match child(*a, "feedback") {
                Some(f) => {
                    let (why, media) = text_of(&self.lines, f, format);
                    draft.embeds(why.pos, media);
                    Some(why).filter(|f| !f.value.is_empty())
                }
                None => None,
            };
            choices.push(DraftChoice {
                text: Spanned::new(text.value, self.lines.pos(*a)),
                why,
                weight: fraction,
            });
        }
        if true_false {
            draft.choices = true_false_choices(choices, draft.choices_pos);
            draft.single = true;
        } else {
            draft.choices = choices;
            draft.single = flag(self.b, &self.lines, q, "single").unwrap_or(true);
            draft.shuffle = flag(self.b, &self.lines, q, "shuffleanswers").unwrap_or(false);
        }
        Ok(draft)
    }
}

/// True and False, from answers whose text says which is which (else: true first).
fn true_false_choices(answers: Vec<DraftChoice>, at: Pos) -> Vec<DraftChoice> {
    let mut slots: [Option<DraftChoice>; 2] = [None, None];
    for (i, a) in answers.into_iter().enumerate() {
        let slot = match a.text.value.trim().to_ascii_lowercase().as_str() {
            "true" => 0,
            "false" => 1,
            _ => i.min(1),
        };
        if slots[slot].is_none() {
            slots[slot] = Some(a);
        }
    }
    let [t, f] = slots;
    [(t, "True"), (f, "False")]
        .into_iter()
        .map(|(a, label)| match a {
            Some(a) => DraftChoice {
                text: Spanned::new(label.into(), a.text.pos),
                ..a
            },
            None => DraftChoice {
                text: Spanned::new(label.into(), at),
                why: None,
                weight: 0.0,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::super::{Imported, Kind, export, import, testing};
    use super::*;

    fn ok(text: &str) -> Imported {
        testing::ok(Kind::MoodleXml, "moodle.xml", text)
    }

    fn err(text: &str) -> (u32, String) {
        testing::err(Kind::MoodleXml, "moodle.xml", text)
    }

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/TLS/Handshake</text></category>
  </question>
  <question type="multichoice">
    <name><text>Server Hello suite</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which message carries the <b>chosen</b> suite?</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>The server picks one.</p><p>See &amp; read.</p>]]></text></generalfeedback>
    <single>true</single>
    <shuffleanswers>1</shuffleanswers>
    <answer fraction="0" format="html"><text>ClientHello</text>
      <feedback format="html"><text><![CDATA[It lists the client's suites.<br>All of them.]]></text></feedback></answer>
    <answer fraction="100" format="html"><text>ServerHello</text><feedback><text></text></feedback></answer>
    <tags><tag><text>tls12</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Hashes</text></name>
    <questiontext format="moodle_auto_format"><text>Which are hashes?
Pick all.</text></questiontext>
    <single>false</single>
    <shuffleanswers>false</shuffleanswers>
    <answer fraction="50"><text>SHA-256</text></answer>
    <answer fraction="50"><text>SHA-384</text></answer>
    <answer fraction="-100"><text>AES</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Short</text></name>
    <questiontext><text>Name a hash.</text></questiontext>
    <answer fraction="100"><text>SHA-256</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="plain_text"><text>TLS 1.3 removed <RSA> key exchange.</text></questiontext>
    <answer fraction="0"><text>false</text><feedback><text>It did remove it.</text></feedback></answer>
    <answer fraction="100"><text>true</text><feedback><text>Right.</text></feedback></answer>
  </question>
</quiz>
"#;

    #[test]
    fn reads_multichoice_truefalse_and_categories() {
        let imported = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;"));
        let qs = &imported.bank.questions;
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].id.value, "Server-Hello-suite");
        assert_eq!(
            qs[0].question.value,
            "Which message carries the chosen suite?"
        );
        assert_eq!(qs[0].as_choice().correct(), [1]);
        assert_eq!(
            qs[0].as_choice().choices.value[0]
                .why
                .as_ref()
                .map(|w| w.value.as_str()),
            Some("It lists the client's suites.\nAll of them.")
        );
        assert!(qs[0].as_choice().choices.value[1].why.is_none());
        assert_eq!(
            qs[0].explanation.as_ref().map(|e| e.value.as_str()),
            Some("The server picks one.\n\nSee & read.")
        );
        let tags: Vec<&str> = qs[0].tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["tls12", "Handshake"]);
        assert_eq!(qs[0].pos, Pos::new(6, 3));
        assert_eq!(qs[0].as_choice().choices.value[1].text.pos, Pos::new(14, 5));
        assert!(qs[0].as_choice().shuffle);

        assert_eq!(qs[1].question.value, "Which are hashes?\nPick all.");
        assert_eq!(qs[1].as_choice().correct(), [0, 1]);
        assert!(
            !qs[1].as_choice().shuffle,
            "shuffleanswers false keeps the order"
        );

        let tf = &qs[2];
        assert_eq!(tf.question.value, "TLS 1.3 removed <RSA> key exchange.");
        assert_eq!(texts(tf), ["True", "False"]);
        assert_eq!(tf.as_choice().correct(), [0]);
        assert_eq!(
            tf.as_choice().choices.value[0]
                .why
                .as_ref()
                .map(|w| w.value.as_str()),
            Some("Right.")
        );

        assert_eq!(imported.warnings.len(), 1);
        assert_eq!(imported.warnings[0].line, 27);
        assert!(imported.warnings[0].message.contains("type `shortanswer`"));
    }

    #[test]
    fn malformed_xml_names_its_line() {
        let (line, message) = err(SAMPLE);
        assert_eq!(line, 34, "{message}");
        assert!(message.starts_with("not well-formed XML"), "{message}");
        assert_eq!(err("<quiz>\n<question type=\"multichoice\">\n").0, 2);
        assert!(err("<html></html>").1.contains("<quiz>"));
        assert!(err("").1.contains("XML"));
        let failed = import(
            Kind::MoodleXml,
            "moodle.xml",
            "<quiz>\n<question type=\"multichoice\">\n<questiontext><text>Q</text></questiontext>\n<answer fraction=\"lots\"><text>a</text></answer>\n</question></quiz>",
        )
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(failed.error.line, 2);
        assert!(
            failed
                .error
                .message
                .contains("its one question was skipped")
        );
        assert!(
            failed.warnings[0]
                .message
                .contains("\"lots\" at line 4 is not a number")
        );
        assert!(
            err(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"aaaa\">]>\n<quiz>&a;</quiz>"
            )
            .1
            .contains("DTD")
        );
    }

    /// Moodle reads a question without a type, or without `<questiontext>`, and
    /// fails on it; quiz skips that question alone, naming its line.
    #[test]
    fn a_question_moodle_cannot_read_is_skipped_alone() {
        let imported = ok(
            "<quiz>\n<question><name/></question>\n<question type=\"multichoice\"><name><text>no text</text></name>\n<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer></question>\n<question type=\"multichoice\"><questiontext><text>Kept?</text></questiontext>\n<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer></question>\n</quiz>",
        );
        assert_eq!(imported.bank.questions.len(), 1);
        let at: Vec<(u32, &str)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(at.len(), 2, "{at:?}");
        assert!(
            at[0].0 == 2 && at[0].1.contains("no type attribute"),
            "{at:?}"
        );
        assert!(
            at[1].0 == 3 && at[1].1.contains("no <questiontext>"),
            "{at:?}"
        );
    }

    /// `<single>` and `<shuffleanswers>` as Moodle's `trans_single` reads them: false
    /// only for `false`, `0` or nothing; a missing `<single>` is true and a missing
    /// `<shuffleanswers>` false, which keeps the choices in file order.
    #[test]
    fn flags_are_read_as_moodle_reads_them() {
        let question = |flags: &str| {
            format!(
                "<question type=\"multichoice\"><questiontext><text>Q</text></questiontext>{flags}\n<answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n"
            )
        };
        let text = format!(
            "<quiz>\n{}{}{}{}{}</quiz>",
            question(""),
            question("<single>TRUE</single><shuffleanswers>yes</shuffleanswers>"),
            question("<single/><shuffleanswers>1</shuffleanswers>"),
            question("<single>false</single><shuffleanswers>FALSE</shuffleanswers>"),
            question("<single>0</single><shuffleanswers>0</shuffleanswers>"),
        );
        let imported = ok(&text);
        let got: Vec<(bool, bool)> = imported
            .bank
            .questions
            .iter()
            .map(|q| (q.as_choice().is_multiple(), q.as_choice().shuffle))
            .collect();
        assert_eq!(
            got,
            [
                (false, false),
                (false, true),
                (true, true),
                (true, true),
                (true, false)
            ]
        );
        assert!(
            imported.bank.questions.iter().all(|q| q
                .as_choice()
                .choices
                .value
                .iter()
                .all(|c| !c.pin))
        );
        let flagged: Vec<(u32, &str)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(flagged.len(), 4, "{flagged:?}");
        assert!(
            flagged[0].0 == 4
                && flagged[0]
                    .1
                    .contains("<single>TRUE</single> is read as true")
        );
        assert!(
            flagged[1]
                .1
                .contains("<shuffleanswers>yes</shuffleanswers> is read as true")
        );
        assert!(flagged[2].0 == 6 && flagged[2].1.contains("<single/> is read as false"));
        assert!(
            flagged[3].0 == 8
                && flagged[3]
                    .1
                    .contains("FALSE</shuffleanswers> is read as true")
        );
    }

    /// An empty `<answer>` is left out, as Moodle leaves it out; the question stays.
    #[test]
    fn an_empty_answer_is_left_out() {
        let imported = ok(
            "<quiz><question type=\"multichoice\"><questiontext><text>Q</text></questiontext>\n<answer fraction=\"100\"><text>a</text></answer>\n<answer fraction=\"0\"><text></text></answer>\n<answer fraction=\"0\"><text>b</text></answer></question></quiz>",
        );
        let q = &imported.bank.questions[0];
        assert_eq!(texts(q), ["a", "b"]);
        assert_eq!(imported.warnings[0].line, 3);
        assert!(imported.warnings[0].message.contains("answer 2 is empty"));
    }

    /// Tags in a name are stripped, as Moodle's `clean_question_name` strips them, and
    /// HTML characters in an ID number are read as text.
    #[test]
    fn names_lose_their_tags_and_id_numbers_their_markup() {
        let imported = ok(
            "<quiz><question type=\"truefalse\"><name><text><![CDATA[Grades <strong>x</strong> > 1 & x < 2]]></text></name><questiontext><text>Q</text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question>\n<question type=\"truefalse\"><name><text>n</text></name><idnumber>T &amp; F</idnumber><questiontext><text>R</text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question></quiz>",
        );
        let ids: Vec<&str> = imported
            .bank
            .questions
            .iter()
            .map(|q| q.id.value.as_str())
            .collect();
        assert_eq!(ids, ["Grades-x-1-x-2", "T-F"]);
    }

    /// Text formats default to HTML, as in Moodle: markup in a question text with no
    /// `format` is read, not shown.
    #[test]
    fn the_question_text_is_html_by_default() {
        let imported = ok(
            "<quiz><question type=\"multichoice\"><questiontext><text><![CDATA[<p>Which <b>one</b>?</p>\nLine]]></text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer></question></quiz>",
        );
        assert_eq!(
            imported.bank.questions[0].question.value,
            "Which one?\n\nLine"
        );
    }

    /// Grades Moodle refuses, negative marks quiz does not take, and files quiz does
    /// not carry (`<file>` elements, `@@PLUGINFILE@@` links, Moodle 1.9's `<image>`):
    /// each is named with its line.
    #[test]
    fn what_quiz_reads_differently_is_named() {
        let imported = ok(r#"<quiz>
<question type="multichoice">
  <questiontext format="html"><text><![CDATA[<p><a href="@@PLUGINFILE@@/bonjour.mp3">Listen</a>: which language?</p>]]></text>
    <file name="bonjour.mp3" encoding="base64">SUQz</file></questiontext>
  <image>flag.png</image>
  <single>true</single>
  <answer fraction="100"><text>French</text></answer>
  <answer fraction="-33.33333"><text>German</text></answer>
  <answer fraction="37"><text>Dutch</text></answer>
</question>
</quiz>"#);
        let q = &imported.bank.questions[0];
        assert_eq!(q.question.value, "Listen: which language?");
        let at: Vec<(u32, &str)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(at.len(), 4, "{at:?}");
        assert!(
            at[0].0 == 3 && at[0].1.ends_with("bonjour.mp3, flag.png"),
            "{at:?}"
        );
        assert!(
            at[1].0 == 8 && at[1].1.contains("takes no marks away"),
            "{at:?}"
        );
        assert!(
            at[2].0 == 9 && at[2].1.contains("37 %, a grade Moodle refuses"),
            "{at:?}"
        );
        assert!(
            at[3].0 == 9 && at[3].1.contains("no partial credit"),
            "{at:?}"
        );
    }

    /// Moodle keeps one line of XML as well as many; so does quiz, in linear time.
    #[test]
    fn one_line_xml_keeps_its_columns() {
        let imported = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;").replace('\n', " "));
        let qs = &imported.bank.questions;
        assert_eq!(qs.len(), 3);
        assert!(qs.iter().all(|q| q.pos.line == 1));
        let col = SAMPLE
            .replace('\n', " ")
            .find("<question type=\"multichoice\">")
            .unwrap_or(0);
        assert_eq!(qs[0].pos.col, u32::try_from(col + 1).unwrap_or(0));
    }

    #[test]
    fn long_ids_leave_out_the_id_number() {
        let mut bank = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;")).bank;
        bank.questions[0].id.value = "x".repeat(101);
        let out = export(Kind::MoodleXml, std::slice::from_ref(&bank));
        assert!(!out.text().contains("<idnumber>xxx"), "{}", out.text());
        assert!(
            out.text()
                .contains(&format!("<text>{}</text>", "x".repeat(101)))
        );
        assert_eq!(out.warnings.len(), 1);
        assert!(out.warnings[0].message.contains("<idnumber> is left out"));
    }

    #[test]
    fn writes_weights_pins_links_and_reads_them_back() {
        let imported = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;"));
        let out = export(Kind::MoodleXml, std::slice::from_ref(&imported.bank));
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        assert!(out.text().contains("<single>false</single>"));
        assert!(
            out.text()
                .contains("<shuffleanswers>false</shuffleanswers>")
        );
        assert!(
            out.text()
                .contains("<answer fraction=\"50\" format=\"html\">")
        );
        assert!(
            out.text()
                .contains("<answer fraction=\"-50\" format=\"html\">")
        );
        assert!(out.text().contains("<question type=\"truefalse\">"));
        assert!(
            out.text()
                .contains("<![CDATA[<p>TLS 1.3 removed &lt;RSA&gt; key exchange.</p>]]>"),
            "{}",
            out.text()
        );
        let again = ok(&out.text());
        assert_eq!(again.bank.questions.len(), 3);
        for (a, b) in imported.bank.questions.iter().zip(&again.bank.questions) {
            assert_eq!(a.id.value, b.id.value);
            assert_eq!(a.question.value, b.question.value);
            assert_eq!(a.as_choice().correct(), b.as_choice().correct());
            assert_eq!(
                a.explanation.as_ref().map(|e| &e.value),
                b.explanation.as_ref().map(|e| &e.value)
            );
            let whys = |q: &Question| {
                q.as_choice()
                    .choices
                    .value
                    .iter()
                    .map(|c| c.why.as_ref().map(|w| w.value.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(whys(a), whys(b));
            assert_eq!(a.as_choice().shuffle, b.as_choice().shuffle);
        }
    }

    #[test]
    fn the_hand_written_fixture() {
        let text = include_str!("../../tests/fixtures/formats/tricky.xml");
        let imported = ok(text);
        let qs = &imported.bank.questions;
        let ids: Vec<&str> = qs.iter().map(|q| q.id.value.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Record-padding-who-checks-it",
                "AEAD-suites",
                "Compression",
                "AEAD-suites-2"
            ]
        );
        let padding = &qs[0];
        assert_eq!(
            padding.question.value,
            "In TLS 1.2 with a CBC suite, which check must a receiver do in constant time?"
        );
        assert_eq!(
            padding.as_choice().choices.value[1].text.value,
            "The MAC and the padding"
        );
        assert_eq!(padding.as_choice().correct(), [1]);
        assert_eq!(
            padding.as_choice().choices.value[0]
                .why
                .as_ref()
                .map(|w| w.value.as_str()),
            Some("No timing leak there.\nIt is public anyway.")
        );
        assert_eq!(
            padding.explanation.as_ref().map(|e| e.value.as_str()),
            Some(
                "Lucky Thirteen showed that timing differences leak.\n\nSee RFC 5246 §6.2.3.2 & RFC 7457."
            )
        );
        let tags: Vec<&str> = padding.tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["cbc", "timing", "Record layer"]);
        let aead = &qs[1];
        assert_eq!(
            aead.question.value,
            "Which of these are AEAD ciphers?\nTick every one."
        );
        assert_eq!(aead.as_choice().correct(), [0, 1]);
        assert!(!aead.as_choice().shuffle);
        assert_eq!(
            aead.as_choice().choices.value[2]
                .why
                .as_ref()
                .map(|w| w.value.as_str()),
            Some("MAC-then-encrypt is not AEAD <by definition>.")
        );
        let tf = &qs[2];
        assert_eq!(tf.as_choice().correct(), [0]);
        assert_eq!(
            tf.as_choice().choices.value[1]
                .why
                .as_ref()
                .map(|w| w.value.as_str()),
            Some("See RFC 8446 §4.1.2 (https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2).")
        );
        assert_eq!(
            qs[3].question.value,
            "- AES-GCM\n- AES-CCM\n\nBoth of these are:"
        );
        let skipped: Vec<u32> = imported.warnings.iter().map(|w| w.line).collect();
        assert_eq!(skipped, [99, 111]);
    }

    #[test]
    fn cdata_cannot_be_broken_out_of() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(
            xml::escape("a\u{7}<b>&\"c\""),
            "a&lt;b&gt;&amp;&quot;c&quot;"
        );
    }
}
