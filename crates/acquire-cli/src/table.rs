//! Plain-text tables for the read commands: a header row, then one row per item, columns
//! padded to their widest cell (cells are cut at 40 characters).

/// The widest a cell is shown.
const MAX_CELL: usize = 40;

/// A table being filled.
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names.
    pub fn new(header: &[&'static str]) -> Self {
        Table {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing values as `-`).
    pub fn row(&mut self, cells: Vec<Option<String>>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| cut(c.filter(|c| !c.is_empty()).unwrap_or_else(|| "-".into())))
                .collect(),
        );
    }

    /// The table as text, or `none` when there are no rows.
    pub fn render(&self) -> String {
        if self.rows.is_empty() {
            return "none".into();
        }
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.len()).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            padded.join("  ").trim_end().to_owned()
        };
        let mut out = vec![line(self.header.clone())];
        out.extend(
            self.rows
                .iter()
                .map(|r| line(r.iter().map(String::as_str).collect())),
        );
        out.join("\n")
    }
}

/// A cell cut to [`MAX_CELL`] characters, on one line.
fn cut(text: String) -> String {
    let one_line = text.replace(['\n', '\r', '\t'], " ");
    if one_line.chars().count() <= MAX_CELL {
        return one_line;
    }
    let mut short: String = one_line.chars().take(MAX_CELL - 1).collect();
    short.push('…');
    short
}
