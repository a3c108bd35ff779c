//! A question's picture (`image:` and `alt:`): `check` finds what is wrong with
//! its file, `show` and the line front say what it shows and where it is.

use crate::Test;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

fn question(id: &str, picture: &str) -> String {
    format!(
        "  - id: {id}\n    question: Which router is the root of the tree?\n{picture}    choices: [R1, R2]\n    answer: A\n"
    )
}

#[test]
fn check_finds_each_problem_of_a_picture_at_its_key() {
    let bank = format!(
        "questions:\n{}{}{}{}{}{}{}",
        question(
            "fine",
            "    image: img/net.png\n    alt: Two routers joined by a serial link\n"
        ),
        question("absent", "    image: img/nosuch.png\n    alt: x\n"),
        question("escapes", "    image: ../net.png\n    alt: x\n"),
        question("gif", "    image: net.gif\n    alt: x\n"),
        question("liar", "    image: page.png\n    alt: x\n"),
        question("bare", "    image: img/net.png\n"),
        question("stray", "    alt: The topology\n"),
    );
    Test::new()
        .file("bank.yaml", &bank)
        .bytes("img/net.png", PNG)
        .file("page.png", "<html><script>alert(1)</script>")
        .args(&["check", "--strict", "bank.yaml"])
        .run()
        .status(1)
        .stdout_has("bank.yaml:10:12: error: `img/nosuch.png` does not exist beside the bank (looked for img/nosuch.png) [missing-image]")
        .stdout_has("bank.yaml:16:12: error: `../net.png` leaves the bank file's folder (`..`); keep pictures in or under it [missing-image]")
        .stdout_has("bank.yaml:22:12: error: `net.gif` is not a PNG, JPEG, SVG or WebP picture (by its name) [invalid-image]")
        .stdout_has("bank.yaml:28:12: error: `page.png` is named as PNG but holds no picture quiz shows [invalid-image]")
        .stdout_has("bank.yaml:34:12: warning: the picture has no `alt` text")
        .stdout_has("bank.yaml:39:10: warning: `alt` describes a picture, but there is no `image`")
        .stdout_lacks("bank.yaml:4:");
}

#[test]
fn check_refuses_a_picture_over_the_limit() {
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024, 0);
    Test::new()
        .file(
            "bank.yaml",
            &format!("questions:\n{}", question("big", "    image: big.png\n    alt: x\n")),
        )
        .bytes("big.png", &big)
        .args(&["check", "bank.yaml"])
        .run()
        .status(1)
        .stdout_has("bank.yaml:4:12: error: `big.png` is 5242880 bytes, over the limit of 4 MiB; make it smaller [image-too-large]");
}

#[cfg(unix)]
#[test]
fn check_refuses_a_symlink_that_leaves_the_folder() {
    let outside = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(outside.path().join("secret.png"), PNG).expect("write");
    let test = Test::new().file(
        "bank.yaml",
        &format!(
            "questions:\n{}",
            question("link", "    image: link.png\n    alt: x\n")
        ),
    );
    std::os::unix::fs::symlink(outside.path().join("secret.png"), test.path("link.png"))
        .expect("symlink");
    test.args(&["check", "bank.yaml"])
        .run()
        .status(1)
        .stdout_has("bank.yaml:4:12: error: `link.png` is a symlink to a file outside the bank file's folder [missing-image]");
}

#[test]
fn show_and_the_line_front_say_what_the_picture_shows_and_where_it_is() {
    let bank = format!(
        "questions:\n{}",
        question(
            "fine",
            "    image: img/net.png\n    alt: \"Two routers \\e]0;owned\\a joined\"\n"
        )
    );
    let test = Test::new()
        .file("bank.yaml", &bank)
        .bytes("img/net.png", PNG);
    test.run_with(&["show", "fine", "bank.yaml"], "")
        .status(0)
        .stdout_has("Picture: Two routers ␛]0;owned␇ joined (img/net.png)")
        .stdout_lacks("\x1b]0");
    test.run_with(&["run", "--plain", "--no-shuffle", "bank.yaml"], "a\n")
        .stdout_has("Picture: Two routers ␛]0;owned␇ joined (img/net.png)");
}

#[test]
fn the_schema_offers_image_and_alt_to_editors() {
    Test::new()
        .args(&["schema"])
        .run()
        .status(0)
        .stdout_has("\"image\": {")
        .stdout_has("\"alt\": {");
}

/// A bank with a picture, and one question without.
fn pictured() -> Test {
    let bank = format!(
        "questions:\n{}{}",
        question(
            "fine",
            "    image: img/net diagram.png\n    alt: Two routers joined by a serial link\n"
        ),
        question("plain", "")
    );
    Test::new()
        .file("bank.yaml", &bank)
        .bytes("img/net diagram.png", PNG)
}

