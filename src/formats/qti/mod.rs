//! IMS QTI 2.1: a content package (a zip with `imsmanifest.xml`) holding one
//! `assessmentItem` per question, as Canvas, Blackboard, Brightspace and TAO import.
//!
//! Every kind has its interaction, written and read by its module: choice items
//! (`choiceInteraction`) in `write` and `read`, which also hold what every item
//! shares (the stem and the exhibit, a `<pre>`, before the interaction; the
//! explanation and the references as a `modalFeedback`); order items in
//! [`order`], match items in [`matching`], text and number items in [`entry`]
//! (`textEntryInteraction`), open questions in [`extended`]
//! (`extendedTextInteraction`). A choice item is `maxChoices` 1, or 0 for a
//! multiple-answer item, with `shuffle` from the question and `fixed="true"` on
//! pinned choices; the answer is the `correctResponse`, and a multiple-answer item
//! also has a `mapping` that the `map_response` processing sums and clamps into
//! `--scoring partial`'s points. Each `multi: true` is the class `quiz-select-all`
//! on the interaction. Each `why` is a `feedbackInline` in its choice, shown when
//! the choice is ticked wrongly or missed. Tags are LOM keywords of the item's
//! resource in the manifest. Every item and the manifest validate against the IMS
//! schemas.
//!
//! Reading takes a package (a zip, or the folder it was unpacked into: the items the
//! manifest lists, in its order, else every item file) or a plain item file, of QTI
//! 2.0, 2.1 or 2.2. An item of any other interaction, or of several, is skipped with
//! a warning; one that cannot be read (not well-formed, missing, contradicting
//! itself) with an error, and the others are read.

mod entry;
mod extended;
mod matching;
mod order;
mod read;
mod write;

use super::build::Builder;
use super::{Format, Kind, left_out};
use crate::bank::{Bank, Kind as QuestionKind, Spanned};
use crate::diagnostic::{Diagnostic, Pos};
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};
use xml::{Lines, children};

use super::xml;

pub(super) const QTI_NS: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1";
pub(super) const ITEM_TYPE: &str = "imsqti_item_xmlv2p1";
pub(super) const CHOICE_INTERACTION: &str = "choiceInteraction";
pub(super) const ORDER_INTERACTION: &str = "orderInteraction";
pub(super) const MATCH_INTERACTION: &str = "matchInteraction";
pub(super) const TEXT_ENTRY_INTERACTION: &str = "textEntryInteraction";
pub(super) const EXTENDED_TEXT_INTERACTION: &str = "extendedTextInteraction";
/// The identifier of the explanation's feedback (Canvas reads `general_…` as its
/// neutral comment).
pub(super) const GENERAL_FEEDBACK: &str = "general_fb";
/// The class of a choice interaction written for `multi: true`.
pub(super) const SELECT_ALL: &str = "quiz-select-all";
const MANIFEST: &str = "imsmanifest.xml";

/// The most a package may unpack to; past it the import stops (a zip bomb).
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
use super::{MAX_PACKAGE_FILE as MAX_ENTRY, OVERSIZED as TOO_LARGE};

pub(super) struct Qti;

