//! Where requests go: an account's host (`https://{id}.acquire.io`) or a checked base URL,
//! and whether it is this machine.

use ureq::http::Uri;

use crate::Error;

/// Where requests go: an account's own host, or an explicit base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    AccountId(String),
    BaseUrl(String),
}

/// `https://{id}.acquire.io` for an account id that is one DNS label.
pub(super) fn account_base_url(id: &str) -> Result<String, Error> {
    let label_ok = (1..=63).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !label_ok {
        return Err(Error::invalid_config(
            "accountId",
            "must be one DNS label: 1-63 letters, digits or inner hyphens",
        ));
    }
    Ok(format!("https://{}.acquire.io", id.to_ascii_lowercase()))
}

/// Checks a base URL and returns it without a trailing slash.
pub(super) fn validate_base_url(url: &str) -> Result<String, Error> {
    let invalid = |reason: &str| Error::invalid_config("baseUrl", reason);
    let uri: Uri = url
        .parse()
        .map_err(|_| invalid("must be an absolute URL such as https://myco.acquire.io"))?;
    let authority = uri
        .authority()
        .ok_or_else(|| invalid("must be an absolute URL such as https://myco.acquire.io"))?;
    if authority.as_str().contains('@') {
        return Err(invalid("must not contain credentials"));
    }
    if uri.query().is_some() || url.contains('#') {
        return Err(invalid("must not have a query or fragment"));
    }
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if is_loopback(authority.host()) => {}
        Some("http") => {
            return Err(invalid(
                "must use https:// (http:// only for loopback hosts)",
            ));
        }
        _ => return Err(invalid("must start with https://")),
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Whether a (validated) base URL points at this machine, where no proxy applies.
pub(crate) fn is_loopback_url(url: &str) -> bool {
    url.parse::<Uri>()
        .ok()
        .and_then(|uri| uri.host().map(is_loopback))
        .unwrap_or(false)
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use crate::test_support::{builder, config_field};

    #[test]
    fn account_ids_must_be_one_label() {
        for bad in [
            "",
            "a.b",
            "evil.com/x",
            "x@y",
            "a:1",
            "a b",
            "-a",
            "a-",
            &"a".repeat(64),
        ] {
            assert_eq!(
                config_field(builder().account_id(bad).build()),
                "accountId",
                "{bad}"
            );
        }
        let client = builder().account_id("MyCo-2").build().unwrap();
        assert_eq!(client.base_url(), "https://myco-2.acquire.io");
    }

    #[test]
    fn http_only_on_loopback() {
        for good in [
            "http://127.0.0.1:8080",
            "http://localhost:1/",
            "http://[::1]:9",
            "https://eu.example.com/prefix/",
        ] {
            assert!(builder().base_url(good).build().is_ok(), "{good}");
        }
        for bad in [
            "http://example.com",
            "ftp://x",
            "https://u:p@x.com",
            "x.com",
            "https://x.com?a=1",
            "http://127.0.0.1.evil.com",
        ] {
            assert_eq!(
                config_field(builder().base_url(bad).build()),
                "baseUrl",
                "{bad}"
            );
        }
        let client = builder()
            .base_url("http://127.0.0.1:8080/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:8080");
    }
}
