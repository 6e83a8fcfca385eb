//! Myers' O(ND) difference algorithm over sequences compared by a predicate,
//! with a budget: when the edit distance or the time runs out, it says so
//! instead of returning a poor answer, and the caller decides what to show.

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
/// first; the middle is searched with Myers' greedy algorithm.
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

fn middle(n: usize, m: usize, eq: impl Fn(usize, usize) -> bool, budget: Budget) -> Result<Vec<Op>, OutOfBudget> {
    let max = (n + m).min(budget.max_cost);
    let off = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    // The frontier after each round, for the walk back.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max as isize {
        if d % 64 == 0 && budget.deadline.is_some_and(|t| Instant::now() >= t) {
            return Err(OutOfBudget);
        }
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) { v[idx + 1] } else { v[idx - 1] + 1 };
            let mut y = x - k;
            while (x as usize) < n && (y as usize) < m && eq(x as usize, y as usize) {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x as usize >= n && y as usize >= m {
                trace.push(v[(off - d) as usize..=(off + d) as usize].to_vec());
                return Ok(walk_back(&trace, n, m));
            }
            k += 2;
        }
        trace.push(v[(off - d) as usize..=(off + d) as usize].to_vec());
    }
    Err(OutOfBudget)
}

/// Rebuilds the script from the frontiers: `trace[d][k + d]` is the furthest
/// x reached on diagonal k after d edits.
fn walk_back(trace: &[Vec<isize>], n: usize, m: usize) -> Vec<Op> {
    let mut ops = Vec::with_capacity(n + m);
    let (mut x, mut y) = (n as isize, m as isize);
    for d in (1..trace.len() as isize).rev() {
        let prev = &trace[(d - 1) as usize];
        let k = x - y;
        let at = |k: isize| prev[(k + d - 1) as usize];
        let down = k == -d || (k != d && at(k - 1) < at(k + 1));
        let pk = if down { k + 1 } else { k - 1 };
        let px = at(pk);
        let py = px - pk;
        let (sx, sy) = if down { (px, py + 1) } else { (px + 1, py) };
        while x > sx && y > sy {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize, y as usize));
        }
        if down {
            ops.push(Op::Ins(py as usize));
        } else {
            ops.push(Op::Del(px as usize));
        }
        x = px;
        y = py;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push(Op::Same(x as usize, y as usize));
    }
    ops.reverse();
    ops
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
