//! A question's picture at a real terminal: the screen shows what it shows and
//! where it is, and Ctrl-O opens it in the viewer (`$QUIZ_VIEWER`, here a
//! script that writes down what it was asked to open).

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{ENTER, Pty};

const CTRL_O: &str = "\x0f";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

#[test]
fn the_screen_names_the_picture_and_ctrl_o_opens_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::create_dir(root.join("img")).expect("mkdir");
    std::fs::write(root.join("img/net.png"), PNG).expect("write the picture");
    std::fs::write(
        root.join("bank.yaml"),
        "questions:\n\
         \x20 - id: root\n\
         \x20   question: Which router is the root of the tree?\n\
         \x20   image: img/net.png\n\
         \x20   alt: Two routers, R1 and R2, joined by a serial link\n\
         \x20   choices: [R1, R2]\n\
         \x20   answer: A\n\
         \x20 - id: plain\n\
         \x20   question: Which port does HTTPS use by default?\n\
         \x20   choices: ['443', '80']\n\
         \x20   answer: A\n",
    )
    .expect("write the bank");
    let opened = root.join("opened.txt");
    let viewer = root.join("viewer.sh");
    std::fs::write(
        &viewer,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .expect("write the viewer");
    std::fs::set_permissions(&viewer, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .current_dir(root)
        .env("QUIZ_DATA_DIR", root.join("data"))
        .env("QUIZ_VIEWER", &viewer)
        .args(["run", "--no-shuffle", "bank.yaml"]);
    let mut q = Pty::spawn(command);
    q.expect_screen("Picture: Two routers, R1 and R2, joined by a serial link");
    q.expect_screen("(img/net.png) ·");
    q.expect_screen("Ctrl-O opens it");
    q.press(CTRL_O);
    q.expect_screen("Opened img/net.png in the viewer.");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let asked = std::fs::read_to_string(&opened).expect("the viewer was started");
    let expected = root.join("img/net.png").canonicalize().expect("canonical");
    assert_eq!(std::path::Path::new(&asked), expected);

    // Answered, then the next question has none.
    q.press("a");
    q.press(ENTER);
    q.expect_screen("Correct");
    q.press(ENTER);
    q.expect_screen("Which port does HTTPS use by default?");
    q.press(CTRL_O);
    q.expect_screen("This question has no picture.");
}