impl Format for Qti {
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        read::item(text, &[], None, b)
    }

    fn read(&self, bytes: &[u8], b: &mut Builder) -> Result<(), Diagnostic> {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            let files = unzip(bytes, b)?;
            return read_files(&files, b);
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(b.error(
                Pos::new(1, 1),
                "neither a zip package nor a UTF-8 item file: give the package's .zip, its folder, or one item's .xml",
            ));
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if root_name(text) == Some("manifest") {
            return Err(b.error(
                Pos::new(1, 1),
                "this is a package's manifest: import the folder that holds it, or its .zip",
            ));
        }
        self.parse(text, b)
    }

    fn kinds(&self) -> &'static [QuestionKind] {
        QuestionKind::ALL
    }

    fn pictures(&self) -> bool {
        true
    }

    fn write(&self, kind: Kind, banks: &[Bank], warnings: &mut Vec<Diagnostic>) -> Vec<u8> {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut entries = Vec::new();
        let mut names = HashSet::new();
        for (bank, q) in super::carried(kind, banks, warnings) {
            let picture = q
                .image
                .as_ref()
                .and_then(|image| match super::picture(bank, image) {
                    Ok((name, bytes)) => {
                        let href = format!("images/{}-{name}", q.id.value);
                        Some((href, bytes))
                    }
                    Err(e) => {
                        warnings.push(super::noted(
                            bank,
                            q,
                            &format!("its picture is left out: {e}"),
                        ));
                        None
                    }
                });
            let src = picture.as_ref().map(|(href, _)| format!("../{href}"));
            let (item, interaction) = match write::item(q, src.as_deref()) {
                Ok(written) => written,
                Err(reason) => {
                    warnings.push(left_out(kind, bank, q, &reason));
                    continue;
                }
            };
            let mut href = format!("items/{}.xml", q.id.value);
            let mut n = 2;
            while !names.insert(href.clone()) {
                href = format!("items/{}-{n}.xml", q.id.value);
                n += 1;
            }
            entries.push(write::Entry {
                href: href.clone(),
                tags: q.tags.iter().map(|t| t.value.trim().to_owned()).collect(),
                interaction,
                picture: picture.as_ref().map(|(href, _)| href.clone()),
            });
            files.push((href, item.into_bytes()));
            if let Some(picture) = picture {
                files.push(picture);
            }
        }
        files.insert(
            0,
            (MANIFEST.to_owned(), write::manifest(&entries).into_bytes()),
        );
        match zip(&files) {
            Ok(bytes) => bytes,
            Err(e) => {
                warnings.push(Diagnostic::error(
                    "(export)",
                    Pos::new(1, 1),
                    super::EXPORT,
                    format!("could not build the zip package: {e}"),
                ));
                Vec::new()
            }
        }
    }
}

