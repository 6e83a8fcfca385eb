//! Myers' O(ND) difference algorithm over sequences compared by a predicate,
//! with a budget: when the edit distance or the time runs out, it says so
//! instead of returning a poor answer, and the caller decides what to show.
//!
//! Why ours and not `similar`'s (which is as fast on pairs of texts): it
//! compares through a predicate, so the same search aligns tokens that are
//! equal and, in [`diff_near`], paragraph keys where either of two keys may
//! match (similar needs items that hash and compare equal, one key each);
//! its budget counts edits as well as time, so a word diff of one paragraph
//! stops at 4,000 edits on any machine; and [`diff_near`] splits at the
//! furthest point once a search passes its cap, as git's xdiff does, where
//! similar's deadline gives up on the rest of the range. On 2 MB texts with
//! a tenth of their sentences rewritten that split is what keeps anchoring
//! to milliseconds.

use std::time::Instant;

/// One step of an edit script over two sequences `a` and `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `a[i]` matches `b[j]`.
    Same(usize, usize),
    /// `a[i]` is deleted.
    Del(usize),
    /// `b[j]` is inserted.
    Ins(usize),
}

/// Limits on the search.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// The largest edit distance (deletions plus insertions) to search.
    pub max_cost: usize,
    /// Give up after this instant.
    pub deadline: Option<Instant>,
}

/// The search ran past its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfBudget;

/// The shortest edit script turning `a` into `b`, where `eq(i, j)` says
/// whether `a[i]` and `b[j]` match. Common prefix and suffix are matched
/// first; the middle is searched with Myers' algorithm.
pub fn diff(n: usize, m: usize, eq: impl Fn(usize, usize) -> bool, budget: Budget) -> Result<Vec<Op>, OutOfBudget> {
    let mut pre = 0;
    while pre < n && pre < m && eq(pre, pre) {
        pre += 1;
    }
    let mut suf = 0;
    while suf < n - pre && suf < m - pre && eq(n - 1 - suf, m - 1 - suf) {
        suf += 1;
    }
    let mut ops: Vec<Op> = (0..pre).map(|i| Op::Same(i, i)).collect();
    let (an, bm) = (n - pre - suf, m - pre - suf);
    if an == 0 {
        ops.extend((pre..pre + bm).map(Op::Ins));
    } else if bm == 0 {
        ops.extend((pre..pre + an).map(Op::Del));
    } else {
        let mid = middle(an, bm, |i, j| eq(pre + i, pre + j), budget)?;
        ops.extend(mid.into_iter().map(|op| match op {
            Op::Same(i, j) => Op::Same(pre + i, pre + j),
            Op::Del(i) => Op::Del(pre + i),
            Op::Ins(j) => Op::Ins(pre + j),
        }));
    }
    ops.extend((0..suf).map(|k| Op::Same(n - suf + k, m - suf + k)));
    Ok(ops)
}

/// A script that is shortest where the texts differ little, found in time
/// close to linear however much they differ: when the search for a middle
/// point passes `sqrt(n + m)` edits (at least 256), it splits at the point
/// that got furthest instead, as git's xdiff does. It is used to find
/// anchors among many paragraphs, where a longer script costs nothing but
/// an exact one on texts that differ much costs seconds; it fails only when
/// `deadline` passes.
pub fn diff_near(n: usize, m: usize, eq: impl Fn(usize, usize) -> bool, deadline: Option<Instant>) -> Result<Vec<Op>, OutOfBudget> {
    let cap = ((n + m) as f64).sqrt() as usize;
    let budget = Budget { max_cost: usize::MAX / 4, deadline };
    let mut s = Search::new(&eq, n, m, budget);
    s.cap = Some(cap.max(256));
    s.conquer(0, n, 0, m)?;
    Ok(s.ops)
}

/// Linear-space Myers: finds the middle snake of the shortest path, then
/// solves the two halves the same way (Myers 1986, section 4b). Memory is
/// O(n + m) whatever the distance.
fn middle(n: usize, m: usize, eq: impl Fn(usize, usize) -> bool, budget: Budget) -> Result<Vec<Op>, OutOfBudget> {
    let mut s = Search::new(&eq, n, m, budget);
    s.conquer(0, n, 0, m)?;
    Ok(s.ops)
}

