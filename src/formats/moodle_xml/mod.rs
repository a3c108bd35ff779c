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

mod kinds;

use super::build::{Builder, Draft, DraftChoice, category_tag};
use super::xml::{self, Lines, children, inner_text};
use super::{Format, html, partial_weights, refs, right_choices, true_false};
use crate::bank::{Bank, Kind as QuestionKind, MAX_ID_LEN, Question, Spanned};
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

    fn kinds(&self) -> &'static [QuestionKind] {
        QuestionKind::ALL
    }

    fn pictures(&self) -> bool {
        true
    }

    /// The question, its picture embedded as Moodle embeds a file: an `<img>`
    /// of `@@PLUGINFILE@@/name` in the question text, and the file in base64.
    fn question_of(&self, bank: &Bank, q: &Question, out: &mut String) -> Result<(), String> {
        let picture = q
            .image
            .as_ref()
            .and_then(|image| super::picture(bank, image).ok());
        question(q, picture.as_ref(), out)
    }

    fn question(&self, q: &Question, out: &mut String) -> Result<(), String> {
        question(q, None, out)
    }

    fn notes(&self, q: &Question) -> Vec<String> {
        let mut notes = Vec::new();
        if q.choices().is_none() {
            let _ = kinds::write(q, &mut notes);
        }
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

/// A question, its picture (its file's name and bytes), if any, embedded as
/// Moodle embeds a file: an `<img>` of `@@PLUGINFILE@@/name` after the stem,
/// and the file in base64 in the question text.
fn question(
    q: &Question,
    picture: Option<&(String, Vec<u8>)>,
    out: &mut String,
) -> Result<(), String> {
    let Ok(c) = super::choices_of(q) else {
        let (kind, elements) = kinds::write(q, &mut Vec::new())?;
        head(q, kind, "0.3333333", picture, out);
        out.push_str(&elements);
        tail(q, out);
        return Ok(());
    };
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
    let penalty = if tf.is_some() { "1" } else { "0.3333333" };
    head(q, kind, penalty, picture, out);
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
    tail(q, out);
    Ok(())
}

/// A question's elements up to `<idnumber>`: its type, name, text (with the
/// exhibit), general feedback, grade and penalty.
fn head(
    q: &Question,
    kind: &str,
    penalty: &str,
    picture: Option<&(String, Vec<u8>)>,
    out: &mut String,
) {
    let id = xml::escape(&q.id.value);
    out.push_str(&format!("  <question type=\"{kind}\">\n"));
    out.push_str(&format!(
        "    <name>\n      <text>{id}</text>\n    </name>\n"
    ));
    let mut stem = match &q.exhibit {
        Some(exhibit) => super::exhibit::stem_html(&q.question.value, &exhibit.value),
        None => html::from_text(q.question.value.trim(), true),
    };
    let alt = q.alt.as_ref().map_or("", |a| a.value.trim());
    if let Some((name, _)) = picture {
        stem.push_str(&format!(
            "<p><img src=\"@@PLUGINFILE@@/{}\" alt=\"{}\"></p>",
            html::escape(name),
            html::escape(alt)
        ));
    }
    out.push_str(&format!(
        "    <questiontext format=\"html\">\n      <text>{}</text>\n",
        cdata(&stem)
    ));
    if let Some((name, bytes)) = picture {
        use base64::Engine;
        out.push_str(&format!(
            "      <file name=\"{}\" path=\"/\" encoding=\"base64\">{}</file>\n",
            xml::escape(name),
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ));
    }
    out.push_str("    </questiontext>\n");
    text_element(out, "generalfeedback", &general_feedback(q));
    out.push_str("    <defaultgrade>1</defaultgrade>\n");
    out.push_str(&format!("    <penalty>{penalty}</penalty>\n"));
    out.push_str("    <hidden>0</hidden>\n");
    if q.id.value.chars().count() <= MAX_ID_LEN {
        out.push_str(&format!("    <idnumber>{id}</idnumber>\n"));
    }
}

/// The tags, and the question's end.
fn tail(q: &Question, out: &mut String) {
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

/// Each `<img>` of an HTML text that stands alone in its block (a picture,
/// not an image inside a sentence): its `src` and its `alt`, entities decoded.
fn images(html_text: &str) -> Vec<(String, Option<String>)> {
    let lower = html_text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<img").map(|i| from + i) {
        let end = lower[at..].find('>').map_or(lower.len(), |i| at + i);
        let tag = &html_text[at..end];
        let attr = |name: &str| -> Option<String> {
            let low = tag.to_ascii_lowercase();
            let i = low.find(&format!("{name}="))? + name.len() + 1;
            let rest = &tag[i..];
            let value = match rest.chars().next()? {
                q @ ('"' | '\'') => rest[1..].split(q).next()?,
                _ => rest.split([' ', '/', '>']).next()?,
            };
            Some(html::to_text(value, false))
        };
        let before = lower[..at].trim_end();
        let after = lower.get(end + 1..).unwrap_or("").trim_start();
        let alone = (before.is_empty() || before.ends_with("<p>") || before.ends_with("<div>"))
            && (after.is_empty() || after.starts_with("</p>") || after.starts_with("</div>"));
        if let Some(src) = attr("src").filter(|_| alone) {
            out.push((src, attr("alt")));
        }
        from = end;
    }
    out
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
                    let extra = super::build::Extra {
                        exhibit: self.exhibit(q, &draft),
                        ..Default::default()
                    };
                    self.b.add_with(draft, extra);
                }
                Err(why) => self.b.skip(at, "the question", &why),
            },
            "match" | "shortanswer" | "numerical" | "essay" | "ordering" => {
                let mut notes = kinds::Notes::new();
                let read = self
                    .common(q)
                    .map_err(kinds::Skip::Unheld)
                    .and_then(|mut draft| {
                        let body = kinds::read(kind, q, &self.lines, &mut draft, &mut notes)?;
                        draft.body = Some(body);
                        Ok(draft)
                    });
                match read {
                    Ok(draft) => {
                        for (pos, note) in notes {
                            self.b.warn(pos, note);
                        }
                        let extra = super::build::Extra {
                            exhibit: self.exhibit(q, &draft),
                            ..Default::default()
                        };
                        self.b.add_with(draft, extra);
                    }
                    Err(kinds::Skip::Unheld(why)) => {
                        self.b
                            .skip(at, &format!("a question of type `{kind}`"), &why);
                    }
                    Err(kinds::Skip::Broken(why)) => {
                        self.b
                            .skip_error(at, &format!("a question of type `{kind}`"), &why);
                    }
                }
            }
            other => {
                let what = format!("a question of type `{other}`");
                self.b.skip(
                    at,
                    &what,
                    "quiz imports multichoice, truefalse, match, shortanswer, numerical, essay and ordering questions",
                );
            }
        }
    }

    /// What every type has: the stem (without its exhibit), the name or id
    /// number, the general feedback, the tags and the category's.
    fn common(&mut self, q: Node) -> Result<Draft, String> {
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
        let media = self.picture(qt, &mut draft, media);
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
        Ok(draft)
    }

    /// The question's picture: the first `<img>` of the question text whose
    /// file the text embeds (`<file encoding="base64">`), kept to be written
    /// beside the bank; its words (`[image: …]`) leave the stem. Gives the
    /// embedded files left, for the warning about them.
    fn picture(&mut self, qt: Node, draft: &mut Draft, media: Vec<String>) -> Vec<String> {
        use base64::Engine;
        let Some(raw) = child(qt, "text").map(inner_text) else {
            return media;
        };
        let files: Vec<(String, Node)> = children(qt, "file")
            .filter_map(|f| Some((f.attribute("name")?.to_owned(), f)))
            .collect();
        for (src, alt) in images(&raw) {
            let Some(name) = src.strip_prefix("@@PLUGINFILE@@/") else {
                continue;
            };
            let name = html::decode_uri(name);
            let Some((file_name, file)) = files.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            let pos = self.lines.pos(*file);
            let text: String = inner_text(*file).split_whitespace().collect();
            let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text.as_bytes())
            else {
                self.b.warn(
                    pos,
                    format!("the file `{file_name}` is not base64; it is left out"),
                );
                continue;
            };
            let Some(kept) = self.b.attach(pos, file_name, bytes) else {
                continue;
            };
            let shown = match alt.as_deref().filter(|a| !a.trim().is_empty()) {
                Some(alt) => format!("[image: {}]", alt.trim()),
                None => format!("[image: {file_name}]"),
            };
            draft.stem.value = draft.stem.value.replacen(&shown, "", 1).trim().to_owned();
            draft.image = Some(Spanned::new(kept, pos));
            draft.alt = alt
                .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|a| !a.is_empty())
                .map(|a| Spanned::new(a, pos));
            return media
                .into_iter()
                .filter(|m| html::decode_uri(m) != name)
                .collect();
        }
        media
    }

    /// The exhibit: the last `<pre>` of the question text.
    fn exhibit(&self, q: Node, draft: &Draft) -> Option<Spanned<String>> {
        child(q, "questiontext")
            .and_then(|qt| child(qt, "text"))
            .and_then(|t| super::exhibit::split(&inner_text(t)))
            .map(|(_, text)| Spanned::new(text, draft.stem.pos))
    }

    /// A choice question as a draft, or why it cannot be one.
    fn draft(&mut self, q: Node, true_false: bool) -> Result<Draft, String> {
        let at = self.lines.pos(q);
        let mut draft = self.common(q)?;
        let format = child(q, "questiontext")
            .and_then(|qt| qt.attribute("format"))
            .unwrap_or("html");
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
mod tests;
