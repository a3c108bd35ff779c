//! Where a bank file is, as SARIF says it: a URI relative to the repository root
//! (`%SRCROOT%`), the way GitHub code scanning places results, whatever the working
//! directory and however the path was given on the command line.
//!
//! The root is the git work tree that holds the file, found by walking up from it
//! to a `.git` (a directory, or the `.git` file of a linked worktree or submodule)
//! without running git; `--root DIR` names it instead. Outside any repository the
//! URI is relative to the working directory. It is never absolute.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The URI of each file of a check, by the path its diagnostics show.
#[derive(Debug, Default, Clone)]
pub struct Uris {
    by_path: HashMap<String, String>,
}

impl Uris {
    /// Finds the URI of each of `files` (as given on the command line, or found
    /// under a folder given there), relative to `root` when given, else to the
    /// work tree holding it, else to `cwd`.
    pub fn find(files: &[PathBuf], cwd: &Path, root: Option<&Path>) -> Uris {
        let cwd = real(cwd);
        let root = root.map(|r| real(&cwd.join(r)));
        let mut trees: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
        let mut by_path = HashMap::with_capacity(files.len());
        for file in files {
            let at = real(&cwd.join(file));
            let base = match &root {
                Some(root) => root.clone(),
                None => {
                    let dir = at.parent().unwrap_or(&at).to_owned();
                    let tree = trees.entry(dir).or_insert_with_key(|dir| work_tree(dir));
                    tree.clone().unwrap_or_else(|| cwd.clone())
                }
            };
            by_path.insert(file.display().to_string(), encode(&relative(&at, &base)));
        }
        Uris { by_path }
    }

    /// The URI of the file whose diagnostics show `path`. A path the check did not
    /// read is taken as relative to the working directory, as it was shown.
    pub fn uri(&self, path: &str) -> String {
        match self.by_path.get(path) {
            Some(uri) => uri.clone(),
            None => {
                let parts: Vec<String> = lexical(Path::new(path))
                    .components()
                    .filter_map(|c| match c {
                        Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                        Component::ParentDir => Some("..".to_owned()),
                        _ => None,
                    })
                    .collect();
                encode(&parts)
            }
        }
    }
}

/// The git work tree holding `dir`: the nearest folder, `dir` or above, with a
/// `.git` directory or file.
fn work_tree(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").symlink_metadata().is_ok())
        .map(Path::to_owned)
}

/// `path` with links resolved, where it exists; else as written, `.` and `..` folded.
fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| lexical(path))
}

/// `path` with `.` dropped and `..` taking off the component before it.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `path` relative to `base`, both absolute, in `/`-separated components; `..`
/// climbs out of `base` where `path` is not under it. The components are never a
/// root or a drive: a path on another drive than `base` keeps only its folders.
fn relative(path: &Path, base: &Path) -> Vec<String> {
    let named = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let prefix = |p: &Path| match p.components().next() {
        Some(Component::Prefix(prefix)) => Some(prefix.as_os_str().to_owned()),
        _ => None,
    };
    let (path_parts, base_parts) = (named(path), named(base));
    if prefix(path) != prefix(base) {
        return path_parts;
    }
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = vec!["..".to_owned(); base_parts.len() - common];
    out.extend_from_slice(&path_parts[common..]);
    out
}

/// Percent-encodes each component of a relative path as a URI path (RFC 3986).
fn encode(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in part.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &str) -> Vec<String> {
        p.split('/').map(str::to_owned).collect()
    }

    #[test]
    fn components_are_percent_encoded() {
        assert_eq!(encode(&parts("banks/tls 1.3.yaml")), "banks/tls%201.3.yaml");
        assert_eq!(encode(&parts("b#1/ü:x.yaml")), "b%231/%C3%BC%3Ax.yaml");
    }

    #[test]
    fn paths_outside_the_base_climb_out_of_it() {
        let rel = |p: &str, b: &str| relative(Path::new(p), Path::new(b)).join("/");
        assert_eq!(rel("/r/banks/a.yaml", "/r"), "banks/a.yaml");
        assert_eq!(rel("/r/banks/a.yaml", "/r/banks"), "a.yaml");
        assert_eq!(rel("/other/a.yaml", "/r/banks"), "../../other/a.yaml");
        assert_eq!(
            lexical(Path::new("./a/../b/./c.yaml")),
            Path::new("b/c.yaml")
        );
        assert_eq!(lexical(Path::new("../b.yaml")), Path::new("../b.yaml"));
    }

    #[test]
    fn the_nearest_git_marks_the_work_tree() {
        let dir = tempfile::tempdir().expect("a folder");
        let top = real(dir.path());
        std::fs::create_dir_all(top.join("repo/.git")).expect("a repository");
        std::fs::create_dir_all(top.join("repo/linked/banks")).expect("a worktree");
        std::fs::write(
            top.join("repo/linked/.git"),
            "gitdir: ../.git/worktrees/linked\n",
        )
        .expect("a worktree's .git file");
        std::fs::create_dir_all(top.join("repo/banks")).expect("banks");
        assert_eq!(work_tree(&top.join("repo/banks")), Some(top.join("repo")));
        assert_eq!(
            work_tree(&top.join("repo/linked/banks")),
            Some(top.join("repo/linked"))
        );
    }
}
