//! The query language of the `crm/objects/*` lists: `where=column|op|value` conditions,
//! `select` and `relations` (`|`-separated), written into a URL query.

use serde::Deserialize;

use crate::Error;

/// A case list's parameters as plain values, as the language bindings take them
/// (`where` conditions, `limit` per request); [`CaseQuery::from`] builds the query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseListParams {
    /// Only the cases of this contact.
    pub contact_id: Option<i64>,
    /// Only cases with this status.
    pub status: Option<String>,
    /// Conditions `column|operator|value`, combined with AND.
    #[serde(rename = "where", default)]
    pub conditions: Vec<String>,
    /// Only these columns.
    #[serde(default)]
    pub select: Vec<String>,
    /// Related objects to include.
    #[serde(default)]
    pub relations: Vec<String>,
    /// Items per request.
    pub limit: Option<u32>,
}

impl From<CaseListParams> for CaseQuery {
    fn from(params: CaseListParams) -> CaseQuery {
        let mut query = CaseQuery::new();
        if let Some(contact_id) = params.contact_id {
            query = query.contact(contact_id);
        }
        if let Some(status) = params.status {
            query = query.status(status);
        }
        query.conditions.extend(params.conditions);
        query.select = params.select;
        query.relations = params.relations;
        query.limit = params.limit;
        query
    }
}

/// Which cases to list, and how ([`Cases::list`](crate::Cases::list)).
///
/// ```
/// use acquire_core::CaseQuery;
///
/// let query = CaseQuery::new().contact(5).status("active").limit(50);
/// assert_eq!(
///     query.to_query(0).unwrap(),
///     "where=contactId%7Ceq%7C5&where=status%7Ceq%7Cactive&page=0&limit=50"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseQuery {
    conditions: Vec<String>,
    select: Vec<String>,
    relations: Vec<String>,
    limit: Option<u32>,
}

impl CaseQuery {
    /// Every case, in pages of the default size.
    pub fn new() -> Self {
        CaseQuery::default()
    }

    /// Only the cases of this contact (`where=contactId|eq|id`).
    pub fn contact(self, contact_id: i64) -> Self {
        self.filter(format!("contactId|eq|{contact_id}"))
    }

    /// Only cases with this status (`active`, `closed`, …).
    pub fn status(self, status: impl AsRef<str>) -> Self {
        self.filter(format!("status|eq|{}", status.as_ref()))
    }

    /// Adds a condition written as the API takes it, `column|operator|value` (such as
    /// `status|eq|active`); conditions combine with AND. Checked when the list starts.
    pub fn filter(mut self, condition: impl Into<String>) -> Self {
        self.conditions.push(condition.into());
        self
    }

    /// Asks for these columns only (`id`, `status`, `contactId`, …).
    pub fn select<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.select.extend(columns.into_iter().map(Into::into));
        self
    }

    /// Asks for related objects with each case (`contact`, `users`, `messages`, …).
    pub fn relations<S: Into<String>>(mut self, relations: impl IntoIterator<Item = S>) -> Self {
        self.relations.extend(relations.into_iter().map(Into::into));
        self
    }

    /// Items per request, 1 to [`MAX_PAGE_SIZE`](crate::MAX_PAGE_SIZE) (default
    /// [`DEFAULT_PAGE_SIZE`](crate::DEFAULT_PAGE_SIZE)).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The checked page size.
    pub(crate) fn size(&self) -> Result<u32, Error> {
        crate::page::page_size(self.limit)
    }

    /// Checks the query and writes the URL query string for `page` (0-based).
    pub fn to_query(&self, page: u32) -> Result<String, Error> {
        let size = self.size()?;
        let mut query = Vec::new();
        for condition in &self.conditions {
            check_condition(condition)?;
            query.push(format!("where={}", encode(condition)));
        }
        for (name, names) in [("select", &self.select), ("relations", &self.relations)] {
            if names.is_empty() {
                continue;
            }
            for item in names {
                if !is_name(item) {
                    return Err(Error::invalid_request(
                        name,
                        format!("`{item}` is not a column or relation name"),
                    ));
                }
            }
            query.push(format!("{name}={}", encode(&names.join("|"))));
        }
        query.push(format!("page={page}&limit={size}"));
        Ok(query.join("&"))
    }
}

/// Checks `column|operator|value`: a column name, a lowercase operator, a value.
fn check_condition(condition: &str) -> Result<(), Error> {
    let mut parts = condition.splitn(3, '|');
    let (column, op, value) = (parts.next(), parts.next(), parts.next());
    let ok = match (column, op, value) {
        (Some(column), Some(op), Some(value)) => {
            is_name(column)
                && !op.is_empty()
                && op.bytes().all(|b| b.is_ascii_lowercase())
                && !value.trim().is_empty()
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_request(
            "where",
            format!("`{condition}` must be `column|operator|value`, such as `status|eq|active`"),
        ))
    }
}

/// A column or relation name: a letter, then letters, digits or `_`.
fn is_name(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Percent-encodes everything but RFC 3986's unreserved characters (`|` becomes `%7C`).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::field_of;

    #[test]
    fn conditions_are_checked_before_anything_is_sent() {
        for bad in [
            "status",
            "status|eq",
            "status|eq| ",
            "|eq|x",
            "st atus|eq|x",
            "status|EQ|x",
            "9a|eq|x",
        ] {
            let err = CaseQuery::new().filter(bad).to_query(0).unwrap_err();
            assert_eq!(field_of(err), "where", "{bad}");
        }
        let query = CaseQuery::new()
            .filter("title|like|a|b c")
            .to_query(2)
            .unwrap();
        assert_eq!(query, "where=title%7Clike%7Ca%7Cb%20c&page=2&limit=100");
    }

    #[test]
    fn select_relations_and_page_size() {
        let query = CaseQuery::new()
            .select(["id", "status"])
            .relations(["contact"])
            .limit(2);
        assert_eq!(
            query.to_query(1).unwrap(),
            "select=id%7Cstatus&relations=contact&page=1&limit=2"
        );
        let bad = CaseQuery::new().relations(["contact|users"]).to_query(0);
        assert_eq!(field_of(bad.unwrap_err()), "relations");
        for size in [0, 1001] {
            let err = CaseQuery::new().limit(size).to_query(0).unwrap_err();
            assert_eq!(field_of(err), "limit");
        }
    }
}