struct Search<'e, E: Fn(usize, usize) -> bool> {
    eq: &'e E,
    vf: Vec<isize>,
    vb: Vec<isize>,
    off: isize,
    budget: Budget,
    ops: Vec<Op>,
    /// Past this many edits, split at the furthest point ([`diff_near`]).
    cap: Option<usize>,
}

impl<'e, E: Fn(usize, usize) -> bool> Search<'e, E> {
    fn new(eq: &'e E, n: usize, m: usize, budget: Budget) -> Self {
        let max = n + m + 2;
        Search {
            eq,
            vf: vec![0; 2 * max + 1],
            vb: vec![0; 2 * max + 1],
            off: max as isize,
            budget,
            ops: Vec::with_capacity(n + m),
            cap: None,
        }
    }

    /// The point furthest along the forward or backward paths of `d` edits.
    fn furthest(&self, d: isize, n: isize, m: isize) -> (usize, usize) {
        let off = self.off;
        let (mut best, mut at) = (-1, (0, 0));
        let mut k = d;
        while k >= -d {
            let x = self.vf[(off + k) as usize].min(n);
            let y = x - k;
            if (0..=m).contains(&y) && x + y > best {
                (best, at) = (x + y, (x, y));
            }
            let xb = self.vb[(off + k) as usize].min(n);
            let yb = xb - k;
            // A backward path on diagonal k ends at (n - xb, m - yb) with k measured from the end.
            if (0..=m).contains(&yb) && xb + yb > best {
                (best, at) = (xb + yb, (n - xb, m - yb));
            }
            k -= 2;
        }
        (at.0 as usize, at.1 as usize)
    }

    fn conquer(&mut self, mut a0: usize, mut a1: usize, mut b0: usize, mut b1: usize) -> Result<(), OutOfBudget> {
        while a0 < a1 && b0 < b1 && (self.eq)(a0, b0) {
            self.ops.push(Op::Same(a0, b0));
            a0 += 1;
            b0 += 1;
        }
        let mut suffix = 0;
        while a1 > a0 && b1 > b0 && (self.eq)(a1 - 1, b1 - 1) {
            a1 -= 1;
            b1 -= 1;
            suffix += 1;
        }
        if a0 == a1 {
            self.ops.extend((b0..b1).map(Op::Ins));
        } else if b0 == b1 {
            self.ops.extend((a0..a1).map(Op::Del));
        } else {
            let (x, y) = self.middle_snake(a0, a1, b0, b1)?;
            self.conquer(a0, x, b0, y)?;
            self.conquer(x, a1, y, b1)?;
        }
        self.ops.extend((0..suffix).map(|k| Op::Same(a1 + k, b1 + k)));
        Ok(())
    }

