//! Lists that page lazily: [`Page`] is one answer, [`Pages`] iterates every item and
//! asks for the next page only when the current one is used up.

use std::collections::VecDeque;
use std::fmt;

use crate::Error;

/// The page size a list uses unless told otherwise.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// The largest page size a list accepts (Acquire documents none; larger pages would only
/// make each request slower).
pub const MAX_PAGE_SIZE: u32 = 1000;

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page, in the API's order.
    pub items: Vec<T>,
    /// This page's number (0-based).
    pub page: u32,
    /// How many items the whole list has, when the API says.
    pub total: Option<u64>,
    /// The number of the next page, or `None` when this is the last one.
    pub next_page: Option<u32>,
}

impl<T> Page<T> {
    /// A page, with the next page decided from what the API said: more items remain when
    /// the total says so, or (without a total) when the page came back full.
    pub(crate) fn new(items: Vec<T>, page: u32, size: u32, first: u64, total: Option<u64>) -> Self {
        let seen = first + items.len() as u64;
        let more = !items.is_empty()
            && match total {
                Some(total) => seen < total,
                None => items.len() as u64 >= u64::from(size),
            };
        Page {
            items,
            page,
            total,
            next_page: more.then_some(page + 1),
        }
    }
}

/// Checks a page size: 1 to [`MAX_PAGE_SIZE`], [`DEFAULT_PAGE_SIZE`] when unset.
pub(crate) fn page_size(size: Option<u32>) -> Result<u32, Error> {
    match size.unwrap_or(DEFAULT_PAGE_SIZE) {
        size @ 1..=MAX_PAGE_SIZE => Ok(size),
        _ => Err(Error::invalid_request(
            "limit",
            format!("must be from 1 to {MAX_PAGE_SIZE}"),
        )),
    }
}

/// Checks a search: some text, a valid page size (returned).
pub(crate) fn check_search(text: &str, size: Option<u32>) -> Result<u32, Error> {
    if text.trim().is_empty() {
        return Err(Error::invalid_request(
            "search",
            "must not be empty or only whitespace",
        ));
    }
    page_size(size)
}

type Fetch<T> = Box<dyn FnMut(u32) -> Result<Page<T>, Error> + Send>;

/// Every item of a list, fetched one page (one request) at a time as the iteration
/// reaches it; at most one page is held in memory. A failed request yields its error
/// and ends the iteration.
pub struct Pages<T> {
    fetch: Fetch<T>,
    buffer: VecDeque<T>,
    next: Option<u32>,
    total: Option<u64>,
}

impl<T> Pages<T> {
    pub(crate) fn new(fetch: impl FnMut(u32) -> Result<Page<T>, Error> + Send + 'static) -> Self {
        Pages {
            fetch: Box::new(fetch),
            buffer: VecDeque::new(),
            next: Some(0),
            total: None,
        }
    }

    /// How many items the whole list has, once a page said so.
    pub fn total(&self) -> Option<u64> {
        self.total
    }
}

impl<T> Iterator for Pages<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            let page = self.next.take()?;
            match (self.fetch)(page) {
                Ok(answer) => {
                    self.total = answer.total.or(self.total);
                    self.next = answer.next_page;
                    self.buffer.extend(answer.items);
                }
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("buffered", &self.buffer.len())
            .field("next_page", &self.next)
            .field("total", &self.total)
            .finish()
    }
}
