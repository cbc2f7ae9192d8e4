//! A minimal HTTP/1.1 client with one keep-alive connection, for the load generator.
//!
//! Hand-written (about a hundred lines) rather than a client crate, so the benchmark measures
//! the server and not a client's connection pool, and so the server binary gains no HTTP
//! client dependency. It speaks exactly what the benchmark needs: `POST` with a JSON or form
//! body, `GET` with a cookie, and a `Content-Length` response (what actix sends for every body
//! of this server), keeping the `Set-Cookie` pairs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("connection to the server failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed HTTP response: {0}")]
    Malformed(String),
}

/// One request, encoded once and sent many times.
#[derive(Clone, Debug)]
pub struct Request {
    bytes: Vec<u8>,
}

impl Request {
    /// `POST path` with a JSON body and, when given, a bearer token.
    pub fn post_json(addr: SocketAddr, path: &str, token: Option<&str>, body: &str) -> Self {
        let mut head = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n",
            body.len()
        );
        if let Some(token) = token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        Self { bytes }
    }

    /// `GET path`, with a `Cookie` header when given (a web page of a signed-in person).
    pub fn get(addr: SocketAddr, path: &str, cookie: Option<&str>) -> Self {
        let mut head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n");
        if let Some(cookie) = cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        head.push_str("\r\n");
        Self {
            bytes: head.into_bytes(),
        }
    }

    /// `POST path` with a form body (`application/x-www-form-urlencoded`) and a cookie.
    pub fn post_form(addr: SocketAddr, path: &str, cookie: Option<&str>, body: &str) -> Self {
        let mut head = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(cookie) = cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        Self { bytes }
    }
}

/// A response: status code and body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    /// The `name=value` part of each `Set-Cookie` header.
    pub cookies: Vec<String>,
}

/// One keep-alive connection.
pub struct Connection {
    writer: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Connection {
    pub fn open(addr: SocketAddr) -> Result<Self, ClientError> {
        let stream = TcpStream::connect(addr)?;
        // Small requests and responses: send at once rather than wait for Nagle's timer.
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        let reader = BufReader::with_capacity(64 * 1024, stream.try_clone()?);
        Ok(Self {
            writer: stream,
            reader,
        })
    }

    /// Sends `request` and reads the whole response.
    pub fn send(&mut self, request: &Request) -> Result<Response, ClientError> {
        self.writer.write_all(&request.bytes)?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse::<u16>().ok())
            .ok_or_else(|| ClientError::Malformed(format!("status line {line:?}")))?;
        let mut length = None;
        let mut cookies = Vec::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(ClientError::Malformed(
                    "connection closed in the headers".into(),
                ));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("set-cookie") {
                    let pair = value.trim().split(';').next().unwrap_or_default();
                    cookies.push(pair.to_string());
                } else if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    return Err(ClientError::Malformed(
                        "chunked responses are not expected from this server".into(),
                    ));
                }
            }
        }
        let length = length.ok_or_else(|| ClientError::Malformed("no Content-Length".into()))?;
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(Response {
            status,
            body,
            cookies,
        })
    }
}
