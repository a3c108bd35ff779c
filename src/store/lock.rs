//! One process at a time holds an open session: two `quiz run --resume` on the
//! same unfinished exam must not both answer and submit it.
//!
//! The hold is an operating-system lock on a file beside the history
//! (`sessions/<id>.lock` in the data directory), taken with `File::try_lock`
//! (`flock` on Unix, `LockFileEx` on Windows). The kernel lets it go when the
//! process ends, however it ends (a crash, SIGKILL, a closed terminal), so it
//! outlives no process and a later resume is never blocked by a dead one; and
//! unlike a process id kept in the database and checked for liveness, it cannot
//! be fooled by a new process that got the dead one's id. The file also holds
//! the holder's process id, to say which process has the session; the lock, not
//! the text, decides. No schema change is needed.

use super::{Error, History};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

/// Session `id` held by this process until dropped.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
    finished: bool,
}

impl History {
    /// Takes session `id` for this process, or says which process has it
    /// ([`Error::Held`]).
    pub fn hold(&self, id: i64) -> Result<SessionLock, Error> {
        let dir = self
            .path()
            .parent()
            .map(|d| d.join("sessions"))
            .unwrap_or_else(|| PathBuf::from("sessions"));
        let io = |path: &PathBuf| {
            let path = path.clone();
            move |source| Error::Lock { path, source }
        };
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join(format!("{id}.lock"));
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // Where locks are mandatory (Windows), the holder's text cannot be read.
                let _ = file.read_to_string(&mut text);
                return Err(Error::Held {
                    session: id,
                    pid: text.trim().parse().ok(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(Error::Lock { path, source }),
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(io(&path))?;
        Ok(SessionLock {
            file,
            path,
            finished: false,
        })
    }
}

impl SessionLock {
    /// The session is finished: its lock file goes when the lock does.
    pub fn finished(&mut self) {
        self.finished = true;
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // A finished session is never resumed: its file is not needed. (A process
        // that opened it meanwhile and locks it finds the session finished.)
        if self.finished {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SessionInfo;
    use std::time::UNIX_EPOCH;

    #[test]
    fn a_session_is_held_by_one_holder_at_a_time() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::open(dir.path()).expect("open");
        let info = SessionInfo {
            mode: "exam".into(),
            seed: 1,
            scoring: "strict".into(),
            banks: Vec::new(),
        };
        let s = h.begin(&info, UNIX_EPOCH).expect("begin");
        let held = h.hold(s).expect("the first holder");
        // flock locks belong to the open file: a second open, even in this
        // process, is another holder.
        match h.hold(s) {
            Err(Error::Held { session, pid }) => {
                assert_eq!(session, s);
                assert_eq!(pid, Some(std::process::id()));
            }
            other => panic!("expected Held, got {other:?}"),
        }
        let other = h.begin(&info, UNIX_EPOCH).expect("begin");
        let _other = h.hold(other).expect("another session is free");
        drop(held);
        let mut again = h.hold(s).expect("free once let go");
        let file = dir.path().join("sessions").join(format!("{s}.lock"));
        assert!(file.exists());
        again.finished();
        drop(again);
        assert!(!file.exists(), "a finished session's lock file goes");
    }
}
