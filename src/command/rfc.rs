//! `quiz rfc fetch`: download RFC texts into the data directory's `rfc/` folder.

use super::Error;
use crate::exit::ExitStatus;
use crate::rfc::fetch::{self, Fetcher};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// `quiz rfc fetch`'s settings.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// As given: `8446`, `rfc8446`.
    pub numbers: Vec<String>,
    pub force: bool,
    /// `--data-dir` or `$QUIZ_DATA_DIR`; None means the platform's.
    pub data_dir: Option<PathBuf>,
    /// Where texts are downloaded from: `https://www.rfc-editor.org/rfc/`.
    pub base_url: String,
    /// How long the whole command may take (every download).
    pub timeout: Duration,
}

/// Downloads each RFC not already there; says what it did for each. Fails (1)
/// if any download failed, after trying the others.
pub fn fetch(config: &FetchConfig, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let numbers = config
        .numbers
        .iter()
        .map(|n| fetch::parse_number(n).ok_or_else(|| Error::NotAnRfcNumber(n.clone())))
        .collect::<Result<Vec<u32>, Error>>()?;
    let dir = super::data_dir(config.data_dir.as_deref())
        .ok_or(Error::NoDataDir)?
        .join("rfc");
    let fetcher = Fetcher::new(&config.base_url, config.timeout)?;
    let mut failed = false;
    // What a mirror sends back may end up in an error; shown, never sent.
    let mut say =
        |line: String| writeln!(err, "quiz: {}", crate::safe::line(&line)).map_err(Error::Output);
    for number in numbers {
        let path = dir.join(format!("rfc{number}.txt"));
        if path.exists() && !config.force {
            say(format!(
                "RFC {number} is already at {}; --force downloads it again",
                path.display()
            ))?;
            continue;
        }
        let saved = fetcher
            .fetch(number)
            .and_then(|text| Ok((fetch::save(&dir, number, &text)?, text.len())));
        match saved {
            Ok((path, bytes)) => say(format!(
                "saved RFC {number} ({} KB) to {}",
                bytes.div_ceil(1024),
                path.display()
            ))?,
            Err(e) => {
                failed = true;
                say(format!(
                    "cannot fetch RFC {number}: {}",
                    crate::exit::error_chain(&e)
                ))?;
            }
        }
    }
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
