//! What the XML formats share: escaping, positions of nodes, and parse errors that
//! point at a line.

use super::build::Builder;
use super::lines::LineIndex;
use crate::diagnostic::{Diagnostic, Pos};
use roxmltree::{Document, Node, ParsingOptions};

/// The fewest bytes per node (element, attribute, text) a file may average: real
/// Moodle XML and QTI take over 20, dense hand-written XML over 10. A file of
/// nothing but `<b/>` (4 bytes a node) stops at its eighth part, so that a
/// hostile file costs what a real file of its size does, not four times more.
const BYTES_PER_NODE: usize = 8;
/// The fewest nodes allowed, for a small file.
const MIN_NODES: u32 = 10_000;

/// Whether XML 1.0 can hold `c` (most control characters it cannot).
pub(super) fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{d7ff}').contains(&c)
        || ('\u{e000}'..='\u{fffd}').contains(&c)
        || c >= '\u{10000}'
}

/// Escapes text for an element or a double-quoted attribute, leaving out the
/// characters that XML 1.0 cannot hold.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Parses `text` (a file of `format`) without DTDs, so no entity expansion, and with
/// a bound on nodes; or an error at its line.
pub(super) fn parse<'t>(
    b: &Builder,
    text: &'t str,
    format: &str,
) -> Result<Document<'t>, Diagnostic> {
    let nodes = u32::try_from(text.len() / BYTES_PER_NODE).unwrap_or(u32::MAX);
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: nodes.max(MIN_NODES),
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        let at = e.pos();
        let message = e.to_string().replace(&format!(" at {at}"), "");
        let pos = match e {
            roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
                let line = text.lines().count().max(1);
                Pos::new(u32::try_from(line).unwrap_or(u32::MAX), 1)
            }
            _ => Pos::new(at.row.max(1), at.col.max(1)),
        };
        let message = match e {
            roxmltree::Error::NodesLimitReached => format!(
                "the file holds more XML nodes than a {format} file of its size can (one per {BYTES_PER_NODE} bytes); quiz stops there"
            ),
            roxmltree::Error::DtdDetected => {
                format!(
                    "the file has a DTD (<!DOCTYPE …>); {format} needs none, and it is not read"
                )
            }
            _ => format!("not well-formed XML: {message}"),
        };
        b.error(pos, message)
    })
}

/// Positions of the source's nodes, through one line index built once, so that a
/// file on one line stays linear (roxmltree's own `text_pos_at` scans from the start
/// of the file every time, and counting a long line's characters for each node would).
pub(super) struct Lines<'t> {
    text: &'t str,
    index: LineIndex<'t>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn at(&self, byte: usize) -> Pos {
        self.index.pos(byte)
    }

    pub fn pos(&self, node: Node) -> Pos {
        self.at(node.range().start)
    }

    /// The source of `node`, markup included.
    pub fn source(&self, node: Node) -> &'t str {
        self.text.get(node.range()).unwrap_or("")
    }
}

/// The child elements of `node` called `name` (any namespace).
pub(super) fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// All the text inside `node`.
pub(super) fn inner_text(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}
