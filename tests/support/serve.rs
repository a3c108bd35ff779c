//! `quiz serve` for the tests and the benchmark: the real binary in a folder
//! of its own (with its own history), and a small HTTP/1.1 client that keeps
//! its connection and its cookies as a browser does, to read and send the
//! pages as they are.

#![allow(dead_code)] // Each test crate uses its own part of the harness.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `quiz serve` running in `dir`, its history in `dir/.data`.
pub struct Server {
    child: Child,
    pub dir: PathBuf,
    /// `http://127.0.0.1:PORT/`, with `?token=…` under `--listen`.
    pub url: String,
    pub port: u16,
    /// What it printed before serving.
    pub printed: Vec<String>,
}

impl Server {
    /// Starts `quiz serve ARGS` in `dir` and waits for its address.
    pub fn start(binary: &Path, dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(binary)
            .arg("serve")
            .args(args)
            .current_dir(dir)
            .env("QUIZ_DATA_DIR", dir.join(".data"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start quiz serve");
        let stdout = child.stdout.take().expect("its standard output");
        let mut lines = BufReader::new(stdout).lines();
        let mut printed = Vec::new();
        let mut url = None;
        // Until the last line it prints before serving.
        loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                panic!("quiz serve ended before serving; it printed {printed:?}");
            };
            printed.push(line.clone());
            if let Some(at) = line.strip_prefix("quiz: serving at ") {
                url = Some(at.to_owned());
            }
            if line.contains("Ctrl-C stops it") {
                break;
            }
        }
        let url = url.expect("the address");
        // The rest of what it prints is read away, so that it never blocks.
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                printed_later(&line);
            }
        });
        let port = url
            .trim_start_matches("http://")
            .split(['/', '?'])
            .next()
            .and_then(|hp| hp.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .expect("a port in the address");
        Server {
            child,
            dir: dir.to_owned(),
            url,
            port,
            printed,
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn at(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn http(&self) -> Http {
        Http::new(self.port)
    }

    /// Stops it as Ctrl-C does, and waits for it to end.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id();
        // SIGTERM: what a service manager or a closed terminal sends.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "quiz serve did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }
}

fn printed_later(_line: &str) {}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a request got back.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of the page's first hidden field `name`.
    pub fn field(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\" value=\""))?;
        let rest = &self.body[at + name.len() + 15..];
        Some(rest[..rest.find('"')?].to_owned())
    }
}

/// One browser's connection: its cookies, kept from answer to request.
pub struct Http {
    port: u16,
    conn: Option<BufReader<TcpStream>>,
    pub cookies: Vec<(String, String)>,
    /// The `Host` header sent.
    pub host: String,
    /// Extra headers sent with every request.
    pub extra: Vec<(String, String)>,
}

impl Http {
    pub fn new(port: u16) -> Http {
        Http {
            port,
            conn: None,
            cookies: Vec::new(),
            host: format!("127.0.0.1:{port}"),
            extra: Vec::new(),
        }
    }

    pub fn get(&mut self, path: &str) -> Reply {
        self.request("GET", path, b"", None)
    }

    /// A form POST of `fields`.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(
            "POST",
            path,
            body.as_bytes(),
            Some("application/x-www-form-urlencoded"),
        )
    }

    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        body: &[u8],
        content_type: Option<&str>,
    ) -> Reply {
        // A connection the server closed is opened again, once.
        for attempt in 0..2 {
            match self.try_request(method, path, body, content_type) {
                Ok(reply) => return reply,
                Err(e) if attempt == 0 => {
                    self.conn = None;
                    let _ = e;
                }
                Err(e) => panic!("{method} {path}: {e}"),
            }
        }
        unreachable!()
    }

    fn try_request(
        &mut self,
        method: &str,
        path: &str,
        body: &[u8],
        content_type: Option<&str>,
    ) -> std::io::Result<Reply> {
        if self.conn.is_none() {
            let stream = TcpStream::connect(("127.0.0.1", self.port))?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.conn = Some(BufReader::new(stream));
        }
        let conn = self.conn.as_mut().expect("a connection");
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            head.push_str(&format!("Cookie: {}\r\n", jar.join("; ")));
        }
        for (name, value) in &self.extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        if method != "GET" || !body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let stream = conn.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut status_line = String::new();
        if conn.read_line(&mut status_line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed",
            ));
        }
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            conn.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        conn.read_exact(&mut body)?;
        for (name, value) in &headers {
            if name.eq_ignore_ascii_case("set-cookie")
                && let Some((pair, _)) = value.split_once(';').or(Some((value.as_str(), "")))
                && let Some((n, v)) = pair.split_once('=')
            {
                self.cookies.retain(|(k, _)| k != n);
                self.cookies.push((n.to_owned(), v.to_owned()));
            }
        }
        if headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("connection") && v.eq_ignore_ascii_case("close"))
        {
            self.conn = None;
        }
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}
