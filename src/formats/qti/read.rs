//! One QTI `assessmentItem` (2.0, 2.1 or 2.2) into a question: the stem around its
//! one interaction, a `<pre>` as the exhibit, and the feedback, here for every
//! kind; what the interaction asks is read by its kind's module (choice items
//! here), from an [`Item`].

use super::{
    CHOICE_INTERACTION, EXTENDED_TEXT_INTERACTION, MATCH_INTERACTION, ORDER_INTERACTION,
    SELECT_ALL, TEXT_ENTRY_INTERACTION, entry, extended, matching, order,
};
use crate::bank::{Body, Spanned};
use crate::diagnostic::{Diagnostic, Pos};
use crate::formats::build::{Builder, Draft, DraftChoice, Extra};
use crate::formats::xhtml;
use crate::formats::xml::{self, Lines, children, inner_text};
use roxmltree::{Node, NodeId};
use std::collections::{HashMap, HashSet};

/// The interactions of QTI 2.1; an item with any but one of those quiz reads
/// ([`READ`]) is skipped.
const INTERACTIONS: &[&str] = &[
    "associateInteraction",
    "choiceInteraction",
    "customInteraction",
    "drawingInteraction",
    "endAttemptInteraction",
    "extendedTextInteraction",
    "gapMatchInteraction",
    "graphicAssociateInteraction",
    "graphicGapMatchInteraction",
    "graphicOrderInteraction",
    "hotspotInteraction",
    "hottextInteraction",
    "inlineChoiceInteraction",
    "matchInteraction",
    "mediaInteraction",
    "orderInteraction",
    "positionObjectInteraction",
    "selectPointInteraction",
    "sliderInteraction",
    "textEntryInteraction",
    "uploadInteraction",
];

/// The interactions quiz reads, one kind of question (or two) each.
const READ: &[&str] = &[
    CHOICE_INTERACTION,
    ORDER_INTERACTION,
    MATCH_INTERACTION,
    TEXT_ENTRY_INTERACTION,
    EXTENDED_TEXT_INTERACTION,
];

/// What stands for a text entry inside a sentence of the stem.
const BLANK: &str = "_____";

/// Why an item is not taken.
pub(super) enum Skip {
    /// It asks what quiz cannot hold: skipped with a warning.
    Unheld(String),
    /// It contradicts itself (a correct response that names no choice, a number
    /// that is none): it cannot be read, and is skipped with an error at `Pos`.
    Broken(Pos, String),
}

/// What a kind's reader notes about an item it reads ([`Notes`]).
pub(super) use crate::formats::build::Notes;

/// An item being read: its interaction and the response it declares for it.
pub(super) struct Item<'a, 'i> {
    pub lines: &'a Lines<'a>,
    pub root: Node<'a, 'i>,
    pub interaction: Node<'a, 'i>,
    pub declaration: Node<'a, 'i>,
}

/// A `mapEntry` of the response's mapping.
pub(super) struct MapEntry<'a, 'i> {
    pub key: String,
    pub value: f64,
    /// `caseSensitive`, where it is given.
    pub case_sensitive: Option<bool>,
    pub node: Node<'a, 'i>,
}

impl<'a, 'i> Item<'a, 'i> {
    pub fn pos(&self, node: Node) -> Pos {
        self.lines.pos(node)
    }

    /// The content of `node` as plain text, its inline feedback left out.
    pub fn text(&self, node: Node) -> String {
        xhtml::to_text(&inner_source(self.lines, node, &["feedbackInline"]))
    }

