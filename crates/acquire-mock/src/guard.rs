//! Keeping the inbox and the control endpoints local: a `Host` check against DNS
//! rebinding, an `Origin` check against other sites' pages, and a token when the server
//! is reachable from other machines. The API itself (`/api/v1`) is not guarded: it has
//! its own keys.

use std::net::SocketAddr;

/// The cookie the page keeps the token in, once opened with `?token=`.
pub(crate) const TOKEN_COOKIE: &str = "acquire_mock_token";
/// The header a script can send the token in instead.
pub(crate) const TOKEN_HEADER: &str = "x-acquire-mock-token";

/// Who may use the inbox and the control endpoints.
#[derive(Debug)]
pub(crate) struct Guard {
    /// The `Host` values accepted (empty: any, when bound to every interface).
    hosts: Vec<String>,
    /// The token required, when the server is reachable from other machines.
    token: Option<String>,
}

/// Why a request was refused (the 403's message).
pub(crate) type Refusal = &'static str;

/// What the guard looks at: the request's headers (lowercase names) and its query.
pub(crate) struct Seen<'a> {
    /// The headers, in arrival order.
    pub headers: &'a [(String, String)],
    /// The query string.
    pub query: &'a str,
}

impl Seen<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn query_token(&self) -> Option<&str> {
        self.query
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
    }
}

impl Guard {
    /// The guard of a server listening on `addr`.
    pub(crate) fn new(addr: SocketAddr, token: Option<String>) -> Guard {
        let port = addr.port();
        let hosts = if addr.ip().is_unspecified() {
            Vec::new()
        } else if addr.ip().is_loopback() {
            vec![
                addr.to_string(),
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ]
        } else {
            vec![addr.to_string()]
        };
        Guard { hosts, token }
    }

    /// Checks a request to the page or a control endpoint; `changes` for one that changes
    /// state (any method but GET and HEAD).
    pub(crate) fn check(&self, request: &Seen<'_>, changes: bool) -> Result<(), Refusal> {
        let host = request.header("host").unwrap_or_default();
        if !self.hosts.is_empty() && !self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err("this server answers only to its own address (Host)");
        }
        if changes {
            // Every browser sends Origin with a cross-origin POST (forms too); scripts and
            // test tools send none, and a browser that did not still says where from.
            let foreign = match request.header("origin") {
                Some(origin) => !same_origin(origin, host),
                None => request
                    .header("sec-fetch-site")
                    .is_some_and(|site| site != "same-origin" && site != "none"),
            };
            if foreign {
                return Err("a page of another site cannot change the local server (Origin)");
            }
        }
        match &self.token {
            Some(token) if self.presented(request).as_deref() != Some(token.as_str()) => Err(
                "this server needs its token: open the inbox with ?token=…, or send x-acquire-mock-token",
            ),
            _ => Ok(()),
        }
    }

    /// The token a request carries: `?token=`, the header, or the cookie.
    fn presented(&self, request: &Seen<'_>) -> Option<String> {
        let from_query = request.query_token();
        let from_cookie = request.header("cookie").and_then(|cookies| {
            cookies
                .split(';')
                .find_map(|c| c.trim().strip_prefix(TOKEN_COOKIE)?.strip_prefix('='))
        });
        from_query
            .or(request.header(TOKEN_HEADER))
            .or(from_cookie)
            .map(str::to_owned)
    }

    /// The `Set-Cookie` that keeps the token for the page's own requests, when the page
    /// was opened with a valid `?token=`.
    pub(crate) fn cookie(&self, request: &Seen<'_>) -> Option<String> {
        let token = self.token.as_ref()?;
        let given = request.query_token()?;
        (given == token)
            .then(|| format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"))
    }
}

/// Whether `origin` (`http://host:port`) is the server's own.
fn same_origin(origin: &str, host: &str) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks a request with these headers and query.
    fn check(guard: &Guard, headers: &[(&str, &str)], query: &str, changes: bool) -> bool {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        guard
            .check(
                &Seen {
                    headers: &headers,
                    query,
                },
                changes,
            )
            .is_ok()
    }

    #[test]
    fn only_the_served_host_is_answered() {
        let guard = Guard::new("127.0.0.1:8080".parse().unwrap(), None);
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080"] {
            assert!(check(&guard, &[("host", host)], "", false), "{host}");
        }
        for host in ["evil.example:8080", "127.0.0.1:9090", ""] {
            assert!(!check(&guard, &[("host", host)], "", false), "{host}");
        }
    }

    #[test]
    fn changes_from_another_origin_are_refused() {
        let guard = Guard::new("127.0.0.1:8080".parse().unwrap(), None);
        let host = ("host", "127.0.0.1:8080");
        let ok = |headers: &[(&str, &str)]| check(&guard, headers, "", true);
        assert!(ok(&[host, ("origin", "http://127.0.0.1:8080")]));
        assert!(ok(&[host])); // curl, test tools
        assert!(ok(&[host, ("sec-fetch-site", "same-origin")]));
        assert!(!ok(&[host, ("origin", "https://evil.example")]));
        assert!(!ok(&[host, ("origin", "null")]));
        assert!(!ok(&[host, ("sec-fetch-site", "cross-site")]));
        // Reading is fine from anywhere the Host check allows.
        assert!(check(
            &guard,
            &[host, ("origin", "https://evil.example")],
            "",
            false
        ));
    }

    #[test]
    fn a_token_is_needed_when_set() {
        let guard = Guard::new("0.0.0.0:8080".parse().unwrap(), Some("s3cr3t".into()));
        let host = ("host", "192.168.1.20:8080");
        assert!(!check(&guard, &[host], "", false));
        assert!(!check(&guard, &[host], "token=wrong", false));
        assert!(check(&guard, &[host], "token=s3cr3t", false));
        assert!(check(&guard, &[host, (TOKEN_HEADER, "s3cr3t")], "", true));
        let cookie = ("cookie", "a=b; acquire_mock_token=s3cr3t");
        assert!(check(&guard, &[host, cookie], "", true));
        let headers = [("host".to_owned(), "192.168.1.20:8080".to_owned())];
        let opened = Seen {
            headers: &headers,
            query: "token=s3cr3t",
        };
        let cookie = guard.cookie(&opened).unwrap();
        assert!(cookie.starts_with("acquire_mock_token=s3cr3t;"), "{cookie}");
    }
}
