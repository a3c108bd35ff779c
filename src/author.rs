//! `quiz new`: writing a question interactively and appending it to a bank file.
