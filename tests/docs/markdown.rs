//! The fenced code blocks of a Markdown page, with the marks that tell the harness
//! what to do with each: the info string is a language and then words, such as
//! ` ```console ignore` or ` ```yaml file=my-bank.yaml`.

/// One fenced code block.
pub struct Fence {
    /// The line of the opening fence, counted from 1.
    pub line: usize,
    /// The first word of the info string: `console`, `yaml`, `text`…
    pub lang: String,
    /// The other words: `ignore`, `fails`, `file=NAME`, `screen=NAME`…
    pub marks: Vec<String>,
    /// The index (from 0) in the page's lines of the block's first line.
    pub first: usize,
    /// The block's lines, without their line ends.
    pub lines: Vec<String>,
}

impl Fence {
    /// Whether the info string holds the word `mark`.
    pub fn has(&self, mark: &str) -> bool {
        self.marks.iter().any(|m| m == mark)
    }

    /// The value of a `key=value` word of the info string.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.marks
            .iter()
            .find_map(|m| m.strip_prefix(key)?.strip_prefix('='))
    }

    /// The block's text, each line ended by a newline.
    pub fn text(&self) -> String {
        self.lines.iter().map(|l| format!("{l}\n")).collect()
    }
}

/// Every fenced block of `page`, in order. A fence opens with three or more
/// backticks at the start of a line and closes with at least as many.
pub fn fences(page: &str) -> Result<Vec<Fence>, String> {
    let lines: Vec<&str> = page.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let ticks = lines[i].chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            i += 1;
            continue;
        }
        let mut words = lines[i][ticks..].split_whitespace().map(str::to_owned);
        let lang = words.next().unwrap_or_default();
        let marks = words.collect();
        let open = i;
        let fence = "`".repeat(ticks);
        let Some(close) = (open + 1..lines.len()).find(|&j| {
            let line = lines[j].trim_end();
            line.starts_with(&fence) && line.trim_start_matches('`').is_empty()
        }) else {
            return Err(format!(
                "line {}: this code block is never closed",
                open + 1
            ));
        };
        out.push(Fence {
            line: open + 1,
            lang,
            marks,
            first: open + 1,
            lines: lines[open + 1..close]
                .iter()
                .map(|l| (*l).to_owned())
                .collect(),
        });
        i = close + 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_the_marks_and_the_lines() {
        let page = "# T\n\n```yaml file=a.yaml fails\nquestions:\n```\ntext\n````text\n```\n````\n";
        let found = fences(page).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].line, 3);
        assert_eq!(found[0].lang, "yaml");
        assert_eq!(found[0].value("file"), Some("a.yaml"));
        assert!(found[0].has("fails"));
        assert_eq!(found[0].lines, ["questions:"]);
        assert_eq!(found[0].first, 3);
        assert_eq!(found[1].lines, ["```"]);
    }

    #[test]
    fn an_unclosed_block_is_an_error() {
        assert!(fences("```console\n$ quiz\n").is_err());
    }
}