    /// A point on the shortest path from (a0, b0) to (a1, b1), strictly inside it.
    fn middle_snake(&mut self, a0: usize, a1: usize, b0: usize, b1: usize) -> Result<(usize, usize), OutOfBudget> {
        let (n, m) = ((a1 - a0) as isize, (b1 - b0) as isize);
        let delta = n - m;
        let odd = delta & 1 == 1;
        let off = self.off;
        self.vf[(off + 1) as usize] = 0;
        self.vb[(off + 1) as usize] = 0;
        let d_max = (n + m + 1) / 2 + 1;
        for d in 0..d_max {
            if d as usize * 2 > self.budget.max_cost || (d % 32 == 0 && self.budget.deadline.is_some_and(|t| Instant::now() >= t)) {
                return Err(OutOfBudget);
            }
            if d > 0 && self.cap.is_some_and(|c| d as usize > c) {
                let (x, y) = self.furthest(d - 1, n, m);
                // Strictly inside, so both halves are smaller (a corner would not split).
                if (x, y) != (0, 0) && (x as isize, y as isize) != (n, m) {
                    return Ok((a0 + x, b0 + y));
                }
            }
            let mut k = d;
            while k >= -d {
                let i = (off + k) as usize;
                let mut x = if k == -d || (k != d && self.vf[i - 1] < self.vf[i + 1]) { self.vf[i + 1] } else { self.vf[i - 1] + 1 };
                let mut y = x - k;
                let (x0, y0) = (x, y);
                while x < n && y < m && (self.eq)(a0 + x as usize, b0 + y as usize) {
                    x += 1;
                    y += 1;
                }
                self.vf[i] = x;
                if odd && (k - delta).abs() < d && self.vf[i] + self.vb[(off - (k - delta)) as usize] >= n {
                    return Ok((a0 + x0 as usize, b0 + y0 as usize));
                }
                k -= 2;
            }
            let mut k = d;
            while k >= -d {
                let i = (off + k) as usize;
                let mut x = if k == -d || (k != d && self.vb[i - 1] < self.vb[i + 1]) { self.vb[i + 1] } else { self.vb[i - 1] + 1 };
                let mut y = x - k;
                while x < n && y < m && (self.eq)(a1 - 1 - x as usize, b1 - 1 - y as usize) {
                    x += 1;
                    y += 1;
                }
                self.vb[i] = x;
                if !odd && (k - delta).abs() <= d && self.vb[i] + self.vf[(off - (k - delta)) as usize] >= n {
                    return Ok((a1 - x as usize, b1 - y as usize));
                }
                k -= 2;
            }
        }
        Err(OutOfBudget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: Budget = Budget { max_cost: usize::MAX / 4, deadline: None };

    fn run(a: &str, b: &str) -> Vec<Op> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        diff(a.len(), b.len(), |i, j| a[i] == b[j], FREE).unwrap()
    }

    fn apply(a: &str, b: &str, ops: &[Op]) -> (String, String) {
        let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut old = String::new();
        let mut new = String::new();
        for op in ops {
            match *op {
                Op::Same(i, j) => {
                    assert_eq!(ac[i], bc[j]);
                    old.push(ac[i]);
                    new.push(bc[j]);
                }
                Op::Del(i) => old.push(ac[i]),
                Op::Ins(j) => new.push(bc[j]),
            }
        }
        (old, new)
    }

    #[test]
    fn scripts_rebuild_both_sides_and_are_shortest() {
        for (a, b, cost) in
            [("abcabba", "cbabac", 5), ("", "abc", 3), ("abc", "", 3), ("same", "same", 0), ("kitten", "sitting", 5), ("ab", "ba", 2)]
        {
            let ops = run(a, b);
            assert_eq!(apply(a, b, &ops), (a.to_string(), b.to_string()), "{a} {b}");
            let edits = ops.iter().filter(|o| !matches!(o, Op::Same(..))).count();
            assert_eq!(edits, cost, "{a} -> {b}: {ops:?}");
        }
    }

    /// Edit distance by dynamic programming, to check that scripts are shortest.
    fn distance(a: &[u8], b: &[u8]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = if a[i - 1] == b[j - 1] { prev[j - 1] } else { 1 + prev[j].min(cur[j - 1]) };
            }
            prev = cur;
        }
        prev[b.len()]
    }

    proptest::proptest! {
        #[test]
        fn random_sequences_get_a_shortest_valid_script(a in proptest::collection::vec(0u8..4, 0..60), b in proptest::collection::vec(0u8..4, 0..60)) {
            let ops = diff(a.len(), b.len(), |i, j| a[i] == b[j], FREE).unwrap();
            let (mut oa, mut ob) = (Vec::new(), Vec::new());
            for op in &ops {
                match *op {
                    Op::Same(i, j) => { proptest::prop_assert_eq!(a[i], b[j]); oa.push(a[i]); ob.push(b[j]); }
                    Op::Del(i) => oa.push(a[i]),
                    Op::Ins(j) => ob.push(b[j]),
                }
            }
            proptest::prop_assert_eq!(&oa, &a);
            proptest::prop_assert_eq!(&ob, &b);
            let edits = ops.iter().filter(|o| !matches!(o, Op::Same(..))).count();
            proptest::prop_assert_eq!(edits, distance(&a, &b));
        }
    }

    #[test]
    fn budget_is_respected() {
        let a: Vec<u32> = (0..200).collect();
        let b: Vec<u32> = (1000..1200).collect();
        let r = diff(a.len(), b.len(), |i, j| a[i] == b[j], Budget { max_cost: 50, deadline: None });
        assert_eq!(r, Err(OutOfBudget));
        let past = Instant::now() - std::time::Duration::from_millis(1);
        let r = diff(a.len(), b.len(), |i, j| a[i] == b[j], Budget { max_cost: 10_000, deadline: Some(past) });
        assert_eq!(r, Err(OutOfBudget));
    }
}
