//! Moodle XML: `<quiz>` with one `<question type="…">` per question.
//!
//! Read: `multichoice` (single and multiple) and `truefalse`; a positive `fraction`
//! marks a right choice (in a single-answer question, the one worth 100 %); answer
//! `<feedback>` becomes `why`, `<generalfeedback>` the explanation; texts are turned
//! into plain text according to their `format` (`html`, `moodle_auto_format`,
//! `plain_text`, `markdown`); `<question type="category">` makes its last part a tag
//! of the questions after it, and `<tags>` are tags too; the id comes from
//! `<idnumber>`, else `<name>`; `<shuffleanswers>false</shuffleanswers>` pins every
//! choice. Other question types are skipped with a warning at their line. The XML is
//! parsed by roxmltree with DTDs refused, so entity tricks cannot blow it up.
//!
//! Written: `format="html"` texts in CDATA, `<answernumbering>ABCD` (quiz's letters),
//! `<shuffleanswers>false` for a question with `shuffle: false` or a pinned choice,
//! references as links in the general feedback, and the weights of
//! [`super::partial_weights`] for multiple-answer items (`<single>false</single>`).

use super::build::{Builder, Draft, DraftChoice, category_tag};
use super::xml::{self, Lines, inner_text};
use super::{Format, html, partial_weights, refs, right_choices, true_false};
use crate::bank::{Question, Spanned};
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
            reader.question(q)?;
        }
        Ok(())
    }

    fn begin(&self, out: &mut String) {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    }

    fn question(&self, q: &Question, out: &mut String) -> Result<(), String> {
        let right = right_choices(q)?;
        let tf = true_false(q);
        let weights: Vec<String> = if tf.is_some() || !q.is_multiple() {
            (0..q.choices.value.len())
                .map(|i| if right.contains(&i) { "100" } else { "0" }.to_owned())
                .collect()
        } else {
            partial_weights(q)?
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
        text_element(
            out,
            "questiontext",
            &html::from_text(q.question.value.trim(), true),
        );
        text_element(out, "generalfeedback", &general_feedback(q));
        out.push_str("    <defaultgrade>1</defaultgrade>\n");
        let penalty = if tf.is_some() { "1" } else { "0.3333333" };
        out.push_str(&format!("    <penalty>{penalty}</penalty>\n"));
        out.push_str("    <hidden>0</hidden>\n");
        out.push_str(&format!("    <idnumber>{id}</idnumber>\n"));
        if tf.is_none() {
            let single = !q.is_multiple();
            let shuffle = q.shuffle && !q.choices.value.iter().any(|c| c.pin);
            out.push_str(&format!("    <single>{single}</single>\n"));
            out.push_str(&format!("    <shuffleanswers>{shuffle}</shuffleanswers>\n"));
            out.push_str("    <answernumbering>ABCD</answernumbering>\n");
        }
        for (i, c) in q.choices.value.iter().enumerate() {
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

    fn end(&self, out: &mut String) {
        out.push_str("</quiz>\n");
    }
}

/// The explanation, then the references as links, as HTML.
fn general_feedback(q: &Question) -> String {
    let mut parts = Vec::new();
    if let Some(e) = q
        .explanation
        .as_ref()
        .map(|e| e.value.trim())
        .filter(|e| !e.is_empty())
    {
        parts.push(html::from_text(e, true));
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
/// its format's markup turned into plain text; and where it is.
fn text_of(lines: &Lines, container: Node, default_format: &str) -> Spanned<String> {
    let format = container.attribute("format").unwrap_or(default_format);
    let (raw, at) = match child(container, "text") {
        Some(t) => (inner_text(t), lines.pos(t)),
        None => (String::new(), lines.pos(container)),
    };
    Spanned::new(plain(&raw, format), at)
}

fn plain(raw: &str, format: &str) -> String {
    match format {
        "plain_text" | "markdown" => raw.trim().to_owned(),
        "moodle_auto_format" => html::to_text(raw, true),
        _ => html::to_text(raw, false),
    }
}

/// `true`/`1` or `false`/`0` in a child element; None when it is absent.
fn flag(b: &Builder, lines: &Lines, q: Node, name: &str) -> Result<Option<bool>, Diagnostic> {
    let Some(node) = child(q, name) else {
        return Ok(None);
    };
    match inner_text(node).trim() {
        "true" | "1" => Ok(Some(true)),
        "false" | "0" => Ok(Some(false)),
        other => Err(b.error(
            lines.pos(node),
            format!("<{name}> must be true or false, found {other:?}"),
        )),
    }
}

struct Reader<'b, 't> {
    b: &'b mut Builder,
    lines: Lines<'t>,
    /// The tag of the last category question.
    category: Option<Spanned<String>>,
}

impl Reader<'_, '_> {
    fn question(&mut self, q: Node) -> Result<(), Diagnostic> {
        let at = self.lines.pos(q);
        let Some(kind) = q.attribute("type") else {
            return Err(self.b.error(at, "<question> without a type attribute"));
        };
        match kind {
            "category" => {
                let path =
                    child(q, "category").map(|c| text_of(&self.lines, c, "plain_text").value);
                self.category = path
                    .as_deref()
                    .and_then(category_tag)
                    .map(|tag| Spanned::new(tag, at));
                Ok(())
            }
            "multichoice" | "truefalse" => {
                let draft = self.draft(q, kind == "truefalse")?;
                self.b.add(draft);
                Ok(())
            }
            other => {
                let what = format!("a question of type `{other}`");
                self.b.skip(
                    at,
                    &what,
                    "quiz imports multichoice and truefalse questions only",
                );
                Ok(())
            }
        }
    }

    fn draft(&mut self, q: Node, true_false: bool) -> Result<Draft, Diagnostic> {
        let at = self.lines.pos(q);
        let Some(qt) = child(q, "questiontext") else {
            return Err(self.b.error(at, "this question has no <questiontext>"));
        };
        let format = qt.attribute("format").unwrap_or("moodle_auto_format");
        let mut draft = Draft::new(at, text_of(&self.lines, qt, format));
        let idnumber = child(q, "idnumber")
            .map(|n| Spanned::new(inner_text(n).trim().to_owned(), self.lines.pos(n)));
        let name = child(q, "name").map(|n| {
            let t = text_of(&self.lines, n, "plain_text");
            Spanned::new(t.value, self.lines.pos(n))
        });
        draft.name = idnumber.filter(|i| !i.value.is_empty()).or(name);
        draft.explanation = child(q, "generalfeedback")
            .map(|g| text_of(&self.lines, g, format))
            .filter(|g| !g.value.is_empty());
        if let Some(tags) = child(q, "tags") {
            for tag in tags
                .children()
                .filter(|t| t.is_element() && t.tag_name().name() == "tag")
            {
                draft.tags.push(text_of(&self.lines, tag, "plain_text"));
            }
        }
        draft.tags.extend(self.category.clone());
        let answers: Vec<Node> = q
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "answer")
            .collect();
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
                        self.b.error(
                            self.lines.pos(*a),
                            format!("fraction {f:?} is not a number"),
                        )
                    })?,
            };
            let text = text_of(&self.lines, *a, a.attribute("format").unwrap_or(format));
            let why = child(*a, "feedback")
                .map(|f| text_of(&self.lines, f, format))
                .filter(|f| !f.value.is_empty());
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
            draft.single = flag(self.b, &self.lines, q, "single")?.unwrap_or(true);
            draft.shuffle = flag(self.b, &self.lines, q, "shuffleanswers")?.unwrap_or(true);
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
    use super::super::{Imported, Kind, export, import};
    use super::*;

    fn ok(text: &str) -> Imported {
        import(Kind::MoodleXml, "moodle.xml", text)
            .unwrap_or_else(|d| panic!("{}:{}: {}", d.line, d.col, d.message))
    }

    fn err(text: &str) -> (u32, String) {
        match import(Kind::MoodleXml, "moodle.xml", text) {
            Ok(i) => panic!("expected an error, got {:?}", i.bank.questions),
            Err(d) => (d.line, d.message),
        }
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
        assert_eq!(qs[0].correct(), [1]);
        assert_eq!(
            qs[0].choices.value[0]
                .why
                .as_ref()
                .map(|w| w.value.as_str()),
            Some("It lists the client's suites.\nAll of them.")
        );
        assert!(qs[0].choices.value[1].why.is_none());
        assert_eq!(
            qs[0].explanation.as_ref().map(|e| e.value.as_str()),
            Some("The server picks one.\n\nSee & read.")
        );
        let tags: Vec<&str> = qs[0].tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["tls12", "Handshake"]);
        assert_eq!(qs[0].pos, Pos::new(6, 3));
        assert_eq!(qs[0].choices.value[1].text.pos, Pos::new(14, 5));
        assert!(!qs[0].choices.value[0].pin);

        assert_eq!(qs[1].question.value, "Which are hashes?\nPick all.");
        assert_eq!(qs[1].correct(), [0, 1]);
        assert!(
            qs[1].choices.value.iter().all(|c| c.pin),
            "shuffleanswers false pins them"
        );

        let tf = &qs[2];
        assert_eq!(tf.question.value, "TLS 1.3 removed <RSA> key exchange.");
        let texts: Vec<&str> = tf
            .choices
            .value
            .iter()
            .map(|c| c.text.value.as_str())
            .collect();
        assert_eq!(texts, ["True", "False"]);
        assert_eq!(tf.correct(), [0]);
        assert_eq!(
            tf.choices.value[0].why.as_ref().map(|w| w.value.as_str()),
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
        let (line, message) = err(
            "<quiz>\n<question type=\"multichoice\">\n<questiontext><text>Q</text></questiontext>\n<answer fraction=\"lots\"><text>a</text></answer>\n</question></quiz>",
        );
        assert_eq!(line, 4);
        assert!(message.contains("not a number"));
        assert_eq!(err("<quiz>\n\n<question><name/></question></quiz>").0, 3);
        assert!(
            err(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"aaaa\">]>\n<quiz>&a;</quiz>"
            )
            .1
            .contains("DTD")
        );
        assert!(err("<quiz><question type=\"multichoice\"><questiontext><text>Q</text></questiontext><single>maybe</single></question></quiz>").1.contains("true or false"));
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
            assert_eq!(a.correct(), b.correct());
            assert_eq!(
                a.explanation.as_ref().map(|e| &e.value),
                b.explanation.as_ref().map(|e| &e.value)
            );
            let whys = |q: &Question| {
                q.choices
                    .value
                    .iter()
                    .map(|c| c.why.as_ref().map(|w| w.value.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(whys(a), whys(b));
            let pins = |q: &Question| q.choices.value.iter().map(|c| c.pin).collect::<Vec<_>>();
            assert_eq!(pins(a), pins(b));
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
            padding.choices.value[1].text.value,
            "The MAC and the padding"
        );
        assert_eq!(padding.correct(), [1]);
        assert_eq!(
            padding.choices.value[0]
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
        assert_eq!(aead.correct(), [0, 1]);
        assert!(aead.choices.value.iter().all(|c| c.pin));
        assert_eq!(
            aead.choices.value[2].why.as_ref().map(|w| w.value.as_str()),
            Some("MAC-then-encrypt is not AEAD <by definition>.")
        );
        let tf = &qs[2];
        assert_eq!(tf.correct(), [0]);
        assert_eq!(
            tf.choices.value[1].why.as_ref().map(|w| w.value.as_str()),
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