    /// The identifier the interaction answers to.
    pub fn response(&self) -> &'a str {
        self.interaction
            .attribute("responseIdentifier")
            .unwrap_or("")
    }

    /// The values of the correct response, trimmed, each with its element.
    pub fn correct(&self) -> Vec<(String, Node<'a, 'i>)> {
        children(self.declaration, "correctResponse")
            .flat_map(|c| children(c, "value"))
            .map(|v| (inner_text(v).trim().to_owned(), v))
            .collect()
    }

    /// The entries of the response's mapping (one that does not read as a number
    /// is left out).
    pub fn mapping(&self) -> Vec<MapEntry<'a, 'i>> {
        children(self.declaration, "mapping")
            .flat_map(|m| children(m, "mapEntry"))
            .filter_map(|e| {
                Some(MapEntry {
                    key: e.attribute("mapKey")?.trim().to_owned(),
                    value: e.attribute("mappedValue")?.trim().parse::<f64>().ok()?,
                    case_sensitive: e
                        .attribute("caseSensitive")
                        .map(|c| matches!(c.trim(), "true" | "1")),
                    node: e,
                })
            })
            .collect()
    }

    /// The elements of the response processing (none for a template) that
    /// compare the response: those with `<variable>` of it as a child.
    pub fn comparisons(&self) -> Vec<Node<'a, 'i>> {
        let response = self.response();
        children(self.root, "responseProcessing")
            .flat_map(|p| p.descendants())
            .filter(|n| {
                n.is_element()
                    && children(*n, "variable").any(|v| v.attribute("identifier") == Some(response))
            })
            .collect()
    }
}

/// The files of the package an item file is in, for the pictures it shows.
pub(super) struct Package<'p> {
    /// The item file's folder in the package (`items/`), which its `src`s are
    /// relative to.
    pub base: &'p str,
    pub files: &'p HashMap<&'p str, &'p [u8]>,
}

impl Package<'_> {
    /// The file `src` names, relative to the item: `../images/a.png` from
    /// `items/` is `images/a.png`. None for an address or a path out of the
    /// package.
    fn file(&self, src: &str) -> Option<(String, &[u8])> {
        let src = src.split(['?', '#']).next()?.trim();
        if src.contains("://") || src.starts_with('/') || src.starts_with("data:") {
            return None;
        }
        let mut parts: Vec<&str> = self.base.split('/').filter(|p| !p.is_empty()).collect();
        for part in src.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                part => parts.push(part),
            }
        }
        let name = parts.join("/");
        let decoded = crate::formats::html::decode_uri(&name);
        let bytes = self
            .files
            .get(name.as_str())
            .or_else(|| self.files.get(decoded.as_str()))?;
        Some((decoded, bytes))
    }
}