#[test]
fn a_qti_package_carries_the_picture_and_imports_it_beside_the_bank() {
    use super::interchange::{unpack, unzip, validate, xmllint};
    let test = pictured();
    test.run_with(&["export", "--to", "qti", "bank.yaml", "-o", "pkg.zip"], "")
        .status(0);
    let files = unzip(&test.path("pkg.zip"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "imsmanifest.xml",
            "items/fine.xml",
            "images/fine-net-diagram.png",
            "items/plain.xml"
        ]
    );
    assert_eq!(files[2].1, PNG);
    let item = String::from_utf8_lossy(&files[1].1);
    assert!(
        item.contains(r#"<img src="../images/fine-net-diagram.png" alt="Two routers joined by a serial link"/>"#),
        "{item}"
    );
    let manifest = String::from_utf8_lossy(&files[0].1);
    assert!(
        manifest.contains(r#"<file href="images/fine-net-diagram.png"/>"#),
        "{manifest}"
    );
    if let Some(xmllint) = xmllint() {
        let dir = test.path("unpacked");
        unpack(&files, &dir);
        validate(
            xmllint,
            "qtiv2p1/imsqti_v2p1.xsd",
            &[dir.join("items/fine.xml").display().to_string()],
        );
        validate(
            xmllint,
            "imscp_v1p1.xsd",
            &[dir.join("imsmanifest.xml").display().to_string()],
        );
    }

    // Imported into a folder of its own: the picture lands beside the bank.
    std::fs::create_dir(test.path("out")).expect("mkdir");
    test.run_with(&["import", "pkg.zip", "-o", "out/back.yaml"], "")
        .status(0)
        .stderr_has("quiz: imported 2 questions into out/back.yaml");
    let back = std::fs::read_to_string(test.path("out/back.yaml")).expect("the bank");
    assert!(
        back.contains(
            "    image: images/fine-net-diagram.png\n    alt: Two routers joined by a serial link\n"
        ),
        "{back}"
    );
    assert_eq!(
        std::fs::read(test.path("out/images/fine-net-diagram.png")).expect("the picture"),
        PNG
    );
    test.run_with(&["check", "out/back.yaml"], "")
        .status(0)
        .stdout_lacks("image");

    // Again: the same picture is there already, and nothing is refused.
    test.run_with(&["import", "pkg.zip", "-o", "out/back.yaml", "--force"], "")
        .status(0);
    // A different file in its place is not replaced without --force.
    std::fs::write(test.path("out/images/fine-net-diagram.png"), "mine").expect("write");
    std::fs::remove_file(test.path("out/back.yaml")).expect("rm");
    test.run_with(&["import", "pkg.zip", "-o", "out/back.yaml"], "")
        .status(2)
        .stderr_has("fine-net-diagram.png");
    assert!(!test.path("out/back.yaml").exists(), "nothing written");
    assert_eq!(
        std::fs::read(test.path("out/images/fine-net-diagram.png")).expect("kept"),
        b"mine"
    );

    // To standard output, the pictures cannot follow: it says so.
    test.run_with(&["import", "pkg.zip"], "")
        .status(0)
        .stdout_has("image: images/fine-net-diagram.png")
        .stderr_has(
            "the questions show 1 picture, which are not written to standard output: give -o FILE",
        );
}

#[test]
fn a_format_without_pictures_says_which_it_leaves_out() {
    pictured()
        .args(&["export", "--to", "gift", "bank.yaml"])
        .run()
        .status(0)
        .stderr_has("bank.yaml:2: warning: question `fine`: its picture `img/net diagram.png` is not written: GIFT has no place for one (QTI does)");
}

#[test]
fn moodle_xml_embeds_the_picture_and_imports_it_beside_the_bank() {
    let test = pictured();
    test.run_with(
        &[
            "export",
            "--to",
            "moodle-xml",
            "bank.yaml",
            "-o",
            "bank.xml",
        ],
        "",
    )
    .status(0)
    .stderr_lacks("picture");
    let xml = std::fs::read_to_string(test.path("bank.xml")).expect("the XML");
    assert!(
        xml.contains(r#"<p><img src="@@PLUGINFILE@@/net-diagram.png" alt="Two routers joined by a serial link"></p>]]></text>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<file name="net-diagram.png" path="/" encoding="base64">iVBORw0KGgo"#),
        "{xml}"
    );
    std::fs::create_dir(test.path("out")).expect("mkdir");
    test.run_with(&["import", "bank.xml", "-o", "out/back.yaml"], "")
        .status(0)
        .stderr_lacks("embeds");
    let back = std::fs::read_to_string(test.path("out/back.yaml")).expect("the bank");
    assert!(
        back.contains("    question: Which router is the root of the tree?\n"),
        "the picture's words left the stem:\n{back}"
    );
    assert!(
        back.contains(
            "    image: images/net-diagram.png\n    alt: Two routers joined by a serial link\n"
        ),
        "{back}"
    );
    assert_eq!(
        std::fs::read(test.path("out/images/net-diagram.png")).expect("the picture"),
        PNG
    );
    test.run_with(&["check", "out/back.yaml"], "")
        .status(0)
        .stdout_lacks("image");
}

/// CSV keeps the picture's path and words in two columns; the file stays
/// where it is, beside the bank.
#[test]
fn csv_keeps_the_picture_s_path_and_words() {
    let test = pictured();
    test.run_with(
        &["export", "--to", "csv", "bank.yaml", "-o", "bank.csv"],
        "",
    )
    .status(0)
    .stderr_lacks("picture");
    let csv = std::fs::read_to_string(test.path("bank.csv")).expect("the CSV");
    assert!(csv.starts_with("id,question,image,alt,A,B,"), "{csv}");
    test.run_with(&["import", "bank.csv", "-o", "back.yaml"], "")
        .status(0);
    let back = std::fs::read_to_string(test.path("back.yaml")).expect("the bank");
    assert!(
        back.contains(
            "    image: img/net diagram.png\n    alt: Two routers joined by a serial link\n"
        ),
        "{back}"
    );
    test.run_with(&["check", "back.yaml"], "").status(0);
}
