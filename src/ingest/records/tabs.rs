//! Splitting tab-delimited rows, which have no quoting at all (SPEC §2.1):
//! at every tab, or only where the reader needs cells.

/// Splits a tab-delimited row only where the reader needs cells. The tabs
/// are counted first (a loop the compiler vectorises); needed columns in the
/// first half of the row are then found from the start, eight bytes at a
/// time, and those in the second half from the end, so the middle of a wide
/// report (product names, prices, addresses) is never walked tab by tab.
#[derive(Debug, Clone)]
pub(super) struct SparseSplit {
    /// `needed[c]`: column `c` is read.
    needed: Vec<bool>,
    /// The columns read.
    columns: Vec<usize>,
}

impl SparseSplit {
    pub(super) fn new(columns: &[usize]) -> SparseSplit {
        let max = columns.iter().copied().max().unwrap_or(0);
        let mut needed = vec![false; max + 1];
        for &c in columns {
            needed[c] = true;
        }
        SparseSplit {
            needed,
            columns: columns.to_vec(),
        }
    }

    /// Fills `bounds[c]` for the needed columns; returns the number of cells.
    pub(super) fn split(&self, line: &[u8], bounds: &mut Vec<(usize, usize)>) -> usize {
        // Only the columns read must start empty (a short row lacks some);
        // clearing every cell of a wide row each time costs more than the split.
        if bounds.len() == self.needed.len() {
            for &c in &self.columns {
                bounds[c] = (0, 0);
            }
        } else {
            bounds.clear();
            bounds.resize(self.needed.len(), (0, 0));
        }
        let count = count_tabs(line) + 1;
        let half = count / 2;
        let front = (0..=half.min(self.needed.len().saturating_sub(1)))
            .rev()
            .find(|&c| self.needed[c]);
        if let Some(last_front) = front {
            self.forward(line, last_front, bounds);
        }
        let back = (half + 1..count.min(self.needed.len())).find(|&c| self.needed[c]);
        if let Some(first_back) = back {
            let (mut column, mut end) = (count - 1, line.len());
            for tab in memchr::memrchr_iter(b'\t', line) {
                if self.needed.get(column).copied().unwrap_or(false) {
                    bounds[column] = (tab + 1, end);
                }
                if column <= first_back {
                    break;
                }
                column -= 1;
                end = tab;
            }
        }
        count
    }

    /// Columns 0 ..= `last` from the start of the row.
    fn forward(&self, line: &[u8], last: usize, bounds: &mut [(usize, usize)]) {
        let mut tabs = 0; // the current column's index
        let mut start = 0; // where the current column starts
        let mut base = 0;
        let mut words = line.chunks_exact(8);
        for word in &mut words {
            let mut hits = tab_hits(word);
            while hits != 0 {
                let i = base + (hits.trailing_zeros() / 8) as usize;
                end_column(tabs, start, i, bounds);
                if tabs == last {
                    return;
                }
                tabs += 1;
                start = i + 1;
                hits &= hits - 1;
            }
            base += 8;
        }
        for (k, &b) in words.remainder().iter().enumerate() {
            if b == b'\t' {
                end_column(tabs, start, base + k, bounds);
                if tabs == last {
                    return;
                }
                tabs += 1;
                start = base + k + 1;
            }
        }
        end_column(tabs, start, line.len(), bounds);
    }
}

/// Tabs in a row. Byte-wide sums over runs of at most 255 bytes let the
/// compiler compare sixteen or more bytes per instruction.
fn count_tabs(line: &[u8]) -> usize {
    line.chunks(255)
        .map(|run| {
            run.iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\t'))) as usize
        })
        .sum()
}

#[inline]
fn end_column(column: usize, start: usize, end: usize, bounds: &mut [(usize, usize)]) {
    if let Some(b) = bounds.get_mut(column) {
        *b = (start, end);
    }
}

/// The high bit of each byte of an 8-byte `word` that is a tab (SWAR: an
/// exact "which bytes are zero" test after XOR with the tab byte).
#[inline]
fn tab_hits(word: &[u8]) -> u64 {
    const TABS: u64 = 0x0909_0909_0909_0909;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(word);
    let x = u64::from_le_bytes(bytes) ^ TABS;
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Splits on every tab. Cells are short (a few bytes), so instead of one
/// search per tab this tests eight bytes at a time (SWAR: a word-wide exact
/// "which bytes are zero" after XOR with the tab byte) and walks the hits.
pub(super) fn split_tabs(line: &[u8], bounds: &mut Vec<(usize, usize)>) {
    let mut start = 0;
    let mut words = line.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let mut hits = tab_hits(word);
        while hits != 0 {
            let i = base + (hits.trailing_zeros() / 8) as usize;
            bounds.push((start, i));
            start = i + 1;
            hits &= hits - 1;
        }
        base += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        if b == b'\t' {
            bounds.push((start, base + k));
            start = base + k + 1;
        }
    }
    bounds.push((start, line.len()));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ok, rows};
    use super::super::Delimiter;
    use super::*;

    #[test]
    fn tabs_have_no_quoting() {
        let got = rows(
            "a\t\"Deluxe\" Mug, 11 oz\tc\nd\t\"open\te\n",
            Delimiter::Tab,
        );
        assert_eq!(
            got,
            vec![
                ok(&["a", "\"Deluxe\" Mug, 11 oz", "c"]),
                ok(&["d", "\"open", "e"])
            ]
        );
    }

    #[test]
    fn tab_splitting_agrees_with_a_plain_split() {
        let mut seed = 7u64;
        for len in 0..200 {
            let line: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    [b'\t', b'a', 0x89, 0x09 ^ 0x80, b' ', 0x08, 0x0a][(seed >> 33) as usize % 7]
                })
                .collect();
            let mut bounds = Vec::new();
            split_tabs(&line, &mut bounds);
            let got: Vec<&[u8]> = bounds.iter().map(|&(a, b)| &line[a..b]).collect();
            let want: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
            assert_eq!(got, want, "{line:?}");
            for columns in [vec![0], vec![1, 3], vec![0, 2, 3, 4, 5, 20], vec![7]] {
                let plan = SparseSplit::new(&columns);
                let count = plan.split(&line, &mut bounds);
                assert_eq!(count, want.len(), "{line:?}");
                for &c in &columns {
                    let got = bounds
                        .get(c)
                        .map(|&(a, b)| &line[a..b])
                        .filter(|_| c < count);
                    assert_eq!(
                        got.unwrap_or(&[]),
                        want.get(c).copied().unwrap_or(&[]),
                        "{columns:?} {c} {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_short_row_after_a_long_one_has_no_stale_cells() {
        let plan = SparseSplit::new(&[1, 4]);
        let mut bounds = Vec::new();
        let long = b"a\tb\tc\td\te\tf";
        assert_eq!(plan.split(long, &mut bounds), 6);
        assert_eq!(&long[bounds[4].0..bounds[4].1], b"e");
        let short = b"x\ty";
        assert_eq!(plan.split(short, &mut bounds), 2);
        assert_eq!(&short[bounds[1].0..bounds[1].1], b"y");
        assert_eq!(bounds[4], (0, 0), "column 4 is missing from the short row");
    }
}