/// Reads one item file. `tags` come from the package's manifest. A file that is not
/// well-formed XML is an Err; an item quiz cannot hold is skipped with a warning,
/// one that contradicts itself with an error.
pub(super) fn item(
    text: &str,
    tags: &[Spanned<String>],
    package: Option<&Package>,
    b: &mut Builder,
) -> Result<(), Diagnostic> {
    let doc = xml::parse(b, text, "QTI")?;
    let lines = Lines::new(text);
    let root = doc.root_element();
    let at = lines.pos(root);
    if root.tag_name().name() != "assessmentItem" {
        return Err(b.error(
            at,
            format!(
                "expected a QTI <assessmentItem>, found <{}>",
                root.tag_name().name()
            ),
        ));
    }
    let what = "the item";
    let Some(body) = children(root, "itemBody").next() else {
        b.skip(at, what, "it has no <itemBody>");
        return Ok(());
    };
    let interactions: Vec<Node> = body
        .descendants()
        .filter(|n| n.is_element() && INTERACTIONS.contains(&n.tag_name().name()))
        .collect();
    let interaction = match interactions.as_slice() {
        [one] if READ.contains(&one.tag_name().name()) => *one,
        [] => {
            b.skip(at, what, "it has no interaction");
            return Ok(());
        }
        [one] => {
            let why = format!(
                "it is a <{}>, and quiz reads choice, order, match, text entry and extended text interactions",
                one.tag_name().name()
            );
            b.skip(at, what, &why);
            return Ok(());
        }
        many => {
            let why = format!(
                "it has {} interactions, and a quiz question is one",
                many.len()
            );
            b.skip(at, what, &why);
            return Ok(());
        }
    };
    let name = interaction.tag_name().name();
    let response_id = interaction.attribute("responseIdentifier").unwrap_or("");
    let Some(declaration) = children(root, "responseDeclaration")
        .find(|d| d.attribute("identifier") == Some(response_id))
    else {
        let why =
            format!("its <{name}> answers to `{response_id}`, which the item does not declare");
        b.skip_error(lines.pos(interaction), what, &why);
        return Ok(());
    };

    let (stem, exhibits, picture) = stem(&lines, body, interaction);
    let stem_at = children(interaction, "prompt")
        .next()
        .map_or_else(|| lines.pos(body), |p| lines.pos(p));
    let mut draft = Draft::new(at, Spanned::new(stem, stem_at));
    draft.name = root
        .attribute("title")
        .filter(|t| !t.trim().is_empty())
        .or_else(|| root.attribute("identifier"))
        .map(|n| Spanned::new(n.to_owned(), at));
    draft.choices_pos = lines.pos(interaction);
    draft.tags = tags.to_vec();
    if let Some(img) = picture {
        picture_of(img, &lines, package, &mut draft, b);
    }
    let mut extra = Extra {
        exhibit: (!exhibits.is_empty())
            .then(|| Spanned::new(exhibits.join("\n\n"), lines.pos(body))),
        ..Extra::default()
    };

    let item = Item {
        lines: &lines,
        root,
        interaction,
        declaration,
    };
    let feedback: Vec<Node> = children(root, "modalFeedback").collect();
    let mut notes = Notes::new();
    let kind = match name {
        CHOICE_INTERACTION => choice(&item, &feedback, &mut draft, &mut extra),
        ORDER_INTERACTION => order::read(&item).map(taken),
        MATCH_INTERACTION => matching::read(&item, &mut notes).map(taken),
        TEXT_ENTRY_INTERACTION => entry::read(&item, &mut notes).map(taken),
        _ => extended::read(&item).map(taken),
    };
    let whys = match kind {
        Ok((body, whys)) => {
            draft.body = body;
            whys
        }
        Err(Skip::Unheld(why)) => {
            b.skip(at, what, &why);
            return Ok(());
        }
        Err(Skip::Broken(pos, why)) => {
            b.skip_error(pos, what, &why);
            return Ok(());
        }
    };

    // The feedback that is no choice's `why` is the explanation.
    let whys: HashSet<String> = whys.into_iter().collect();
    let general: Vec<Node> = feedback
        .iter()
        .copied()
        .filter(|f| {
            f.attribute("identifier")
                .is_none_or(|id| !whys.contains(id))
        })
        .collect();
    let texts: Vec<String> = general
        .iter()
        .map(|f| xhtml::to_text(&inner_source(&lines, *f, &[])))
        .filter(|t| !t.trim().is_empty())
        .collect();
    if texts.len() > 1 {
        notes.push((
            lines.pos(general[1]),
            format!(
                "{} feedback blocks are joined into one explanation (quiz shows one after every answer)",
                texts.len()
            ),
        ));
    }
    if let Some(first) = general.first() {
        draft.explanation =
            (!texts.is_empty()).then(|| Spanned::new(texts.join("\n\n"), lines.pos(*first)));
    }
    notes.sort_by_key(|(pos, _)| *pos);
    for (pos, note) in notes {
        b.warn(pos, note);
    }
    b.add_with(draft, extra);
    Ok(())
}

/// The question's picture, from an `<img>` standing alone in the item body: its
/// file kept from the package ([`Builder::attach`]), its `alt` the question's.
/// Outside a package, or naming no file of it, it is left out with a warning.
fn picture_of(
    img: Node,
    lines: &Lines,
    package: Option<&Package>,
    draft: &mut Draft,
    b: &mut Builder,
) {
    let pos = lines.pos(img);
    let src = img.attribute("src").unwrap_or("").trim();
    let alt = img
        .attribute("alt")
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty());
    let Some((name, bytes)) = package.and_then(|p| p.file(src)) else {
        b.warn(
            pos,
            format!("the picture `{src}` is not a file of the package; it is left out"),
        );
        return;
    };
    if let Some(kept) = b.attach(pos, &name, bytes.to_vec()) {
        draft.image = Some(Spanned::new(kept, pos));
        draft.alt = alt.map(|a| Spanned::new(a, pos));
    }
}

