//! Order, match, text, number and open questions through QTI: a round trip of a
//! bank of every kind, field by field, and items written the ways other tools
//! write them.

use crate::bank::kind::number::parse;
use crate::bank::{Bank, Body, Question, read_bank};
use crate::diagnostic::Diagnostic;
use crate::formats::round_trip::{passes_check, reference};
use crate::formats::{Imported, Kind, export, import, import_bytes};
use crate::prose::reflow;

const MIXED: &str = include_str!("../../../../tests/fixtures/formats/qti/mixed.yaml");
const EDGES: &str = include_str!("../../../../tests/fixtures/formats/qti/edges.yaml");

fn bank(path: &str, text: &str) -> Bank {
    let mut diags = Vec::new();
    let bank = read_bank(path, text.as_bytes(), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    bank.unwrap_or_else(|| panic!("{path} did not read"))
}

/// bank → QTI → bank, with no warning either way.
fn through(banks: &[Bank]) -> Bank {
    let out = export(Kind::Qti, banks);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    match import_bytes(Kind::Qti, "bank.zip", &out.bytes).map_err(|f| f.error) {
        Ok(imported) => {
            assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
            imported.bank
        }
        Err(d) => panic!("{}:{}: {}", d.path, d.line, d.message),
    }
}

/// A text as the screen shows it: its paragraphs, soft line breaks joined (QTI
/// writes HTML, which reflows).
fn shown(text: &str) -> Vec<String> {
    reflow(text.trim())
}

/// Every field QTI keeps, kind by kind.
fn assert_same(a: &Question, b: &Question) {
    let at = format!("question `{}`", a.id.value);
    assert_eq!(a.id.value, b.id.value, "{at}: id");
    assert_eq!(a.kind(), b.kind(), "{at}: kind");
    assert_eq!(
        shown(&a.question.value),
        shown(&b.question.value),
        "{at}: stem"
    );
    assert_eq!(
        a.exhibit.as_ref().map(|e| e.value.trim_end()),
        b.exhibit.as_ref().map(|e| e.value.trim_end()),
        "{at}: exhibit"
    );
    let explanation = |q: &Question| q.explanation.as_ref().map(|e| shown(&e.value));
    assert_eq!(explanation(a), explanation(b), "{at}: explanation");
    let refs = |q: &Question| q.references.iter().map(reference).collect::<Vec<_>>();
    assert_eq!(refs(a), refs(b), "{at}: references");
    let tags = |q: &Question| q.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
    assert_eq!(tags(a), tags(b), "{at}: tags");
    match (&a.body, &b.body) {
        (Body::Choice(x), Body::Choice(y)) => {
            let choices = |c: &crate::bank::Choices| {
                c.choices
                    .value
                    .iter()
                    .map(|c| {
                        (
                            shown(&c.text.value),
                            c.why.as_ref().map(|w| shown(&w.value)),
                            c.pin,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(choices(x), choices(y), "{at}: choices");
            assert_eq!(x.correct(), y.correct(), "{at}: answer");
            assert_eq!(
                (x.multi, x.shuffle),
                (y.multi, y.shuffle),
                "{at}: multi, shuffle"
            );
        }
        (Body::Order(x), Body::Order(y)) => {
            let items = |o: &crate::bank::kind::order::Order| {
                o.items
                    .value
                    .iter()
                    .map(|i| shown(&i.value))
                    .collect::<Vec<_>>()
            };
            assert_eq!(items(x), items(y), "{at}: items");
        }
        (Body::Match(x), Body::Match(y)) => {
            let pairs = |m: &crate::bank::kind::matching::Match| {
                m.pairs
                    .value
                    .iter()
                    .map(|p| (shown(&p.premise.value), shown(&p.response.value)))
                    .collect::<Vec<_>>()
            };
            assert_eq!(pairs(x), pairs(y), "{at}: pairs");
            let extra = |m: &crate::bank::kind::matching::Match| {
                m.extra.iter().map(|e| shown(&e.value)).collect::<Vec<_>>()
            };
            assert_eq!(extra(x), extra(y), "{at}: extra");
            assert_eq!(x.shuffle, y.shuffle, "{at}: shuffle");
        }
        (Body::Number(x), Body::Number(y)) => {
            assert_eq!(
                parse(&x.answer.value),
                parse(&y.answer.value),
                "{at}: answer"
            );
            assert_eq!(
                x.tolerance.as_ref().map(|t| t.value.trim()),
                y.tolerance.as_ref().map(|t| t.value.trim()),
                "{at}: tolerance"
            );
        }
        (Body::Text(x), Body::Text(y)) => {
            let answers = |t: &crate::bank::kind::text::TextAnswer| {
                t.answer
                    .value
                    .iter()
                    .map(|a| a.value.trim().to_owned())
                    .collect::<Vec<_>>()
            };
            assert_eq!(answers(x), answers(y), "{at}: answers");
            assert_eq!(x.case_sensitive, y.case_sensitive, "{at}: case");
        }
        (Body::Open(x), Body::Open(y)) => {
            assert_eq!(
                shown(&x.answer.value),
                shown(&y.answer.value),
                "{at}: model answer"
            );
        }
        _ => panic!("{at}: the kind changed"),
    }
}

#[test]
fn every_kind_round_trips_field_by_field() {
    let banks = [bank("mixed.yaml", MIXED), bank("edges.yaml", EDGES)];
    let original: Vec<&Question> = banks.iter().flat_map(|b| &b.questions).collect();
    let once = through(&banks);
    assert_eq!(once.questions.len(), original.len());
    for (a, b) in original.iter().zip(&once.questions) {
        assert_same(a, b);
        // The history follows them: what is asked is the same (but for the number
        // written with digit groups, which QTI writes as a plain decimal).
        if a.id.value != "record-overhead-percent" {
            assert_eq!(a.content_hash(), b.content_hash(), "`{}`", a.id.value);
        }
    }
    // A second trip changes nothing more.
    let twice = through(std::slice::from_ref(&once));
    for (a, b) in once.questions.iter().zip(&twice.questions) {
        assert_same(a, b);
        assert_eq!(a.content_hash(), b.content_hash(), "`{}`", a.id.value);
    }
    passes_check(&once);
    // Only the number written with digit groups changes its text.
    let edges: Vec<&Question> = once.questions.iter().skip(30).collect();
    let Body::Number(n) = &edges[0].body else {
        panic!("not a number")
    };
    assert_eq!(
        (
            n.answer.value.as_str(),
            n.tolerance.as_ref().map(|t| t.value.as_str())
        ),
        ("16384", Some("2%"))
    );
}

/// An item of another tool: `declaration` (the response's), the item body, and
/// the rest (response processing, feedback).
fn foreign(declaration: &str, body: &str, rest: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="item-1" title="Item 1" adaptive="false" timeDependent="false">
{declaration}
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
<itemBody>
{body}
</itemBody>
{rest}
</assessmentItem>
"#
    )
}

fn read(item: &str) -> Imported {
    import(Kind::Qti, "item.xml", item)
        .map_err(|f| f.error)
        .unwrap_or_else(|d| panic!("{}:{}: {}", d.path, d.line, d.message))
}

/// The line and message of each warning (or error) of an import.
fn said(warnings: &[Diagnostic]) -> Vec<(u32, &str, &str)> {
    warnings
        .iter()
        .map(|w| (w.line, w.severity.as_str(), w.message.as_str()))
        .collect()
}

/// The warnings of an item whose one question is skipped (the import then fails).
fn skipped(item: &str) -> Vec<(u32, String, String)> {
    match import(Kind::Qti, "item.xml", item) {
        Ok(i) => panic!("expected the item skipped, got {:?}", i.bank.questions),
        Err(f) => f
            .warnings
            .iter()
            .map(|w| (w.line, w.severity.as_str().to_owned(), w.message.clone()))
            .collect(),
    }
}

#[test]
fn order_items_are_read_from_their_correct_order() {
    let item = foreign(
        r#"<responseDeclaration identifier="R" cardinality="ordered" baseType="identifier">
  <correctResponse><value>c2</value><value>c3</value><value>c1</value></correctResponse>
</responseDeclaration>"#,
        r#"<p>Put the messages in order.</p>
<orderInteraction responseIdentifier="R" shuffle="true">
  <prompt>First to last:</prompt>
  <simpleChoice identifier="c1">Finished</simpleChoice>
  <simpleChoice identifier="c2">ClientHello</simpleChoice>
  <simpleChoice identifier="c3"><b>ServerHello</b></simpleChoice>
</orderInteraction>"#,
        r#"<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>"#,
    );
    let imported = read(&item);
    let q = &imported.bank.questions[0];
    assert_eq!(
        q.question.value,
        "Put the messages in order.\n\nFirst to last:"
    );
    let Body::Order(o) = &q.body else {
        panic!("not an order")
    };
    let items: Vec<&str> = o.items.value.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(items, ["ClientHello", "ServerHello", "Finished"]);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

    let partial = item.replace("<value>c1</value>", "");
    assert_eq!(
        skipped(&partial)[0].2,
        "skipped the item: its correct order places 2 of its 3 choices, and a quiz order places every item"
    );
    let unknown = item.replace("<value>c1</value>", "<value>c9</value>");
    assert_eq!(
        skipped(&unknown)[0],
        (
            4,
            "error".into(),
            "skipped the item: its correct order names `c9`, which is none of its choices".into()
        )
    );
}

#[test]
fn match_items_take_their_pairs_either_way_round_and_say_what_they_drop() {
    let item = foreign(
        r#"<responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair">
  <correctResponse>
    <value>m1 r2</value>
    <value>r1 m2</value>
    <value>m2 r3</value>
  </correctResponse>
</responseDeclaration>"#,
        r#"<matchInteraction responseIdentifier="RESPONSE" shuffle="false" maxAssociations="3">
  <prompt>Match each message with its keys.</prompt>
  <simpleMatchSet>
    <simpleAssociableChoice identifier="m1" matchMax="1">ClientHello</simpleAssociableChoice>
    <simpleAssociableChoice identifier="m2" matchMax="1">Finished</simpleAssociableChoice>
    <simpleAssociableChoice identifier="m3" matchMax="1">Certificate</simpleAssociableChoice>
  </simpleMatchSet>
  <simpleMatchSet>
    <simpleAssociableChoice identifier="r1" matchMax="3">handshake keys</simpleAssociableChoice>
    <simpleAssociableChoice identifier="r2" matchMax="3">none</simpleAssociableChoice>
    <simpleAssociableChoice identifier="r3" matchMax="3">application keys</simpleAssociableChoice>
    <simpleAssociableChoice identifier="r4" matchMax="3">early keys</simpleAssociableChoice>
  </simpleMatchSet>
</matchInteraction>"#,
        "",
    );
    let imported = read(&item);
    let Body::Match(m) = &imported.bank.questions[0].body else {
        panic!("not a match")
    };
    let pairs: Vec<(&str, &str)> = m
        .pairs
        .value
        .iter()
        .map(|p| (p.premise.value.as_str(), p.response.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [("ClientHello", "none"), ("Finished", "handshake keys")]
    );
    let extra: Vec<&str> = m.extra.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(extra, ["application keys", "early keys"]);
    assert!(!m.shuffle);
    assert_eq!(
        said(&imported.warnings),
        [
            (
                16,
                "warning",
                "premise 2 has 2 right responses, and a quiz match's premise has one: the first is kept"
            ),
            (
                17,
                "warning",
                "premise 3 has no right response, and each of a quiz match's premises has one: it is left out"
            ),
        ]
    );
    let broken = item.replace("<value>m2 r3</value>", "<value>m2</value>");
    assert_eq!(
        skipped(&broken)[0],
        (
            7,
            "error".into(),
            "skipped the item: `m2` is not a pair of identifiers".into()
        )
    );
}

#[test]
fn a_text_entry_in_a_sentence_leaves_a_blank_and_its_answers_keep_their_case_rule() {
    let item = foreign(
        r#"<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string">
  <correctResponse><value>server_name</value></correctResponse>
  <mapping defaultValue="0">
    <mapEntry mapKey="server_name" mappedValue="2" caseSensitive="false"/>
    <mapEntry mapKey="SNI" mappedValue="2" caseSensitive="false"/>
    <mapEntry mapKey="host_name" mappedValue="1" caseSensitive="false"/>
    <mapEntry mapKey="ALPN" mappedValue="0" caseSensitive="false"/>
  </mapping>
</responseDeclaration>"#,
        r#"<p>The client names the host it wants in the <em>extension</em> <textEntryInteraction responseIdentifier="RESPONSE" expectedLength="12"/> of its ClientHello.</p>"#,
        r#"<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"/>"#,
    );
    let imported = read(&item);
    let q = &imported.bank.questions[0];
    assert_eq!(
        q.question.value,
        "The client names the host it wants in the extension _____ of its ClientHello."
    );
    let Body::Text(t) = &q.body else {
        panic!("not a text")
    };
    let answers: Vec<&str> = t.answer.value.iter().map(|a| a.value.as_str()).collect();
    assert_eq!(answers, ["server_name", "SNI"]);
    assert!(!t.case_sensitive);
    assert_eq!(
        said(&imported.warnings),
        [(
            8,
            "warning",
            "the answer `host_name` is worth 1 of 2, and quiz has no partial credit: it is left out"
        )]
    );

    // A correct response alone is compared as `match` compares: with its case;
    // a `stringMatch` says whether it minds the case.
    let alone = item.replace("caseSensitive=\"false\"", "caseSensitive=\"true\"");
    let Body::Text(t) = &read(&alone).bank.questions[0].body else {
        panic!("not a text")
    };
    assert!(t.case_sensitive);
    let matched = foreign(
        r#"<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>"#,
        r#"<div>Which extension? <textEntryInteraction responseIdentifier="RESPONSE"/></div>"#,
        r#"<responseProcessing><responseCondition><responseIf>
  <stringMatch caseSensitive="false"><variable identifier="RESPONSE"/><baseValue baseType="string">SNI</baseValue></stringMatch>
  <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>
</responseIf></responseCondition></responseProcessing>"#,
    );
    let q = &read(&matched).bank.questions[0];
    assert_eq!(q.question.value, "Which extension? _____");
    let Body::Text(t) = &q.body else {
        panic!("not a text")
    };
    assert_eq!(t.answer.value[0].value, "SNI");
    assert!(!t.case_sensitive);
}

/// A number item whose processing is `condition` (one `responseCondition`).
fn number_item(base_type: &str, correct: &str, condition: &str) -> String {
    let correct = if correct.is_empty() {
        String::new()
    } else {
        format!("<correctResponse><value>{correct}</value></correctResponse>")
    };
    foreign(
        &format!(
            r#"<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="{base_type}">{correct}</responseDeclaration>"#
        ),
        r#"<p>How large? <textEntryInteraction responseIdentifier="RESPONSE"/></p>"#,
        &format!(
            r#"<responseProcessing>
<responseCondition><responseIf>{condition}<setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf></responseCondition>
</responseProcessing>"#
        ),
    )
}

/// The answer and tolerance of a number item, and what its import said.
fn number(item: &str) -> ((String, Option<String>), Vec<String>) {
    let imported = read(item);
    let Body::Number(n) = &imported.bank.questions[0].body else {
        panic!("not a number")
    };
    (
        (
            n.answer.value.clone(),
            n.tolerance.as_ref().map(|t| t.value.clone()),
        ),
        imported
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect(),
    )
}

#[test]
fn number_items_give_their_tolerance_as_equal_rounding_or_a_range_does() {
    let variable = r#"<variable identifier="RESPONSE"/>"#;
    let value = |v: &str| format!(r#"<baseValue baseType="float">{v}</baseValue>"#);
    let exact = number_item(
        "integer",
        "16384",
        &format!("<match>{variable}<correct identifier=\"RESPONSE\"/></match>"),
    );
    assert_eq!(number(&exact), (("16384".into(), None), vec![]));
    let absolute = number_item(
        "float",
        "",
        &format!(
            r#"<equal toleranceMode="absolute" tolerance="0.5">{}{variable}</equal>"#,
            value("2.5")
        ),
    );
    assert_eq!(
        number(&absolute),
        (("2.5".into(), Some("0.5".into())), vec![])
    );
    let relative = number_item(
        "float",
        "200",
        &format!(
            r#"<equal toleranceMode="relative" tolerance="1 3">{variable}{}</equal>"#,
            value("200")
        ),
    );
    assert_eq!(
        number(&relative),
        (
            ("200".into(), Some("1%".into())),
            vec!["the response may be 1% below the answer and 3% above, and a quiz number has one tolerance: the smaller, 1%, is kept".into()]
        )
    );
    let rounded = number_item(
        "float",
        "3.14",
        &format!(
            r#"<equalRounded roundingMode="decimalPlaces" figures="2">{variable}{}</equalRounded>"#,
            value("3.14")
        ),
    );
    assert_eq!(
        number(&rounded),
        (
            ("3.14".into(), Some("0.005".into())),
            vec!["the response is rounded to 2 decimal places and compared, which quiz reads as a tolerance of 0.005".into()]
        )
    );
    // Canvas's range: the bounds, either operand first.
    let range = number_item(
        "float",
        "",
        &format!(
            "<and><gte>{variable}{}</gte><gte>{}{variable}</gte></and>",
            value("4.95"),
            value("5.05")
        ),
    );
    assert_eq!(number(&range), (("5".into(), Some("0.05".into())), vec![]));
    let one_sided = number_item(
        "float",
        "5",
        &format!("<and><gte>{variable}{}</gte></and>", value("4")),
    );
    assert!(
        skipped(&one_sided)[0]
            .2
            .contains("every number on one side of a bound")
    );
    let not_a_number = number_item("float", "five", "");
    assert_eq!(
        skipped(&not_a_number)[0],
        (
            3,
            "error".into(),
            "skipped the item: its correct response `five` is not a number".into()
        )
    );
}

#[test]
fn extended_text_items_take_the_scorers_rubric_as_the_model_answer() {
    let item = foreign(
        r#"<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>"#,
        r#"<rubricBlock view="scorer tutor"><p>Full marks for <em>privacy</em>:</p><p>the server's identity stays hidden.</p></rubricBlock>
<rubricBlock view="candidate"><p>Write a paragraph.</p></rubricBlock>
<p>Why is the Certificate encrypted?</p>
<extendedTextInteraction responseIdentifier="RESPONSE" expectedLines="5"/>"#,
        "",
    );
    let q = &read(&item).bank.questions[0];
    assert_eq!(q.question.value, "Why is the Certificate encrypted?");
    let Body::Open(o) = &q.body else {
        panic!("not open")
    };
    assert_eq!(
        o.answer.value,
        "Full marks for privacy:\n\nthe server's identity stays hidden."
    );
    let correct = item
        .replace("view=\"scorer tutor\"", "view=\"tutor\"")
        .replace(
            "baseType=\"string\"/>",
            "baseType=\"string\"><correctResponse><value>For privacy.</value></correctResponse></responseDeclaration>",
        );
    let Body::Open(o) = &read(&correct).bank.questions[0].body else {
        panic!("not open")
    };
    assert_eq!(o.answer.value, "For privacy.");
    let none = item.replace("view=\"scorer tutor\"", "view=\"tutor\"");
    assert_eq!(
        skipped(&none)[0].2,
        "skipped the item: it gives no model answer (a <rubricBlock view=\"scorer\"> or a correct response), which a quiz open question shows after the attempt"
    );
}

#[test]
fn other_interactions_are_skipped_with_a_warning() {
    let item = foreign(
        r#"<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="point"/>"#,
        r#"<p>Click the server.</p><selectPointInteraction responseIdentifier="RESPONSE" maxChoices="1"><object data="net.png" type="image/png"/></selectPointInteraction>"#,
        "",
    );
    assert_eq!(
        skipped(&item)[0],
        (
            2,
            "warning".into(),
            "skipped the item: it is a <selectPointInteraction>, and quiz reads choice, order, match, text entry and extended text interactions".into()
        )
    );
    let undeclared = foreign(
        "",
        r#"<orderInteraction responseIdentifier="R" shuffle="true"><simpleChoice identifier="a">A</simpleChoice></orderInteraction>"#,
        "",
    );
    assert_eq!(
        skipped(&undeclared)[0],
        (
            6,
            "error".into(),
            "skipped the item: its <orderInteraction> answers to `R`, which the item does not declare".into()
        )
    );
}

/// A match's mapping is worth 1 for each right pair and nothing else, at most the
/// number of pairs, and the score divides it by that number: right pairs ÷
/// pairs, as `--scoring partial` scores.
#[test]
fn the_match_mapping_scores_as_partial_scoring_does() {
    let banks = [bank("mixed.yaml", MIXED)];
    let out = export(Kind::Qti, &banks);
    let files = {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&out.bytes))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut files = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap_or_else(|e| panic!("{e}"));
            let mut text = String::new();
            entry
                .read_to_string(&mut text)
                .unwrap_or_else(|e| panic!("{e}"));
            files.push(text);
        }
        files
    };
    let mut seen = 0;
    for text in files.iter().filter(|t| t.contains("<matchInteraction")) {
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let named = |name: &'static str| doc.descendants().filter(move |n| n.has_tag_name(name));
        let correct: Vec<&str> = named("correctResponse")
            .flat_map(|c| c.children().filter(|v| v.has_tag_name("value")))
            .filter_map(|v| v.text())
            .collect();
        let entries: Vec<(&str, f64)> = named("mapEntry")
            .filter_map(|e| {
                Some((
                    e.attribute("mapKey")?,
                    e.attribute("mappedValue")?.parse().ok()?,
                ))
            })
            .collect();
        let pairs = correct.len();
        assert_eq!(entries.iter().map(|(k, _)| *k).collect::<Vec<_>>(), correct);
        assert!(entries.iter().all(|(_, v)| *v == 1.0), "{entries:?}");
        let bounds = named("mapping")
            .map(|m| (m.attribute("lowerBound"), m.attribute("upperBound")))
            .next();
        let upper = pairs.to_string();
        assert_eq!(bounds, Some((Some("0"), Some(upper.as_str()))));
        let divide = format!(
            "<divide><mapResponse identifier=\"RESPONSE\"/><baseValue baseType=\"float\">{pairs}</baseValue></divide>"
        );
        assert!(text.contains(&divide), "{text}");
        seen += 1;
    }
    assert_eq!(seen, 6);
}