/// The package as a zip, its entries in order with a fixed date, so that the same
/// banks always give the same bytes.
fn zip(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        out.start_file(name.as_str(), options)?;
        out.write_all(bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The local name of the first element of an XML text (`manifest` for
/// `<imscp:manifest …>`), read without parsing the whole document.
fn root_name(text: &str) -> Option<&str> {
    let tag = text
        .split('<')
        .skip(1)
        .find(|t| !t.starts_with(['?', '!']))?;
    let name = tag
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()?;
    Some(name.rsplit(':').next().unwrap_or(name))
}

/// The XML files and pictures of a zip package, by their path inside it.
fn unzip(bytes: &[u8], b: &Builder) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let broken = |e: zip::result::ZipError| {
        b.error(
            Pos::new(1, 1),
            format!("the zip package cannot be read: {e}"),
        )
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(broken)?;
        let name = entry.name().map_err(broken)?.replace('\\', "/");
        let wanted = name.to_ascii_lowercase().ends_with(".xml")
            || crate::bank::image::ImageType::from_extension(&name).is_some();
        if entry.is_dir() || !wanted {
            continue;
        }
        let mut data = Vec::new();
        let left = MAX_UNPACKED.saturating_sub(total).min(MAX_ENTRY);
        (&mut entry)
            .take(left + 1)
            .read_to_end(&mut data)
            .map_err(|e| broken(e.into()))?;
        if data.len() as u64 > MAX_ENTRY {
            // Not kept: the item reads as too large (see `read_files`).
            total += MAX_ENTRY;
            files.push((name.trim_start_matches("./").to_owned(), TOO_LARGE.to_vec()));
            continue;
        }
        total += data.len() as u64;
        if total > MAX_UNPACKED {
            return Err(b.error(
                Pos::new(1, 1),
                format!(
                    "the zip package unpacks to more than {} MiB; quiz stops there",
                    MAX_UNPACKED / 1024 / 1024
                ),
            ));
        }
        files.push((name.trim_start_matches("./").to_owned(), data));
    }
    Ok(files)
}

/// Reads the items of a package: those its manifest lists, else every item file.
pub(super) fn read_files(files: &[(String, Vec<u8>)], b: &mut Builder) -> Result<(), Diagnostic> {
    let package = b.source().to_owned();
    let by_name: HashMap<&str, &[u8]> = files
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let manifest = files
        .iter()
        .filter(|(n, _)| n == MANIFEST || n.ends_with(&format!("/{MANIFEST}")))
        .min_by_key(|(n, _)| n.len());
    let listed: Vec<Listed> = match manifest {
        Some((name, data)) => {
            b.set_source(&format!("{package}/{name}"));
            let base = &name[..name.len() - MANIFEST.len()];
            let listed = manifest_items(data, base, b)?;
            if listed.is_empty() {
                return Err(b.error(Pos::new(1, 1), "the manifest lists no QTI items"));
            }
            listed
        }
        None => {
            let mut items: Vec<&String> = files
                .iter()
                .map(|(n, _)| n)
                .filter(|n| {
                    by_name
                        .get(n.as_str())
                        .and_then(|d| std::str::from_utf8(d).ok())
                        .is_some_and(|t| t.contains("assessmentItem"))
                })
                .collect();
            items.sort();
            if items.is_empty() {
                return Err(b.error(
                    Pos::new(1, 1),
                    format!(
                        "no {MANIFEST} and no QTI item files in the package: quiz imports a folder or a .zip only as a QTI package"
                    ),
                ));
            }
            items.into_iter().map(|n| (n.clone(), Vec::new())).collect()
        }
    };
    for (name, tags) in listed {
        b.set_source(&format!("{package}/{name}"));
        let Some(data) = by_name.get(name.as_str()) else {
            b.skip_error(Pos::new(1, 1), "the item", "the package has no such file");
            continue;
        };
        if *data == TOO_LARGE {
            let why = format!(
                "the file unpacks to more than {} MiB, more than any question quiz takes; it is not read",
                MAX_ENTRY / 1024 / 1024
            );
            b.skip_error(Pos::new(1, 1), "the item", &why);
            continue;
        }
        let Ok(text) = std::str::from_utf8(data) else {
            b.skip_error(Pos::new(1, 1), "the item", "the file is not valid UTF-8");
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // One broken item does not lose the others: it is skipped with an error.
        let base = name.rfind('/').map_or("", |at| &name[..=at]);
        let package = read::Package {
            base,
            files: &by_name,
        };
        if let Err(d) = read::item(text, &tags, Some(&package), b) {
            let at = Pos::new(d.line, d.col);
            b.skip_error(at, "the item", &d.message);
        }
    }
    b.set_source(&package);
    Ok(())
}

/// An item file of a package, with the tags the manifest gives it.
type Listed = (String, Vec<Spanned<String>>);

/// The item files a manifest lists (relative to the package), with their tags.
fn manifest_items(data: &[u8], base: &str, b: &Builder) -> Result<Vec<Listed>, Diagnostic> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Err(b.error(Pos::new(1, 1), "the manifest is not valid UTF-8"));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = xml::parse(b, text, "a QTI manifest")?;
    let lines = Lines::new(text);
    let mut out = Vec::new();
    for resource in doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "resource")
    {
        let kind = resource.attribute("type").unwrap_or("");
        if !kind.starts_with("imsqti_item") {
            continue;
        }
        let href = resource.attribute("href").or_else(|| {
            children(resource, "file")
                .next()
                .and_then(|f| f.attribute("href"))
        });
        let Some(href) = href else { continue };
        let tags = resource
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "keyword")
            .map(|k| Spanned::new(xml::inner_text(k).trim().to_owned(), lines.pos(k)))
            .filter(|t| !t.value.is_empty())
            .collect();
        out.push((resolve(base, href), tags));
    }
    Ok(out)
}

/// `href` (relative to the manifest's folder `base`, which ends with `/` or is empty)
/// as a path inside the package.
fn resolve(base: &str, href: &str) -> String {
    let href = percent_decode(&href.replace('\\', "/"));
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `%20` and the like decoded (an href is a URI); malformed escapes stay as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