/// A question of another kind than choice, read whole: its body, and no `why`s.
fn taken(body: Body) -> (Option<Body>, Vec<String>) {
    (Some(body), Vec::new())
}

/// The stem and the exhibits of an item: every block of the body but the
/// interaction, then its `<prompt>`; each `<pre>` an exhibit; and the first
/// picture standing alone (an `<img>`, or a block holding only one).
fn stem<'a, 'i>(
    lines: &Lines,
    body: Node<'a, 'i>,
    interaction: Node<'a, 'i>,
) -> (String, Vec<String>, Option<Node<'a, 'i>>) {
    // The elements that hold the interaction or an exhibit, to look inside: marked
    // once each, walking up until an element already marked.
    let mut holders: HashSet<NodeId> = HashSet::new();
    for n in body
        .descendants()
        .filter(|n| *n == interaction || n.is_element() && n.tag_name().name() == "pre")
    {
        for a in n.ancestors().skip(1) {
            if !holders.insert(a.id()) {
                break;
            }
        }
    }
    let around = Around {
        lines,
        interaction,
        holders: &holders,
        sentence: sentence(body, interaction),
    };
    let mut parts: Vec<String> = Vec::new();
    let mut exhibits: Vec<String> = Vec::new();
    let mut picture = None;
    around.gather(body, &mut parts, &mut exhibits, &mut picture);
    if let Some(prompt) = children(interaction, "prompt").next() {
        parts.push(xhtml::to_text(&inner_source(lines, prompt, &[])));
    }
    parts.retain(|p| !p.trim().is_empty());
    (parts.join("\n\n"), exhibits, picture)
}

/// The `<img>` that `node` is, or that it alone holds (no text beside it).
fn lone_image<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    if node.tag_name().name() == "img" {
        return Some(node);
    }
    let mut inside = node.children().filter(|c| {
        c.is_element() || c.is_text() && c.text().is_some_and(|t| !t.trim().is_empty())
    });
    match (inside.next(), inside.next()) {
        (Some(only), None) if only.is_element() && only.tag_name().name() == "img" => Some(only),
        _ => None,
    }
}

/// The block that holds an inline interaction (a text entry) among words of its
/// own, read as one part of the stem with a blank in its place.
fn sentence<'a, 'i>(body: Node<'a, 'i>, interaction: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    const INLINE: &[&str] = &[
        "a", "abbr", "acronym", "b", "big", "cite", "code", "dfn", "em", "i", "kbd", "label", "q",
        "samp", "small", "span", "strong", "sub", "sup", "tt", "var",
    ];
    if interaction.tag_name().name() != TEXT_ENTRY_INTERACTION {
        return None;
    }
    let block = interaction
        .ancestors()
        .skip(1)
        .find(|a| !INLINE.contains(&a.tag_name().name()))?;
    let inside = interaction.range();
    let words = block
        .descendants()
        .filter(|n| n.is_text() && !inside.contains(&n.range().start))
        .any(|n| n.text().is_some_and(|t| !t.trim().is_empty()));
    (block != body && words).then_some(block)
}

/// The item body around the interaction.
struct Around<'a, 'i> {
    lines: &'a Lines<'a>,
    interaction: Node<'a, 'i>,
    /// The elements with the interaction or a `<pre>` inside.
    holders: &'a HashSet<NodeId>,
    /// The block that holds a text entry within a sentence ([`sentence`]).
    sentence: Option<Node<'a, 'i>>,
}

impl Around<'_, '_> {
    /// The stem's parts and the exhibits: each `<pre>` is an exhibit, every other
    /// block is stem text. (A stack, not recursion: nesting depth is the file's choice.)
    fn gather<'a, 'i>(
        &self,
        body: Node<'a, 'i>,
        stem: &mut Vec<String>,
        exhibits: &mut Vec<String>,
        picture: &mut Option<Node<'a, 'i>>,
    ) {
        let mut stack = vec![body.children()];
        while let Some(level) = stack.last_mut() {
            let Some(child) = level.next() else {
                stack.pop();
                continue;
            };
            if child == self.interaction {
                continue;
            }
            if child.is_text() {
                let text = xhtml::to_text(self.lines.source(child));
                if !text.trim().is_empty() {
                    stem.push(text);
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.tag_name().name();
            if picture.is_none()
                && !self.holders.contains(&child.id())
                && let Some(img) = lone_image(child)
            {
                *picture = Some(img);
            } else if Some(child) == self.sentence {
                stem.push(self.with_blank(child));
            } else if name == "pre" {
                exhibits.push(inner_text(child).trim_end_matches('\n').to_owned());
            } else if self.holders.contains(&child.id()) {
                stack.push(child.children());
            } else if !matches!(name, "rubricBlock" | "feedbackBlock" | "templateBlock") {
                stem.push(xhtml::to_text(self.lines.source(child)));
            }
        }
    }

    /// `block`'s text with a blank where the interaction stands.
    fn with_blank(&self, block: Node) -> String {
        let source = self.lines.source(block);
        let (outer, inner) = (block.range(), self.interaction.range());
        let (from, to) = (inner.start - outer.start, inner.end - outer.start);
        match (source.get(..from), source.get(to..)) {
            (Some(before), Some(after)) => xhtml::to_text(&format!("{before}{BLANK}{after}")),
            _ => xhtml::to_text(source),
        }
    }
}

/// A choice item: its choices (the `fixed` ones pinned), the right ones from the
/// correct response or else the mapping's positive entries, and each choice's
/// `why` from its inline feedback or a `modalFeedback` named after it. The
/// choices go into the draft (the builder reads them as it reads Moodle's); the
/// identifiers of the feedback taken as `why`s are returned.
fn choice(
    item: &Item,
    feedback: &[Node],
    draft: &mut Draft,
    extra: &mut Extra,
) -> Result<(Option<Body>, Vec<String>), Skip> {
    let interaction = item.interaction;
    let mut right: HashSet<String> = item.correct().into_iter().map(|(v, _)| v).collect();
    if right.is_empty() {
        right = item
            .mapping()
            .into_iter()
            .filter(|e| e.value > 0.0)
            .map(|e| e.key)
            .collect();
    }
    if right.is_empty() {
        return Err(Skip::Unheld("it gives no correct response".into()));
    }
    // The feedback named after each choice, by name.
    let mut named: HashMap<&str, Vec<String>> = HashMap::new();
    for f in feedback {
        if let Some(id) = f.attribute("identifier") {
            named
                .entry(id)
                .or_default()
                .push(xhtml::to_text(&inner_source(item.lines, *f, &[])));
        }
    }
    let max_choices = interaction.attribute("maxChoices").unwrap_or("1").trim();
    draft.single =
        item.declaration.attribute("cardinality") == Some("single") || max_choices == "1";
    extra.keep_order = interaction.attribute("shuffle").map(str::trim) == Some("false");
    extra.multi = interaction
        .attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|c| c == SELECT_ALL));
    let mut ids = Vec::new();
    for (i, choice) in children(interaction, "simpleChoice").enumerate() {
        let id = choice.attribute("identifier").unwrap_or("").to_owned();
        let pos = item.pos(choice);
        let text = item.text(choice);
        let mut whys: Vec<String> = choice
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "feedbackInline")
            .map(|f| xhtml::to_text(&inner_source(item.lines, f, &[])))
            .collect();
        whys.extend(named.get(id.as_str()).into_iter().flatten().cloned());
        whys.retain(|w| !w.trim().is_empty());
        if choice.attribute("fixed").map(str::trim) == Some("true") {
            extra.pins.push(i);
        }
        draft.choices.push(DraftChoice {
            text: Spanned::new(text, pos),
            why: (!whys.is_empty()).then(|| Spanned::new(whys.join("\n\n"), pos)),
            weight: if right.contains(&id) { 100.0 } else { 0.0 },
        });
        ids.push(id);
    }
    Ok((None, ids))
}

/// The source of `node`'s content, leaving out the child elements named in `skip`.
pub(super) fn inner_source(lines: &Lines, node: Node, skip: &[&str]) -> String {
    node.children()
        .filter(|c| !(c.is_element() && skip.contains(&c.tag_name().name())))
        .map(|c| lines.source(c))
        .collect()
}
